package quantlab.exercises;

/**
 * The shape of a learner's straight-through estimator for one value: the gradient
 * {@code dxHat/dx} that fake quantization over {@code [min, max]} at {@code bits} passes back
 * (TensorFlow's rule: 1 inside the nudged range, ends included, 0 outside). Used in lesson 06.
 */
@FunctionalInterface
public interface SteGradientFn {
  float gradient(float x, float min, float max, int bits);
}
