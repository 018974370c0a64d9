package quantlab.interp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import quantlab.tflite.OpOptions;
import quantlab.tflite.TfliteFormatException;
import quantlab.tflite.TfliteModel;
import quantlab.tflite.TfliteOperator;
import quantlab.tflite.TfliteQuantization;
import quantlab.tflite.TfliteSubgraph;
import quantlab.tflite.TfliteTensor;

/**
 * Builds the interpreter's {@link Graph} from a model read by {@link TfliteModel} (package
 * quantlab.tflite), the only place where the interpreter meets the file format.
 */
final class TfliteGraphReader {
  private TfliteGraphReader() {}

  /**
   * Reads and converts a model.
   *
   * @throws IllegalArgumentException (a {@link TfliteFormatException}) for a malformed file
   * @throws UnsupportedModelException for an operator, option or type the interpreter lacks
   */
  static Graph read(byte[] bytes) {
    return convert(TfliteModel.read(bytes));
  }

  static Graph convert(TfliteModel model) {
    if (model.subgraphs().isEmpty()) {
      throw new TfliteFormatException("the model has no subgraph");
    }
    TfliteSubgraph sg = model.subgraph();
    List<Graph.TensorSpec> tensors = new ArrayList<>();
    // Tensors may share a buffer; decode each (buffer, type) once, so that a file pointing many
    // tensors at one large buffer costs its size once (the kernels never write constants).
    Map<String, Object> decoded = new HashMap<>();
    for (TfliteTensor t : sg.tensors()) {
      tensors.add(tensor(t, decoded));
    }
    List<Graph.Node> nodes = new ArrayList<>();
    for (TfliteOperator op : sg.operators()) {
      Graph.Node n = node(op);
      // Fold DEQUANTIZE of a float16 constant (TfliteWriter's FLOAT16 variant, the converter's
      // float16 quantization): its output becomes the widened float32 constant.
      if (n.op() == Graph.Op.DEQUANTIZE && n.inputs().length == 1 && n.outputs().length == 1
          && n.inputs()[0] >= 0) {
        Graph.TensorSpec in = tensors.get(n.inputs()[0]);
        Graph.TensorSpec out = tensors.get(n.outputs()[0]);
        if ("FLOAT16".equals(in.schemaType()) && in.data() != null
            && out.type() == DataType.FLOAT32) {
          // with the constant's shape, as DEQUANTIZE's Prepare resizes its output to the input's
          tensors.set(out.index(), new Graph.TensorSpec(out.index(), out.name(), out.type(),
              out.schemaType(), in.shape(), out.scales(), out.zeroPoints(),
              out.quantizedDimension(), in.data()));
          continue;
        }
      }
      nodes.add(n);
    }
    return new Graph(tensors, nodes, sg.inputs(), sg.outputs());
  }

  private static Graph.TensorSpec tensor(TfliteTensor t, Map<String, Object> decoded) {
    String typeName = t.type().name();
    DataType type = switch (t.type()) {
      case FLOAT32 -> DataType.FLOAT32;
      case INT8 -> DataType.INT8;
      case INT32 -> DataType.INT32;
      // float16 constants (the FLOAT16 variant) are widened to float32 at load time; their
      // DEQUANTIZE is then a copy
      case FLOAT16 -> t.hasData() ? DataType.FLOAT32 : null;
      default -> null;
    };
    float[] scales = new float[0];
    int[] zps = new int[0];
    int qdim = 0;
    if (t.isQuantized()) {
      TfliteQuantization q = t.quantization().orElseThrow();
      scales = q.scales();
      long[] z = q.zeroPoints();
      zps = new int[z.length];
      for (int i = 0; i < z.length; i++) {
        zps[i] = (int) z[i];
      }
      qdim = q.quantizedDimension();
    }
    Object data = null;
    if (t.hasData() && type != null) {
      if (t.isSparse()) {
        type = null;
        typeName = typeName + " (sparse)";
      } else {
        DataType as = type;
        data = decoded.computeIfAbsent(t.bufferIndex() + ":" + t.type(), k -> switch (as) {
          case FLOAT32 -> t.type() == quantlab.tflite.TensorType.FLOAT16 ? t.float16s()
              : t.floats();
          case INT8 -> t.int8s();
          case INT32 -> t.int32s();
        });
      }
    }
    return new Graph.TensorSpec(t.index(), t.name(), type, typeName, t.shape(), scales, zps,
        qdim, data);
  }

  private static Graph.Node node(TfliteOperator op) {
    int index = op.index();
    String name = op.opName();
    Graph.Op kind = Graph.Op.fromCode(op.builtinCode());
    if (kind == null) {
      throw new UnsupportedModelException(index,
          "operator " + index + " (" + name + ", version " + op.version()
              + "): operator not supported; the interpreter runs "
              + Arrays.stream(Graph.Op.values()).map(Enum::name)
                  .collect(Collectors.joining(", ")));
    }
    return new Graph.Node(index, kind, name, op.version(), op.inputs(), op.outputs(),
        options(op, kind, index, name));
  }

  private static Graph.Options options(TfliteOperator op, Graph.Op kind, int index,
      String name) {
    OpOptions o = op.options();
    Graph.Options none = Graph.Options.none();
    if (o instanceof OpOptions.Conv2D c) {
      return new Graph.Options(padding(c.padding()), c.strideW(), c.strideH(), c.dilationW(),
          c.dilationH(), 1, 1, 1, activation(c.activation(), index, name), null, 1f, false);
    }
    if (o instanceof OpOptions.DepthwiseConv2D c) {
      return new Graph.Options(padding(c.padding()), c.strideW(), c.strideH(), c.dilationW(),
          c.dilationH(), 1, 1, c.depthMultiplier(), activation(c.activation(), index, name),
          null, 1f, false);
    }
    if (o instanceof OpOptions.Pool2D c) {
      return new Graph.Options(padding(c.padding()), c.strideW(), c.strideH(), 1, 1,
          c.filterW(), c.filterH(), 1, activation(c.activation(), index, name), null, 1f, false);
    }
    if (o instanceof OpOptions.FullyConnected c) {
      if (c.weightsFormat() != 0) {
        throw new UnsupportedModelException(index, "operator " + index + " (" + name
            + "): weights_format " + c.weightsFormat() + " not supported (only DEFAULT 0)");
      }
      return new Graph.Options(Graph.Padding.VALID, 1, 1, 1, 1, 1, 1, 1,
          activation(c.activation(), index, name), null, 1f, c.keepNumDims(),
          c.asymmetricQuantizeInputs());
    }
    if (o instanceof OpOptions.Add c) {
      return new Graph.Options(Graph.Padding.VALID, 1, 1, 1, 1, 1, 1, 1,
          activation(c.activation(), index, name), null, 1f, false);
    }
    if (o instanceof OpOptions.Reshape c) {
      return new Graph.Options(Graph.Padding.VALID, 1, 1, 1, 1, 1, 1, 1, Activation.NONE,
          c.newShape(), 1f, false);
    }
    if (o instanceof OpOptions.Softmax c) {
      return new Graph.Options(Graph.Padding.VALID, 1, 1, 1, 1, 1, 1, 1, Activation.NONE, null,
          c.beta(), false);
    }
    if ((kind == Graph.Op.CONV_2D || kind == Graph.Op.DEPTHWISE_CONV_2D
        || kind == Graph.Op.MAX_POOL_2D || kind == Graph.Op.AVERAGE_POOL_2D)) {
      throw new UnsupportedModelException(index, "operator " + index + " (" + name
          + "): has no " + kind + " options (" + o + ")");
    }
    return none;
  }

  private static Graph.Padding padding(quantlab.tflite.Padding p) {
    return p == quantlab.tflite.Padding.SAME ? Graph.Padding.SAME : Graph.Padding.VALID;
  }

  private static Activation activation(quantlab.tflite.Activation a, int index, String name) {
    return switch (a) {
      case NONE -> Activation.NONE;
      case RELU -> Activation.RELU;
      case RELU_N1_TO_1 -> Activation.RELU_N1_TO_1;
      case RELU6 -> Activation.RELU6;
      default -> throw new UnsupportedModelException(index, "operator " + index + " (" + name
          + "): fused activation " + a + " not supported (NONE, RELU, RELU_N1_TO_1, RELU6)");
    };
  }
}
