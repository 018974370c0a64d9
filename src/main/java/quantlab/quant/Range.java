package quantlab.quant;

/**
 * A closed interval [min, max] of real values, the input to deriving a scale and zero point.
 *
 * <p>Example: {@code Range.of(-1.5f, 2.5f).width()} is {@code 4.0}.
 */
public record Range(float min, float max) {
  /** Checks that both ends are finite and {@code min <= max}. */
  public Range {
    Check.finite("min", min);
    Check.finite("max", max);
    if (min > max) {
      throw new IllegalArgumentException("min must be <= max, got min " + min + " > max " + max);
    }
  }

  public static Range of(float min, float max) {
    return new Range(min, max);
  }

  /** The symmetric range [-maxAbs, maxAbs]. */
  public static Range symmetric(float maxAbs) {
    if (!(maxAbs >= 0f) || Float.isInfinite(maxAbs)) {
      throw new IllegalArgumentException("maxAbs must be finite and >= 0, got " + maxAbs);
    }
    return new Range(-maxAbs, maxAbs);
  }

  /**
   * The smallest range holding every finite value of {@code x}; NaN and infinities are rejected.
   * An empty array gives [0, 0].
   */
  public static Range of(float[] x) {
    Check.notNull("x", x);
    if (x.length == 0) {
      return new Range(0f, 0f);
    }
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      float v = x[i];
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("x[" + i + "] must be finite, got " + v);
      }
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return new Range(lo, hi);
  }

  /** {@code max - min}. */
  public float width() {
    return max - min;
  }

  /** {@code max(|min|, |max|)}. */
  public float maxAbs() {
    return Math.max(Math.abs(min), Math.abs(max));
  }

  /** This range widened just enough to contain 0. */
  public Range withZero() {
    return new Range(Math.min(min, 0f), Math.max(max, 0f));
  }

  /** The smallest range holding both. */
  public Range union(Range other) {
    return new Range(Math.min(min, other.min), Math.max(max, other.max));
  }

  public boolean contains(float v) {
    return v >= min && v <= max;
  }

  @Override
  public String toString() {
    return "[" + min + ", " + max + "]";
  }
}
