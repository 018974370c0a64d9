package quantlab.quant;

import java.util.Locale;

/**
 * How far {@code xHat} is from {@code x}, with {@code error = xHat - x}: mean squared error, its
 * root, the signal-to-quantization-noise ratio, the largest error, the mean error (bias), how many
 * values were clipped, and the error histogram. Immutable; sums are taken in double.
 *
 * <pre>
 *   MSE    = sum(e^2) / n                     RMSE = sqrt(MSE)
 *   SQNR   = 10 * log10(sum(x^2) / sum(e^2))  in dB
 *   max|e| = max |xHat - x|                   bias = sum(e) / n
 * </pre>
 *
 * <p>Each bit of a well-calibrated uniform quantizer is worth about 6 dB of SQNR. Special cases:
 * when every error is 0 (including an empty input) SQNR is {@code +Infinity}; when the signal is
 * all zeros but some error is not, SQNR is {@code -Infinity}. An empty input has MSE, RMSE,
 * max|e| and bias 0.
 *
 * <p>Example: {@code ErrorStats.of(new float[] {1, 2, 3, 4}, new float[] {1, 2, 3, 5})} has
 * {@code n = 4}, {@code MSE = 0.25}, {@code RMSE = 0.5}, {@code max|e| = 1}, {@code bias = 0.25}
 * and {@code SQNR = 10 log10(30 / 1) = 14.77 dB}.
 *
 * <p>The histogram has {@value #HISTOGRAM_BINS} bins over {@code [-max|e|, max|e|]} ({@code [-1,
 * 1]} when there is no error), so its middle bin is centred on 0; use {@link
 * #errorHistogram(float[], float[], int, double, double)} for bins of your choice. Explained in
 * lesson 03.
 */
public final class ErrorStats {
  /** Bins of the default error histogram (odd, so that 0 is the centre of the middle bin). */
  public static final int HISTOGRAM_BINS = 41;

  private final long n;
  private final double sumSqX;
  private final double sumSqE;
  private final double sumE;
  private final double maxAbsE;
  private final long clipped;
  private final ValueHistogram histogram;

  private ErrorStats(long n, double sumSqX, double sumSqE, double sumE, double maxAbsE,
      long clipped, ValueHistogram histogram) {
    this.n = n;
    this.sumSqX = sumSqX;
    this.sumSqE = sumSqE;
    this.sumE = sumE;
    this.maxAbsE = maxAbsE;
    this.clipped = clipped;
    this.histogram = histogram;
  }

  /**
   * The statistics of {@code error = xHat - x}; the clipped count is unknown (see {@link
   * #hasClippedCount()}).
   *
   * @throws IllegalArgumentException if the lengths differ (naming both) or a value is NaN or
   *     infinite (naming the array and index)
   */
  public static ErrorStats of(float[] x, float[] xHat) {
    return compute(x, xHat, -1);
  }

  /** As {@link #of(float[], float[])}, with the number of values that were clipped. */
  public static ErrorStats of(float[] x, float[] xHat, long clippedCount) {
    Check.notNull("xHat", xHat);
    if (clippedCount < 0 || clippedCount > xHat.length) {
      throw new IllegalArgumentException(
          "clippedCount must be in [0, " + xHat.length + "], got " + clippedCount);
    }
    return compute(x, xHat, clippedCount);
  }

  /** The error of a quantized tensor: {@code xHat = t.dequantize()}, clipped count from {@code t}. */
  public static ErrorStats of(float[] x, QuantizedTensor t) {
    Check.notNull("t", t);
    return of(x, t.dequantize(), t.clippedCount());
  }

  /** The error of a fake quantization: its {@code xHat} and clipped count. */
  public static ErrorStats of(float[] x, FakeQuantized f) {
    Check.notNull("f", f);
    return of(x, f.xHat(), f.clippedCount());
  }

  private static ErrorStats compute(float[] x, float[] xHat, long clipped) {
    Check.notNull("x", x);
    Check.notNull("xHat", xHat);
    Check.sameLength("x", x.length, "xHat", xHat.length);
    double sumSqX = 0;
    double sumSqE = 0;
    double sumE = 0;
    double maxAbsE = 0;
    for (int i = 0; i < x.length; i++) {
      double xi = finite("x", i, x[i]);
      double e = finite("xHat", i, xHat[i]) - xi;
      sumSqX += xi * xi;
      sumSqE += e * e;
      sumE += e;
      maxAbsE = Math.max(maxAbsE, Math.abs(e));
    }
    double h = maxAbsE > 0 ? maxAbsE : 1;
    ValueHistogram hist = errorHistogram(x, xHat, HISTOGRAM_BINS, -h, h);
    return new ErrorStats(x.length, sumSqX, sumSqE, sumE, maxAbsE, clipped, hist);
  }

  private static float finite(String name, int i, float v) {
    if (!Float.isFinite(v)) {
      throw new IllegalArgumentException(
          name + "[" + i + "] is " + v + "; error statistics need finite values");
    }
    return v;
  }

  /**
   * The histogram of {@code error = xHat - x} (computed in double) with {@code bins} bins over
   * {@code [lo, hi]}; errors outside count as under/overflow. For example, bins over {@code
   * [-scale/2, scale/2]} show the uniform rounding error, with clipped values outside.
   */
  public static ValueHistogram errorHistogram(float[] x, float[] xHat, int bins, double lo,
      double hi) {
    Check.notNull("x", x);
    Check.notNull("xHat", xHat);
    Check.sameLength("x", x.length, "xHat", xHat.length);
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
      throw new IllegalArgumentException(
          "lo and hi must be finite with lo < hi, got lo " + lo + ", hi " + hi);
    }
    long[] counts = new long[bins];
    long under = 0;
    long over = 0;
    double perUnit = bins / (hi - lo);
    for (int i = 0; i < x.length; i++) {
      double e = (double) finite("xHat", i, xHat[i]) - finite("x", i, x[i]);
      if (e < lo) {
        under++;
      } else if (e > hi) {
        over++;
      } else {
        counts[ValueHistogram.binIndex(e, lo, perUnit, bins)]++;
      }
    }
    return ValueHistogram.ofCounts(lo, hi, counts, under, over);
  }

  /** The number of values compared. */
  public long count() {
    return n;
  }

  /** Mean squared error {@code sum(e^2) / n} (0 when empty). */
  public double mse() {
    return n == 0 ? 0 : sumSqE / n;
  }

  /** Root mean squared error {@code sqrt(MSE)}. */
  public double rmse() {
    return Math.sqrt(mse());
  }

  /**
   * Signal-to-quantization-noise ratio in dB, {@code 10 * log10(sum(x^2) / sum(e^2))}:
   * {@code +Infinity} when every error is 0, {@code -Infinity} when the signal is all zeros and
   * some error is not.
   */
  public double sqnrDb() {
    if (sumSqE == 0) {
      return Double.POSITIVE_INFINITY;
    }
    return 10 * Math.log10(sumSqX / sumSqE);
  }

  /** The largest {@code |xHat - x|} (0 when empty). */
  public double maxAbsError() {
    return maxAbsE;
  }

  /** The mean error {@code sum(xHat - x) / n}: positive when {@code xHat} tends to be too large. */
  public double bias() {
    return n == 0 ? 0 : sumE / n;
  }

  /** {@code sum(e^2)}. */
  public double sumSquaredError() {
    return sumSqE;
  }

  /** {@code sum(x^2)}, the signal energy. */
  public double sumSquaredSignal() {
    return sumSqX;
  }

  /** Whether the clipped count is known (it is when made from a tensor, a fake quantization or a count). */
  public boolean hasClippedCount() {
    return clipped >= 0;
  }

  /**
   * How many values were clipped.
   *
   * @throws IllegalStateException when unknown: made by {@link #of(float[], float[])}
   */
  public long clippedCount() {
    if (clipped < 0) {
      throw new IllegalStateException(
          "the clipped count is unknown: ErrorStats.of(x, xHat) does not see the quantizer; use "
              + "of(x, quantizedTensor), of(x, fakeQuantized) or of(x, xHat, clippedCount)");
    }
    return clipped;
  }

  /** {@link #clippedCount()} over the number of values (0 when empty). */
  public double clippedFraction() {
    long c = clippedCount();
    return n == 0 ? 0 : (double) c / n;
  }

  /** The error histogram: {@value #HISTOGRAM_BINS} bins over {@code [-max|e|, max|e|]}. */
  public ValueHistogram histogram() {
    return histogram;
  }

  /**
   * {@code ErrorStats{n=100352, RMSE=4.58e-04, SQNR=42.3 dB, max|e|=1.2e-03, bias=-3.1e-07,
   * clipped=0 (0.00%)}}; the clipped part is left out when unknown.
   */
  @Override
  public String toString() {
    double sqnr = sqnrDb();
    String s = Double.isInfinite(sqnr) ? (sqnr > 0 ? "+inf" : "-inf")
        : String.format(Locale.ROOT, "%.1f", sqnr);
    String out = String.format(Locale.ROOT, "ErrorStats{n=%d, RMSE=%.2e, SQNR=%s dB, max|e|=%.1e, "
        + "bias=%.1e", n, rmse(), s, maxAbsE, bias());
    if (hasClippedCount()) {
      out += String.format(Locale.ROOT, ", clipped=%d (%.2f%%)", clipped,
          100 * clippedFraction());
    }
    return out + "}";
  }
}
