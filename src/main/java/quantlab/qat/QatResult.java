package quantlab.qat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import quantlab.data.LabeledImages;
import quantlab.quant.Range;
import quantlab.tf.Evaluation;
import quantlab.tf.Model;
import quantlab.tf.Weights;

/**
 * A model after quantization-aware training. Its {@link #model()} evaluates with the same fake
 * quantization as training (weights per channel, activations with the learned ranges); its
 * variables hold the float "shadow" weights that training updated. Close it when done.
 */
public final class QatResult implements AutoCloseable {
  private final Model model;
  private final QatGraph graph;
  private final QatCurves curves;
  private final int weightBits;
  private final int activationBits;
  private final QatGradient gradient;

  QatResult(Model model, QatGraph graph, QatCurves curves, int weightBits, int activationBits,
      QatGradient gradient) {
    this.model = model;
    this.graph = graph;
    this.curves = curves;
    this.weightBits = weightBits;
    this.activationBits = activationBits;
    this.gradient = gradient;
  }

  /** The trained model; {@code model().evaluate(test)} runs the fake-quantized forward pass. */
  public Model model() {
    return model;
  }

  public QatCurves curves() {
    return curves;
  }

  public int weightBits() {
    return weightBits;
  }

  public int activationBits() {
    return activationBits;
  }

  public QatGradient gradient() {
    return gradient;
  }

  /** Accuracy on {@code images} with fake-quantized weights and activations. */
  public Evaluation evaluate(LabeledImages images) {
    return model.evaluate(images);
  }

  /**
   * The learned activation ranges (the moving averages), one per tap ({@code "input"},
   * {@code "dense1"}, ...): what an integer exporter uses as each tensor's {@code [min, max]}.
   */
  public Map<String, Range> activationRanges() {
    return graph.activationRanges(model.session());
  }

  /**
   * Each kernel as the forward pass sees it: {@code xHat = scale * q} per output channel with
   * {@code scale = max|w| / (2^(bits-1) - 1)}, so {@code xHat / scale} are integers in
   * {@code [-(2^(bits-1) - 1), 2^(bits-1) - 1]}. Names as in the model
   * ({@code "dense1_kernel"}).
   */
  public List<Weights> fakeQuantizedWeights() {
    List<Weights> out = new ArrayList<>();
    for (Weights w : model.kernels()) {
      float[] v = QatGraph.fetch(model.session(),
          model.graph().outputOrThrow(QatGraph.FQ_PREFIX + w.name()));
      out.add(w.withValues(v));
    }
    return out;
  }

  @Override
  public void close() {
    model.close();
  }

  /** {@code QatResult{MLP w4a8 CLIPPED_STE, QatCurves{...}}}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "QatResult{%s w%da%d %s, %s}", model.architecture(),
        weightBits, activationBits, gradient, curves);
  }
}
