package quantlab.tf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Builds an architecture's forward pass into a graph, with hooks at the activation taps. */
final class Net {
  private Net() {}

  /**
   * What to do with each activation tensor: the model input (tap 0, named {@code "input"}) and
   * each weight layer's output after its ReLU (named after the layer).
   */
  interface Tap {
    Operand<TFloat32> apply(Ops tf, int index, String name, Operand<TFloat32> x);
  }

  static final Tap IDENTITY = (tf, i, name, x) -> x;

  /** The names of an architecture's activation taps, in order. */
  static List<String> tapNames(Architecture arch) {
    List<String> names = new ArrayList<>();
    names.add("input");
    for (LayerSpec l : arch.weightLayers()) {
      names.add(l.name());
    }
    return names;
  }

  /**
   * A moving-average update a training pass asks for: {@code variable = momentum * variable + (1
   * - momentum) * batchValue}, where {@code batchValue} is a minibatch statistic of the pass.
   */
  record MovingUpdate(String variable, Operand<TFloat32> batchValue, float momentum) {}

  /**
   * The logits of {@code input} ({@code [n, 784]}), batch norms in inference mode (moving
   * averages).
   *
   * @param weights gives each variable's value by name ({@code "dense1_kernel"}, {@code
   *     "bn1_mean"})
   */
  static Operand<TFloat32> forward(Ops tf, Architecture arch, Operand<TFloat32> input,
      Function<String, Operand<TFloat32>> weights, Tap tap) {
    return forward(tf, arch, input, weights, tap, null);
  }

  /**
   * The logits of {@code input}. With {@code updates} not null this is a training pass: batch
   * norms normalize with the minibatch's statistics and add the moving-average updates they
   * need to {@code updates} (the caller runs them with the training step); {@code weights} is
   * then asked only for trained variables. With null, batch norms use the moving averages.
   *
   * <p>The activation tap of a weight layer followed by a batch norm comes after the batch norm
   * (and its ReLU): the value the folded layer computes.
   */
  static Operand<TFloat32> forward(Ops tf, Architecture arch, Operand<TFloat32> input,
      Function<String, Operand<TFloat32>> weights, Tap tap, List<MovingUpdate> updates) {
    int t = 0;
    Operand<TFloat32> x = tap.apply(tf, t++, "input", input);
    if (arch.isConvolutional()) {
      x = tf.reshape(x, tf.constant(new int[] {-1, 28, 28, 1}));
    }
    List<LayerSpec> layers = arch.layers();
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec l = layers.get(i);
      Ops s = tf.withSubScope(l.name());
      boolean bnNext = i + 1 < layers.size() && layers.get(i + 1) instanceof LayerSpec.BatchNorm;
      if (l instanceof LayerSpec.Dense d) {
        x = s.nn.biasAdd(s.linalg.matMul(x, weights.apply(d.name() + "_kernel")),
            weights.apply(d.name() + "_bias"));
        if (d.relu()) {
          x = s.nn.relu(x);
        }
      } else if (l instanceof LayerSpec.Conv c) {
        x = s.nn.biasAdd(s.nn.conv2d(x, weights.apply(c.name() + "_kernel"),
            List.of(1L, 1L, 1L, 1L), "SAME"), weights.apply(c.name() + "_bias"));
        if (c.relu()) {
          x = s.nn.relu(x);
        }
      } else if (l instanceof LayerSpec.BatchNorm b) {
        x = batchNorm(s, b, x, weights, updates);
        if (b.relu()) {
          x = s.nn.relu(x);
        }
        x = tap.apply(tf, t++, layers.get(i - 1).name(), x);
      } else if (l instanceof LayerSpec.MaxPool) {
        x = s.nn.maxPool(x, s.constant(new int[] {1, 2, 2, 1}),
            s.constant(new int[] {1, 2, 2, 1}), "VALID");
      } else if (l instanceof LayerSpec.Flatten) {
        x = s.reshape(x, s.constant(new int[] {-1, flattenSize(arch, l)}));
      }
      if (l.hasWeights() && !bnNext) {
        x = tap.apply(tf, t++, l.name(), x);
      }
    }
    return x;
  }

  /**
   * {@code gamma * (x - mean) * rsqrt(variance + epsilon) + beta} per channel (the last axis),
   * from primitives that all have C++ gradients (Mean, SquaredDifference, Rsqrt, Mul, Add, Sub).
   * Training: the minibatch's mean and biased variance over every axis but the last, and a
   * moving-average update for each. Inference: the moving averages.
   */
  private static Operand<TFloat32> batchNorm(Ops s, LayerSpec.BatchNorm b, Operand<TFloat32> x,
      Function<String, Operand<TFloat32>> weights, List<MovingUpdate> updates) {
    Operand<TFloat32> mean;
    Operand<TFloat32> variance;
    if (updates != null) {
      int rank = x.shape().numDimensions();
      int[] axes = new int[rank - 1];
      for (int k = 0; k < axes.length; k++) {
        axes[k] = k;
      }
      mean = s.withName("batch_mean").math.mean(x, s.constant(axes));
      // As tf.nn.moments: the mean's gradient through the variance is zero analytically.
      variance = s.withName("batch_variance").math.mean(
          s.math.squaredDifference(x, s.stopGradient(mean)), s.constant(axes));
      updates.add(new MovingUpdate(b.name() + "_mean", mean, b.momentum()));
      updates.add(new MovingUpdate(b.name() + "_variance", variance, b.momentum()));
    } else {
      mean = weights.apply(b.name() + "_mean");
      variance = weights.apply(b.name() + "_variance");
    }
    Operand<TFloat32> scale = s.math.mul(weights.apply(b.name() + "_gamma"),
        s.math.rsqrt(s.math.add(variance, s.constant(b.epsilon()))));
    return s.math.add(s.math.mul(s.math.sub(x, mean), scale), weights.apply(b.name() + "_beta"));
  }

  /** The input size of the dense layer after {@code flatten}. */
  private static int flattenSize(Architecture arch, LayerSpec flatten) {
    List<LayerSpec> ls = arch.layers();
    for (int i = ls.indexOf(flatten) + 1; i < ls.size(); i++) {
      if (ls.get(i) instanceof LayerSpec.Dense d) {
        return d.in();
      }
    }
    throw new IllegalStateException("no dense layer after " + flatten.name());
  }
}
