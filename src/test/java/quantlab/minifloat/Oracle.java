package quantlab.minifloat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test oracles written from the format definitions, independently of {@link Codec}: a decoder
 * that applies the textbook formula in double arithmetic, and a brute-force nearest-value search
 * over the table it produces (exact, in BigDecimal), ties to the even mantissa.
 *
 * <p>Overflow follows IEEE 754 section 4.3.1 generalised to every format: values are rounded as if
 * the exponent range had no upper limit, so the candidates include one virtual value just above
 * the largest finite one ({@code max + ulp(max)}); whatever rounds to it, or lies beyond it,
 * overflows.
 */
final class Oracle {
  /** What the nearest-value search says {@code x} encodes to. */
  record Expected(boolean overflow, boolean nan, int bits) {}

  private record Candidate(BigDecimal value, int bits, boolean even) {}

  final int e;
  final int m;
  final int bias;
  final Specials specials;
  final int width;
  private final List<Candidate> positives; // finite values >= 0, ascending, plus the virtual one
  private final double[] values; // the same, in double, for the binary search
  private final int maxBits;

  private static final Map<String, Oracle> CACHE = new ConcurrentHashMap<>();

  /** The oracle for {@code f}'s layout (shared by formats that differ only in overflow policy). */
  static Oracle of(MiniFloat f) {
    String key = f.exponentBits() + "/" + f.mantissaBits() + "/" + f.bias() + "/" + f.specials();
    return CACHE.computeIfAbsent(key, k -> new Oracle(f));
  }

  private Oracle(MiniFloat f) {
    this.e = f.exponentBits();
    this.m = f.mantissaBits();
    this.bias = f.bias();
    this.specials = f.specials();
    this.width = 1 + e + m;
    List<Candidate> c = new ArrayList<>();
    for (int bits = 0; bits < (1 << (e + m)); bits++) {
      double v = decode(bits);
      if (Double.isFinite(v)) {
        c.add(new Candidate(new BigDecimal(v), bits, (bits & 1) == 0));
      }
    }
    c.sort(Comparator.comparing(Candidate::value));
    Candidate max = c.get(c.size() - 1);
    Candidate below = c.get(c.size() - 2);
    this.maxBits = max.bits;
    BigDecimal ulp = max.value.subtract(below.value);
    c.add(new Candidate(max.value.add(ulp), -1, !max.even));
    this.positives = c;
    this.values = c.stream().mapToDouble(k -> k.value.doubleValue()).toArray();
  }

  /** The value of pattern {@code bits} by the definition, in double (exact for these widths). */
  double decode(int bits) {
    int sign = (bits >>> (e + m)) & 1;
    int exponentField = (bits >>> m) & ((1 << e) - 1);
    int mantissa = bits & ((1 << m) - 1);
    boolean allOnesExponent = exponentField == (1 << e) - 1;
    if (specials == Specials.IEEE && allOnesExponent) {
      if (mantissa != 0) {
        return Double.NaN;
      }
      return sign == 1 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (specials == Specials.NAN_ONLY && allOnesExponent && mantissa == (1 << m) - 1) {
      return Double.NaN;
    }
    double magnitude = exponentField == 0
        ? Math.pow(2, 1 - bias) * (mantissa / Math.pow(2, m))
        : Math.pow(2, exponentField - bias) * (1 + mantissa / Math.pow(2, m));
    return sign == 1 ? -magnitude : magnitude;
  }

  /**
   * The nearest candidate to the finite {@code x}, ties to even: a binary search of the sorted
   * candidates in double, then an exact BigDecimal comparison among the two candidates on either
   * side of the position found.
   */
  Expected nearest(float x) {
    double ad = Math.abs((double) x);
    int scan = Arrays.binarySearch(values, ad);
    scan = scan >= 0 ? scan : -scan - 1; // the first candidate >= |x| (or one past the end)
    BigDecimal a = new BigDecimal(ad);
    int sign = (Float.floatToRawIntBits(x) >>> 31) << (e + m);
    Candidate best = null;
    BigDecimal bestDistance = null;
    for (int i = Math.max(0, scan - 2); i <= Math.min(positives.size() - 1, scan + 2); i++) {
      Candidate c = positives.get(i);
      BigDecimal d = c.value.subtract(a).abs();
      int cmp = best == null ? -1 : d.compareTo(bestDistance);
      if (cmp < 0 || (cmp == 0 && c.even && !best.even)) {
        best = c;
        bestDistance = d;
      }
    }
    Candidate virtual = positives.get(positives.size() - 1);
    if (best == virtual || a.compareTo(virtual.value) > 0) {
      return new Expected(true, false, sign);
    }
    return new Expected(false, false, sign | best.bits);
  }

  /** The pattern {@code f} must produce for {@code x} under its overflow policy. */
  Expected expected(MiniFloat f, float x) {
    if (Float.isNaN(x)) {
      return new Expected(false, true, 0);
    }
    int sign = (Float.floatToRawIntBits(x) >>> 31) << (e + m);
    Expected n = Float.isInfinite(x) ? new Expected(true, false, sign) : nearest(x);
    if (!n.overflow) {
      return n;
    }
    if (f.overflow() == Overflow.SATURATE) {
      return new Expected(true, false, sign | maxBits);
    }
    if (specials == Specials.IEEE) {
      return new Expected(true, false, sign | (((1 << e) - 1) << m));
    }
    return new Expected(true, true, 0);
  }

  /** Every finite non-negative value with its pattern, ascending (no virtual value). */
  List<double[]> finitePositives() {
    List<double[]> out = new ArrayList<>();
    for (Candidate c : positives.subList(0, positives.size() - 1)) {
      out.add(new double[] {c.value.doubleValue(), c.bits});
    }
    return out;
  }
}
