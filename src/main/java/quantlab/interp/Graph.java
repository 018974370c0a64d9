package quantlab.interp;

import java.util.Arrays;
import java.util.List;

/**
 * The interpreter's own view of a model's first subgraph: tensors with their quantization and
 * constant data, and operators in execution order. A reader (the seam between the interpreter and
 * the FlatBuffer format) builds it; see {@link TfliteGraphReader}.
 */
final class Graph {
  final List<TensorSpec> tensors;
  final List<Node> nodes;
  final int[] inputs;
  final int[] outputs;

  Graph(List<TensorSpec> tensors, List<Node> nodes, int[] inputs, int[] outputs) {
    this.tensors = List.copyOf(tensors);
    this.nodes = List.copyOf(nodes);
    this.inputs = inputs.clone();
    this.outputs = outputs.clone();
  }

  TensorSpec tensor(int index) {
    return tensors.get(index);
  }

  /**
   * One tensor. {@code type} is null when the schema type is not one the interpreter computes
   * with ({@code schemaType} keeps its name for the error message). {@code data} holds a
   * constant's values as {@code float[]}, {@code byte[]} or {@code int[]}, or null.
   */
  record TensorSpec(
      int index,
      String name,
      DataType type,
      String schemaType,
      int[] shape,
      float[] scales,
      int[] zeroPoints,
      int quantizedDimension,
      Object data) {

    boolean isQuantized() {
      return scales.length > 0;
    }

    boolean isPerChannel() {
      return scales.length > 1;
    }

    float scale() {
      return scales.length == 0 ? 0f : scales[0];
    }

    int zeroPoint() {
      return zeroPoints.length == 0 ? 0 : zeroPoints[0];
    }

    float scale(int channel) {
      return scales.length == 1 ? scales[0] : scales[channel];
    }

    int zeroPoint(int channel) {
      return zeroPoints.length <= 1 ? zeroPoint() : zeroPoints[channel];
    }

    int elementCount() {
      int n = 1;
      for (int d : shape) {
        n *= d;
      }
      return n;
    }

    String describe() {
      return "'" + name + "' " + (type == null ? schemaType : type) + " " + Arrays.toString(shape);
    }
  }

  /**
   * Builtin options the supported operators use. {@code asymmetricQuantizeInputs} is
   * FULLY_CONNECTED's option for hybrid (dynamic-range) operators: quantize the float input
   * with a zero point (true) or symmetrically (false).
   */
  record Options(
      Padding padding,
      int strideW,
      int strideH,
      int dilationW,
      int dilationH,
      int filterW,
      int filterH,
      int depthMultiplier,
      Activation activation,
      int[] newShape,
      float beta,
      boolean keepNumDims,
      boolean asymmetricQuantizeInputs) {

    Options(Padding padding, int strideW, int strideH, int dilationW, int dilationH, int filterW,
        int filterH, int depthMultiplier, Activation activation, int[] newShape, float beta,
        boolean keepNumDims) {
      this(padding, strideW, strideH, dilationW, dilationH, filterW, filterH, depthMultiplier,
          activation, newShape, beta, keepNumDims, false);
    }

    static Options none() {
      return new Options(Padding.VALID, 1, 1, 1, 1, 1, 1, 1, Activation.NONE, null, 1f, false);
    }
  }

  /** Padding of convolutions and pools. */
  enum Padding {
    SAME,
    VALID
  }

  /** One operator. */
  record Node(
      int index, Op op, String opName, int version, int[] inputs, int[] outputs, Options options) {}

  /** The operators the interpreter runs, with their schema builtin codes. */
  enum Op {
    ADD(0),
    AVERAGE_POOL_2D(1),
    CONV_2D(3),
    DEPTHWISE_CONV_2D(4),
    DEQUANTIZE(6),
    FULLY_CONNECTED(9),
    MAX_POOL_2D(17),
    RESHAPE(22),
    SOFTMAX(25),
    QUANTIZE(114);

    final int code;

    Op(int code) {
      this.code = code;
    }

    static Op fromCode(int code) {
      for (Op op : values()) {
        if (op.code == code) {
          return op;
        }
      }
      return null;
    }
  }
}
