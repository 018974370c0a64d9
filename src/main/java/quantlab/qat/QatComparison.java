package quantlab.qat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import quantlab.tf.Weights;
import tech.tablesaw.api.Table;

/**
 * PTQ against QAT at several weight bit widths, with what each QAT run did per epoch: the table
 * of {@link Qat#compareWithPtq} and, for each bit width, the {@link QatCurves} of the fine-tuning
 * that produced its {@code qat_accuracy} and the float ("shadow") kernels it ended with (so a
 * lesson can chart both without fine-tuning a second time). Explained in lesson 06.
 *
 * <pre>{@code
 * QatComparison c = qat.compare(mlp, data, 4, 2);
 * c.table();                      // weight_bits, ..., ptq_accuracy, qat_accuracy, ...
 * c.curves(2).accuracies();       // train and test accuracy per epoch of the 2-bit run
 * c.kernels(2);                   // [dense1_kernel, dense2_kernel] after the 2-bit run
 * }</pre>
 *
 * @param table one row per bit width, columns as {@link Qat#compareWithPtq}
 * @param curves the curves of each bit width's QAT run, in the order of the table's rows
 * @param kernels each run's kernels after fine-tuning, float (the forward pass fake-quantizes
 *     them per channel to {@code weight_bits})
 */
public record QatComparison(Table table, Map<Integer, QatCurves> curves,
    Map<Integer, List<Weights>> kernels) {
  public QatComparison {
    curves = Collections.unmodifiableMap(new LinkedHashMap<>(curves));
    Map<Integer, List<Weights>> k = new LinkedHashMap<>();
    kernels.forEach((b, w) -> k.put(b, List.copyOf(w)));
    kernels = Collections.unmodifiableMap(k);
  }

  /** The kernels (float) after the run at {@code weightBits}, named as in the model. */
  public List<Weights> kernels(int weightBits) {
    List<Weights> w = kernels.get(weightBits);
    if (w == null) {
      throw new IllegalArgumentException("no QAT run at weightBits " + weightBits
          + "; there are " + kernels.keySet());
    }
    return w;
  }

  /** The kernel {@code name} ({@code "dense1_kernel"}) after the run at {@code weightBits}. */
  public Weights kernel(int weightBits, String name) {
    for (Weights w : kernels(weightBits)) {
      if (w.name().equals(name)) {
        return w;
      }
    }
    throw new IllegalArgumentException("no kernel '" + name + "'; there are "
        + kernels(weightBits).stream().map(Weights::name).toList());
  }

  /** The curves of the run at {@code weightBits}. */
  public QatCurves curves(int weightBits) {
    QatCurves c = curves.get(weightBits);
    if (c == null) {
      throw new IllegalArgumentException("no QAT run at weightBits " + weightBits + "; there are "
          + curves.keySet());
    }
    return c;
  }

  /**
   * The test accuracy per epoch of every run, named {@code "w4 test accuracy"}, ..., for
   * {@code ModelCharts.trainingCurves}.
   */
  public Map<String, double[]> testAccuracies() {
    Map<String, double[]> m = new LinkedHashMap<>();
    curves.forEach((bits, c) -> m.put("w" + bits + " test accuracy", c.testAccuracy()));
    return m;
  }

  /** The table, as Tablesaw prints it. */
  @Override
  public String toString() {
    return table.print();
  }
}
