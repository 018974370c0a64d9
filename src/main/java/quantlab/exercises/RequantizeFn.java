package quantlab.exercises;

/**
 * The shape of a learner's reference requantization of one int32 accumulator to an int8 code:
 * {@code clamp(RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(acc, multiplier), -shift)
 * + zeroPoint, -128, 127)} for {@code shift <= 0}. Explained in lesson 05.
 */
@FunctionalInterface
public interface RequantizeFn {
  int q(int acc, int multiplier, int shift, int zeroPoint);
}
