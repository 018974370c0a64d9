package quantlab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tensorflow.Graph;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;
import quantlab.quant.NanPolicy;
import quantlab.quant.internal.QuantKernels;
import quantlab.quant.Rounding;

/**
 * TensorFlow's {@code QuantizeV2} and {@code Dequantize} on the same 16 M floats, mode SCALED,
 * qint8, round half to even, one thread ({@code intra_op_parallelism_threads = 1},
 * {@code inter_op_parallelism_threads = 1}), timed two ways:
 *
 * <ul>
 *   <li><b>javaUser</b>: what a Java program pays: copy the Java array into a new tensor, run the
 *       graph, copy the result back into a Java array, close the tensors.
 *   <li><b>kernel</b>: the op alone: the input tensor is made once outside the timed method; each
 *       call runs the graph, fetches the output tensor (no copy into Java) and closes it.
 * </ul>
 *
 * <p>TF Java has no qint8 type, so the graph bitcasts: {@code QuantizeV2 -> Bitcast(uint8)} and
 * {@code uint8 -> Bitcast(qint8) -> Dequantize}. A bitcast shares its input's buffer, so it
 * costs no pass over the data.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TfBench {
  private float[] x;
  private byte[] q;
  private byte[] qOut;
  private float[] xHatOut;
  private Graph graph;
  private Session session;
  private Placeholder<TFloat32> xIn;
  private Output<TUint8> codes;
  private Placeholder<TUint8> qIn;
  private Output<TFloat32> xHat;
  private TFloat32 xTensor;
  private TUint8 qTensor;

  @Setup(Level.Trial)
  public void setUp() {
    x = BenchData.gaussian();
    q = new byte[BenchData.N];
    QuantKernels.quantize(
        x, 0, x.length, BenchData.SCALE, BenchData.ZERO_POINT, BenchData.QMIN, BenchData.QMAX,
        Rounding.HALF_TO_EVEN, null, NanPolicy.REJECT, q);
    qOut = new byte[BenchData.N];
    xHatOut = new float[BenchData.N];

    graph = new Graph();
    Ops tf = Ops.create(graph);
    Shape shape = Shape.of(BenchData.N);
    xIn = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(shape));
    Operation quantize = tf.scope().opBuilder("QuantizeV2", "quantize")
        .addInput(xIn.asOutput())
        .addInput(tf.constant(-BenchData.R).asOutput())
        .addInput(tf.constant(BenchData.R).asOutput())
        .setAttr("T", DataType.DT_QINT8)
        .setAttr("mode", "SCALED")
        .setAttr("round_mode", "HALF_TO_EVEN")
        .setAttr("narrow_range", false)
        .build();
    codes = tf.scope().opBuilder("Bitcast", "codes")
        .addInput(quantize.output(0))
        .setAttr("type", DataType.DT_UINT8)
        .build()
        .output(0);

    qIn = tf.withName("q").placeholder(TUint8.class, Placeholder.shape(shape));
    Operation asQint8 = tf.scope().opBuilder("Bitcast", "asQint8")
        .addInput(qIn.asOutput())
        .setAttr("type", DataType.DT_QINT8)
        .build();
    xHat = tf.scope().opBuilder("Dequantize", "dequantize")
        .addInput(asQint8.output(0))
        .addInput(tf.constant(-BenchData.R).asOutput())
        .addInput(tf.constant(BenchData.R).asOutput())
        .setAttr("mode", "SCALED")
        .setAttr("narrow_range", false)
        .build()
        .output(0);

    ConfigProto config = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(1)
        .setInterOpParallelismThreads(1)
        .build();
    session = new Session(graph, config);
    xTensor = TFloat32.tensorOf(shape, DataBuffers.of(x, true, false));
    qTensor = TUint8.tensorOf(shape, DataBuffers.of(q, true, false));

    checkSameResults();
  }

  /** Refuses to time anything unless TensorFlow and quantlab agree on every code and value. */
  private void checkSameResults() {
    quantizeJavaUser();
    int diff = 0;
    for (int i = 0; i < q.length; i++) {
      if (q[i] != qOut[i]) {
        diff++;
      }
    }
    if (diff != 0) {
      throw new IllegalStateException(
          diff + " of " + q.length + " codes differ between quantlab and TensorFlow QuantizeV2");
    }
    dequantizeJavaUser();
    float[] mine = new float[q.length];
    QuantKernels.dequantize(q, 0, q.length, BenchData.SCALE, BenchData.ZERO_POINT, false, mine);
    for (int i = 0; i < q.length; i++) {
      if (Float.floatToRawIntBits(mine[i]) != Float.floatToRawIntBits(xHatOut[i])) {
        throw new IllegalStateException("xHat[" + i + "] differs: quantlab " + mine[i]
            + ", TensorFlow Dequantize " + xHatOut[i]);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    xTensor.close();
    qTensor.close();
    session.close();
    graph.close();
  }

  /** float[] -> tensor, QuantizeV2, codes -> byte[]. */
  @Benchmark
  public byte[] quantizeJavaUser() {
    try (TFloat32 in = TFloat32.tensorOf(xTensor.shape(), DataBuffers.of(x, true, false));
        Result r = session.runner().feed(xIn, in).fetch(codes).run()) {
      ((TUint8) r.get(0)).copyTo(DataBuffers.of(qOut, false, false));
    }
    return qOut;
  }

  /** QuantizeV2 alone: input tensor already in TensorFlow, output fetched as a tensor, closed. */
  @Benchmark
  public long quantizeKernel() {
    try (Result r = session.runner().feed(xIn, xTensor).fetch(codes).run()) {
      Tensor t = r.get(0);
      return t.numBytes();
    }
  }

  /** byte[] -> tensor, Dequantize, values -> float[]. */
  @Benchmark
  public float[] dequantizeJavaUser() {
    try (TUint8 in = TUint8.tensorOf(qTensor.shape(), DataBuffers.of(q, true, false));
        Result r = session.runner().feed(qIn, in).fetch(xHat).run()) {
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(xHatOut, false, false));
    }
    return xHatOut;
  }

  /** Dequantize alone: input tensor already in TensorFlow, output fetched as a tensor, closed. */
  @Benchmark
  public long dequantizeKernel() {
    try (Result r = session.runner().feed(qIn, qTensor).fetch(xHat).run()) {
      Tensor t = r.get(0);
      return t.numBytes();
    }
  }
}
