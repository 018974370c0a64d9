package quantlab.exercises;

/**
 * The shape of a learner's TFLite {@code QuantizeMultiplier}: a real multiplier {@code M} becomes
 * {@code {multiplier, shift}} with {@code M ~= multiplier * 2^(shift - 31)} and
 * {@code multiplier} in {@code [2^30, 2^31)}. Explained in lesson 05.
 */
@FunctionalInterface
public interface MultiplierFn {
  int[] quantize(double realMultiplier);
}
