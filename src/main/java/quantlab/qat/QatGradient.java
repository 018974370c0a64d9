package quantlab.qat;

/**
 * How the gradient passes through a fake-quantization node during quantization-aware training.
 */
public enum QatGradient {
  /**
   * TensorFlow's gradient kernels via {@link FakeQuantGradients}: the straight-through estimator
   * with clipping, {@code dL/dx = dL/dy} inside the quantization range and 0 outside (what
   * tfmot and TensorFlow's Python {@code FakeQuant*} gradients do).
   */
  CLIPPED_STE,
  /**
   * The plain straight-through estimator {@code y = x + stopGradient(fq(x) - x)}: the forward
   * value is {@code fq(x)}, the gradient is {@code dL/dy} everywhere, even where {@code x} was
   * clipped.
   */
  PLAIN_STE
}
