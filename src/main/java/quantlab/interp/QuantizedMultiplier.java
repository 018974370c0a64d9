package quantlab.interp;

import java.util.Locale;

/**
 * A real multiplier {@code M} stored as TFLite stores it: a Q31 integer {@code multiplier} and a
 * power-of-two {@code shift}, with {@code M ~= multiplier * 2^(shift - 31)}.
 *
 * <p>{@link #of(double)} follows TFLite's {@code QuantizeMultiplier}
 * ({@code tensorflow/lite/kernels/internal/quantization_util.cc}): {@code frexp} splits
 * {@code M = q * 2^shift} with {@code q} in [0.5, 1), {@code multiplier = round(q * 2^31)} with
 * ties away from zero; a rounding up to {@code 2^31} is fixed by halving and incrementing
 * {@code shift}; a shift below -31 flushes to {@code (0, 0)}.
 *
 * <p>Example: {@code QuantizedMultiplier.of(0.3)} is {@code multiplier=1288490189, shift=-1}
 * (0.3 = 0.6 * 2^-1 and round(0.6 * 2^31) = 1288490189).
 *
 * @param multiplier the Q31 mantissa, in [2^30, 2^31 - 1] for a positive M (0 for M = 0)
 * @param shift the power of two: positive shifts left, negative shifts right
 */
public record QuantizedMultiplier(int multiplier, int shift) {

  /** TFLite's {@code QuantizeMultiplier(double)}; {@code real} must be finite and >= 0. */
  public static QuantizedMultiplier of(double real) {
    if (!(real >= 0) || Double.isInfinite(real)) {
      throw new IllegalArgumentException("real multiplier must be finite and >= 0, got " + real);
    }
    if (real == 0.0) {
      return new QuantizedMultiplier(0, 0);
    }
    int shift = Math.getExponent(real) + 1; // frexp: real = q * 2^shift, q in [0.5, 1)
    if (Math.getExponent(real) == Double.MIN_EXPONENT - 1) {
      // subnormal double: frexp normalises it; far below 2^-31 anyway
      return new QuantizedMultiplier(0, 0);
    }
    double q = real / Math.pow(2, shift);
    long qFixed = (long) Requant.roundHalfAwayFromZero(q * (1L << 31));
    if (qFixed == (1L << 31)) {
      qFixed /= 2;
      ++shift;
    }
    if (shift < -31) {
      shift = 0;
      qFixed = 0;
    }
    return new QuantizedMultiplier((int) qFixed, shift);
  }

  /** The value this pair stands for: {@code multiplier * 2^(shift - 31)}. */
  public double realValue() {
    return multiplier * Math.pow(2, shift - 31);
  }

  /** Applies {@link Requant#multiplyByQuantizedMultiplier(int, int, int)} to {@code acc}. */
  public int apply(int acc) {
    return Requant.multiplyByQuantizedMultiplier(acc, multiplier, shift);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "QuantizedMultiplier{multiplier=%d (Q31 %.9f), shift=%d, real=%.9g}",
        multiplier,
        multiplier / (double) (1L << 31),
        shift,
        realValue());
  }
}
