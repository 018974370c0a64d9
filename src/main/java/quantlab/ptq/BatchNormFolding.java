package quantlab.ptq;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import quantlab.tf.Architecture;
import quantlab.tf.LayerSpec;
import quantlab.tf.Model;
import quantlab.tf.Weights;

/**
 * Folds a batch norm into the convolution (or Dense layer) before it, as every int8 deployment
 * does before quantizing (Jacob et al. 2018, "Quantization and Training of Neural Networks for
 * Efficient Integer-Arithmetic-Only Inference", section 3.2). At inference a batch norm is a
 * fixed affine map per output channel {@code c}, so it can be multiplied into the layer:
 *
 * <pre>
 *   f[c]      = gamma[c] / sqrt(variance[c] + epsilon)
 *   wFold[..., c] = f[c] * w[..., c]
 *   bFold[c]  = beta[c] + f[c] * (b[c] - mean[c])
 * </pre>
 *
 * <p>{@code mean} and {@code variance} are the moving averages the training kept. The folded
 * layer computes {@code conv(x, wFold) + bFold = f * (conv(x, w) + b - mean) + beta}, the batch
 * norm's output, up to float rounding. Each channel's weights are scaled by its own {@code f[c]},
 * so channels that were alike can end up with very different ranges: the reason per-tensor int8
 * weights can fail on folded models where per-channel ones do not (Krishnamoorthi 2018, on
 * MobileNet). Explained in lesson 10.
 *
 * <p>Example, a 1x1 convolution with one input and two output channels ({@code [1, 1, 1, 2]}):
 * {@code w = [0.5, -1]}, {@code b = [0.25, 0]}, {@code gamma = [3, 1]}, {@code beta = [0.5, 0]},
 * {@code mean = [1, 0.5]}, {@code variance = [3.75, 0.75]}, {@code epsilon = 0.25}. Then
 * {@code f = [3 / 2, 1 / 1] = [1.5, 1]}, {@code wFold = [0.75, -1]} and {@code bFold = [0.5 +
 * 1.5 * (0.25 - 1), 0 + 1 * (0 - 0.5)] = [-0.625, -0.5]}.
 *
 * <pre>{@code
 * Model bn = ModelCache.standard().getOrTrain(Architecture.CNN_BN, 1, 8, data);
 * Model folded = BatchNormFolding.fold(bn);   // an Architecture.CNN with the folded weights
 * folded.evaluate(test);                      // the same accuracy as bn.evaluate(test)
 * }</pre>
 */
public final class BatchNormFolding {
  private BatchNormFolding() {}

  /** A folded layer's kernel and bias, under the layer's own variable names. */
  public record Folded(Weights kernel, Weights bias) {}

  /**
   * The per-channel factors {@code f[c] = gamma[c] / sqrt(variance[c] + epsilon)} (computed in
   * double, rounded to float). {@code factors({3, 1}, {3.75, 0.75}, 0.25)} is {@code [1.5, 1]}.
   */
  public static float[] factors(float[] gamma, float[] variance, float epsilon) {
    Objects.requireNonNull(gamma, "gamma");
    Objects.requireNonNull(variance, "variance");
    if (gamma.length != variance.length) {
      throw new IllegalArgumentException("gamma and variance must have the same length, got "
          + gamma.length + " and " + variance.length);
    }
    if (!(epsilon >= 0)) {
      throw new IllegalArgumentException("epsilon must be >= 0, got " + epsilon);
    }
    float[] f = new float[gamma.length];
    for (int c = 0; c < f.length; c++) {
      double v = (double) variance[c] + epsilon;
      if (!(v > 0)) {
        throw new IllegalArgumentException("variance[" + c + "] + epsilon must be > 0, got " + v);
      }
      f[c] = (float) (gamma[c] / Math.sqrt(v));
    }
    return f;
  }

  /**
   * Folds one batch norm into {@code kernel} (output channels along the last axis, as TF keeps
   * Dense {@code [in, out]} and Conv {@code [kh, kw, cin, cout]} kernels) and {@code bias}; see
   * the class comment for the formula and an example.
   */
  public static Folded fold(Weights kernel, Weights bias, float[] gamma, float[] beta,
      float[] mean, float[] variance, float epsilon) {
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(bias, "bias");
    Objects.requireNonNull(beta, "beta");
    Objects.requireNonNull(mean, "mean");
    int out = kernel.shape().dim(-1);
    for (Object[] a : new Object[][] {{"bias", bias.values()}, {"gamma", gamma}, {"beta", beta},
        {"mean", mean}, {"variance", variance}}) {
      float[] v = (float[]) a[1];
      if (v == null) {
        throw new NullPointerException((String) a[0]);
      }
      if (v.length != out) {
        throw new IllegalArgumentException(a[0] + " must have one value per output channel ("
            + out + " for " + kernel.name() + " " + kernel.shape() + "), got " + v.length);
      }
    }
    float[] f = factors(gamma, variance, epsilon);
    float[] w = kernel.values();
    float[] wFold = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      wFold[i] = (float) ((double) f[i % out] * w[i]);
    }
    float[] b = bias.values();
    float[] bFold = new float[out];
    for (int c = 0; c < out; c++) {
      bFold[c] = (float) (beta[c] + (double) f[c] * ((double) b[c] - mean[c]));
    }
    return new Folded(kernel.withValues(wFold), bias.withValues(bFold));
  }

  /**
   * Every variable of {@code model.architecture().folded()}: each batch norm folded into the
   * layer before it, the other layers' weights as they are. For a model without batch norm, its
   * weights unchanged.
   */
  public static List<Weights> foldedWeights(Model model) {
    Objects.requireNonNull(model, "model");
    Architecture arch = model.architecture();
    List<Weights> out = new ArrayList<>();
    for (LayerSpec l : arch.weightLayers()) {
      Weights k = model.weights(l.name() + "_kernel");
      Weights b = model.weights(l.name() + "_bias");
      LayerSpec.BatchNorm bn = batchNormAfter(arch, l);
      if (bn != null) {
        Folded f = fold(k, b, model.weights(bn.name() + "_gamma").values(),
            model.weights(bn.name() + "_beta").values(),
            model.weights(bn.name() + "_mean").values(),
            model.weights(bn.name() + "_variance").values(), bn.epsilon());
        k = f.kernel();
        b = f.bias();
      }
      out.add(k);
      out.add(b);
    }
    return out;
  }

  /**
   * A new model of {@code model.architecture().folded()} (for {@link Architecture#CNN_BN}: a
   * {@link Architecture#CNN}) holding {@link #foldedWeights}; close it when done. It computes
   * what {@code model} computes at inference, up to float rounding.
   */
  public static Model fold(Model model) {
    return Model.of(model.architecture().folded(), foldedWeights(model));
  }

  /** The batch norm right after weight layer {@code l}, or null. */
  static LayerSpec.BatchNorm batchNormAfter(Architecture arch, LayerSpec l) {
    List<LayerSpec> ls = arch.layers();
    int i = ls.indexOf(l);
    return i + 1 < ls.size() && ls.get(i + 1) instanceof LayerSpec.BatchNorm bn ? bn : null;
  }
}
