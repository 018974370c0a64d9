package quantlab.tfref;

/**
 * Float32 arithmetic as TensorFlow's CPU kernels see it, where Java's differs.
 *
 * <ul>
 *   <li>TensorFlow runs every kernel with denormals flushed to zero: its executor sets the x86
 *       FTZ and DAZ flags ({@code port::ScopedFlushDenormal}). A subnormal operand counts as a
 *       zero of the same sign (DAZ) and a subnormal result becomes a zero (FTZ). So each
 *       arithmetic operation here is {@link #add}, {@link #sub}, {@link #mul} or {@link #div},
 *       never a bare Java operator.
 *   <li>{@code std::min} and {@code std::max} return the first argument when the comparison is
 *       false, so NaN and -0.0 behave differently from {@link Math#min}.
 *   <li>{@code std::round} rounds ties away from zero; the x86 float-to-int conversion
 *       ({@code cvttss2si}) gives {@code INT_MIN} for NaN and out-of-range values where Java
 *       saturates.
 * </ul>
 */
final class Cpp {
  private Cpp() {}

  /** DAZ / FTZ: a subnormal becomes a zero of the same sign. */
  static float flush(float v) {
    return v != 0f && Math.abs(v) < Float.MIN_NORMAL ? Math.copySign(0f, v) : v;
  }

  static double flush(double v) {
    return v != 0.0 && Math.abs(v) < Double.MIN_NORMAL ? Math.copySign(0.0, v) : v;
  }

  static float add(float a, float b) {
    return flush(flush(a) + flush(b));
  }

  static float sub(float a, float b) {
    return flush(flush(a) - flush(b));
  }

  static float mul(float a, float b) {
    return flush(flush(a) * flush(b));
  }

  static float div(float a, float b) {
    return flush(flush(a) / flush(b));
  }

  /** {@code a < b} with subnormal operands read as zero. */
  static boolean lt(float a, float b) {
    return flush(a) < flush(b);
  }

  /** {@code std::min(a, b)}: {@code (b < a) ? b : a} (as {@code minss}, under DAZ). */
  static float min(float a, float b) {
    return lt(b, a) ? flush(b) : flush(a);
  }

  /** {@code std::max(a, b)}: {@code (a < b) ? b : a} (as {@code maxss}, under DAZ). */
  static float max(float a, float b) {
    return lt(a, b) ? flush(b) : flush(a);
  }

  /** {@code std::round(float)}: ties away from zero, exact for every float. */
  static float round(float v) {
    v = flush(v);
    if (v != v || Float.isInfinite(v) || Math.abs(v) >= 0x1p23f) {
      return v; // NaN, infinite, or already an integer
    }
    float a = Math.abs(v);
    float f = (float) Math.floor(a);
    float r = a - f >= 0.5f ? f + 1f : f; // a - f is exact here
    return Math.copySign(r, v);
  }

  /** {@code rint(float)} in the default rounding mode: ties to even. */
  static float rint(float v) {
    return (float) Math.rint(flush(v)); // exact: a float's rint is a float
  }

  /** {@code floorf}. */
  static float floor(float v) {
    return (float) Math.floor(flush(v));
  }

  /**
   * {@code static_cast<int32_t>(float)} as x86-64 compiles it ({@code cvttss2si}): truncation
   * toward zero, and {@code INT_MIN} for NaN or a value outside the int range.
   */
  static int toInt(float v) {
    if (v != v || v >= 0x1p31f || v < -0x1p31f) {
      return Integer.MIN_VALUE;
    }
    return (int) v;
  }
}
