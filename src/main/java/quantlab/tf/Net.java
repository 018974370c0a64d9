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
   * The logits of {@code input} ({@code [n, 784]}).
   *
   * @param weights gives each variable's value by name ({@code "dense1_kernel"})
   */
  static Operand<TFloat32> forward(Ops tf, Architecture arch, Operand<TFloat32> input,
      Function<String, Operand<TFloat32>> weights, Tap tap) {
    int t = 0;
    Operand<TFloat32> x = tap.apply(tf, t++, "input", input);
    if (arch.isConvolutional()) {
      x = tf.reshape(x, tf.constant(new int[] {-1, 28, 28, 1}));
    }
    for (LayerSpec l : arch.layers()) {
      Ops s = tf.withSubScope(l.name());
      if (l instanceof LayerSpec.Dense d) {
        x = s.nn.biasAdd(s.linalg.matMul(x, weights.apply(d.name() + "_kernel")),
            weights.apply(d.name() + "_bias"));
        if (d.relu()) {
          x = s.nn.relu(x);
        }
        x = tap.apply(tf, t++, d.name(), x);
      } else if (l instanceof LayerSpec.Conv c) {
        x = s.nn.relu(s.nn.biasAdd(s.nn.conv2d(x, weights.apply(c.name() + "_kernel"),
            List.of(1L, 1L, 1L, 1L), "SAME"), weights.apply(c.name() + "_bias")));
        x = tap.apply(tf, t++, c.name(), x);
      } else if (l instanceof LayerSpec.MaxPool) {
        x = s.nn.maxPool(x, s.constant(new int[] {1, 2, 2, 1}),
            s.constant(new int[] {1, 2, 2, 1}), "VALID");
      } else if (l instanceof LayerSpec.Flatten) {
        x = s.reshape(x, s.constant(new int[] {-1, flattenSize(arch, l)}));
      }
    }
    return x;
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
