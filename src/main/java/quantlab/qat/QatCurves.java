package quantlab.qat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What quantization-aware training did per epoch, as series for charts: one value per epoch in
 * each array ({@code loss[0]} is epoch 1).
 *
 * <pre>{@code
 * ModelCharts.trainingCurves("QAT w4a8", "accuracy", result.curves().accuracies());
 * ModelCharts.trainingCurves("activation ranges", "value", result.curves().ranges());
 * }</pre>
 *
 * @param loss mean training cross-entropy
 * @param trainAccuracy accuracy on the minibatches as they were trained
 * @param testAccuracy accuracy on the validation images with fake quantization (NaN if none)
 * @param seconds wall time of the epoch's training steps
 * @param ranges range series by name: {@code "dense1 min"}, {@code "dense1 max"} (the moving
 *     averages of each activation tap) and {@code "dense1_kernel mean range"} (mean per-channel
 *     {@code max |w|})
 */
public record QatCurves(double[] loss, double[] trainAccuracy, double[] testAccuracy,
    double[] seconds, Map<String, double[]> ranges) {
  public QatCurves {
    ranges = Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
  }

  /** Number of epochs recorded. */
  public int epochs() {
    return loss.length;
  }

  /** {@code {"train accuracy": ..., "test accuracy": ...}} for {@code trainingCurves}. */
  public Map<String, double[]> accuracies() {
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("train accuracy", trainAccuracy);
    m.put("test accuracy", testAccuracy);
    return m;
  }

  /** Every series by name: loss, train accuracy, test accuracy, seconds, then the ranges. */
  public Map<String, double[]> asMap() {
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("loss", loss);
    m.putAll(accuracies());
    m.put("seconds", seconds);
    m.putAll(ranges);
    return m;
  }

  /** {@code QatCurves{2 epochs, loss 0.41 -> 0.37, test accuracy 0.861 -> 0.866, 8 ranges}}. */
  @Override
  public String toString() {
    if (loss.length == 0) {
      return "QatCurves{0 epochs}";
    }
    int l = loss.length - 1;
    return String.format(Locale.ROOT,
        "QatCurves{%d epochs, loss %.4f -> %.4f, test accuracy %.4f -> %.4f, %d range series}",
        loss.length, loss[0], loss[l], testAccuracy[0], testAccuracy[l], ranges.size());
  }
}
