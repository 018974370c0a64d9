package quantlab.tflite;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.lite.schema.AddOptions;
import org.tensorflow.lite.schema.Buffer;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.Conv2DOptions;
import org.tensorflow.lite.schema.DepthwiseConv2DOptions;
import org.tensorflow.lite.schema.FullyConnectedOptions;
import org.tensorflow.lite.schema.Metadata;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.Pool2DOptions;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.ReshapeOptions;
import org.tensorflow.lite.schema.SoftmaxOptions;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;

/**
 * Turns file bytes into a {@link TfliteModel} through the generated schema classes, checking
 * every length and index before use. The generated accessors read wherever an offset points;
 * ByteBuffer's own bounds checks stop them at the end of the file, and what they throw is turned
 * into a {@link TfliteFormatException} naming the place being read. Every vector length is
 * checked against the file size before anything is allocated or looped over, so a hostile length
 * can neither exhaust memory nor loop for long. FlatBuffers let many offsets point at one table,
 * vector or string; a file that uses this to make the reader visit more than {@link #BUDGET}
 * times its own size in vector entries and string bytes (without sharing, a file can hold at
 * most once its size) is refused, as FlatBuffers' own verifier bounds the tables it visits.
 */
final class TfliteReader {
  private static final int CUSTOM_CODE = 32; // BuiltinOperator.CUSTOM
  /** How many times the file's size the reader may visit in vector entries and string bytes. */
  static final int BUDGET = 2;

  private final byte[] file;
  private final ByteBuffer bb;
  private String where = "header";
  private long visited;

  TfliteReader(byte[] file) {
    this.file = file;
    this.bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
  }

  TfliteModel read() {
    try {
      return parse();
    } catch (TfliteFormatException e) {
      throw e;
    } catch (IndexOutOfBoundsException | BufferUnderflowException | IllegalArgumentException
        | NegativeArraySizeException | ArithmeticException | IllegalStateException e) {
      throw new TfliteFormatException(
          where + ": the file is truncated or corrupted (" + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
  }

  private TfliteFormatException bad(String message) {
    return new TfliteFormatException(where + ": " + message);
  }

  private TfliteModel parse() {
    if (file.length < 8) {
      throw bad("the file has " + file.length + " bytes; a TFLite model has at least 8");
    }
    if (!Model.ModelBufferHasIdentifier(bb)) {
      String id = new String(file, 4, 4, StandardCharsets.ISO_8859_1);
      throw bad("file identifier is '" + printable(id) + "', expected 'TFL3'"
          + " (not a TFLite model, or damaged)");
    }
    int root = bb.getInt(0);
    if (root < 8 || root > file.length - 4) {
      throw bad("root table offset " + root + " is outside the file (" + file.length
          + " bytes)");
    }
    Model model = Model.getRootAsModel(bb);
    where = "model";
    long version = model.version();
    if (version != 3) {
      throw bad("schema version is " + version + ", expected 3");
    }
    String description = string(model.description());

    // Buffers: sizes and data offsets first, since tensors and metadata refer to them.
    where = "model.buffers";
    int nBuffers = tableCount(model.buffersLength(), "buffers");
    int[] bufOffset = new int[nBuffers];
    int[] bufSize = new int[nBuffers];
    Buffer buffer = new Buffer();
    for (int i = 0; i < nBuffers; i++) {
      where = "buffer " + i;
      model.buffers(buffer, i);
      ByteBuffer data = buffer.dataAsByteBuffer();
      if (data != null) {
        long claimed = buffer.dataLength();
        if (claimed < 0 || claimed != data.remaining()) {
          throw bad("data length " + claimed + " does not fit in the file");
        }
        bufOffset[i] = data.position();
        bufSize[i] = data.remaining();
      }
    }

    where = "model.operator_codes";
    int nCodes = tableCount(model.operatorCodesLength(), "operator codes");
    List<TfliteOpcode> opcodes = new ArrayList<>(nCodes);
    OperatorCode oc = new OperatorCode();
    for (int i = 0; i < nCodes; i++) {
      where = "operator code " + i;
      model.operatorCodes(oc, i);
      int builtin = oc.builtinCode();
      int deprecated = oc.deprecatedBuiltinCode();
      int resolved = Math.max(builtin, deprecated);
      if (resolved < 0) {
        throw bad("builtin code " + resolved + " is negative");
      }
      String custom = string(oc.customCode());
      // Codes newer than the schema classes (0.4.4) keep a readable placeholder name.
      String name = resolved == CUSTOM_CODE && !custom.isEmpty() ? custom
          : resolved < BuiltinOperator.names.length ? BuiltinOperator.name(resolved)
          : "BUILTIN_" + resolved;
      opcodes.add(new TfliteOpcode(builtin, deprecated, resolved, name, custom, oc.version()));
    }

    where = "model.subgraphs";
    int nSub = tableCount(model.subgraphsLength(), "subgraphs");
    List<TfliteSubgraph> subgraphs = new ArrayList<>(nSub);
    for (int s = 0; s < nSub; s++) {
      where = "subgraph " + s;
      subgraphs.add(subgraph(model.subgraphs(new SubGraph(), s), s, opcodes, bufOffset, bufSize));
    }

    where = "model.metadata";
    int nMeta = tableCount(model.metadataLength(), "metadata");
    Map<String, byte[]> metadata = new LinkedHashMap<>();
    Metadata md = new Metadata();
    for (int i = 0; i < nMeta; i++) {
      where = "metadata " + i;
      model.metadata(md, i);
      int b = bufferIndex(md.buffer(), nBuffers);
      spend(bufSize[b], "metadata buffer " + b);
      metadata.put(string(md.name()),
          java.util.Arrays.copyOfRange(file, bufOffset[b], bufOffset[b] + bufSize[b]));
    }
    return new TfliteModel(version, description, opcodes, subgraphs, bufSize, metadata,
        file.length);
  }

  private TfliteSubgraph subgraph(SubGraph sg, int s, List<TfliteOpcode> opcodes,
      int[] bufOffset, int[] bufSize) {
    String name = string(sg.name());
    int nTensors = tableCount(sg.tensorsLength(), "tensors");
    List<TfliteTensor> tensors = new ArrayList<>(nTensors);
    Tensor t = new Tensor();
    QuantizationParameters qp = new QuantizationParameters();
    for (int i = 0; i < nTensors; i++) {
      where = "subgraph " + s + ", tensor " + i;
      sg.tensors(t, i);
      String tname = string(t.name());
      where = "subgraph " + s + ", tensor " + i + " '" + printable(tname) + "'";
      int[] shape = ints(t.shapeAsByteBuffer(), t.shapeLength(), "shape");
      for (int d = 0; d < shape.length; d++) {
        if (shape[d] < 0) {
          throw bad("shape " + java.util.Arrays.toString(shape) + " has negative dimension "
              + shape[d] + " at axis " + d);
        }
      }
      int[] signature = ints(t.shapeSignatureAsByteBuffer(), t.shapeSignatureLength(),
          "shape_signature");
      TensorType type = TensorType.ofCode(t.type());
      int b = bufferIndex(t.buffer(), bufSize.length);
      boolean sparse = t.sparsity() != null;
      TfliteQuantization q = quantization(t.quantization(qp), shape);
      int dataLength = bufSize.length == 0 ? 0 : bufSize[b];
      if (dataLength > 0 && !sparse && type.hasFixedSize()) {
        long count = elementCount(shape);
        long expected = type.bytesFor(count);
        boolean int4Unpacked = type == TensorType.INT4 && dataLength == count;
        if (dataLength != expected && !int4Unpacked) {
          throw bad(type + " " + java.util.Arrays.toString(shape) + " needs " + expected
              + " bytes of data, but buffer " + b + " holds " + dataLength);
        }
      }
      tensors.add(new TfliteTensor(i, tname, shape, signature, type, b, q, t.isVariable(),
          sparse, file, bufSize.length == 0 ? 0 : bufOffset[b], dataLength));
    }

    where = "subgraph " + s + " inputs";
    int[] inputs = ints(sg.inputsAsByteBuffer(), sg.inputsLength(), "inputs");
    checkTensorRefs(inputs, nTensors, false, "input");
    where = "subgraph " + s + " outputs";
    int[] outputs = ints(sg.outputsAsByteBuffer(), sg.outputsLength(), "outputs");
    checkTensorRefs(outputs, nTensors, false, "output");

    where = "subgraph " + s + " operators";
    int nOps = tableCount(sg.operatorsLength(), "operators");
    List<TfliteOperator> ops = new ArrayList<>(nOps);
    Operator op = new Operator();
    for (int i = 0; i < nOps; i++) {
      where = "subgraph " + s + ", operator " + i;
      sg.operators(op, i);
      long opcodeIndex = op.opcodeIndex();
      if (opcodeIndex >= opcodes.size()) {
        throw bad("opcode index " + opcodeIndex + " is out of range [0, " + opcodes.size()
            + ")");
      }
      TfliteOpcode code = opcodes.get((int) opcodeIndex);
      where = "subgraph " + s + ", operator " + i + " (" + code.name() + ")";
      int[] in = ints(op.inputsAsByteBuffer(), op.inputsLength(), "inputs");
      checkTensorRefs(in, nTensors, true, "input");
      int[] out = ints(op.outputsAsByteBuffer(), op.outputsLength(), "outputs");
      checkTensorRefs(out, nTensors, false, "output");
      OpOptions options = options(op);
      ops.add(new TfliteOperator(i, (int) opcodeIndex, code.resolvedCode(), code.name(),
          code.customCode(), code.version(), in, out, options));
    }
    return new TfliteSubgraph(s, name, tensors, ops, inputs, outputs);
  }

  private TfliteQuantization quantization(QuantizationParameters qp, int[] shape) {
    if (qp == null) {
      return null;
    }
    float[] scales = floats(qp.scaleAsByteBuffer(), qp.scaleLength(), "quantization.scale");
    long[] zps = longs(qp.zeroPointAsByteBuffer(), qp.zeroPointLength(),
        "quantization.zero_point");
    float[] min = floats(qp.minAsByteBuffer(), qp.minLength(), "quantization.min");
    float[] max = floats(qp.maxAsByteBuffer(), qp.maxLength(), "quantization.max");
    int dim = qp.quantizedDimension();
    if (scales.length == 0 && zps.length == 0 && min.length == 0 && max.length == 0) {
      return null;
    }
    if (scales.length != zps.length) {
      throw bad("quantization has " + scales.length + " scales but " + zps.length
          + " zero points");
    }
    if (min.length != max.length) {
      throw bad("quantization has " + min.length + " min values but " + max.length + " max");
    }
    if (scales.length > 1) {
      if (dim < 0 || dim >= shape.length) {
        throw bad("quantized_dimension " + dim + " is outside the shape "
            + java.util.Arrays.toString(shape));
      }
      if (shape[dim] != scales.length) {
        throw bad(scales.length + " scales along quantized_dimension " + dim + ", but shape "
            + java.util.Arrays.toString(shape) + " has " + shape[dim] + " there");
      }
    }
    return TfliteQuantization.of(scales, zps, scales.length > 1 ? dim : Math.max(dim, 0), min,
        max);
  }

  private OpOptions options(Operator op) {
    byte type = op.builtinOptionsType();
    switch (type) {
      case BuiltinOptions.NONE:
        return new OpOptions.None();
      case BuiltinOptions.Conv2DOptions: {
        Conv2DOptions o = (Conv2DOptions) op.builtinOptions(new Conv2DOptions());
        if (o == null) {
          return new OpOptions.None();
        }
        return new OpOptions.Conv2D(Padding.ofCode(o.padding()), o.strideH(), o.strideW(),
            o.dilationHFactor(), o.dilationWFactor(),
            Activation.ofCode(o.fusedActivationFunction()));
      }
      case BuiltinOptions.DepthwiseConv2DOptions: {
        DepthwiseConv2DOptions o =
            (DepthwiseConv2DOptions) op.builtinOptions(new DepthwiseConv2DOptions());
        if (o == null) {
          return new OpOptions.None();
        }
        return new OpOptions.DepthwiseConv2D(Padding.ofCode(o.padding()), o.strideH(),
            o.strideW(), o.depthMultiplier(), o.dilationHFactor(), o.dilationWFactor(),
            Activation.ofCode(o.fusedActivationFunction()));
      }
      case BuiltinOptions.Pool2DOptions: {
        Pool2DOptions o = (Pool2DOptions) op.builtinOptions(new Pool2DOptions());
        if (o == null) {
          return new OpOptions.None();
        }
        return new OpOptions.Pool2D(Padding.ofCode(o.padding()), o.strideH(), o.strideW(),
            o.filterHeight(), o.filterWidth(), Activation.ofCode(o.fusedActivationFunction()));
      }
      case BuiltinOptions.FullyConnectedOptions: {
        FullyConnectedOptions o =
            (FullyConnectedOptions) op.builtinOptions(new FullyConnectedOptions());
        if (o == null) {
          return new OpOptions.None();
        }
        return new OpOptions.FullyConnected(Activation.ofCode(o.fusedActivationFunction()),
            o.keepNumDims(), o.asymmetricQuantizeInputs(), o.weightsFormat());
      }
      case BuiltinOptions.SoftmaxOptions: {
        SoftmaxOptions o = (SoftmaxOptions) op.builtinOptions(new SoftmaxOptions());
        return o == null ? new OpOptions.None() : new OpOptions.Softmax(o.beta());
      }
      case BuiltinOptions.AddOptions: {
        AddOptions o = (AddOptions) op.builtinOptions(new AddOptions());
        return o == null ? new OpOptions.None()
            : new OpOptions.Add(Activation.ofCode(o.fusedActivationFunction()));
      }
      case BuiltinOptions.ReshapeOptions: {
        ReshapeOptions o = (ReshapeOptions) op.builtinOptions(new ReshapeOptions());
        if (o == null) {
          return new OpOptions.None();
        }
        int[] shape = ints(o.newShapeAsByteBuffer(), o.newShapeLength(), "new_shape");
        return new OpOptions.Reshape(shape);
      }
      default: {
        int t = type & 0xFF;
        String name = t < BuiltinOptions.names.length ? BuiltinOptions.name(t) : null;
        return new OpOptions.Other(name == null || name.isEmpty() ? "BuiltinOptions#" + t
            : name);
      }
    }
  }

  // ---- checked primitives -------------------------------------------------------------------

  /** A vector of tables (4-byte offsets) cannot have more entries than the file has words. */
  private int tableCount(int claimed, String what) {
    if (claimed < 0 || claimed > file.length / 4) {
      throw bad(what + " count " + claimed + " cannot fit in a file of " + file.length
          + " bytes");
    }
    spend(4L * claimed, what);
    return claimed;
  }

  /** Counts {@code bytes} of vector entries or string against {@link #BUDGET}. */
  private void spend(long bytes, String what) {
    visited += bytes;
    if (visited > (long) BUDGET * file.length + 64) {
      throw bad(what + ": the file's offsets lead to more than " + BUDGET + " times its "
          + file.length + " bytes of vector entries and strings; tables shared that often are"
          + " not a model (a hostile file?)");
    }
  }

  private int bufferIndex(long index, int nBuffers) {
    if (index < 0 || index >= nBuffers) {
      throw bad("buffer index " + index + " is out of range [0, " + nBuffers + ")");
    }
    return (int) index;
  }

  private void checkTensorRefs(int[] refs, int nTensors, boolean optionalAllowed, String what) {
    for (int k = 0; k < refs.length; k++) {
      int r = refs[k];
      if (r == -1 && optionalAllowed) {
        continue;
      }
      if (r < 0 || r >= nTensors) {
        throw bad(what + " " + k + " refers to tensor " + r + ", out of range [0, " + nTensors
            + ")");
      }
    }
  }

  private ByteBuffer checkedSlice(ByteBuffer slice, int claimed, int elemSize, String what) {
    if (slice == null) {
      return null;
    }
    if (claimed < 0 || (long) claimed * elemSize != slice.remaining()) {
      throw bad(what + " length " + claimed + " does not fit in the file");
    }
    spend((long) claimed * elemSize, what);
    return slice.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  private int[] ints(ByteBuffer slice, int claimed, String what) {
    ByteBuffer b = checkedSlice(slice, claimed, 4, what);
    if (b == null) {
      return new int[0];
    }
    int[] out = new int[claimed];
    b.asIntBuffer().get(out);
    return out;
  }

  private float[] floats(ByteBuffer slice, int claimed, String what) {
    ByteBuffer b = checkedSlice(slice, claimed, 4, what);
    if (b == null) {
      return new float[0];
    }
    float[] out = new float[claimed];
    b.asFloatBuffer().get(out);
    return out;
  }

  private long[] longs(ByteBuffer slice, int claimed, String what) {
    ByteBuffer b = checkedSlice(slice, claimed, 8, what);
    if (b == null) {
      return new long[0];
    }
    long[] out = new long[claimed];
    b.asLongBuffer().get(out);
    return out;
  }

  private static long elementCount(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
      if (n > Integer.MAX_VALUE) {
        return Long.MAX_VALUE / 128; // more than any buffer can hold; still safe to multiply
      }
    }
    return n;
  }

  private String string(String s) {
    if (s == null) {
      return "";
    }
    spend(s.length(), "a string");
    return s;
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && i < 64; i++) {
      char c = s.charAt(i);
      sb.append(c >= 32 && c < 127 ? c : '?');
    }
    return sb.toString();
  }
}
