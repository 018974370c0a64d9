package quantlab.ptq;

import java.util.List;
import java.util.Locale;
import quantlab.tf.Evaluation;

/**
 * The outcome of evaluating one quantization setting on a model.
 *
 * @param setting a short description, e.g. {@code "w4 per-channel HALF_TO_EVEN"}
 * @param evaluation accuracy (and the rest) with the setting applied
 * @param floatAccuracy the float model's accuracy on the same images
 * @param layers what happened to each quantized kernel
 * @param biasBytes bytes of the biases, kept in float32
 */
public record PtqResult(String setting, Evaluation evaluation, double floatAccuracy,
    List<LayerQuant> layers, long biasBytes) {

  public PtqResult {
    layers = List.copyOf(layers);
  }

  public double accuracy() {
    return evaluation.accuracy();
  }

  /** {@code floatAccuracy - accuracy}, in accuracy units (0.01 = one point). */
  public double accuracyDrop() {
    return floatAccuracy - accuracy();
  }

  /** SQNR over all quantized kernels together, in dB. */
  public double weightSqnrDb() {
    double s = 0;
    double e = 0;
    for (LayerQuant l : layers) {
      s += l.signalEnergy();
      e += l.errorEnergy();
    }
    return layers.isEmpty() ? Double.NaN : LayerQuant.sqnrDb(s, e);
  }

  /** Bytes of the packed kernels, their parameters and the float32 biases. */
  public long modelBytes() {
    return biasBytes + layers.stream().mapToLong(LayerQuant::packedBytes).sum();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "PtqResult{%s: accuracy %.4f (float %.4f, drop %.2f "
        + "points), weight SQNR %.2f dB, %d bytes}", setting, accuracy(), floatAccuracy,
        100 * accuracyDrop(), weightSqnrDb(), modelBytes());
  }
}
