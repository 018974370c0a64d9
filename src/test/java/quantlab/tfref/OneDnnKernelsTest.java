package quantlab.tfref;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * TensorFlow with its oneDNN kernels forced on ({@code TF_ENABLE_ONEDNN_OPTS=1}, set by the
 * {@code tf-onednn} Surefire execution): QuantizeV2 no longer follows the Eigen kernel that
 * {@link TfOps} replicates. In SCALED mode it takes a symmetric range from {@code max(|min|,
 * |max|)} and reports it as the output range, where the Eigen kernel reports {@code min =
 * lowest / s} with {@code s = min(lowest / min, highest / max)} (TensorFlow's quantize_op.cc).
 * A oneDNN replica is not written yet (issue 13): this test pins what TensorFlow itself returns,
 * so the difference lessons 02 and 08 mention stays measured.
 */
class OneDnnKernelsTest {

  @Test
  void scaledRangeIsSymmetricUnderOneDnn() {
    assumeTrue("1".equals(System.getenv("TF_ENABLE_ONEDNN_OPTS")),
        "skipped: runs in the tf-onednn Surefire execution (TF_ENABLE_ONEDNN_OPTS=1)");
    float[] x = {-2.5f, -1f, 0f, 0.7f, 2.5f};
    TfOracle.Batch b = new TfOracle.Batch();
    Supplier<TfQuantized> tf = b.quantizeV2(x, -2.5f, 2.5f, TfQuantType.QINT8, Mode.SCALED,
        RoundMode.HALF_TO_EVEN, false, 0.01f);
    b.run();
    TfQuantized eigen = TfOps.quantizeV2(x, -2.5f, 2.5f, TfQuantType.QINT8, Mode.SCALED,
        RoundMode.HALF_TO_EVEN, false);
    // Eigen: s = min(-128 / -2.5, 127 / 2.5) = 50.8, min = -128 / 50.8 = -2.519685
    assertEquals(-2.519685f, eigen.outputMin(), 1e-6f);
    // oneDNN: the range [-max_abs, max_abs] = [-2.5, 2.5], as TensorFlow reports it
    System.out.println("[tf-onednn] QuantizeV2 SCALED qint8 [-2.5, 2.5]: TensorFlow " + tf.get()
        + ", Eigen replica " + eigen);
    assertEquals(-2.5f, tf.get().outputMin());
    assertEquals(2.5f, tf.get().outputMax());
    // its codes use s = (2^8 - 1) / 2 / max_abs = 127.5 / 2.5 = 51, rounded half to even and
    // clamped: -127.5 -> -128, -51, 0, 35.7 -> 36, 127.5 -> 128 -> 127 (Eigen: -127 for -2.5)
    assertArrayEquals(new int[] {-128, -51, 0, 36, 127}, tf.get().q());
  }
}
