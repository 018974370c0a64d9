package quantlab.exercises;

/**
 * The shape of a learner's float32-to-float16 encoder: the 16-bit pattern (sign, 5 exponent
 * bits, 10 mantissa bits, in the low 16 bits of the result) nearest to {@code x}, ties to the
 * even mantissa. Example: {@code 1.0f} gives {@code 0x3C00}, {@code 0.1f} gives {@code 0x2E66}.
 * Used by exercise 07.1.
 */
@FunctionalInterface
public interface Float16BitsFn {
  int bits(float x);
}
