package quantlab.exercises;

/**
 * The shape of a learner's plain SGD step on one float ("shadow") weight {@code w} whose
 * fake-quantized value the loss sees: {@code gradient} is {@code dL/dxHat}, the step goes through
 * the straight-through estimator of a fake quantization over {@code [min, max]} at {@code bits},
 * and the result is the new {@code w}. Used in lesson 06.
 */
@FunctionalInterface
public interface SteStepFn {
  float step(float w, float gradient, float learningRate, float min, float max, int bits);
}
