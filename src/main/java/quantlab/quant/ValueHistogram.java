package quantlab.quant;

import java.util.Arrays;
import java.util.Locale;

/**
 * Counts of values in {@code bins} equal-width bins over {@code [lo, hi]}, with the values below
 * {@code lo} (underflow) and above {@code hi} (overflow) counted apart. Immutable.
 *
 * <p>Bin {@code i} holds {@code lo + i * width <= v < lo + (i + 1) * width} with {@code width =
 * (hi - lo) / bins}; the last bin also holds {@code v == hi} (as numpy's {@code histogram}).
 *
 * <p>Example: {@code ValueHistogram.of(new float[] {0f, 1f, 1.5f, 4f, -1f, 9f}, 4, 0, 4)} has edges
 * {@code [0, 1, 2, 3, 4]}, counts {@code [1, 2, 0, 1]}, underflow 1 and overflow 1.
 *
 * <p>Used for the error distribution in {@link ErrorStats} and by the histogram-based calibrators
 * of {@code quantlab.calib}. Explained in lesson 03.
 */
public final class ValueHistogram {
  private final double lo;
  private final double hi;
  private final long[] counts;
  private final long underflow;
  private final long overflow;

  private ValueHistogram(double lo, double hi, long[] counts, long underflow, long overflow) {
    this.lo = lo;
    this.hi = hi;
    this.counts = counts;
    this.underflow = underflow;
    this.overflow = overflow;
  }

  /**
   * Counts {@code values} into {@code bins} bins over {@code [lo, hi]}.
   *
   * @throws IllegalArgumentException if {@code bins < 1}, {@code lo}/{@code hi} are not finite or
   *     {@code lo >= hi}, or a value is NaN (naming its index); infinities count as under/overflow
   */
  public static ValueHistogram of(float[] values, int bins, double lo, double hi) {
    Check.notNull("values", values);
    checkBounds(bins, lo, hi);
    long[] counts = new long[bins];
    long under = 0;
    long over = 0;
    double perUnit = bins / (hi - lo);
    for (int i = 0; i < values.length; i++) {
      float v = values[i];
      if (v != v) {
        throw new IllegalArgumentException("values[" + i + "] is NaN; a histogram needs numbers");
      }
      if (v < lo) {
        under++;
      } else if (v > hi) {
        over++;
      } else {
        counts[binIndex(v, lo, perUnit, bins)]++;
      }
    }
    return new ValueHistogram(lo, hi, counts, under, over);
  }

  /**
   * Counts {@code values} into {@code bins} bins over their own {@code [min, max]} (no under- or
   * overflow). All-equal values {@code v} use {@code [v - 0.5, v + 0.5]} (wider when {@code |v|
   * > 2^51}, where {@code v + 0.5} is {@code v} in double); an empty array uses {@code [0, 1]}.
   * NaN and infinities are rejected.
   */
  public static ValueHistogram of(float[] values, int bins) {
    Range r = Range.of(Check.notNull("values", values));
    double lo = r.min();
    double hi = r.max();
    if (values.length == 0) {
      hi = 1;
    } else if (lo == hi) {
      double d = Math.max(0.5, Math.ulp(lo));
      lo -= d;
      hi += d;
    }
    return of(values, bins, lo, hi);
  }

  /**
   * A histogram from counts made elsewhere (for example over {@code |x|}, or merged from several
   * batches).
   */
  public static ValueHistogram ofCounts(double lo, double hi, long[] counts, long underflow,
      long overflow) {
    Check.notNull("counts", counts);
    checkBounds(counts.length, lo, hi);
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException("counts[" + i + "] must be >= 0, got " + counts[i]);
      }
    }
    if (underflow < 0 || overflow < 0) {
      throw new IllegalArgumentException(
          "underflow and overflow must be >= 0, got " + underflow + " and " + overflow);
    }
    return new ValueHistogram(lo, hi, counts.clone(), underflow, overflow);
  }

  private static void checkBounds(int bins, double lo, double hi) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
      throw new IllegalArgumentException(
          "lo and hi must be finite with lo < hi, got lo " + lo + ", hi " + hi);
    }
  }

  /** The bin of {@code lo <= v <= hi}; {@code v == hi} (or rounding up to it) goes to the last. */
  static int binIndex(double v, double lo, double perUnit, int bins) {
    int b = (int) ((v - lo) * perUnit);
    return b >= bins ? bins - 1 : Math.max(b, 0);
  }

  /** The number of bins. */
  public int bins() {
    return counts.length;
  }

  /** The lower edge of the first bin. */
  public double lo() {
    return lo;
  }

  /** The upper edge of the last bin. */
  public double hi() {
    return hi;
  }

  /** {@code (hi - lo) / bins}. */
  public double binWidth() {
    return (hi - lo) / counts.length;
  }

  /** Edge {@code i} in {@code [0, bins]}: {@code lo + i * binWidth}, exactly {@code hi} at the end. */
  public double edge(int i) {
    if (i < 0 || i > counts.length) {
      throw new IndexOutOfBoundsException(
          "edge index must be in [0, " + counts.length + "], got " + i);
    }
    return i == counts.length ? hi : lo + i * binWidth();
  }

  /** All {@code bins + 1} edges. */
  public double[] edges() {
    double[] e = new double[counts.length + 1];
    for (int i = 0; i <= counts.length; i++) {
      e[i] = edge(i);
    }
    return e;
  }

  /** The middle of bin {@code i}. */
  public double center(int i) {
    checkBin(i);
    return lo + (i + 0.5) * binWidth();
  }

  /** How many values fell into bin {@code i}. */
  public long count(int i) {
    return counts[checkBin(i)];
  }

  /** A copy of the counts of all bins. */
  public long[] counts() {
    return counts.clone();
  }

  /** How many values were below {@code lo}. */
  public long underflow() {
    return underflow;
  }

  /** How many values were above {@code hi}. */
  public long overflow() {
    return overflow;
  }

  /** How many values fell into the bins (not counting under- and overflow). */
  public long inRange() {
    long s = 0;
    for (long c : counts) {
      s += c;
    }
    return s;
  }

  /** Every value counted: bins plus underflow plus overflow. */
  public long total() {
    return inRange() + underflow + overflow;
  }

  private int checkBin(int i) {
    if (i < 0 || i >= counts.length) {
      throw new IndexOutOfBoundsException(
          "bin index must be in [0, " + (counts.length - 1) + "], got " + i);
    }
    return i;
  }

  /** {@code ValueHistogram{41 bins over [-0.0012, 0.0012], 100352 values, under=0, over=0}}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "ValueHistogram{%d bins over [%.4g, %.4g], %d values, under=%d, "
        + "over=%d}", counts.length, lo, hi, total(), underflow, overflow);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValueHistogram h
        && h.lo == lo
        && h.hi == hi
        && h.underflow == underflow
        && h.overflow == overflow
        && Arrays.equals(h.counts, counts);
  }

  @Override
  public int hashCode() {
    return (Double.hashCode(lo) * 31 + Double.hashCode(hi)) * 31 + Arrays.hashCode(counts)
        + Long.hashCode(underflow) * 7 + Long.hashCode(overflow);
  }
}
