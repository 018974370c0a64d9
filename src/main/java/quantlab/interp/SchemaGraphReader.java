package quantlab.interp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.Conv2DOptions;
import org.tensorflow.lite.schema.DepthwiseConv2DOptions;
import org.tensorflow.lite.schema.FullyConnectedOptions;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.Pool2DOptions;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.ReshapeOptions;
import org.tensorflow.lite.schema.SoftmaxOptions;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;
import org.tensorflow.lite.schema.AddOptions;

/**
 * Builds a {@link Graph} from a {@code .tflite} FlatBuffer with the generated schema classes of
 * {@code org.tensorflow:tensorflow-lite-metadata}. This is the only class that touches the schema;
 * a reader from {@code quantlab.tflite} can replace it by producing the same {@link Graph}.
 */
final class SchemaGraphReader {
  private SchemaGraphReader() {}

  static Graph read(byte[] bytes) {
    if (bytes.length < 8) {
      throw new IllegalArgumentException(
          "not a TFLite model: " + bytes.length + " bytes, a model has at least 8");
    }
    ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (!Model.ModelBufferHasIdentifier(bb)) {
      throw new IllegalArgumentException(
          "not a TFLite model: file identifier is not TFL3 (bytes 4-7)");
    }
    try {
      return read(Model.getRootAsModel(bb));
    } catch (IndexOutOfBoundsException | IllegalStateException e) {
      throw new IllegalArgumentException("not a valid TFLite model: " + e, e);
    }
  }

  private static Graph read(Model model) {
    if (model.subgraphsLength() < 1) {
      throw new IllegalArgumentException("TFLite model has no subgraph");
    }
    SubGraph sg = model.subgraphs(0);
    List<Graph.TensorSpec> tensors = new ArrayList<>();
    for (int i = 0; i < sg.tensorsLength(); i++) {
      tensors.add(tensor(model, sg.tensors(i), i));
    }
    List<Graph.Node> nodes = new ArrayList<>();
    for (int i = 0; i < sg.operatorsLength(); i++) {
      nodes.add(node(model, sg.operators(i), i));
    }
    return new Graph(tensors, nodes, ints(sg.inputsLength(), sg::inputs),
        ints(sg.outputsLength(), sg::outputs));
  }

  private interface IntAt {
    int at(int i);
  }

  private static int[] ints(int n, IntAt f) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = f.at(i);
    }
    return r;
  }

  private static Graph.TensorSpec tensor(Model model, Tensor t, int index) {
    int code = t.type();
    DataType type = DataType.fromSchemaCode(code);
    int[] shape = ints(t.shapeLength(), t::shape);
    float[] scales = new float[0];
    int[] zps = new int[0];
    int qdim = 0;
    QuantizationParameters q = t.quantization();
    if (q != null && q.scaleLength() > 0) {
      scales = new float[q.scaleLength()];
      for (int i = 0; i < scales.length; i++) {
        scales[i] = q.scale(i);
      }
      zps = new int[q.zeroPointLength()];
      for (int i = 0; i < zps.length; i++) {
        zps[i] = (int) q.zeroPoint(i);
      }
      qdim = q.quantizedDimension();
    }
    Object data = null;
    long bufferIndex = t.buffer();
    if (bufferIndex > 0 && bufferIndex < model.buffersLength()) {
      ByteBuffer raw = model.buffers((int) bufferIndex).dataAsByteBuffer();
      if (raw != null && raw.remaining() > 0 && type != null) {
        data = decode(raw.order(ByteOrder.LITTLE_ENDIAN), type, t.name());
      }
    }
    String name = t.name() == null ? "tensor" + index : t.name();
    return new Graph.TensorSpec(
        index, name, type, DataType.schemaName(code), shape, scales, zps, qdim, data);
  }

  private static Object decode(ByteBuffer raw, DataType type, String name) {
    switch (type) {
      case FLOAT32: {
        float[] f = new float[raw.remaining() / 4];
        raw.asFloatBuffer().get(f);
        return f;
      }
      case INT32: {
        int[] v = new int[raw.remaining() / 4];
        raw.asIntBuffer().get(v);
        return v;
      }
      case INT8: {
        byte[] b = new byte[raw.remaining()];
        raw.get(b);
        return b;
      }
      default:
        throw new AssertionError(type + " for " + name);
    }
  }

  private static Graph.Node node(Model model, Operator op, int index) {
    long opcodeIndex = op.opcodeIndex();
    if (opcodeIndex < 0 || opcodeIndex >= model.operatorCodesLength()) {
      throw new IllegalArgumentException(
          "operator " + index + ": opcode_index " + opcodeIndex + " is out of range [0, "
              + model.operatorCodesLength() + ")");
    }
    OperatorCode oc = model.operatorCodes((int) opcodeIndex);
    int code = Math.max(oc.builtinCode(), oc.deprecatedBuiltinCode());
    String name = opName(code, oc);
    Graph.Op kind = Graph.Op.fromCode(code);
    if (kind == null) {
      throw new UnsupportedModelException(
          index,
          "operator " + index + " (" + name + ", version " + oc.version()
              + "): operator not supported; the interpreter runs "
              + Arrays.stream(Graph.Op.values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
    int[] inputs = ints(op.inputsLength(), op::inputs);
    int[] outputs = ints(op.outputsLength(), op::outputs);
    return new Graph.Node(index, kind, name, oc.version(), inputs, outputs,
        options(op, kind, index, name));
  }

  private static String opName(int code, OperatorCode oc) {
    if (code == BuiltinOperator.CUSTOM) {
      return "CUSTOM '" + oc.customCode() + "'";
    }
    try {
      return BuiltinOperator.name(code);
    } catch (RuntimeException e) {
      return "builtin operator code " + code;
    }
  }

  private static Graph.Options options(Operator op, Graph.Op kind, int index, String name) {
    Graph.Options o = Graph.Options.none();
    byte t = op.builtinOptionsType();
    switch (kind) {
      case CONV_2D:
        if (t == BuiltinOptions.Conv2DOptions) {
          Conv2DOptions c = (Conv2DOptions) op.builtinOptions(new Conv2DOptions());
          return new Graph.Options(padding(c.padding()), c.strideW(), c.strideH(),
              c.dilationWFactor(), c.dilationHFactor(), 1, 1, 1,
              activation(c.fusedActivationFunction(), index, name), null, 1f, false);
        }
        return o;
      case DEPTHWISE_CONV_2D:
        if (t == BuiltinOptions.DepthwiseConv2DOptions) {
          DepthwiseConv2DOptions c =
              (DepthwiseConv2DOptions) op.builtinOptions(new DepthwiseConv2DOptions());
          return new Graph.Options(padding(c.padding()), c.strideW(), c.strideH(),
              c.dilationWFactor(), c.dilationHFactor(), 1, 1, c.depthMultiplier(),
              activation(c.fusedActivationFunction(), index, name), null, 1f, false);
        }
        return o;
      case AVERAGE_POOL_2D:
      case MAX_POOL_2D:
        if (t == BuiltinOptions.Pool2DOptions) {
          Pool2DOptions c = (Pool2DOptions) op.builtinOptions(new Pool2DOptions());
          return new Graph.Options(padding(c.padding()), c.strideW(), c.strideH(), 1, 1,
              c.filterWidth(), c.filterHeight(), 1,
              activation(c.fusedActivationFunction(), index, name), null, 1f, false);
        }
        return o;
      case FULLY_CONNECTED:
        if (t == BuiltinOptions.FullyConnectedOptions) {
          FullyConnectedOptions c =
              (FullyConnectedOptions) op.builtinOptions(new FullyConnectedOptions());
          if (c.weightsFormat() != 0) {
            throw new UnsupportedModelException(index, "operator " + index + " (" + name
                + "): weights_format " + c.weightsFormat() + " not supported (only DEFAULT 0)");
          }
          return new Graph.Options(Graph.Padding.VALID, 1, 1, 1, 1, 1, 1, 1,
              activation(c.fusedActivationFunction(), index, name), null, 1f, c.keepNumDims());
        }
        return o;
      case ADD:
        if (t == BuiltinOptions.AddOptions) {
          AddOptions c = (AddOptions) op.builtinOptions(new AddOptions());
          return new Graph.Options(Graph.Padding.VALID, 1, 1, 1, 1, 1, 1, 1,
              activation(c.fusedActivationFunction(), index, name), null, 1f, false);
        }
        return o;
      case RESHAPE:
        if (t == BuiltinOptions.ReshapeOptions) {
          ReshapeOptions c = (ReshapeOptions) op.builtinOptions(new ReshapeOptions());
          int[] ns = ints(c.newShapeLength(), c::newShape);
          return new Graph.Options(Graph.Padding.VALID, 1, 1, 1, 1, 1, 1, 1, Activation.NONE,
              ns, 1f, false);
        }
        return o;
      case SOFTMAX:
        if (t == BuiltinOptions.SoftmaxOptions) {
          SoftmaxOptions c = (SoftmaxOptions) op.builtinOptions(new SoftmaxOptions());
          return new Graph.Options(Graph.Padding.VALID, 1, 1, 1, 1, 1, 1, 1, Activation.NONE,
              null, c.beta(), false);
        }
        return o;
      default:
        return o;
    }
  }

  private static Graph.Padding padding(byte p) {
    return p == org.tensorflow.lite.schema.Padding.SAME ? Graph.Padding.SAME : Graph.Padding.VALID;
  }

  private static Activation activation(byte code, int index, String name) {
    Activation a = Activation.fromCode(code);
    if (a == null) {
      String fn;
      try {
        fn = org.tensorflow.lite.schema.ActivationFunctionType.name(code);
      } catch (RuntimeException e) {
        fn = "code " + code;
      }
      throw new UnsupportedModelException(index, "operator " + index + " (" + name
          + "): fused activation " + fn + " not supported (NONE, RELU, RELU_N1_TO_1, RELU6)");
    }
    return a;
  }
}
