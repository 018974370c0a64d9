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
   * A 2-D convolution with SAME padding and stride 1, kernel {@code [kh, kw, cin, cout]} as
   * TensorFlow stores it (output channels along axis 3), optionally followed by ReLU (off when a
   * {@link BatchNorm} comes next and applies the ReLU after normalizing).
   */
  record Conv(String name, int kh, int kw, int cin, int cout, boolean relu) implements LayerSpec {
    /** A convolution followed by ReLU. */
    public Conv(String name, int kh, int kw, int cin, int cout) {
      this(name, kh, kw, cin, cout, true);
    }

    @Override
    public Shape kernelShape() {
      return Shape.of(kh, kw, cin, cout);
    }
  }

  /**
   * Batch normalization over the last axis of the layer before it (Ioffe and Szegedy 2015), then
   * optionally ReLU. Per channel {@code c}, with {@code x} the previous layer's output:
   *
   * <pre>
   *   y = gamma[c] * (x - mean[c]) / sqrt(variance[c] + epsilon) + beta[c]
   * </pre>
   *
   * <p>While training, {@code mean} and {@code variance} are the minibatch's own statistics over
   * the batch, height and width (the biased variance, {@code mean((x - mean)^2)}), and each step
   * moves the moving averages toward them: {@code movingMean = momentum * movingMean + (1 -
   * momentum) * batchMean}, the same for the variance. At inference the moving averages are used,
   * so the layer is a fixed per-channel affine map that folds into the convolution before it
   * (lesson 10, {@code quantlab.ptq.BatchNormFolding}).
   *
   * <p>Variables: {@code NAME_gamma} (starts at 1) and {@code NAME_beta} (0) are trained;
   * {@code NAME_mean} (0) and {@code NAME_variance} (1) hold the moving averages.
   *
   * @param channels the number of channels (the previous layer's outputs)
   * @param relu whether ReLU follows
   * @param momentum of the moving averages, in [0, 1)
   * @param epsilon added to the variance, {@code > 0}
   */
  record BatchNorm(String name, int channels, boolean relu, float momentum, float epsilon)
      implements LayerSpec {
    /** Momentum of the moving averages used by {@link Architecture#CNN_BN}. */
    public static final float MOMENTUM = 0.9f;
    /** The epsilon used by {@link Architecture#CNN_BN} (Keras' default). */
    public static final float EPSILON = 1e-3f;

    public BatchNorm {
      if (channels < 1) {
        throw new IllegalArgumentException("channels must be >= 1, got " + channels);
      }
      if (!(momentum >= 0 && momentum < 1)) {
        throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
      }
      if (!(epsilon > 0) || Float.isInfinite(epsilon)) {
        throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
      }
    }

    /** With {@link #MOMENTUM} and {@link #EPSILON}. */
    public BatchNorm(String name, int channels, boolean relu) {
      this(name, channels, relu, MOMENTUM, EPSILON);
    }

    /** The variable names: gamma, beta, moving mean, moving variance. */
    public java.util.List<String> variableNames() {
      return java.util.List.of(name + "_gamma", name + "_beta", name + "_mean",
          name + "_variance");
    }
  }

  /** 2x2 max pooling with stride 2. */
  record MaxPool(String name) implements LayerSpec {}

  /** Reshapes {@code [n, h, w, c]} to {@code [n, h * w * c]}. */
  record Flatten(String name) implements LayerSpec {}
}
