package quantlab.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import quantlab.minifloat.MiniFloat;

/**
 * One tensor of a subgraph: name, shape, element type, the buffer that holds its constant data
 * (weights, biases) if any, and its quantization parameters if any. Activations have no data
 * (they point at the empty buffer 0).
 *
 * <p>Data comes out as typed arrays: {@link #floats()} for FLOAT32, {@link #int8s()} for INT8
 * weights, {@link #int32s()} for int32 biases, {@link #float16s()} for FLOAT16 weights, ...
 * Each call returns a fresh copy, little-endian as stored in the file.
 */
public final class TfliteTensor {
  private final int index;
  private final String name;
  private final int[] shape;
  private final int[] shapeSignature;
  private final TensorType type;
  private final int bufferIndex;
  private final TfliteQuantization quantization;
  private final boolean variable;
  private final boolean sparse;
  private final byte[] file;
  private final int dataOffset;
  private final int dataLength;

  TfliteTensor(int index, String name, int[] shape, int[] shapeSignature, TensorType type,
      int bufferIndex, TfliteQuantization quantization, boolean variable, boolean sparse,
      byte[] file, int dataOffset, int dataLength) {
    this.index = index;
    this.name = name;
    this.shape = shape;
    this.shapeSignature = shapeSignature;
    this.type = type;
    this.bufferIndex = bufferIndex;
    this.quantization = quantization;
    this.variable = variable;
    this.sparse = sparse;
    this.file = file;
    this.dataOffset = dataOffset;
    this.dataLength = dataLength;
  }

  /** Position in the subgraph's tensor list (what operators refer to). */
  public int index() {
    return index;
  }

  public String name() {
    return name;
  }

  /** The static shape, for example {@code [1, 28, 28, 1]}. */
  public int[] shape() {
    return shape.clone();
  }

  /** The shape with -1 for dynamic dimensions, when the file records one (else empty). */
  public int[] shapeSignature() {
    return shapeSignature.clone();
  }

  public int rank() {
    return shape.length;
  }

  /** The product of the shape (1 for a scalar). */
  public long elementCount() {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  public TensorType type() {
    return type;
  }

  /** Index into the model's buffers; 0 (the empty sentinel) for tensors without data. */
  public int bufferIndex() {
    return bufferIndex;
  }

  /** Bytes of constant data this tensor carries in the file (0 for activations). */
  public int bufferSize() {
    return dataLength;
  }

  /** Whether the tensor carries constant data (weights, biases, shapes). */
  public boolean hasData() {
    return dataLength > 0;
  }

  /** Whether it is a variable (state) tensor. */
  public boolean isVariable() {
    return variable;
  }

  /** Whether its data is stored sparse (then the typed accessors refuse it). */
  public boolean isSparse() {
    return sparse;
  }

  /** The quantization parameters, if the tensor has any. */
  public Optional<TfliteQuantization> quantization() {
    return Optional.ofNullable(quantization);
  }

  /** Whether the tensor has quantization scales. */
  public boolean isQuantized() {
    return quantization != null && quantization.hasScales();
  }

  /** Offset of the tensor's data in the file (for tests that mutate structure, not weights). */
  int dataOffset() {
    return dataOffset;
  }

  /** The raw bytes of the tensor's buffer (a copy; empty for activations). */
  public byte[] data() {
    return Arrays.copyOfRange(file, dataOffset, dataOffset + dataLength);
  }

  private ByteBuffer view(TensorType expected) {
    if (type != expected) {
      throw new IllegalStateException(
          "tensor '" + name + "' is " + type + ", not " + expected);
    }
    if (sparse) {
      throw new IllegalStateException("tensor '" + name + "' is stored sparse; read data()");
    }
    return ByteBuffer.wrap(file, dataOffset, dataLength).slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** FLOAT32 data. */
  public float[] floats() {
    ByteBuffer b = view(TensorType.FLOAT32);
    float[] out = new float[dataLength / 4];
    b.asFloatBuffer().get(out);
    return out;
  }

  /** FLOAT16 data, widened to float (exactly). */
  public float[] float16s() {
    ByteBuffer b = view(TensorType.FLOAT16);
    float[] out = new float[dataLength / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = MiniFloat.FLOAT16.decode(b.getShort(2 * i) & 0xFFFF);
    }
    return out;
  }

  /** FLOAT16 data as raw bit patterns. */
  public short[] float16Bits() {
    ByteBuffer b = view(TensorType.FLOAT16);
    short[] out = new short[dataLength / 2];
    b.asShortBuffer().get(out);
    return out;
  }

  /** INT8 codes. */
  public byte[] int8s() {
    view(TensorType.INT8);
    return data();
  }

  /** UINT8 codes, as 0..255. */
  public int[] uint8s() {
    view(TensorType.UINT8);
    int[] out = new int[dataLength];
    for (int i = 0; i < dataLength; i++) {
      out[i] = file[dataOffset + i] & 0xFF;
    }
    return out;
  }

  /** INT16 data. */
  public short[] int16s() {
    ByteBuffer b = view(TensorType.INT16);
    short[] out = new short[dataLength / 2];
    b.asShortBuffer().get(out);
    return out;
  }

  /** INT32 data (biases of int8 models, shapes). */
  public int[] int32s() {
    ByteBuffer b = view(TensorType.INT32);
    int[] out = new int[dataLength / 4];
    b.asIntBuffer().get(out);
    return out;
  }

  /** INT64 data. */
  public long[] int64s() {
    ByteBuffer b = view(TensorType.INT64);
    long[] out = new long[dataLength / 8];
    b.asLongBuffer().get(out);
    return out;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TfliteTensor{#").append(index).append(" '")
        .append(name).append("' ").append(type).append(' ').append(Arrays.toString(shape));
    if (hasData()) {
      sb.append(", ").append(dataLength).append(" bytes in buffer ").append(bufferIndex);
    }
    if (quantization != null && quantization.hasScales()) {
      sb.append(", ").append(quantization.describe());
    }
    return sb.append('}').toString();
  }
}
