package quantlab.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import quantlab.tfref.Mode;
import quantlab.tfref.RoundMode;
import quantlab.tfref.TfOps;
import quantlab.tfref.TfQuantType;
import quantlab.tfref.TfQuantized;

/** TensorFlow's QuantizeV2 run from Java: the values seen in the field notes, and the replica. */
class TfQuantizeOpsTest {
  @Test
  void theFieldNotesExample() {
    // /work/shared/notes/tf-java.md: SCALED, HALF_TO_EVEN, qint8, [-1.5, 2.5]
    TfQuantized t = TfQuantizeOps.quantizeV2(
        new float[] {-1.5f, -0.2f, 0f, 0.3f, 0.77f, 1.2f, 2.5f}, -1.5f, 2.5f, TfQuantType.QINT8,
        Mode.SCALED, RoundMode.HALF_TO_EVEN, false);
    assertArrayEquals(new int[] {-76, -10, 0, 15, 39, 61, 127}, t.q());
    assertEquals(-2.519685f, t.outputMin(), 1e-6f);
    assertEquals(2.5f, t.outputMax());
  }

  @Test
  void minCombinedQuint8ByHand() {
    // [-1, 1] over 255 steps: scale 127.5, q = trunc((x + 1) * 127.5 + 0.5)
    TfQuantized t = TfQuantizeOps.quantizeV2(new float[] {-1f, 0f, 1f, 5f}, -1f, 1f,
        TfQuantType.QUINT8, Mode.MIN_COMBINED, RoundMode.HALF_AWAY_FROM_ZERO, false);
    assertArrayEquals(new int[] {0, 128, 255, 255}, t.q());
    assertEquals(-1f, t.outputMin());
    assertEquals(1f, t.outputMax());
  }

  @Test
  void equalsTheReplicaInEveryModeAndType() {
    SplittableRandom rnd = new SplittableRandom(4);
    float[] x = new float[500];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (rnd.nextGaussian() * 0.8);
    }
    for (TfQuantType type : TfQuantType.values()) {
      for (Mode mode : Mode.values()) {
        for (boolean narrow : new boolean[] {false, true}) {
          RoundMode rm = mode == Mode.SCALED ? RoundMode.HALF_TO_EVEN
              : RoundMode.HALF_AWAY_FROM_ZERO;
          TfQuantized real = TfQuantizeOps.quantizeV2(x, -1.3f, 2.1f, type, mode, rm, narrow);
          TfQuantized replica = TfOps.quantizeV2(x, -1.3f, 2.1f, type, mode, rm, narrow);
          assertEquals(replica, real, type + " " + mode + " narrow=" + narrow);
        }
      }
    }
  }

  @Test
  void tensorFlowsRejectionBecomesAnArgumentError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TfQuantizeOps.quantizeV2(new float[] {0f}, 1f, -1f, TfQuantType.QINT8,
            Mode.MIN_COMBINED, RoundMode.HALF_AWAY_FROM_ZERO, false));
    assertTrue(e.getMessage().startsWith("TensorFlow rejected QuantizeV2: "), e.getMessage());
  }
}
