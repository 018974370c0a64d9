package quantlab.bench;

import java.util.SplittableRandom;

/**
 * The data every benchmark works on: 16 M floats (2^24) drawn from N(0, 1) with a fixed seed,
 * and the per-tensor int8 parameters they are quantized with.
 *
 * <p>The range is {@code [-R, R]} with {@code R = 127 / 32}, so TensorFlow's SCALED mode uses the
 * scale factor {@code 127 / R = 32} and quantlab the scale {@code R / 127 = 1/32}: both powers
 * of two, so {@code x / scale} (quantlab) and {@code x * 32} (TensorFlow) are the same float and
 * both produce the same codes, which {@link TfBench} checks before it times anything. About 1 in
 * 14,000 values lies outside the range and is clipped.
 */
final class BenchData {
  private BenchData() {}

  /** 16 M = 2^24 values. */
  static final int N = 1 << 24;

  /** The symmetric range TensorFlow is given: {@code [-R, R]}. */
  static final float R = 127f / 32f;

  /** quantlab's scale, {@code R / 127 = 1/32}. */
  static final float SCALE = 1f / 32f;

  static final int ZERO_POINT = 0;
  static final int QMIN = -128;
  static final int QMAX = 127;

  /** 2^24 floats from N(0, 1), always the same (seed 2024). */
  static float[] gaussian() {
    SplittableRandom rng = new SplittableRandom(2024);
    float[] x = new float[N];
    for (int i = 0; i < N; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    return x;
  }
}
