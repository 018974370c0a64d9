package quantlab.tf;

import quantlab.quant.Shape;

/**
 * One layer of an {@link Architecture}. Layers with weights have a kernel and a bias variable
 * named {@code NAME_kernel} and {@code NAME_bias} in the graph.
 */
public sealed interface LayerSpec {

  /** The layer's name, e.g. {@code "dense1"}. */
  String name();

  /** Whether this layer has a kernel and a bias. */
  default boolean hasWeights() {
    return kernelShape() != null;
  }

  /** The kernel's shape, or null for layers without weights. */
  default Shape kernelShape() {
    return null;
  }

  /**
   * A fully connected layer {@code y = x W + b}, kernel {@code [in, out]} (output channels along
   * axis 1), optionally followed by ReLU.
   */
  record Dense(String name, int in, int out, boolean relu) implements LayerSpec {
    @Override
    public Shape kernelShape() {
      return Shape.of(in, out);
    }
  }

  /**
   * A 2-D convolution with SAME padding and stride 1 followed by ReLU, kernel
   * {@code [kh, kw, cin, cout]} as TensorFlow stores it (output channels along axis 3).
   */
  record Conv(String name, int kh, int kw, int cin, int cout) implements LayerSpec {
    @Override
    public Shape kernelShape() {
      return Shape.of(kh, kw, cin, cout);
    }
  }

  /** 2x2 max pooling with stride 2. */
  record MaxPool(String name) implements LayerSpec {}

  /** Reshapes {@code [n, h, w, c]} to {@code [n, h * w * c]}. */
  record Flatten(String name) implements LayerSpec {}
}
