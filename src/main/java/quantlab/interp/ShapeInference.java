package quantlab.interp;

import java.util.Arrays;

/**
 * The output shape of each operator, from its input shapes and options, with every check a
 * kernel relies on (ranks, channel counts, divisibility, strides, sizes a Java array holds).
 * {@link Ops} calls {@link #outputShape} before each kernel at run time; {@link #check} walks
 * the whole graph once at load time with the shapes the file declares, as TFLite's
 * {@code AllocateTensors} runs every kernel's {@code Prepare}, so that a model whose shapes do
 * not fit together fails to load with an {@link UnsupportedModelException} naming the operator
 * instead of failing in the middle of a run.
 */
final class ShapeInference {
  private ShapeInference() {}

  /**
   * The shape of {@code n}'s output given the shapes of the tensors known so far
   * ({@code shapes[i]} null for a tensor without a value yet).
   *
   * @throws IllegalArgumentException when the shapes or options do not fit the operator
   */
  static int[] outputShape(Graph g, Graph.Node n, int[][] shapes) {
    int[] xs = shapes[n.inputs()[0]];
    Graph.Options o = n.options();
    int[] ys;
    switch (n.op()) {
      case FULLY_CONNECTED: {
        int[] ws = g.tensor(n.inputs()[1]).shape();
        int units = ws[0];
        int depth = ws[1];
        long count = count(xs);
        if (depth <= 0 || count % depth != 0) {
          throw bad(n, "input " + Arrays.toString(xs) + " is not a multiple of the weights' depth "
              + depth);
        }
        if (o.keepNumDims()) {
          if (xs.length == 0 || xs[xs.length - 1] != depth) {
            throw bad(n, "keep_num_dims needs the input's last dimension to be the weights' depth "
                + depth + ", got input " + Arrays.toString(xs));
          }
          ys = xs.clone();
          ys[ys.length - 1] = units;
        } else {
          ys = new int[] {(int) (count / depth), units};
        }
        break;
      }
      case CONV_2D:
      case DEPTHWISE_CONV_2D: {
        requireRank4(n, xs);
        int[] ws = g.tensor(n.inputs()[1]).shape();
        boolean dw = n.op() == Graph.Op.DEPTHWISE_CONV_2D;
        int outC = dw ? ws[3] : ws[0];
        if (dw) {
          if (xs[3] <= 0) {
            throw bad(n, "input " + Arrays.toString(xs) + " has no channels");
          }
          long dm = o.depthMultiplier() > 0 ? o.depthMultiplier() : outC / xs[3];
          if (xs[3] * dm != outC) {
            throw bad(n, "input channels " + xs[3] + " * depth_multiplier " + dm
                + " != filter channels " + outC);
          }
        } else if (ws[3] != xs[3]) {
          throw bad(n, "input has " + xs[3] + " channels, filter " + Arrays.toString(ws)
              + " expects " + ws[3]);
        }
        ConvGeometry geo = geometry(n, o, xs, ws[1], ws[2], o.dilationH(), o.dilationW());
        ys = new int[] {xs[0], geo.outH, geo.outW, outC};
        break;
      }
      case MAX_POOL_2D:
      case AVERAGE_POOL_2D: {
        requireRank4(n, xs);
        if (o.filterH() < 1 || o.filterW() < 1) {
          throw bad(n, "filter size must be >= 1, got " + o.filterH() + " x " + o.filterW());
        }
        ConvGeometry geo = geometry(n, o, xs, o.filterH(), o.filterW(), 1, 1);
        ys = new int[] {xs[0], geo.outH, geo.outW, xs[3]};
        break;
      }
      case RESHAPE:
        ys = Shapes.reshapeTarget(reshapeTarget(g, n), (int) count(xs));
        break;
      case SOFTMAX:
        if (xs.length == 0 || xs[xs.length - 1] <= 0) {
          throw bad(n, "input " + Arrays.toString(xs) + " needs a last dimension of at least 1");
        }
        ys = xs;
        break;
      case QUANTIZE:
      case DEQUANTIZE:
        ys = xs;
        break;
      case ADD:
        ys = Shapes.broadcast(xs, shapes[n.inputs()[1]]);
        break;
      default:
        throw new AssertionError(n.op());
    }
    if (count(ys) > Integer.MAX_VALUE) {
      throw bad(n, "output shape " + Arrays.toString(ys) + " holds " + count(ys)
          + " elements, more than a Java array can (2^31 - 1)");
    }
    return ys;
  }

  /**
   * Infers every operator's output shape from the declared shapes of the model's inputs and
   * constants, in execution order.
   *
   * @throws UnsupportedModelException naming the first operator whose input has no value yet
   *     (operators out of order, or a tensor nothing computes) or whose shapes do not fit, or a
   *     model output that nothing computes
   */
  static void check(Graph g) {
    int[][] shapes = new int[g.tensors.size()][];
    for (Graph.TensorSpec t : g.tensors) {
      if (t.data() != null) {
        shapes[t.index()] = t.shape();
      }
    }
    for (int i : g.inputs) {
      int[] shape = g.tensor(i).shape();
      if (count(shape) > Integer.MAX_VALUE) {
        throw new UnsupportedModelException(-1, "model input " + g.tensor(i).describe()
            + " holds more elements than a Java array can (2^31 - 1)");
      }
      shapes[i] = shape;
    }
    for (Graph.Node n : g.nodes) {
      for (int i : n.inputs()) {
        if (i >= 0 && shapes[i] == null) {
          throw new UnsupportedModelException(n.index(), prefix(n) + "input "
              + g.tensor(i).describe() + " is computed by no earlier operator and is neither a"
              + " model input nor a constant (operators out of execution order?)");
        }
      }
      try {
        shapes[n.outputs()[0]] = outputShape(g, n, shapes);
      } catch (IllegalArgumentException e) {
        String m = e.getMessage();
        throw new UnsupportedModelException(n.index(), m.startsWith(prefix(n)) ? m
            : prefix(n) + m);
      }
    }
    for (int o : g.outputs) {
      if (shapes[o] == null) {
        throw new UnsupportedModelException(-1, "model output " + g.tensor(o).describe()
            + " is computed by no operator and is neither a model input nor a constant");
      }
    }
  }

  private static String prefix(Graph.Node n) {
    return "operator " + n.index() + " (" + n.opName() + ", version " + n.version() + "): ";
  }

  private static IllegalArgumentException bad(Graph.Node n, String what) {
    return new IllegalArgumentException(prefix(n) + what);
  }

  private static void requireRank4(Graph.Node n, int[] xs) {
    if (xs.length != 4) {
      throw bad(n, "input " + Arrays.toString(xs) + " must be 4-D NHWC");
    }
  }

  private static ConvGeometry geometry(Graph.Node n, Graph.Options o, int[] xs, int fh, int fw,
      int dilationH, int dilationW) {
    try {
      return new ConvGeometry(o.padding(), xs[1], xs[2], fh, fw, o.strideH(), o.strideW(),
          dilationH, dilationW);
    } catch (IllegalArgumentException e) {
      throw bad(n, e.getMessage());
    }
  }

  /** The product of {@code shape} as a long (a product of ints cannot overflow it past 2^62). */
  static long count(int[] shape) {
    long c = 1;
    for (int d : shape) {
      c *= d;
      if (c > Integer.MAX_VALUE) {
        return (long) Integer.MAX_VALUE + 1; // enough to say "too large"
      }
    }
    return c;
  }

  /** RESHAPE's target: its shape input when constant, else its option, else its output's shape. */
  static int[] reshapeTarget(Graph g, Graph.Node n) {
    Graph.TensorSpec shapeTensor = Ops.optional(g, n, 1);
    if (shapeTensor != null && shapeTensor.data() instanceof int[]) {
      return (int[]) shapeTensor.data();
    }
    int[] ns = n.options().newShape();
    if (ns != null && ns.length > 0) {
      return ns;
    }
    return g.tensor(n.outputs()[0]).shape();
  }
}
