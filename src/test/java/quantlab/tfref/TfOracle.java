package quantlab.tfref;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.tensorflow.Graph;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * The test-side oracle: runs TensorFlow's own quantization kernels (TF Java 1.1.0, native
 * TensorFlow 2.18) in a Graph and Session. A {@link Batch} collects many op nodes, each with its
 * own placeholders (so Grappler cannot constant-fold them), and runs them all in one
 * {@code Session.run}; results are read after {@link Batch#run()}. TF Java has no qint types, so
 * quantized outputs are {@code Bitcast} to uint8 / uint16 and read back as raw bits.
 */
final class TfOracle {
  private TfOracle() {}

  static DataType dtype(TfQuantType t) {
    switch (t) {
      case QINT8: return DataType.DT_QINT8;
      case QUINT8: return DataType.DT_QUINT8;
      case QINT16: return DataType.DT_QINT16;
      case QUINT16: return DataType.DT_QUINT16;
      default: throw new AssertionError(t);
    }
  }

  /**
   * Grappler off: the graph is thousands of independent nodes that need no optimizing, and
   * rewriting them costs more than running them.
   */
  static final org.tensorflow.proto.ConfigProto CONFIG = org.tensorflow.proto.ConfigProto
      .newBuilder()
      .setIntraOpParallelismThreads(1)
      .setInterOpParallelismThreads(1)
      .setGraphOptions(org.tensorflow.proto.GraphOptions.newBuilder()
          .setRewriteOptions(org.tensorflow.proto.RewriterConfig.newBuilder()
              .setDisableMetaOptimizer(true))
          .setOptimizerOptions(org.tensorflow.proto.OptimizerOptions.newBuilder()
              .setOptLevel(org.tensorflow.proto.OptimizerOptions.Level.L0)))
      .build();

  /** One session run's worth of op nodes. */
  static final class Batch {
    /** Nodes per session run: TensorFlow's per-run cost grows faster than the node count. */
    private static final int CHUNK = 250;

    private Graph graph = new Graph();
    private Ops tf = Ops.create(graph);
    private final List<Output<?>> feedsAt = new ArrayList<>();
    private final List<Tensor> feeds = new ArrayList<>();
    private final List<Output<?>> fetches = new ArrayList<>();
    private final List<byte[]> results = new ArrayList<>();
    private int nodes;
    private int names;
    private long runNanos;

    /** Called after each op: runs the current graph once it holds {@link #CHUNK} ops. */
    private <T> Supplier<T> added(Supplier<T> result) {
      if (++nodes >= CHUNK) {
        flush();
      }
      return result;
    }

    private String name(String prefix) {
      return prefix + "_" + (names++);
    }

    private Output<?> placeholder(Tensor value) {
      Operation op = tf.scope().opBuilder("Placeholder", name("p"))
          .setAttr("dtype", DataType.DT_FLOAT).build();
      feedsAt.add(op.output(0));
      feeds.add(value);
      return op.output(0);
    }

    Output<?> vector(float[] v) {
      return placeholder(TFloat32.vectorOf(v));
    }

    Output<?> scalar(float v) {
      return placeholder(TFloat32.scalarOf(v));
    }

    Output<?> tensor(float[] v, long... shape) {
      return placeholder(TFloat32.tensorOf(
          org.tensorflow.ndarray.Shape.of(shape), DataBuffers.of(v, true, false)));
    }

    private int fetch(Output<?> out) {
      fetches.add(out);
      return results.size() + fetches.size() - 1;
    }

    private Output<?> bitcast(Output<?> in, DataType to) {
      return tf.scope().opBuilder("Bitcast", name("bc")).addInput(in).setAttr("type", to)
          .build().output(0);
    }

    /** QuantizeV2 per tensor; the codes, output_min and output_max. */
    Supplier<TfQuantized> quantizeV2(
        float[] x, float min, float max, TfQuantType type, Mode mode, RoundMode roundMode,
        boolean narrowRange, float ensureMinimumRange) {
      Operation op = tf.scope().opBuilder("QuantizeV2", name("q"))
          .addInput(vector(x)).addInput(scalar(min)).addInput(scalar(max))
          .setAttr("T", dtype(type)).setAttr("mode", mode.name())
          .setAttr("round_mode", roundMode.name()).setAttr("narrow_range", narrowRange)
          .setAttr("ensure_minimum_range", ensureMinimumRange).build();
      int codes = fetch(bitcast(op.output(0),
          type.bits() == 8 ? DataType.DT_UINT8 : DataType.DT_UINT16));
      int lo = fetch(op.output(1));
      int hi = fetch(op.output(2));
      return added(
          () -> new TfQuantized(type, codes(codes, type), floats(lo)[0], floats(hi)[0]));
    }

    /** Dequantize per tensor to float. The codes are fed as uint8/uint16 and bitcast. */
    Supplier<float[]> dequantize(
        int[] q, float min, float max, TfQuantType type, Mode mode, boolean narrowRange) {
      Tensor raw;
      DataType rawType;
      if (type.bits() == 8) {
        byte[] b = new byte[q.length];
        for (int i = 0; i < q.length; i++) {
          b[i] = (byte) q[i];
        }
        raw = org.tensorflow.types.TUint8.tensorOf(
            org.tensorflow.ndarray.Shape.of(q.length), DataBuffers.of(b, true, false));
        rawType = DataType.DT_UINT8;
      } else {
        short[] s = new short[q.length];
        for (int i = 0; i < q.length; i++) {
          s[i] = (short) q[i];
        }
        raw = org.tensorflow.types.TUint16.tensorOf(
            org.tensorflow.ndarray.Shape.of(q.length), DataBuffers.of(s, true, false));
        rawType = DataType.DT_UINT16;
      }
      Operation ph = tf.scope().opBuilder("Placeholder", name("pq"))
          .setAttr("dtype", rawType).build();
      feedsAt.add(ph.output(0));
      feeds.add(raw);
      Operation op = tf.scope().opBuilder("Dequantize", name("dq"))
          .addInput(bitcast(ph.output(0), dtype(type))).addInput(scalar(min)).addInput(scalar(max))
          .setAttr("T", dtype(type)).setAttr("mode", mode.name())
          .setAttr("narrow_range", narrowRange).setAttr("dtype", DataType.DT_FLOAT).build();
      int out = fetch(op.output(0));
      return added(() -> floats(out));
    }

    Supplier<float[]> fakeQuantArgs(
        float[] x, float min, float max, int numBits, boolean narrowRange) {
      Operation op = tf.scope().opBuilder("FakeQuantWithMinMaxArgs", name("fqa"))
          .addInput(vector(x)).setAttr("min", min).setAttr("max", max)
          .setAttr("num_bits", numBits).setAttr("narrow_range", narrowRange).build();
      int out = fetch(op.output(0));
      return added(() -> floats(out));
    }

    Supplier<float[]> fakeQuantVars(
        float[] x, float min, float max, int numBits, boolean narrowRange) {
      Operation op = tf.scope().opBuilder("FakeQuantWithMinMaxVars", name("fqv"))
          .addInput(vector(x)).addInput(scalar(min)).addInput(scalar(max))
          .setAttr("num_bits", numBits).setAttr("narrow_range", narrowRange).build();
      int out = fetch(op.output(0));
      return added(() -> floats(out));
    }

    /** x has shape [x.length / min.length, min.length]: channels are the last dimension. */
    Supplier<float[]> fakeQuantPerChannel(
        float[] x, float[] min, float[] max, int numBits, boolean narrowRange) {
      Operation op = tf.scope().opBuilder("FakeQuantWithMinMaxVarsPerChannel", name("fqc"))
          .addInput(tensor(x, x.length / min.length, min.length))
          .addInput(vector(min)).addInput(vector(max))
          .setAttr("num_bits", numBits).setAttr("narrow_range", narrowRange).build();
      int out = fetch(op.output(0));
      return added(() -> floats(out));
    }

    /** QuantizeAndDequantizeV4; min/max hold one value (axis -1) or one per slice. */
    Supplier<float[]> quantizeAndDequantizeV4(
        float[] x, long[] shape, float[] min, float[] max, boolean rangeGiven, int numBits,
        boolean signedInput, boolean narrowRange, RoundMode roundMode, int axis) {
      Output<?> mn = axis == -1 ? scalar(min[0]) : vector(min);
      Output<?> mx = axis == -1 ? scalar(max[0]) : vector(max);
      OperationBuilder b = tf.scope().opBuilder("QuantizeAndDequantizeV4", name("qdq"))
          .addInput(tensor(x, shape)).addInput(mn).addInput(mx)
          .setAttr("signed_input", signedInput).setAttr("num_bits", numBits)
          .setAttr("range_given", rangeGiven).setAttr("round_mode", roundMode.name())
          .setAttr("narrow_range", narrowRange).setAttr("axis", axis);
      int out = fetch(b.build().output(0));
      return added(() -> floats(out));
    }

    /** Runs every node not yet run; afterwards every result can be read. */
    void run() {
      if (!fetches.isEmpty()) {
        flush();
      }
      System.out.printf("[tfref] TensorFlow computed %d outputs in %.1f s%n", results.size(),
          runNanos / 1e9);
    }

    /** Runs the current graph in one session run, keeps its results, starts a new graph. */
    private void flush() {
      long t0 = System.nanoTime();
      try (Session s = new Session(graph, CONFIG)) {
        Session.Runner r = s.runner();
        for (int i = 0; i < feeds.size(); i++) {
          r.feed(feedsAt.get(i), feeds.get(i));
        }
        for (Output<?> f : fetches) {
          r.fetch(f);
        }
        try (Result res = r.run()) {
          for (int i = 0; i < fetches.size(); i++) {
            Tensor t = res.get(i);
            byte[] b = new byte[(int) t.numBytes()];
            t.asRawTensor().data().read(b);
            results.add(b);
          }
        }
      } finally {
        for (Tensor t : feeds) {
          t.close();
        }
        graph.close();
        feeds.clear();
        feedsAt.clear();
        fetches.clear();
        nodes = 0;
        graph = new Graph();
        tf = Ops.create(graph);
        runNanos += System.nanoTime() - t0;
      }
    }

    float[] floats(int index) {
      byte[] b = results.get(index);
      float[] f = new float[b.length / 4];
      java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer().get(f);
      return f;
    }

    int[] codes(int index, TfQuantType type) {
      byte[] b = results.get(index);
      if (type.bits() == 8) {
        int[] q = new int[b.length];
        for (int i = 0; i < b.length; i++) {
          q[i] = type.signed() ? b[i] : b[i] & 0xFF;
        }
        return q;
      }
      short[] s = new short[b.length / 2];
      java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder()).asShortBuffer().get(s);
      int[] q = new int[s.length];
      for (int i = 0; i < s.length; i++) {
        q[i] = type.signed() ? s[i] : s[i] & 0xFFFF;
      }
      return q;
    }
  }
}
