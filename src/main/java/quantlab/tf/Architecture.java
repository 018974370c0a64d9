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
 *   <li>{@link #CNN_BN}: the same CNN with batch normalization between each convolution and its
 *       ReLU (Conv -> BatchNorm -> ReLU; 105,962 trainable parameters, plus 96 moving averages).
 *       Folding the batch norms into the convolutions ({@code quantlab.ptq.BatchNormFolding})
 *       gives a {@link #CNN} (lesson 10).
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
      new LayerSpec.Dense("dense2", 64, 10, false))),
  CNN_BN(List.of(
      new LayerSpec.Conv("conv1", 3, 3, 1, 16, false),
      new LayerSpec.BatchNorm("bn1", 16, true),
      new LayerSpec.MaxPool("pool1"),
      new LayerSpec.Conv("conv2", 3, 3, 16, 32, false),
      new LayerSpec.BatchNorm("bn2", 32, true),
      new LayerSpec.MaxPool("pool2"),
      new LayerSpec.Flatten("flatten"),
      new LayerSpec.Dense("dense1", 7 * 7 * 32, 64, true),
      new LayerSpec.Dense("dense2", 64, 10, false)));

  private final List<LayerSpec> layers;

  Architecture(List<LayerSpec> layers) {
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) instanceof LayerSpec.BatchNorm bn) {
        LayerSpec before = i == 0 ? null : layers.get(i - 1);
        boolean ok = before != null && before.hasWeights()
            && before.kernelShape().dim(-1) == bn.channels()
            && !(before instanceof LayerSpec.Conv c && c.relu())
            && !(before instanceof LayerSpec.Dense d && d.relu());
        if (!ok) {
          throw new IllegalArgumentException(bn + " must follow a weight layer with "
              + bn.channels() + " outputs and no ReLU, got " + before);
        }
      }
    }
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

  /** The batch-norm layers, in order (none for {@link #MLP} and {@link #CNN}). */
  public List<LayerSpec.BatchNorm> batchNorms() {
    return layers.stream().filter(l -> l instanceof LayerSpec.BatchNorm)
        .map(l -> (LayerSpec.BatchNorm) l).toList();
  }

  /** Whether the architecture has batch-norm layers. */
  public boolean hasBatchNorm() {
    return !batchNorms().isEmpty();
  }

  /**
   * The weight layer that batch norm {@code bn} normalizes: the layer right before it, e.g.
   * {@code conv1} for {@code bn1} of {@link #CNN_BN}.
   */
  public LayerSpec normalizedBy(LayerSpec.BatchNorm bn) {
    int i = layers.indexOf(bn);
    if (i < 0) {
      throw new IllegalArgumentException(bn + " is not a layer of " + this);
    }
    return layers.get(i - 1);
  }

  /**
   * The architecture with every batch norm folded into the layer before it: that layer takes
   * over the batch norm's ReLU. {@code CNN_BN.folded()} is {@link #CNN}; an architecture without
   * batch norm is its own folded form.
   */
  public Architecture folded() {
    if (!hasBatchNorm()) {
      return this;
    }
    List<LayerSpec> want = new java.util.ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec l = layers.get(i);
      if (l instanceof LayerSpec.BatchNorm) {
        continue;
      }
      boolean bnNext = i + 1 < layers.size() && layers.get(i + 1) instanceof LayerSpec.BatchNorm;
      if (bnNext && l instanceof LayerSpec.Conv c) {
        boolean relu = ((LayerSpec.BatchNorm) layers.get(i + 1)).relu();
        l = new LayerSpec.Conv(c.name(), c.kh(), c.kw(), c.cin(), c.cout(), relu);
      }
      want.add(l);
    }
    for (Architecture a : values()) {
      if (a.layers.equals(want)) {
        return a;
      }
    }
    throw new IllegalStateException(this + " folded has layers " + want
        + ", which is no architecture");
  }

  /**
   * Number of trainable parameters: kernels and biases, and each batch norm's gamma and beta (its
   * moving averages are not trained and not counted).
   */
  public int parameterCount() {
    int n = 0;
    for (LayerSpec l : weightLayers()) {
      n += l.kernelShape().size() + l.kernelShape().dim(-1);
    }
    for (LayerSpec.BatchNorm b : batchNorms()) {
      n += 2 * b.channels();
    }
    return n;
  }
}
