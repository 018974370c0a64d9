package quantlab.deploy;

import java.util.List;
import java.util.Map;
import quantlab.data.LabeledImages;
import quantlab.ptq.ActivationCalibration;
import quantlab.ptq.BatchNormFolding;
import quantlab.ptq.Ptq;
import quantlab.quant.Range;
import quantlab.tf.Architecture;
import quantlab.tf.Model;
import quantlab.tflite.Activation;
import quantlab.tflite.TfliteLayerSpec;
import quantlab.tflite.Padding;
import quantlab.tflite.TfliteModelSpec;
import quantlab.tflite.TfliteVariant;
import quantlab.tflite.TfliteWriter;

/**
 * Turns a trained {@link Model} (the MLP or the CNN; float, after PTQ weights were written back,
 * or after QAT) into a {@link TfliteModelSpec} that {@link TfliteWriter} writes in any
 * {@link TfliteVariant}. Explained in the deployment lesson and {@code docs/deployment.md}.
 *
 * <p>A model with batch norms ({@link Architecture#CNN_BN}) is exported with each batch norm
 * folded into the convolution before it ({@link BatchNormFolding}), as Google's converter does:
 * the file is the {@link Architecture#CNN} that {@link BatchNormFolding#fold} gives, and the
 * activation ranges of the batch-norm model (its taps sit after each batch norm and ReLU) are
 * the folded model's (lesson 10).
 *
 * <p>What changes on the way: a TF Dense kernel {@code [in, out]} becomes a FULLY_CONNECTED
 * weight {@code [out, in]} (transposed); a TF conv kernel {@code [kh, kw, cin, cout]} becomes a
 * CONV_2D filter {@code [cout, kh, kw, cin]}; the CNN's flatten stays a RESHAPE of the NHWC
 * tensor, whose row-major order is the same in TF and TFLite, so the first Dense kernel needs no
 * permutation. The input is {@code [1, 784]} pixels in [0, 1] for both models (the CNN reshapes
 * it to {@code [1, 28, 28, 1]} as the TF graph does); the output is the 10 logits, or the
 * probabilities when {@code softmax} is asked for.
 *
 * <p>For INT8, each activation needs a real range: {@link #calibrate} measures them with
 * {@link Ptq#calibrate} (min-max) on representative training images; a QAT run's ranges (the
 * same tap names: {@code input}, then each weight layer's name) can be passed instead.
 *
 * <pre>{@code
 * Map<String, Range> ranges = TfliteExport.calibrate(model, data.train(), 1000);
 * TfliteModelSpec spec = TfliteExport.spec(model, ranges);
 * byte[] int8 = TfliteWriter.toBytes(spec, TfliteVariant.INT8);   // int8 input and output
 * spec.outputShape();                                             // [1, 10]
 * }</pre>
 */
public final class TfliteExport {
  private TfliteExport() {}

  /**
   * Min-max activation ranges of {@code model} on the first {@code n} images of
   * {@code sample}, keyed by tap name ({@code input, dense1, ...}).
   */
  public static Map<String, Range> calibrate(Model model, LabeledImages sample, int n) {
    return Ptq.calibrate(model, sample, n, ActivationCalibration.minMax());
  }

  /** The spec without activation ranges: enough for FLOAT32, FLOAT16 and DYNAMIC_RANGE. */
  public static TfliteModelSpec spec(Model model) {
    return spec(model, null, false);
  }

  /** The spec with activation ranges (for every variant, INT8 included), logits output. */
  public static TfliteModelSpec spec(Model model, Map<String, Range> ranges) {
    return spec(model, ranges, false);
  }

  /**
   * The spec of {@code model} with its current weights.
   *
   * @param ranges real range of each activation tap ({@code input} and each weight layer's
   *     name, see {@link Model#activationNames()}), or null for a float-only spec
   * @param softmax whether to end with SOFTMAX (probabilities) instead of logits
   */
  public static TfliteModelSpec spec(Model model, Map<String, Range> ranges, boolean softmax) {
    if (model == null) {
      throw new IllegalArgumentException("model must not be null");
    }
    if (ranges != null) {
      for (String tap : model.activationNames()) {
        if (ranges.get(tap) == null) {
          throw new IllegalArgumentException("ranges has no range for activation '" + tap
              + "'; it needs one for each of " + model.activationNames() + ", got "
              + ranges.keySet());
        }
      }
    }
    // Batch norms are folded into the layer before them, as the TFLite converter does.
    Map<String, float[]> w = new java.util.HashMap<>();
    for (quantlab.tf.Weights v : BatchNormFolding.foldedWeights(model)) {
      w.put(v.name(), v.values());
    }
    Architecture arch = model.architecture().folded();
    TfliteModelSpec.Builder b = TfliteModelSpec.builder()
        .name("quantlab_" + arch.name().toLowerCase(java.util.Locale.ROOT))
        .input(1, 784);
    if (ranges != null) {
      b.inputRange(ranges.get("input"));
    }
    List<quantlab.tf.LayerSpec> layers = arch.layers();
    if (layers.get(0) instanceof quantlab.tf.LayerSpec.Conv) {
      b.layer(TfliteLayerSpec.reshape(1, 28, 28, 1).name("to_image"));
    }
    for (quantlab.tf.LayerSpec l : layers) {
      if (l instanceof quantlab.tf.LayerSpec.Dense d) {
        float[] kernel = w.get(d.name() + "_kernel");
        float[] bias = w.get(d.name() + "_bias");
        TfliteLayerSpec s = TfliteLayerSpec.fullyConnected(d.out(),
            TfliteLayerSpec.transpose(kernel, d.in(), d.out()), bias)
            .name(d.name()).activation(d.relu() ? Activation.RELU : Activation.NONE);
        b.layer(ranges == null ? s : s.outputRange(ranges.get(d.name())));
      } else if (l instanceof quantlab.tf.LayerSpec.Conv c) {
        float[] kernel = w.get(c.name() + "_kernel");
        float[] bias = w.get(c.name() + "_bias");
        TfliteLayerSpec s = TfliteLayerSpec.conv2d(c.cout(), c.kh(), c.kw(), c.cin(),
            hwioToOhwi(kernel, c.kh(), c.kw(), c.cin(), c.cout()), bias)
            .name(c.name()).activation(c.relu() ? Activation.RELU : Activation.NONE).padding(Padding.SAME).strides(1, 1);
        b.layer(ranges == null ? s : s.outputRange(ranges.get(c.name())));
      } else if (l instanceof quantlab.tf.LayerSpec.MaxPool p) {
        b.layer(TfliteLayerSpec.maxPool2d(2, 2).strides(2, 2).padding(Padding.VALID).name(p.name()));
      } else if (l instanceof quantlab.tf.LayerSpec.Flatten f) {
        b.layer(TfliteLayerSpec.reshape(1, -1).name(f.name()));
      } else {
        throw new IllegalArgumentException("cannot export layer " + l);
      }
    }
    if (softmax) {
      b.layer(TfliteLayerSpec.softmax().name("probabilities"));
    }
    return b.build();
  }

  /**
   * A TF conv kernel {@code [kh, kw, cin, cout]} as a TFLite CONV_2D filter
   * {@code [cout, kh, kw, cin]}: {@code out[o][y][x][i] = k[y][x][i][o]}. For a 1x1x1x2 kernel
   * {@code [a, b]} the result is {@code [a, b]}; for 1x1x2x2 {@code [a, b, c, d]} (rows = cin)
   * it is {@code [a, c, b, d]}.
   */
  public static float[] hwioToOhwi(float[] k, int kh, int kw, int cin, int cout) {
    if (k.length != kh * kw * cin * cout) {
      throw new IllegalArgumentException("kernel must have kh * kw * cin * cout = "
          + kh * kw * cin * cout + " values, got " + k.length);
    }
    float[] out = new float[k.length];
    for (int y = 0; y < kh; y++) {
      for (int x = 0; x < kw; x++) {
        for (int i = 0; i < cin; i++) {
          for (int o = 0; o < cout; o++) {
            out[((o * kh + y) * kw + x) * cin + i] = k[((y * kw + x) * cin + i) * cout + o];
          }
        }
      }
    }
    return out;
  }

  /**
   * The file bytes of {@code spec} in {@code variant}.
   *
   * @param floatEdges for INT8: float32 input and output (QUANTIZE / DEQUANTIZE at the edges)
   *     instead of int8
   * @param perChannelFullyConnected for INT8: one weight scale per output row of
   *     FULLY_CONNECTED (true, as the current converter) or one per tensor (false, about 1 KB
   *     smaller for the MLP); CONV_2D is always per channel
   */
  public static byte[] toBytes(TfliteModelSpec spec, TfliteVariant variant, boolean floatEdges,
      boolean perChannelFullyConnected) {
    return TfliteWriter.builder().variant(variant).floatInputOutput(floatEdges)
        .perChannelFullyConnected(perChannelFullyConnected).build().toBytes(spec);
  }
}
