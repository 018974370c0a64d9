package quantlab.quant;

import java.util.SplittableRandom;

/**
 * How a real value {@code v = x / scale} becomes an integer before the zero point is added.
 *
 * <pre>
 *   v        HALF_TO_EVEN  HALF_AWAY_FROM_ZERO  HALF_UP  TRUNCATE  FLOOR  STOCHASTIC
 *   2.5      2             3                    3        2         2      2 or 3 (p = 0.5)
 *  -2.5     -2            -3                   -2       -2        -3     -3 or -2
 *   2.7      3             3                    3        2         2      2 (p=0.3) or 3 (p=0.7)
 * </pre>
 *
 * <p>Round-to-nearest modes make an error in [-scale/2, +scale/2]; {@code TRUNCATE} and
 * {@code FLOOR} make an error of up to one whole step, always in one direction, which biases a
 * dot product; {@code STOCHASTIC} rounds up with probability equal to the fraction, so its
 * expected value is {@code v} itself (no bias). Explained in lesson 03.
 */
public enum Rounding {
  /** Round to nearest, ties to the even integer (IEEE 754 default; numpy, PyTorch, XNNPACK). */
  HALF_TO_EVEN,
  /** Round to nearest, ties away from zero (C {@code std::round}; TFLite reference, TF default). */
  HALF_AWAY_FROM_ZERO,
  /** Round to nearest, ties toward +infinity ({@code floor(v + 0.5)}, as TF's FakeQuant does). */
  HALF_UP,
  /** Drop the fraction: round toward zero (what a C cast does). */
  TRUNCATE,
  /** Round toward -infinity. */
  FLOOR,
  /** Round up with probability {@code v - floor(v)}, reproducibly from a seed. */
  STOCHASTIC;

  /**
   * Rounds {@code v} with this mode. {@code rng} is used only by {@link #STOCHASTIC}, which
   * requires it; the others accept {@code null}.
   *
   * <p>Example: {@code Rounding.HALF_TO_EVEN.round(2.5, null)} is {@code 2.0}.
   */
  public double round(double v, SplittableRandom rng) {
    switch (this) {
      case HALF_TO_EVEN:
        return Math.rint(v);
      case HALF_AWAY_FROM_ZERO:
        return roundHalfAwayFromZero(v);
      case HALF_UP:
        return roundHalfUp(v);
      case TRUNCATE:
        return v < 0 ? Math.ceil(v) : Math.floor(v);
      case FLOOR:
        return Math.floor(v);
      case STOCHASTIC:
        if (rng == null) {
          throw new IllegalArgumentException("rng must not be null for STOCHASTIC rounding");
        }
        double f = Math.floor(v);
        return rng.nextDouble() < v - f ? f + 1 : f;
      default:
        throw new AssertionError(this);
    }
  }

  /** Rounds a non-stochastic mode; {@code STOCHASTIC} throws here. */
  public double round(double v) {
    return round(v, null);
  }

  /** Whether the expected rounding error is zero for values spread over a step. */
  public boolean isUnbiased() {
    return this == HALF_TO_EVEN || this == STOCHASTIC;
  }

  /** Whether this mode rounds to the nearest integer (error at most one half). */
  public boolean isNearest() {
    return this == HALF_TO_EVEN || this == HALF_AWAY_FROM_ZERO || this == HALF_UP;
  }

  static double roundHalfAwayFromZero(double v) {
    // floor(|v| + 0.5) is wrong for 0.49999999999999994 (the sum rounds up to 1.0); compare the
    // exact fraction instead.
    double a = Math.abs(v);
    double f = Math.floor(a);
    double r = a - f >= 0.5 ? f + 1 : f;
    return Math.copySign(r, v);
  }

  static double roundHalfUp(double v) {
    double f = Math.floor(v);
    return v - f >= 0.5 ? f + 1 : f;
  }
}
