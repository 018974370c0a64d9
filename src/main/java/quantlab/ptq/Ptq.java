package quantlab.ptq;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import quantlab.data.LabeledImages;
import quantlab.quant.FakeQuantized;
import quantlab.quant.Quantizer;
import quantlab.quant.Range;
import quantlab.quant.Scheme;
import quantlab.quant.Shape;
import quantlab.tf.ActivationQuant;
import quantlab.tf.Evaluation;
import quantlab.tf.Model;
import quantlab.tf.Weights;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Post-training quantization, simulated in float: each kernel is replaced by its fake-quantized
 * values {@code xHat = scale * (q - zeroPoint)}, the model is evaluated, and the float weights
 * are put back. Biases stay float32 (as in int8 inference, where they are int32 of the product
 * scale). Explained in lesson 04.
 *
 * <pre>{@code
 * Quantizer w4 = Quantizer.builder().bits(4).symmetric().narrowRange(true).perChannel(-1).build();
 * PtqResult r = Ptq.weightOnly(model, w4, data.test());
 * // PtqResult{w4n per-channel(axis=-1) ...: accuracy 0.87.. (float 0.88.., drop ...)}
 * }</pre>
 *
 * <p>Per channel means one scale per output channel: use axis {@code -1}, the last axis of both
 * Dense ({@code [in, out]}) and Conv ({@code [kh, kw, cin, cout]}) kernels.
 */
public final class Ptq {
  private Ptq() {}

  /**
   * Fake-quantizes the kernels of {@code layers} in place (the model keeps the quantized values)
   * and says what it did to each.
   */
  public static List<LayerQuant> quantizeWeights(Model model, Quantizer q,
      Collection<String> layers) {
    Objects.requireNonNull(q, "q");
    List<LayerQuant> out = new ArrayList<>();
    for (String layer : layers) {
      Weights w = model.weights(layer + "_kernel");
      FakeQuantized fq = q.fakeQuantize(w.values(), w.shape());
      out.add(stats(w, fq, q));
      model.setWeights(w.withValues(fq.xHat()));
    }
    return out;
  }

  /** Fake-quantizes every layer's kernel in place. */
  public static List<LayerQuant> quantizeWeights(Model model, Quantizer q) {
    return quantizeWeights(model, q, model.layerNames());
  }

  /** Evaluates {@code model} with weights quantized by {@code q}; the float weights come back. */
  public static PtqResult weightOnly(Model model, Quantizer q, LabeledImages test) {
    return weightOnly(model, q, test, model.evaluate(test).accuracy());
  }

  /** As {@link #weightOnly(Model, Quantizer, LabeledImages)} with a known float accuracy. */
  public static PtqResult weightOnly(Model model, Quantizer q, LabeledImages test,
      double floatAccuracy) {
    return quantized(model, q, model.layerNames(), null, test, floatAccuracy);
  }

  /**
   * Evaluates with weights quantized by {@code q} (null: float weights) and activations
   * fake-quantized as {@code aq} says; the float weights come back.
   */
  public static PtqResult weightsAndActivations(Model model, Quantizer q, ActivationQuant aq,
      LabeledImages test, double floatAccuracy) {
    Objects.requireNonNull(aq, "aq");
    return quantized(model, q, model.layerNames(), aq, test, floatAccuracy);
  }

  /**
   * The activation ranges of the float model on the first {@code n} images of {@code sample}
   * (100 to 1000 training images are typical), one per activation tap.
   */
  public static Map<String, Range> calibrate(Model model, LabeledImages sample, int n,
      ActivationCalibration method) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    Map<String, Range> ranges = new LinkedHashMap<>();
    model.activations(sample, n).forEach((tap, values) -> ranges.put(tap, method.range(values)));
    return ranges;
  }

  /**
   * Quantizes one layer at a time with {@code q} (the others stay float) and reports each
   * layer's accuracy drop: the basis for mixed precision. Columns: layer, setting, accuracy,
   * accuracy_drop, weight_sqnr_db.
   */
  public static Table sensitivity(Model model, Quantizer q, LabeledImages test) {
    double floatAccuracy = model.evaluate(test).accuracy();
    StringColumn layer = StringColumn.create("layer");
    StringColumn setting = StringColumn.create("setting");
    DoubleColumn acc = DoubleColumn.create("accuracy");
    DoubleColumn drop = DoubleColumn.create("accuracy_drop");
    DoubleColumn sqnr = DoubleColumn.create("weight_sqnr_db");
    for (String l : model.layerNames()) {
      PtqResult r = quantized(model, q, List.of(l), null, test, floatAccuracy);
      layer.append(l);
      setting.append(describe(q));
      acc.append(r.accuracy());
      drop.append(r.accuracyDrop());
      sqnr.append(r.weightSqnrDb());
    }
    return Table.create("sensitivity of " + model.architecture() + " (float accuracy "
        + String.format(java.util.Locale.ROOT, "%.4f", floatAccuracy) + ")", layer, setting, acc,
        drop, sqnr);
  }

  static PtqResult quantized(Model model, Quantizer q, List<String> layers, ActivationQuant aq,
      LabeledImages test, double floatAccuracy) {
    List<Weights> saved = new ArrayList<>();
    for (String l : layers) {
      saved.add(model.weights(l + "_kernel"));
    }
    List<LayerQuant> stats = List.of();
    try {
      if (q != null) {
        stats = quantizeWeights(model, q, layers);
      }
      Evaluation e = aq == null ? model.evaluate(test) : model.evaluate(test, aq);
      long biasBytes = 0;
      for (String l : model.layerNames()) {
        biasBytes += 4L * model.weights(l + "_bias").shape().size();
      }
      String setting = (q == null ? "float weights" : describe(q))
          + (aq == null ? "" : ", a" + aq.bits());
      return new PtqResult(setting, e, floatAccuracy, stats, biasBytes);
    } finally {
      model.setWeights(saved);
    }
  }

  static LayerQuant stats(Weights w, FakeQuantized fq, Quantizer q) {
    float[] x = w.values();
    float[] xHat = fq.xHat();
    double s = 0;
    double e = 0;
    for (int i = 0; i < x.length; i++) {
      double d = (double) xHat[i] - x[i];
      s += (double) x[i] * x[i];
      e += d * d;
    }
    int pairs = fq.params().count();
    long bytes = ((long) x.length * q.bits() + 7) / 8 + 4L * pairs
        + (q.scheme() == Scheme.AFFINE ? 4L * pairs : 0);
    return new LayerQuant(w.name(), x.length, s, e, fq.clippedCount(), bytes);
  }

  /** {@code w4n symmetric per-channel(axis=-1) HALF_TO_EVEN}. */
  static String describe(Quantizer q) {
    return "w" + q.format() + " " + q.scheme().name().toLowerCase(java.util.Locale.ROOT) + " "
        + q.granularity() + " " + q.rounding();
  }

  /** The float model's size: 4 bytes per parameter. */
  public static long floatBytes(Model model) {
    long n = 0;
    for (String v : model.variableNames()) {
      Shape s = model.weights(v).shape();
      n += 4L * s.size();
    }
    return n;
  }
}
