package quantlab.measure;

import java.util.Locale;
import java.util.Objects;

/**
 * A claim that something needs less than a baseline (less time, fewer bytes), with both values
 * measured in the same run, and its verdict. Explained in lesson 08.
 *
 * <p>The verdict compares the ratio {@code gain = baselineValue / candidateValue} (above 1: the
 * candidate needs less) with a noise band of {@link #BAND} (10%):
 *
 * <pre>
 *   gain &gt;= 1.10         "TRUE"       the baseline needs 1.1x the candidate or more (time: 1.1x faster)
 *   gain &lt;= 1 / 1.10     "FALSE"      the candidate needs 1.1x the baseline or more
 *   otherwise            "NOT SHOWN"  within the band: no difference this measurement can show
 * </pre>
 *
 * <p>Example: {@code new Claim("QAT trains faster", "float epoch", 2640, "QAT epoch", 4320, "ms")}
 * has {@code ratio() = 1.636...} (QAT takes 1.64x the time) and {@code verdict() = "FALSE"}.
 *
 * @param claim the claim in words, e.g. {@code "int8 runs faster than float32"}
 * @param baseline what the candidate is compared with, e.g. {@code "float32 in the interpreter"}
 * @param baselineValue the baseline's measured value (&gt; 0)
 * @param candidate what the claim is about, e.g. {@code "int8 in the interpreter"}
 * @param candidateValue the candidate's measured value (&gt;= 0), same unit as the baseline
 * @param unit the unit of both values, e.g. {@code "ms"} or {@code "bytes"}
 */
public record Claim(String claim, String baseline, double baselineValue, String candidate,
    double candidateValue, String unit) {
  /** The noise band: differences under 10% are "NOT SHOWN". */
  public static final double BAND = 0.10;

  /** Checks the values (see the class comment). */
  public Claim {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(unit, "unit");
    check(baselineValue, candidateValue);
  }

  private static void check(double baselineValue, double candidateValue) {
    if (!(baselineValue > 0) || Double.isInfinite(baselineValue)) {
      throw new IllegalArgumentException(
          "baselineValue must be a finite value > 0, got " + baselineValue);
    }
    if (!(candidateValue >= 0) || Double.isInfinite(candidateValue)) {
      throw new IllegalArgumentException(
          "candidateValue must be a finite value >= 0, got " + candidateValue);
    }
  }

  /** {@code candidateValue / baselineValue}: the candidate's time or size in baselines. */
  public double ratio() {
    return candidateValue / baselineValue;
  }

  /** "TRUE", "FALSE" or "NOT SHOWN", by {@link #verdict(double, double)}. */
  public String verdict() {
    return verdict(baselineValue, candidateValue);
  }

  /**
   * The verdict on "the candidate needs less than the baseline": "TRUE" when
   * {@code baseline / candidate >= 1.10}, "FALSE" when it is {@code <= 1 / 1.10}, else "NOT
   * SHOWN". Example: {@code verdict(2.0, 1.0)} is "TRUE", {@code verdict(1.0, 1.05)} is "NOT
   * SHOWN", {@code verdict(1.0, 1.64)} is "FALSE".
   */
  public static String verdict(double baselineValue, double candidateValue) {
    check(baselineValue, candidateValue);
    double gain = baselineValue / candidateValue;
    if (gain >= 1 + BAND) {
      return "TRUE";
    }
    if (gain <= 1 / (1 + BAND)) {
      return "FALSE";
    }
    return "NOT SHOWN";
  }

  /** {@code 0.26x float32 (106,928 vs 408,000 bytes)}. */
  public String measured() {
    return String.format(Locale.ROOT, "%sx %s (%s vs %s %s)", ratioText(ratio()), baseline,
        number(candidateValue), number(baselineValue), unit);
  }

  static String ratioText(double r) {
    return r >= 10 ? String.format(Locale.ROOT, "%.1f", r)
        : String.format(Locale.ROOT, "%.2f", r);
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    return Timing.fmt(v);
  }

  @Override
  public String toString() {
    return claim + ": " + candidate + " is " + measured() + " -> " + verdict();
  }
}
