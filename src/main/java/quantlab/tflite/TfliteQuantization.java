package quantlab.tflite;

import java.util.Arrays;
import java.util.Locale;
import quantlab.quant.Granularity;
import quantlab.quant.IntFormat;
import quantlab.quant.QuantParams;

/**
 * The quantization parameters of one tensor, as stored in the file: {@code real = scale * (q -
 * zeroPoint)}, with one {@code (scale, zeroPoint)} pair for the whole tensor or one per slice
 * along {@link #quantizedDimension()} (per-channel). {@code min}/{@code max} are the calibration
 * range some converters also record; they are informational.
 *
 * <p>Example: the depthwise filter {@code [1, 10, 8, 8]} of micro_speech has 8 scales, zero
 * points all 0, quantized dimension 3. Explained in docs/tflite.md.
 */
public final class TfliteQuantization {
  private final float[] scales;
  private final long[] zeroPoints;
  private final int quantizedDimension;
  private final float[] min;
  private final float[] max;

  private TfliteQuantization(
      float[] scales, long[] zeroPoints, int quantizedDimension, float[] min, float[] max) {
    if (scales.length != zeroPoints.length) {
      throw new IllegalArgumentException("scales and zeroPoints must have the same length, got "
          + scales.length + " and " + zeroPoints.length);
    }
    this.scales = scales;
    this.zeroPoints = zeroPoints;
    this.quantizedDimension = quantizedDimension;
    this.min = min;
    this.max = max;
  }

  /** Per-tensor parameters. */
  public static TfliteQuantization perTensor(float scale, long zeroPoint) {
    return new TfliteQuantization(
        new float[] {scale}, new long[] {zeroPoint}, 0, new float[0], new float[0]);
  }

  /** Per-channel parameters along {@code quantizedDimension}. */
  public static TfliteQuantization perChannel(
      float[] scales, long[] zeroPoints, int quantizedDimension) {
    return new TfliteQuantization(
        scales.clone(), zeroPoints.clone(), quantizedDimension, new float[0], new float[0]);
  }

  /** Everything, as read from a file. */
  static TfliteQuantization of(
      float[] scales, long[] zeroPoints, int quantizedDimension, float[] min, float[] max) {
    return new TfliteQuantization(scales, zeroPoints, quantizedDimension, min, max);
  }

  /** From quantlab's parameters: per-tensor, or per-channel along {@code axis}. */
  public static TfliteQuantization of(QuantParams params) {
    float[] s = params.scales();
    int[] z = params.zeroPoints();
    long[] zl = new long[z.length];
    for (int i = 0; i < z.length; i++) {
      zl[i] = z[i];
    }
    int dim = 0;
    if (params.granularity() instanceof Granularity.PerChannel pc) {
      dim = pc.axis();
    } else if (!(params.granularity() instanceof Granularity.PerTensor)) {
      throw new IllegalArgumentException(
          "TFLite stores per-tensor or per-channel parameters, got " + params.granularity());
    }
    return new TfliteQuantization(s, zl, dim, new float[0], new float[0]);
  }

  /** Number of (scale, zeroPoint) pairs: 1 per tensor, or one per channel. */
  public int count() {
    return scales.length;
  }

  /** Whether there is one pair per slice along {@link #quantizedDimension()}. */
  public boolean isPerChannel() {
    return scales.length > 1;
  }

  /** Whether there are scales at all (a tensor may carry only min/max). */
  public boolean hasScales() {
    return scales.length > 0;
  }

  /** The single scale of a per-tensor quantization (the first one otherwise). */
  public float scale() {
    requireScales();
    return scales[0];
  }

  /** The single zero point of a per-tensor quantization (the first one otherwise). */
  public long zeroPoint() {
    requireScales();
    return zeroPoints[0];
  }

  public float scale(int i) {
    return scales[i];
  }

  public long zeroPoint(int i) {
    return zeroPoints[i];
  }

  public float[] scales() {
    return scales.clone();
  }

  public long[] zeroPoints() {
    return zeroPoints.clone();
  }

  /** The axis the per-channel parameters run along (0 when per-tensor). */
  public int quantizedDimension() {
    return quantizedDimension;
  }

  /** Calibration minimums, often empty. */
  public float[] min() {
    return min.clone();
  }

  /** Calibration maximums, often empty. */
  public float[] max() {
    return max.clone();
  }

  /**
   * quantlab's view of these parameters for codes of {@code format} (for example
   * {@link IntFormat#int8()}), per tensor or per channel along the quantized dimension.
   *
   * @throws IllegalArgumentException when a zero point or scale does not fit quantlab's rules
   */
  public QuantParams toQuantParams(IntFormat format) {
    requireScales();
    int[] z = new int[zeroPoints.length];
    for (int i = 0; i < z.length; i++) {
      if (zeroPoints[i] < Integer.MIN_VALUE || zeroPoints[i] > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("zeroPoint[" + i + "] " + zeroPoints[i]
            + " does not fit an int");
      }
      z[i] = (int) zeroPoints[i];
    }
    if (!isPerChannel()) {
      return QuantParams.of(format, scales[0], z[0]);
    }
    return QuantParams.of(format, Granularity.perChannel(quantizedDimension), scales, z);
  }

  private void requireScales() {
    if (scales.length == 0) {
      throw new IllegalStateException("this quantization has no scales (only min/max)");
    }
  }

  /** A short form for tables: {@code "scale=0.0235 zp=-3"} or {@code "8 scales on dim 3"}. */
  public String describe() {
    if (scales.length == 0) {
      return min.length > 0 ? String.format(Locale.ROOT, "min=%.4g max=%.4g", min[0], max[0])
          : "";
    }
    if (scales.length == 1) {
      return String.format(Locale.ROOT, "scale=%.6g zp=%d", scales[0], zeroPoints[0]);
    }
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float s : scales) {
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
    return String.format(Locale.ROOT, "%d scales on dim %d (%.3g..%.3g)", scales.length,
        quantizedDimension, lo, hi);
  }

  @Override
  public String toString() {
    if (scales.length <= 1) {
      return "TfliteQuantization{" + describe() + "}";
    }
    return "TfliteQuantization{quantizedDimension=" + quantizedDimension + ", scales="
        + abbreviate(Arrays.toString(scales)) + ", zeroPoints="
        + abbreviate(Arrays.toString(zeroPoints)) + "}";
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TfliteQuantization q && Arrays.equals(scales, q.scales)
        && Arrays.equals(zeroPoints, q.zeroPoints) && quantizedDimension == q.quantizedDimension
        && Arrays.equals(min, q.min) && Arrays.equals(max, q.max);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(scales) * 31 + Arrays.hashCode(zeroPoints) + quantizedDimension;
  }
}
