package quantlab.tfref;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test inputs for a range {@code [min, max]} and a quantization step {@code 1 / scale}: random
 * values of several distributions, values on and next to rounding ties (built from the scale),
 * values outside the range, and the special values. Deterministic for a seed.
 */
final class Inputs {
  private Inputs() {}

  /** Specials: signed zeros, infinities, extremes, subnormals. NaN is added by {@link #nan}. */
  static final float[] SPECIALS = {
    0.0f, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE,
    -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
    1e-30f, -1e-30f, 1e30f, -1e30f, 1f, -1f
  };

  /**
   * About {@code n} values for {@code [min, max]} with steps of {@code step} (the real value of
   * one code); {@code step <= 0} or non-finite skips the tie values.
   */
  static float[] forRange(float min, float max, float step, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Float> v = new ArrayList<>();
    float lo = Math.min(min, max);
    float hi = Math.max(min, max);
    double width = Math.max((double) hi - lo, 1e-6);
    double mid = (lo + (double) hi) / 2;
    for (int i = 0; i < n / 5; i++) {
      v.add((float) (lo + r.nextDouble() * (hi - (double) lo))); // uniform inside
      v.add((float) (mid + r.nextGaussian() * width / 3)); // normal, some outside
      v.add((float) (mid + width / 10 * Math.tan(Math.PI * (r.nextDouble() - 0.5)))); // Cauchy
      v.add((float) ((r.nextBoolean() ? 1 : -1) * Math.pow(10, -38 + 76 * r.nextDouble()))); // any magnitude
      v.add((float) (lo - width + r.nextDouble() * 3 * width)); // around and outside
    }
    if (step > 0 && Float.isFinite(step) && Float.isFinite(lo) && Float.isFinite(hi)) {
      // ties k + 0.5 steps away from 0 and from min, and their float neighbours
      int codes = (int) Math.min(4000, Math.max(2, width / step));
      int every = Math.max(1, codes / Math.max(1, n / 6));
      for (int k = -codes - 2; k <= codes + 2; k += every) {
        for (double base : new double[] {0.0, lo}) {
          float t = (float) (base + (k + 0.5) * step);
          v.add(t);
          v.add(Math.nextUp(t));
          v.add(Math.nextDown(t));
        }
      }
    }
    for (float s : SPECIALS) {
      v.add(s);
    }
    v.add(min);
    v.add(max);
    v.add(Math.nextUp(max));
    v.add(Math.nextDown(min));
    float[] out = new float[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i);
    }
    shuffle(out, r);
    return out;
  }

  /** A copy of {@code x} with NaN written at a few positions, including the first and last. */
  static float[] nan(float[] x, long seed) {
    float[] y = x.clone();
    if (y.length == 0) {
      return y;
    }
    SplittableRandom r = new SplittableRandom(seed);
    y[0] = Float.NaN;
    y[y.length - 1] = Float.NaN;
    for (int i = 0; i < Math.max(1, y.length / 50); i++) {
      y[r.nextInt(y.length)] = Float.NaN;
    }
    return y;
  }

  static void shuffle(float[] a, SplittableRandom r) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      float t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Ranges [min, max] to test: around zero, one-sided, not containing zero, tiny, huge. */
  static final float[][] RANGES = {
    {-1.5f, 2.5f}, {-1f, 1f}, {0f, 1f}, {-1f, 0f}, {-0.3f, 6.2f}, {-127.5f, 3.25f},
    {0.5f, 3f}, {-4f, -1f}, {-1e-6f, 2e-6f}, {-3e4f, 7e4f}, {-1e30f, 1e30f},
    {-0.0f, 0.7f}, {-2.3f, -0.0f}, {0.1f, 0.1f}, {-2f, -2f}, {0f, 0f}, {-0.0f, 0.0f},
    {-1f / 3, 1f / 7}, {-128f, 127f}, {-0.001f, 1000f}
  };
}
