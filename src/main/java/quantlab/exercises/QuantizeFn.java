package quantlab.exercises;

/**
 * The shape of a learner's quantizer for one value:
 * {@code q = clamp(round(x / scale) + zeroPoint, qmin, qmax)}.
 */
@FunctionalInterface
public interface QuantizeFn {
  int q(float x, float scale, int zeroPoint, int qmin, int qmax);
}
