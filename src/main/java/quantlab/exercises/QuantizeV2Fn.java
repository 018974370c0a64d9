package quantlab.exercises;

/**
 * The shape of a learner's TensorFlow {@code QuantizeV2} code of one value {@code x} for
 * {@code quint8} in {@code MIN_COMBINED} mode with the range {@code [min, max]}
 * ({@code min <= 0 <= max}). Explained in lesson 08.
 */
@FunctionalInterface
public interface QuantizeV2Fn {
  int q(float x, float min, float max);
}
