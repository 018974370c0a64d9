package quantlab.interp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.lite.schema.AddOptionsT;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
import org.tensorflow.lite.schema.Conv2DOptionsT;
import org.tensorflow.lite.schema.DepthwiseConv2DOptionsT;
import org.tensorflow.lite.schema.FullyConnectedOptionsT;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.Padding;
import org.tensorflow.lite.schema.Pool2DOptionsT;
import org.tensorflow.lite.schema.QuantizationParametersT;
import org.tensorflow.lite.schema.ReshapeOptionsT;
import org.tensorflow.lite.schema.SoftmaxOptionsT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;

/**
 * Writes small {@code .tflite} models for tests with the generated schema object API
 * ({@code ModelT}). Only for tests: quantlab.tflite has the real writer.
 */
final class ModelBuilder {
  private final List<TensorT> tensors = new ArrayList<>();
  private final List<BufferT> buffers = new ArrayList<>();
  private final List<OperatorT> operators = new ArrayList<>();
  private final Map<Integer, Integer> opcodes = new LinkedHashMap<>();
  private final Map<Integer, Integer> versions = new LinkedHashMap<>();

  ModelBuilder() {
    BufferT sentinel = new BufferT();
    sentinel.setData(null); // absent, not empty: LiteRT reads an empty vector as 0-byte data
    buffers.add(sentinel);
  }

  private int tensor(String name, byte type, int[] shape, int buffer, float[] scales,
      int[] zeroPoints, int qdim) {
    TensorT t = new TensorT();
    t.setName(name);
    t.setType(type);
    t.setShape(shape);
    t.setBuffer(buffer);
    if (scales != null) {
      QuantizationParametersT q = new QuantizationParametersT();
      q.setScale(scales);
      long[] zp = new long[zeroPoints.length];
      for (int i = 0; i < zp.length; i++) {
        zp[i] = zeroPoints[i];
      }
      q.setZeroPoint(zp);
      q.setQuantizedDimension(qdim);
      t.setQuantization(q);
    }
    tensors.add(t);
    return tensors.size() - 1;
  }

  private int buffer(byte[] bytes) {
    BufferT b = new BufferT();
    int[] data = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      data[i] = bytes[i] & 0xff;
    }
    b.setData(data);
    buffers.add(b);
    return buffers.size() - 1;
  }

  int floatTensor(String name, int... shape) {
    return tensor(name, TensorType.FLOAT32, shape, 0, null, null, 0);
  }

  int int8Tensor(String name, float scale, int zeroPoint, int... shape) {
    return tensor(name, TensorType.INT8, shape, 0, new float[] {scale}, new int[] {zeroPoint}, 0);
  }

  int constFloat(String name, int[] shape, float[] values) {
    ByteBuffer bb = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bb.asFloatBuffer().put(values);
    return tensor(name, TensorType.FLOAT32, shape, buffer(bb.array()), null, null, 0);
  }

  int constInt8(String name, int[] shape, byte[] q, float[] scales, int quantizedDimension) {
    return tensor(name, TensorType.INT8, shape, buffer(q), scales, new int[scales.length],
        quantizedDimension);
  }

  int constInt32(String name, int[] shape, int[] values, float[] scales) {
    ByteBuffer bb = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bb.asIntBuffer().put(values);
    return tensor(name, TensorType.INT32, shape, buffer(bb.array()), scales,
        scales == null ? null : new int[scales.length], 0);
  }

  /** A FLOAT16 constant of raw half-precision bit patterns (as the FLOAT16 variant writes). */
  int constFloat16(String name, int[] shape, short[] bits) {
    ByteBuffer bb = ByteBuffer.allocate(bits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    bb.asShortBuffer().put(bits);
    return tensor(name, TensorType.FLOAT16, shape, buffer(bb.array()), null, null, 0);
  }

  /** A FLOAT32 tensor on the buffer of tensor {@code other} (TFLite lets tensors share one). */
  int sharingBuffer(String name, int other, int... shape) {
    return tensor(name, tensors.get(other).getType(), shape, (int) tensors.get(other).getBuffer(),
        null, null, 0);
  }

  /** A tensor of a type the interpreter does not support, for error tests. */
  int tensorOfType(String name, byte type, int... shape) {
    return tensor(name, type, shape, 0, new float[] {1f}, new int[] {0}, 0);
  }

  ModelBuilder op(int builtin, int version, int[] inputs, int[] outputs,
      BuiltinOptionsUnion options) {
    int idx = opcodes.computeIfAbsent(builtin, k -> opcodes.size());
    versions.merge(builtin, version, Math::max);
    OperatorT o = new OperatorT();
    o.setOpcodeIndex(idx);
    o.setInputs(inputs);
    o.setOutputs(outputs);
    if (options != null) {
      o.setBuiltinOptions(options);
    }
    operators.add(o);
    return this;
  }

  byte[] build(int[] inputs, int[] outputs) {
    SubGraphT sg = new SubGraphT();
    sg.setTensors(tensors.toArray(new TensorT[0]));
    sg.setOperators(operators.toArray(new OperatorT[0]));
    sg.setInputs(inputs);
    sg.setOutputs(outputs);
    sg.setName("main");
    OperatorCodeT[] codes = new OperatorCodeT[opcodes.size()];
    for (Map.Entry<Integer, Integer> e : opcodes.entrySet()) {
      OperatorCodeT c = new OperatorCodeT();
      c.setBuiltinCode(e.getKey());
      c.setDeprecatedBuiltinCode((byte) Math.min(e.getKey(), 127));
      c.setVersion(versions.get(e.getKey()));
      codes[e.getValue()] = c;
    }
    ModelT m = new ModelT();
    m.setVersion(3);
    m.setOperatorCodes(codes);
    m.setSubgraphs(new SubGraphT[] {sg});
    m.setBuffers(buffers.toArray(new BufferT[0]));
    m.setDescription("quantlab test model");
    return m.serializeToBinary();
  }

  // ---- options ----

  static BuiltinOptionsUnion fc(byte activation) {
    FullyConnectedOptionsT o = new FullyConnectedOptionsT();
    o.setFusedActivationFunction(activation);
    return union(BuiltinOptions.FullyConnectedOptions, o);
  }

  /** FULLY_CONNECTED options of a hybrid operator that quantizes its input asymmetrically. */
  static BuiltinOptionsUnion fcAsymmetricInputs(byte activation) {
    FullyConnectedOptionsT o = new FullyConnectedOptionsT();
    o.setFusedActivationFunction(activation);
    o.setAsymmetricQuantizeInputs(true);
    return union(BuiltinOptions.FullyConnectedOptions, o);
  }

  static BuiltinOptionsUnion conv(boolean same, int stride, int dilation, byte activation) {
    Conv2DOptionsT o = new Conv2DOptionsT();
    o.setPadding(same ? Padding.SAME : Padding.VALID);
    o.setStrideW(stride);
    o.setStrideH(stride);
    o.setDilationWFactor(dilation);
    o.setDilationHFactor(dilation);
    o.setFusedActivationFunction(activation);
    return union(BuiltinOptions.Conv2DOptions, o);
  }

  static BuiltinOptionsUnion depthwise(boolean same, int stride, int dilation, int multiplier,
      byte activation) {
    DepthwiseConv2DOptionsT o = new DepthwiseConv2DOptionsT();
    o.setPadding(same ? Padding.SAME : Padding.VALID);
    o.setStrideW(stride);
    o.setStrideH(stride);
    o.setDilationWFactor(dilation);
    o.setDilationHFactor(dilation);
    o.setDepthMultiplier(multiplier);
    o.setFusedActivationFunction(activation);
    return union(BuiltinOptions.DepthwiseConv2DOptions, o);
  }

  static BuiltinOptionsUnion pool(boolean same, int filter, int stride, byte activation) {
    Pool2DOptionsT o = new Pool2DOptionsT();
    o.setPadding(same ? Padding.SAME : Padding.VALID);
    o.setFilterWidth(filter);
    o.setFilterHeight(filter);
    o.setStrideW(stride);
    o.setStrideH(stride);
    o.setFusedActivationFunction(activation);
    return union(BuiltinOptions.Pool2DOptions, o);
  }

  static BuiltinOptionsUnion reshape(int... newShape) {
    ReshapeOptionsT o = new ReshapeOptionsT();
    o.setNewShape(newShape);
    return union(BuiltinOptions.ReshapeOptions, o);
  }

  static BuiltinOptionsUnion softmax(float beta) {
    SoftmaxOptionsT o = new SoftmaxOptionsT();
    o.setBeta(beta);
    return union(BuiltinOptions.SoftmaxOptions, o);
  }

  static BuiltinOptionsUnion add(byte activation) {
    AddOptionsT o = new AddOptionsT();
    o.setFusedActivationFunction(activation);
    return union(BuiltinOptions.AddOptions, o);
  }

  private static BuiltinOptionsUnion union(byte type, Object value) {
    BuiltinOptionsUnion u = new BuiltinOptionsUnion();
    u.setType(type);
    u.setValue(value);
    return u;
  }

  static final int ADD = BuiltinOperator.ADD;
  static final int AVERAGE_POOL_2D = BuiltinOperator.AVERAGE_POOL_2D;
  static final int CONV_2D = BuiltinOperator.CONV_2D;
  static final int DEPTHWISE_CONV_2D = BuiltinOperator.DEPTHWISE_CONV_2D;
  static final int DEQUANTIZE = BuiltinOperator.DEQUANTIZE;
  static final int FULLY_CONNECTED = BuiltinOperator.FULLY_CONNECTED;
  static final int MAX_POOL_2D = BuiltinOperator.MAX_POOL_2D;
  static final int RESHAPE = BuiltinOperator.RESHAPE;
  static final int SOFTMAX = BuiltinOperator.SOFTMAX;
  static final int QUANTIZE = BuiltinOperator.QUANTIZE;
  static final byte NONE = 0;
  static final byte RELU = 1;
  static final byte RELU6 = 3;
}
