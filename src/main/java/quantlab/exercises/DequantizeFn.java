package quantlab.exercises;

/** The shape of a learner's dequantizer: {@code xHat = scale * (q - zeroPoint)}. */
@FunctionalInterface
public interface DequantizeFn {
  float xHat(int q, float scale, int zeroPoint);
}
