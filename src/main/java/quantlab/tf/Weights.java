package quantlab.tf;

import java.util.Objects;
import quantlab.quant.Shape;

/**
 * The value of one model variable: its graph name, shape and values (row-major, as TensorFlow
 * stores them). Dense kernels are {@code [in, out]}, convolution kernels {@code [kh, kw, cin,
 * cout]}: output channels are the last axis, so per-channel quantization uses axis {@code -1}.
 *
 * <p>Example: {@code model.weights("dense1_kernel")} is {@code Weights{dense1_kernel [784, 128],
 * ...}} and {@code withValues(xHat)} is what {@link Model#setWeights} writes back.
 *
 * @param name the variable's name in the graph, e.g. {@code "dense1_kernel"}
 * @param shape its shape
 * @param values its values, {@code shape.size()} of them
 */
public record Weights(String name, Shape shape, float[] values) {
  public Weights {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(values, "values");
    if (values.length != shape.size()) {
      throw new IllegalArgumentException("values.length must be " + shape.size() + " for shape "
          + shape + ", got " + values.length);
    }
  }

  /** The same variable with other values (e.g. fake-quantized ones). */
  public Weights withValues(float[] newValues) {
    return new Weights(name, shape, newValues);
  }

  /** Whether this is a layer's kernel (its name ends in {@code _kernel}). */
  public boolean isKernel() {
    return name.endsWith("_kernel");
  }

  /** The layer name, e.g. {@code "dense1"} for {@code "dense1_kernel"}. */
  public String layer() {
    int cut = name.lastIndexOf('_');
    return cut < 0 ? name : name.substring(0, cut);
  }

  /** {@code Weights{dense1_kernel [784, 128], min=-0.31, max=0.29}}. */
  @Override
  public String toString() {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return String.format(java.util.Locale.ROOT, "Weights{%s %s, min=%.4g, max=%.4g}", name, shape,
        lo, hi);
  }
}
