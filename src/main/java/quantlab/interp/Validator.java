package quantlab.interp;

import java.util.Arrays;

/**
 * Checks at load time that every operator's tensors have types, ranks and quantization the
 * kernels handle, so that a model fails early with a message naming the operator.
 */
final class Validator {
  private Validator() {}

  static void validate(Graph g) {
    for (int i : g.inputs) {
      Graph.TensorSpec t = g.tensor(i);
      if (t.type() == null || t.type() == DataType.INT32) {
        throw new UnsupportedModelException(-1, "model input " + t.describe()
            + ": type not supported (FLOAT32 or INT8)");
      }
    }
    for (Graph.Node n : g.nodes) {
      check(g, n);
    }
    ShapeInference.check(g);
  }

  private static UnsupportedModelException fail(Graph.Node n, String what) {
    return new UnsupportedModelException(n.index(),
        "operator " + n.index() + " (" + n.opName() + ", version " + n.version() + "): " + what);
  }

  private static void check(Graph g, Graph.Node n) {
    if (n.inputs().length < 1 || n.outputs().length != 1) {
      throw fail(n, "expects at least 1 input and exactly 1 output, has "
          + n.inputs().length + " and " + n.outputs().length);
    }
    int required = n.op() == Graph.Op.ADD || n.op() == Graph.Op.FULLY_CONNECTED
        || n.op() == Graph.Op.CONV_2D || n.op() == Graph.Op.DEPTHWISE_CONV_2D ? 2 : 1;
    for (int k = 0; k < Math.min(required, n.inputs().length); k++) {
      if (n.inputs()[k] < 0) {
        throw fail(n, "input " + k + " is omitted (-1), but the operator needs it");
      }
    }
    for (int idx : n.inputs()) {
      if (idx >= g.tensors.size()) {
        throw fail(n, "input tensor index " + idx + " out of range");
      }
      if (idx >= 0 && g.tensor(idx).type() == null) {
        throw fail(n, "tensor " + g.tensor(idx).describe() + " has type "
            + g.tensor(idx).schemaType() + "; the interpreter computes with FLOAT32 and INT8"
            + " tensors (INT32 bias)");
      }
    }
    Graph.TensorSpec in = g.tensor(n.inputs()[0]);
    Graph.TensorSpec out = g.tensor(n.outputs()[0]);
    if (out.type() == null) {
      throw fail(n, "output " + out.describe() + " has type " + out.schemaType()
          + "; the interpreter computes with FLOAT32 and INT8 tensors");
    }
    switch (n.op()) {
      case QUANTIZE:
        if (in.type() != DataType.FLOAT32 || out.type() != DataType.INT8) {
          throw fail(n, "only FLOAT32 -> INT8 is supported, got " + in.type() + " -> "
              + out.type());
        }
        requireQuantized(n, out);
        return;
      case DEQUANTIZE:
        if (in.type() != DataType.INT8 || out.type() != DataType.FLOAT32) {
          throw fail(n, "only INT8 -> FLOAT32 is supported, got " + in.type() + " -> "
              + out.type());
        }
        requireQuantized(n, in);
        return;
      default:
        break;
    }
    if (in.type() == DataType.INT32) {
      throw fail(n, "input " + in.describe() + ": INT32 activations are not supported");
    }
    if (in.type() != out.type()) {
      throw fail(n, "input " + in.describe() + " and output " + out.describe()
          + " differ in type; the interpreter runs FLOAT32 -> FLOAT32 and INT8 -> INT8 operators"
          + (n.op() == Graph.Op.FULLY_CONNECTED || n.op() == Graph.Op.CONV_2D
              || n.op() == Graph.Op.DEPTHWISE_CONV_2D
              ? " (a dynamic-range/hybrid operator takes and gives FLOAT32, with INT8 weights)"
              : ""));
    }
    boolean int8 = in.type() == DataType.INT8;
    if (int8) {
      requireQuantized(n, in);
      requireQuantized(n, out);
    }
    switch (n.op()) {
      case FULLY_CONNECTED:
      case CONV_2D:
      case DEPTHWISE_CONV_2D:
        checkWeights(g, n, int8);
        break;
      case SOFTMAX:
        if (int8 && (out.scale() != 1f / 256 || out.zeroPoint() != -128)) {
          throw fail(n, "int8 output must have scale 1/256 and zeroPoint -128, got scale "
              + out.scale() + " and zeroPoint " + out.zeroPoint());
        }
        if (int8) {
          // the reference kernel's multiplier beta * inputScale * 2^26 must be at least 0.5
          // (a non-negative shift, PreprocessSoftmaxScaling) and finite
          double m = (double) n.options().beta() * in.scale() * (1 << 26);
          if (!(m >= 0.5) || Double.isInfinite(m)) {
            throw fail(n, "int8 SOFTMAX needs beta * input scale * 2^26 in [0.5, inf), got beta "
                + n.options().beta() + " and input scale " + in.scale());
          }
        }
        break;
      case ADD:
        if (n.inputs().length != 2) {
          throw fail(n, "expects 2 inputs, has " + n.inputs().length);
        }
        Graph.TensorSpec in2 = g.tensor(n.inputs()[1]);
        if (in2.type() != in.type()) {
          throw fail(n, "inputs differ in type: " + in.describe() + " and " + in2.describe());
        }
        if (int8) {
          requireQuantized(n, in2);
          // XNNPACK refuses other ratios (xnn_create_add_nd_qs8), and within them TFLite's
          // reference output multiplier 2 max(scale) / (2^20 outputScale) stays below 1
          for (Graph.TensorSpec x : new Graph.TensorSpec[] {in, in2}) {
            float ratio = x.scale() / out.scale();
            if (!(ratio >= 0x1.0p-10f && ratio < 0x1.0p+8f)) {
              throw fail(n, "int8 ADD input " + x.describe() + " has scale " + x.scale()
                  + ", " + ratio + " times the output's " + out.scale() + "; the input-to-output"
                  + " scale ratio must be in [2^-10, 2^8)");
            }
          }
        }
        break;
      default:
        break;
    }
    int rank4 = n.op() == Graph.Op.CONV_2D || n.op() == Graph.Op.DEPTHWISE_CONV_2D
        || n.op() == Graph.Op.MAX_POOL_2D || n.op() == Graph.Op.AVERAGE_POOL_2D ? 4 : 0;
    if (rank4 == 4 && in.shape().length != 4) {
      throw fail(n, "input " + in.describe() + " must be 4-D NHWC");
    }
  }

  private static void requireQuantized(Graph.Node n, Graph.TensorSpec t) {
    if (!t.isQuantized()) {
      throw fail(n, "int8 tensor " + t.describe() + " has no quantization parameters");
    }
    if (t.isPerChannel()) {
      throw fail(n, "activation tensor " + t.describe() + " is quantized per channel ("
          + t.scales().length + " scales); activations must be per tensor");
    }
    if (!(t.scale() > 0) || Float.isInfinite(t.scale())) {
      throw fail(n, "int8 tensor " + t.describe() + " has scale " + t.scale()
          + "; a scale must be finite and > 0");
    }
    if (t.zeroPoint() < -128 || t.zeroPoint() > 127) {
      throw fail(n, "int8 tensor " + t.describe() + " has zeroPoint " + t.zeroPoint()
          + "; an int8 zero point must be in [-128, 127]");
    }
  }

  /** Weight scales: finite and >= 0 (0 is what a converter writes for an all-zero channel). */
  private static void requireWeightScales(Graph.Node n, Graph.TensorSpec w) {
    for (float s : w.scales()) {
      if (!(s >= 0) || Float.isInfinite(s)) {
        throw fail(n, "weights " + w.describe() + " have scale " + s
            + "; weight scales must be finite and >= 0");
      }
    }
  }

  private static void checkWeights(Graph g, Graph.Node n, boolean int8) {
    if (n.inputs().length < 2 || n.inputs()[1] < 0) {
      throw fail(n, "has no weights input");
    }
    Graph.TensorSpec w = g.tensor(n.inputs()[1]);
    if (w.data() == null) {
      throw fail(n, "weights " + w.describe() + " are not a constant");
    }
    int wantRank = n.op() == Graph.Op.FULLY_CONNECTED ? 2 : 4;
    if (w.shape().length != wantRank) {
      throw fail(n, "weights " + w.describe() + " must have rank " + wantRank);
    }
    if (Shapes.count(w.shape()) != java.lang.reflect.Array.getLength(w.data())) {
      throw fail(n, "weights " + w.describe() + " hold "
          + java.lang.reflect.Array.getLength(w.data()) + " values, the shape needs "
          + Shapes.count(w.shape()));
    }
    boolean hybrid = !int8 && w.type() == DataType.INT8;
    if (!hybrid && w.type() != (int8 ? DataType.INT8 : DataType.FLOAT32)) {
      throw fail(n, "weights " + w.describe() + " do not match the "
          + (int8 ? "INT8" : "FLOAT32") + " input (" + (int8
              ? "an int8 operator needs INT8 weights"
              : "a float operator needs FLOAT32 weights, or INT8 weights for a dynamic-range/hybrid"
                  + " operator") + ")");
    }
    int outChannels = n.op() == Graph.Op.DEPTHWISE_CONV_2D ? w.shape()[3] : w.shape()[0];
    if (hybrid) {
      if (!w.isQuantized()) {
        throw fail(n, "hybrid operator: int8 weights " + w.describe()
            + " have no quantization parameters");
      }
      for (int zp : w.zeroPoints()) {
        if (zp != 0) {
          throw fail(n, "hybrid operator: weights " + w.describe() + " have zero point " + zp
              + "; dynamic-range weights must be symmetric (zero point 0)");
        }
      }
      if (n.op() == Graph.Op.DEPTHWISE_CONV_2D && w.scales().length != outChannels) {
        // TFLite's hybrid depthwise kernel reads one scale per channel; LiteRT.js 2.5.3 returns
        // garbage (values near 1e25) for a single scale, so refuse rather than guess
        throw fail(n, "hybrid DEPTHWISE_CONV_2D: weights " + w.describe() + " have "
            + w.scales().length + " scale(s); TFLite's hybrid depthwise kernel needs one per"
            + " output channel (" + outChannels + ")");
      }
    }
    if (int8 || hybrid) {
      if (!w.isQuantized()) {
        throw fail(n, "int8 weights " + w.describe() + " have no quantization parameters");
      }
      requireWeightScales(n, w);
      int wantDim = n.op() == Graph.Op.DEPTHWISE_CONV_2D ? 3 : 0;
      if (w.isPerChannel() && (w.scales().length != outChannels
          || w.quantizedDimension() != wantDim)) {
        throw fail(n, "weights " + w.describe() + " have " + w.scales().length
            + " scales on dimension " + w.quantizedDimension() + "; expected " + outChannels
            + " on dimension " + wantDim);
      }
    }
    Graph.TensorSpec b = Ops.optional(g, n, 2);
    if (b != null) {
      // a hybrid operator keeps its bias in float32, as the converter writes it
      DataType want = int8 ? DataType.INT32 : DataType.FLOAT32;
      if (b.type() != want || b.data() == null) {
        throw fail(n, "bias " + b.describe() + " must be a constant " + want + " tensor");
      }
      if (java.lang.reflect.Array.getLength(b.data()) != outChannels) {
        throw fail(n, "bias " + b.describe() + " holds "
            + java.lang.reflect.Array.getLength(b.data()) + " values for " + outChannels
            + " output channels " + Arrays.toString(w.shape()));
      }
    }
  }
}
