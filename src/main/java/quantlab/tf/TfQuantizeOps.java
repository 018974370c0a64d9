package quantlab.tf;

import java.util.Objects;
import org.tensorflow.Graph;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import quantlab.tfref.Mode;
import quantlab.tfref.RoundMode;
import quantlab.tfref.TfQuantType;
import quantlab.tfref.TfQuantized;

/**
 * TensorFlow's own {@code QuantizeV2} kernel (what Python calls {@code tf.quantization.quantize}),
 * run from Java on one float tensor. Explained in lesson 08.
 *
 * <p>TensorFlow Java 1.1.0 has no Java types for {@code qint8} / {@code quint8}, so the typed
 * {@code tf.quantization.quantize(input, min, max, TUint8.class)} is rejected ("Value for attr
 * 'T' of uint8 is not in the list of allowed values: qint8, quint8, ..."). This class builds the
 * op by name with the graph's op builder, sets {@code T} to {@code DT_QINT8} (etc.) and bitcasts
 * the codes to {@code uint8} / {@code uint16} to fetch them. The pure-Java replica
 * {@link quantlab.tfref.TfOps#quantizeV2} computes the same result bit for bit without
 * TensorFlow (docs/tensorflow-conformance.md).
 *
 * <pre>{@code
 * TfQuantizeOps.quantizeV2(new float[] {-1.5f, -0.2f, 0f, 0.3f, 0.77f, 1.2f, 2.5f}, -1.5f, 2.5f,
 *     TfQuantType.QINT8, Mode.SCALED, RoundMode.HALF_TO_EVEN, false);
 * // TfQuantized{qint8, q=[-76, -10, 0, 15, 39, 61, 127], outputMin=-2.519685, outputMax=2.5}
 * }</pre>
 */
public final class TfQuantizeOps {
  private TfQuantizeOps() {}

  /**
   * Runs TensorFlow's {@code QuantizeV2} on {@code x} with the range {@code [min, max]} (default
   * {@code ensure_minimum_range} 0.01) and returns the codes and the {@code output_min} /
   * {@code output_max} the op reports.
   *
   * @throws IllegalArgumentException when TensorFlow rejects the arguments (its message), e.g.
   *     HALF_TO_EVEN outside SCALED mode or {@code max < min}
   */
  public static TfQuantized quantizeV2(float[] x, float min, float max, TfQuantType type,
      Mode mode, RoundMode roundMode, boolean narrowRange) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(roundMode, "roundMode");
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Output<?> in = placeholder(tf, "x");
      Output<?> lo = placeholder(tf, "min");
      Output<?> hi = placeholder(tf, "max");
      Operation op = tf.scope().opBuilder("QuantizeV2", "quantize")
          .addInput(in).addInput(lo).addInput(hi)
          .setAttr("T", dtype(type)).setAttr("mode", mode.name())
          .setAttr("round_mode", roundMode.name()).setAttr("narrow_range", narrowRange)
          .build();
      Output<?> codes = tf.scope().opBuilder("Bitcast", "codes").addInput(op.output(0))
          .setAttr("type", type.bits() == 8 ? DataType.DT_UINT8 : DataType.DT_UINT16)
          .build().output(0);
      try (Session s = new Session(g);
          TFloat32 tx = TFloat32.vectorOf(x);
          TFloat32 tmin = TFloat32.scalarOf(min);
          TFloat32 tmax = TFloat32.scalarOf(max);
          Result r = s.runner().feed(in, tx).feed(lo, tmin).feed(hi, tmax)
              .fetch(codes).fetch(op.output(1)).fetch(op.output(2)).run()) {
        int[] q = decode(r.get(0), type);
        float outMin = ((TFloat32) r.get(1)).getFloat();
        float outMax = ((TFloat32) r.get(2)).getFloat();
        return new TfQuantized(type, q, outMin, outMax);
      }
    } catch (IllegalArgumentException | org.tensorflow.exceptions.TensorFlowException e) {
      // TF Java maps INVALID_ARGUMENT to IllegalArgumentException, other codes to its own types
      throw new IllegalArgumentException("TensorFlow rejected QuantizeV2: " + e.getMessage(), e);
    }
  }

  private static Output<?> placeholder(Ops tf, String name) {
    return tf.scope().opBuilder("Placeholder", name).setAttr("dtype", DataType.DT_FLOAT).build()
        .output(0);
  }

  static DataType dtype(TfQuantType t) {
    switch (t) {
      case QINT8: return DataType.DT_QINT8;
      case QUINT8: return DataType.DT_QUINT8;
      case QINT16: return DataType.DT_QINT16;
      case QUINT16: return DataType.DT_QUINT16;
      default: throw new IllegalArgumentException("type not supported: " + t);
    }
  }

  private static int[] decode(Tensor t, TfQuantType type) {
    byte[] b = new byte[(int) t.numBytes()];
    t.asRawTensor().data().read(b);
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
