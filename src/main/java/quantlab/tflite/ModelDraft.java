package quantlab.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.tensorflow.lite.schema.Buffer;
import org.tensorflow.lite.schema.Metadata;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;
import quantlab.minifloat.MiniFloat;

/**
 * A model under construction (tensors, operators, inputs, outputs), serialized with the
 * generated schema classes: buffers 16-byte aligned, buffer 0 the empty sentinel, both opcode
 * fields filled, the {@code min_runtime_version} metadata, identifier TFL3, version 3.
 */
final class ModelDraft {
  /** BuiltinOperator codes used by the writer. */
  static final int ADD = 0;
  static final int AVERAGE_POOL_2D = 1;
  static final int CONV_2D = 3;
  static final int DEPTHWISE_CONV_2D = 4;
  static final int DEQUANTIZE = 6;
  static final int FULLY_CONNECTED = 9;
  static final int MAX_POOL_2D = 17;
  static final int RESHAPE = 22;
  static final int SOFTMAX = 25;
  static final int QUANTIZE = 114;

  record TensorDraft(String name, TensorType type, int[] shape, byte[] data,
      TfliteQuantization quantization) {}

  record OpDraft(int builtin, int version, int[] inputs, int[] outputs, byte optionsType,
      ToIntFunction<FlatBufferBuilder> options) {}

  final String name;
  final List<TensorDraft> tensors = new ArrayList<>();
  final List<OpDraft> ops = new ArrayList<>();
  int[] inputs = new int[0];
  int[] outputs = new int[0];

  ModelDraft(String name) {
    this.name = name;
  }

  int tensor(String name, TensorType type, int[] shape, byte[] data, TfliteQuantization q) {
    tensors.add(new TensorDraft(name, type, shape.clone(), data, q));
    return tensors.size() - 1;
  }

  TensorDraft tensor(int i) {
    return tensors.get(i);
  }

  void op(int builtin, int version, int[] in, int[] out, byte optionsType,
      ToIntFunction<FlatBufferBuilder> options) {
    ops.add(new OpDraft(builtin, version, in, out, optionsType, options));
  }

  static byte[] floatBytes(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  static byte[] intBytes(int[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(v);
    return b.array();
  }

  static byte[] halfBytes(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      b.putShort((short) MiniFloat.FLOAT16.encode(x));
    }
    return b.array();
  }

  // ---- versions and runtime ------------------------------------------------------------------

  /**
   * The first TFLite runtime that supports {@code (op, version)}, from TFLite's
   * {@code tools/versioning/runtime_version.cc}.
   */
  static String runtimeVersion(int builtin, int version) {
    String key = builtin + "/" + version;
    String v = RUNTIME.get(key);
    if (v == null) {
      throw new IllegalStateException("no runtime version known for op " + builtin + " v"
          + version);
    }
    return v;
  }

  private static final Map<String, String> RUNTIME = new LinkedHashMap<>();

  static {
    String[][] table = {
        {"" + AVERAGE_POOL_2D, "1", "1.5.0"}, {"" + AVERAGE_POOL_2D, "2", "1.14.0"},
        {"" + CONV_2D, "1", "1.5.0"}, {"" + CONV_2D, "2", "1.14.0"},
        {"" + CONV_2D, "3", "1.14.0"}, {"" + CONV_2D, "5", "2.4.0"},
        {"" + DEPTHWISE_CONV_2D, "1", "1.5.0"}, {"" + DEPTHWISE_CONV_2D, "2", "1.12.0"},
        {"" + DEPTHWISE_CONV_2D, "3", "1.14.0"}, {"" + DEPTHWISE_CONV_2D, "6", "2.3.0"},
        {"" + ADD, "1", "1.5.0"}, {"" + ADD, "2", "1.14.0"},
        {"" + FULLY_CONNECTED, "1", "1.5.0"}, {"" + FULLY_CONNECTED, "3", "1.14.0"},
        {"" + FULLY_CONNECTED, "4", "1.14.0"}, {"" + FULLY_CONNECTED, "9", "2.3.0"},
        {"" + MAX_POOL_2D, "1", "1.5.0"}, {"" + MAX_POOL_2D, "2", "1.14.0"},
        {"" + RESHAPE, "1", "1.5.0"},
        {"" + SOFTMAX, "1", "1.5.0"}, {"" + SOFTMAX, "2", "1.14.0"},
        {"" + DEQUANTIZE, "2", "1.14.0"}, {"" + DEQUANTIZE, "3", "1.15.0"},
        {"" + QUANTIZE, "1", "1.14.0"},
    };
    for (String[] row : table) {
      RUNTIME.put(row[0] + "/" + row[1], row[2]);
    }
  }

  /** {@code a < b} for dotted versions compared number by number. */
  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? Integer.parseInt(x[i]) : 0;
      int q = i < y.length ? Integer.parseInt(y[i]) : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }

  String minRuntimeVersion() {
    String best = "1.5.0";
    for (OpDraft op : ops) {
      String v = runtimeVersion(op.builtin(), op.version());
      if (compareVersions(v, best) > 0) {
        best = v;
      }
    }
    return best;
  }

  // ---- serialization -------------------------------------------------------------------------

  byte[] serialize(String description) {
    long dataBytes = 0;
    for (TensorDraft t : tensors) {
      dataBytes += t.data() == null ? 0 : t.data().length + 16;
    }
    FlatBufferBuilder fb = new FlatBufferBuilder((int) Math.min(Integer.MAX_VALUE - 8,
        4096 + dataBytes + 256L * tensors.size()));

    // Buffers: 0 = empty sentinel, then one per tensor with data, then the metadata buffer.
    List<Integer> bufferTables = new ArrayList<>();
    Buffer.startBuffer(fb);
    bufferTables.add(Buffer.endBuffer(fb));
    int[] tensorBuffer = new int[tensors.size()];
    for (int i = 0; i < tensors.size(); i++) {
      byte[] data = tensors.get(i).data();
      if (data == null || data.length == 0) {
        continue;
      }
      int vec = alignedBytes(fb, data);
      Buffer.startBuffer(fb);
      Buffer.addData(fb, vec);
      bufferTables.add(Buffer.endBuffer(fb));
      tensorBuffer[i] = bufferTables.size() - 1;
    }
    byte[] runtime = new byte[16];
    byte[] ascii = minRuntimeVersion().getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(ascii, 0, runtime, 0, ascii.length);
    int runtimeVec = alignedBytes(fb, runtime);
    Buffer.startBuffer(fb);
    Buffer.addData(fb, runtimeVec);
    bufferTables.add(Buffer.endBuffer(fb));
    int runtimeBuffer = bufferTables.size() - 1;

    // Tensors.
    // Identical shape, scale and zero-point vectors are written once and referenced by every
    // tensor that has them (FlatBuffers allows shared offsets): a per-channel layer's weights and
    // bias have the same all-zero zero points, which would otherwise cost 8 bytes per channel
    // twice.
    Map<VectorKey, Integer> shared = new HashMap<>();
    int[] tensorTables = new int[tensors.size()];
    for (int i = 0; i < tensors.size(); i++) {
      TensorDraft t = tensors.get(i);
      int nameOff = fb.createString(t.name());
      int[] shape = t.shape();
      int shapeOff = shared.computeIfAbsent(VectorKey.of('s', shape),
          k -> Tensor.createShapeVector(fb, shape));
      int quantOff = 0;
      TfliteQuantization q = t.quantization();
      if (q != null) {
        float[] scales = q.scales();
        long[] zeroPoints = q.zeroPoints();
        int scaleOff = shared.computeIfAbsent(VectorKey.of('f', scales),
            k -> QuantizationParameters.createScaleVector(fb, scales));
        int zpOff = shared.computeIfAbsent(VectorKey.of('z', zeroPoints),
            k -> QuantizationParameters.createZeroPointVector(fb, zeroPoints));
        QuantizationParameters.startQuantizationParameters(fb);
        QuantizationParameters.addScale(fb, scaleOff);
        QuantizationParameters.addZeroPoint(fb, zpOff);
        QuantizationParameters.addQuantizedDimension(fb, q.quantizedDimension());
        quantOff = QuantizationParameters.endQuantizationParameters(fb);
      }
      Tensor.startTensor(fb);
      Tensor.addShape(fb, shapeOff);
      Tensor.addType(fb, (byte) t.type().code());
      Tensor.addBuffer(fb, tensorBuffer[i]);
      Tensor.addName(fb, nameOff);
      if (quantOff != 0) {
        Tensor.addQuantization(fb, quantOff);
      }
      tensorTables[i] = Tensor.endTensor(fb);
    }

    // Operator codes, deduplicated by (code, version) in order of first use.
    List<long[]> codes = new ArrayList<>();
    int[] opcodeIndex = new int[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      OpDraft op = ops.get(i);
      int found = -1;
      for (int c = 0; c < codes.size(); c++) {
        if (codes.get(c)[0] == op.builtin() && codes.get(c)[1] == op.version()) {
          found = c;
        }
      }
      if (found < 0) {
        codes.add(new long[] {op.builtin(), op.version()});
        found = codes.size() - 1;
      }
      opcodeIndex[i] = found;
    }
    int[] codeTables = new int[codes.size()];
    for (int c = 0; c < codes.size(); c++) {
      int code = (int) codes.get(c)[0];
      OperatorCode.startOperatorCode(fb);
      // The deprecated byte field carries codes below 127 (127 = "see builtin_code").
      OperatorCode.addDeprecatedBuiltinCode(fb, (byte) Math.min(code, 127));
      OperatorCode.addBuiltinCode(fb, code);
      OperatorCode.addVersion(fb, (int) codes.get(c)[1]);
      codeTables[c] = OperatorCode.endOperatorCode(fb);
    }

    // Operators.
    int[] opTables = new int[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      OpDraft op = ops.get(i);
      int inOff = Operator.createInputsVector(fb, op.inputs());
      int outOff = Operator.createOutputsVector(fb, op.outputs());
      int optOff = op.options() == null ? 0 : op.options().applyAsInt(fb);
      Operator.startOperator(fb);
      Operator.addOpcodeIndex(fb, opcodeIndex[i]);
      Operator.addInputs(fb, inOff);
      Operator.addOutputs(fb, outOff);
      if (optOff != 0) {
        Operator.addBuiltinOptionsType(fb, op.optionsType());
        Operator.addBuiltinOptions(fb, optOff);
      }
      opTables[i] = Operator.endOperator(fb);
    }

    int tensorsVec = SubGraph.createTensorsVector(fb, tensorTables);
    int inVec = SubGraph.createInputsVector(fb, inputs);
    int outVec = SubGraph.createOutputsVector(fb, outputs);
    int opsVec = SubGraph.createOperatorsVector(fb, opTables);
    int sgName = fb.createString(name);
    SubGraph.startSubGraph(fb);
    SubGraph.addTensors(fb, tensorsVec);
    SubGraph.addInputs(fb, inVec);
    SubGraph.addOutputs(fb, outVec);
    SubGraph.addOperators(fb, opsVec);
    SubGraph.addName(fb, sgName);
    int subgraph = SubGraph.endSubGraph(fb);

    int mdName = fb.createString(TfliteModel.MIN_RUNTIME_VERSION);
    int md = Metadata.createMetadata(fb, mdName, runtimeBuffer);

    int codesVec = Model.createOperatorCodesVector(fb, codeTables);
    int subgraphsVec = Model.createSubgraphsVector(fb, new int[] {subgraph});
    int desc = fb.createString(description);
    int buffersVec = Model.createBuffersVector(fb,
        bufferTables.stream().mapToInt(Integer::intValue).toArray());
    int mdVec = Model.createMetadataVector(fb, new int[] {md});
    Model.startModel(fb);
    Model.addVersion(fb, 3);
    Model.addOperatorCodes(fb, codesVec);
    Model.addSubgraphs(fb, subgraphsVec);
    Model.addDescription(fb, desc);
    Model.addBuffers(fb, buffersVec);
    Model.addMetadata(fb, mdVec);
    int model = Model.endModel(fb);
    Model.finishModelBuffer(fb, model);
    return fb.sizedByteArray();
  }

  /** A byte vector whose first element is 16-byte aligned (the schema's force_align: 16). */
  private static int alignedBytes(FlatBufferBuilder fb, byte[] data) {
    fb.startVector(1, data.length, 16);
    for (int i = data.length - 1; i >= 0; i--) {
      fb.putByte(data[i]);
    }
    return fb.endVector();
  }

  /** The content of a vector to write once: its kind and its elements' bits. */
  private record VectorKey(char kind, long[] bits) {
    static VectorKey of(char kind, int[] values) {
      return new VectorKey(kind, Arrays.stream(values).asLongStream().toArray());
    }

    static VectorKey of(char kind, long[] values) {
      return new VectorKey(kind, values.clone());
    }

    static VectorKey of(char kind, float[] values) {
      long[] bits = new long[values.length];
      for (int i = 0; i < values.length; i++) {
        bits[i] = Float.floatToRawIntBits(values[i]);
      }
      return new VectorKey(kind, bits);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof VectorKey k && k.kind == kind && Arrays.equals(k.bits, bits);
    }

    @Override
    public int hashCode() {
      return 31 * kind + Arrays.hashCode(bits);
    }
  }
}
