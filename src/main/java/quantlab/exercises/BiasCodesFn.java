package quantlab.exercises;

/**
 * The shape of a learner's int32 bias quantizer for an int8 layer:
 * {@code q[c] = round(bias[c] / (inputScale * weightScales[c]))}, the bias scale computed in
 * float32, ties away from zero. Example: bias {@code [0.3125, -0.3125]}, input scale 0.5, weight
 * scales {@code [0.25, 0.25]} give {@code [3, -3]}. Used by exercise 07.3.
 */
@FunctionalInterface
public interface BiasCodesFn {
  int[] q(float[] bias, float inputScale, float[] weightScales);
}
