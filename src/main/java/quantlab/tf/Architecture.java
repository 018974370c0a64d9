package quantlab.tf;

import java.util.List;

/**
 * The models of the lessons. Inputs are 28x28 grey images flattened to 784 floats in [0, 1];
 * outputs are 10 logits (softmax is applied by the loss and by whoever wants probabilities).
 *
 * <ul>
 *   <li>{@link #MLP}: 784 -> Dense 128 ReLU -> Dense 10, the chapter's model (101,770
 *       parameters).
 *   <li>{@link #CNN}: Conv 3x3x16 ReLU -> MaxPool 2 -> Conv 3x3x32 ReLU -> MaxPool 2 -> Dense
 *       1568 -> 64 ReLU -> Dense 64 -> 10 (105,866 parameters), for per-channel effects on
 *       convolution kernels.
 * </ul>
 */
public enum Architecture {
  MLP(List.of(
      new LayerSpec.Dense("dense1", 784, 128, true),
      new LayerSpec.Dense("dense2", 128, 10, false))),
  CNN(List.of(
      new LayerSpec.Conv("conv1", 3, 3, 1, 16),
      new LayerSpec.MaxPool("pool1"),
      new LayerSpec.Conv("conv2", 3, 3, 16, 32),
      new LayerSpec.MaxPool("pool2"),
      new LayerSpec.Flatten("flatten"),
      new LayerSpec.Dense("dense1", 7 * 7 * 32, 64, true),
      new LayerSpec.Dense("dense2", 64, 10, false)));

  private final List<LayerSpec> layers;

  Architecture(List<LayerSpec> layers) {
    this.layers = layers;
  }

  public List<LayerSpec> layers() {
    return layers;
  }

  /** The layers that have weights, in order. */
  public List<LayerSpec> weightLayers() {
    return layers.stream().filter(LayerSpec::hasWeights).toList();
  }

  /** Whether the first layer is a convolution (input reshaped to {@code [n, 28, 28, 1]}). */
  boolean isConvolutional() {
    return layers.get(0) instanceof LayerSpec.Conv;
  }

  /** Number of trainable parameters (kernels and biases). */
  public int parameterCount() {
    int n = 0;
    for (LayerSpec l : weightLayers()) {
      n += l.kernelShape().size() + l.kernelShape().dim(-1);
    }
    return n;
  }
}
