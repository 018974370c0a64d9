package quantlab.interp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs float32, int8 and dynamic-range (hybrid) TensorFlow Lite models in pure Java.
 *
 * <p>Operators: FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D (padding SAME/VALID, strides,
 * dilation, fused RELU/RELU6/RELU_N1_TO_1), MAX_POOL_2D, AVERAGE_POOL_2D, RESHAPE, SOFTMAX,
 * QUANTIZE, DEQUANTIZE, ADD, on FLOAT32 or INT8 tensors (INT32 bias), per-tensor or per-channel
 * weights. Anything else fails at load time with an {@link UnsupportedModelException} naming the
 * operator index, the operator and the problem.
 *
 * <p>Int8 requantization follows one of two real runtimes ({@link Requantization}): XNNPACK
 * (the default: bit for bit what desktop TFLite, LiteRT.js and tfjs-tflite compute on a CPU) or
 * the TFLite reference kernels (TFLite Micro); they differ by at most one code.
 *
 * <p>Hybrid FULLY_CONNECTED, CONV_2D and DEPTHWISE_CONV_2D (float32 input and output, int8
 * weights, float32 bias) quantize their input per batch row at run time: in XNNPACK mode as
 * LiteRT.js does (bit for bit), in REFERENCE mode as TFLite's reference hybrid kernels do.
 *
 * <pre>{@code
 * Interpreter interp = Interpreter.load(Path.of("micro_speech_quantized.tflite"));
 * interp.input(0);   // TensorInfo{'input' INT8 [1, 1960], scale=0.101961, zeroPoint=-128}
 * Tensor out = interp.run(Tensor.ofInt8(new int[] {1, 1960}, codes));
 * NeuronTrace t = interp.trace(input, 1, 0);   // step through one neuron of operator 1
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. Explained in docs/interpreter.md.
 */
public final class Interpreter {
  private final Graph graph;
  private final Requantization mode;

  private Interpreter(Graph graph, Requantization mode) {
    this.graph = graph;
    this.mode = mode;
    Validator.validate(graph);
  }

  /** Reads a {@code .tflite} file; the interpreter uses {@link Requantization#XNNPACK}. */
  public static Interpreter load(Path file) throws IOException {
    return of(Files.readAllBytes(file));
  }

  /**
   * Reads a model from its FlatBuffer bytes with {@code quantlab.tflite.TfliteModel}.
   *
   * @throws quantlab.tflite.TfliteFormatException if the bytes are not a valid model
   * @throws UnsupportedModelException if the model uses what the interpreter does not run
   */
  public static Interpreter of(byte[] model) {
    return new Interpreter(TfliteGraphReader.read(model), Requantization.XNNPACK);
  }

  /** Runs a model already read by {@code quantlab.tflite}. */
  public static Interpreter of(quantlab.tflite.TfliteModel model) {
    return new Interpreter(TfliteGraphReader.convert(model), Requantization.XNNPACK);
  }

  /** The same model with another requantization mode. */
  public Interpreter withRequantization(Requantization mode) {
    if (mode == null) {
      throw new IllegalArgumentException("mode must not be null");
    }
    return mode == this.mode ? this : new Interpreter(graph, mode);
  }

  public Requantization requantization() {
    return mode;
  }

  /** The model's inputs. */
  public List<TensorInfo> inputs() {
    List<TensorInfo> r = new ArrayList<>();
    for (int i : graph.inputs) {
      r.add(new TensorInfo(graph.tensor(i)));
    }
    return r;
  }

  /** The model's outputs. */
  public List<TensorInfo> outputs() {
    List<TensorInfo> r = new ArrayList<>();
    for (int i : graph.outputs) {
      r.add(new TensorInfo(graph.tensor(i)));
    }
    return r;
  }

  public TensorInfo input(int i) {
    return inputs().get(i);
  }

  public TensorInfo output(int i) {
    return outputs().get(i);
  }

  /** The operators in execution order, e.g. {@code [QUANTIZE, FULLY_CONNECTED, SOFTMAX]}. */
  public List<String> operators() {
    List<String> r = new ArrayList<>();
    for (Graph.Node n : graph.nodes) {
      r.add(n.opName());
    }
    return r;
  }

  /**
   * Runs a single-input model and returns its first output. The input's type must match the
   * model's; its shape may have any leading batch size where the model has 1.
   */
  public Tensor run(Tensor input) {
    return runAll(List.of(input)).get(0);
  }

  /** Runs the model on one tensor per model input; returns all outputs. */
  public List<Tensor> runAll(List<Tensor> inputs) {
    Run r = execute(inputs, graph.nodes.size());
    List<Tensor> out = new ArrayList<>();
    for (int o : graph.outputs) {
      out.add(Tensor.wrap(graph.tensor(o).type(), r.shapes[o], r.values[o]));
    }
    return out;
  }

  /**
   * Batch inference on a float32-input model: row {@code i} of {@code batch} is one sample
   * ({@link TensorInfo#sampleSize()} values); returns one row of the first output per sample.
   */
  public float[][] runFloat(float[][] batch) {
    Tensor out = run(stack(batch, DataType.FLOAT32));
    return unstack(out, batch.length, DataType.FLOAT32);
  }

  /** Batch inference on an int8-input model: one row of int8 codes per sample. */
  public byte[][] runInt8(byte[][] batch) {
    Tensor out = run(stack(batch, DataType.INT8));
    return unstack(out, batch.length, DataType.INT8);
  }

  private Tensor stack(Object[] rows, DataType type) {
    TensorInfo in = input(0);
    if (in.type() != type) {
      throw new IllegalArgumentException("model input '" + in.name() + "' is " + in.type()
          + ", so call " + (in.type() == DataType.INT8 ? "runInt8" : "runFloat") + " instead");
    }
    int per = in.sampleSize();
    int[] shape = in.shape();
    if (shape.length == 0) {
      throw new IllegalArgumentException("model input '" + in.name() + "' is a scalar");
    }
    shape[0] = rows.length;
    if (type == DataType.FLOAT32) {
      float[] all = new float[rows.length * per];
      for (int i = 0; i < rows.length; i++) {
        float[] row = (float[]) rows[i];
        checkRow(i, row.length, per);
        System.arraycopy(row, 0, all, i * per, per);
      }
      return Tensor.wrap(type, shape, all);
    }
    byte[] all = new byte[rows.length * per];
    for (int i = 0; i < rows.length; i++) {
      byte[] row = (byte[]) rows[i];
      checkRow(i, row.length, per);
      System.arraycopy(row, 0, all, i * per, per);
    }
    return Tensor.wrap(type, shape, all);
  }

  private static void checkRow(int i, int length, int per) {
    if (length != per) {
      throw new IllegalArgumentException(
          "batch row " + i + " has " + length + " values, the model takes " + per);
    }
  }

  private static float[][] unstackFloat(float[] all, int n) {
    int per = all.length / n;
    float[][] r = new float[n][];
    for (int i = 0; i < n; i++) {
      r[i] = Arrays.copyOfRange(all, i * per, (i + 1) * per);
    }
    return r;
  }

  @SuppressWarnings("unchecked")
  private static <T> T unstack(Tensor out, int n, DataType want) {
    if (out.type() == DataType.FLOAT32) {
      return (T) unstackFloat((float[]) out.raw(), n);
    }
    if (out.type() == DataType.INT8) {
      byte[] all = (byte[]) out.raw();
      int per = all.length / n;
      byte[][] r = new byte[n][];
      for (int i = 0; i < n; i++) {
        r[i] = Arrays.copyOfRange(all, i * per, (i + 1) * per);
      }
      if (want == DataType.FLOAT32) {
        throw new IllegalStateException("model output is INT8; use runInt8 or run");
      }
      return (T) r;
    }
    throw new IllegalStateException("model output is " + out.type());
  }

  /**
   * Steps through the integer arithmetic of one output element of an int8 FULLY_CONNECTED,
   * CONV_2D or DEPTHWISE_CONV_2D operator on {@code input}.
   *
   * @param operatorIndex the operator's index in {@link #operators()}
   * @param outputIndex the flat (row-major) index of the element in the operator's output
   */
  public NeuronTrace trace(Tensor input, int operatorIndex, int outputIndex) {
    if (operatorIndex < 0 || operatorIndex >= graph.nodes.size()) {
      throw new IllegalArgumentException("operatorIndex must be in [0, " + graph.nodes.size()
          + "), got " + operatorIndex);
    }
    Graph.Node node = graph.nodes.get(operatorIndex);
    Run r = execute(List.of(input), operatorIndex);
    return Tracer.trace(graph, node, r.values, r.shapes, outputIndex, mode);
  }

  /**
   * For each operator, the largest difference in output codes between this interpreter's mode
   * and {@code other} when both get the same inputs (the ones this mode computed). Float
   * outputs (DEQUANTIZE) are compared in steps of their input scale; float operators give 0.
   * This isolates the per-requantization difference from its propagation through later layers.
   */
  int[] layerwiseCodeDifferences(Tensor input, Requantization other) {
    Run r = execute(List.of(input), graph.nodes.size());
    int[] diff = new int[graph.nodes.size()];
    for (int k = 0; k < diff.length; k++) {
      Graph.Node n = graph.nodes.get(k);
      Run alone = new Run(graph.tensors.size());
      for (int t : n.inputs()) {
        if (t >= 0) {
          alone.values[t] = r.values[t];
          alone.shapes[t] = r.shapes[t];
        }
      }
      Ops.run(graph, n, alone, other);
      int out = n.outputs()[0];
      Object a = r.values[out];
      Object b = alone.values[out];
      int d = 0;
      if (a instanceof byte[]) {
        byte[] x = (byte[]) a;
        byte[] y = (byte[]) b;
        for (int i = 0; i < x.length; i++) {
          d = Math.max(d, Math.abs(x[i] - y[i]));
        }
      } else if (n.op() == Graph.Op.DEQUANTIZE) {
        float s = graph.tensor(n.inputs()[0]).scale();
        float[] x = (float[]) a;
        float[] y = (float[]) b;
        for (int i = 0; i < x.length; i++) {
          d = Math.max(d, (int) Math.round(Math.abs(x[i] - y[i]) / s));
        }
      }
      diff[k] = d;
    }
    return diff;
  }

  /** Values and shapes of all tensors after running operators [0, stop). */
  static final class Run {
    final Object[] values;
    final int[][] shapes;

    Run(int n) {
      values = new Object[n];
      shapes = new int[n][];
    }
  }

  private Run execute(List<Tensor> inputs, int stop) {
    if (inputs.size() != graph.inputs.length) {
      throw new IllegalArgumentException("the model takes " + graph.inputs.length
          + " input(s), got " + inputs.size());
    }
    Run r = new Run(graph.tensors.size());
    for (Graph.TensorSpec t : graph.tensors) {
      if (t.data() != null) {
        r.values[t.index()] = t.data();
        r.shapes[t.index()] = t.shape();
      }
    }
    for (int i = 0; i < inputs.size(); i++) {
      Graph.TensorSpec spec = graph.tensor(graph.inputs[i]);
      Tensor t = inputs.get(i);
      if (t.type() != spec.type()) {
        throw new IllegalArgumentException("input " + i + " '" + spec.name() + "' must be "
            + spec.type() + ", got " + t.type());
      }
      int[] shape = t.shape();
      int[] want = spec.shape();
      boolean ok = shape.length == want.length;
      for (int d = 1; ok && d < shape.length; d++) {
        ok = shape[d] == want[d];
      }
      if (!ok) {
        throw new IllegalArgumentException("input " + i + " '" + spec.name() + "' must have shape "
            + Arrays.toString(want) + " (any batch size), got " + Arrays.toString(shape));
      }
      r.values[spec.index()] = t.raw();
      r.shapes[spec.index()] = shape;
    }
    for (int k = 0; k < stop; k++) {
      Ops.run(graph, graph.nodes.get(k), r, mode);
    }
    return r;
  }

  @Override
  public String toString() {
    return "Interpreter{" + mode + ", inputs=" + inputs() + ", operators=" + operators()
        + ", outputs=" + outputs() + "}";
  }
}
