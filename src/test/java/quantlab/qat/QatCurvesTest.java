package quantlab.qat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QatCurvesTest {
  @Test
  void seriesAreNamedForCharts() {
    double[] loss = {0.5, 0.4};
    double[] tr = {0.8, 0.85};
    double[] te = {0.81, 0.84};
    double[] sec = {1, 1.1};
    double[] max = {6, 5.5};
    QatCurves c = new QatCurves(loss, tr, te, sec, Map.of("dense1 max", max));
    assertEquals(2, c.epochs());
    assertEquals(List.of("loss", "train accuracy", "test accuracy", "seconds", "dense1 max"),
        List.copyOf(c.asMap().keySet()));
    assertSame(te, c.accuracies().get("test accuracy"));
    assertEquals("QatCurves{2 epochs, loss 0.5000 -> 0.4000, test accuracy 0.8100 -> 0.8400, "
        + "1 range series}", c.toString());
  }

  @Test
  void builderRejectsBadSettingsByName() {
    assertEquals("weightBits must be in [2, 8], got 1", assertThrows(
        IllegalArgumentException.class, () -> Qat.builder().weightBits(1)).getMessage());
    assertEquals("activationBits must be in [2, 8], got 9", assertThrows(
        IllegalArgumentException.class, () -> Qat.builder().activationBits(9)).getMessage());
    assertEquals("decay must be in (0, 1), got 1.0", assertThrows(
        IllegalArgumentException.class, () -> Qat.builder().decay(1f)).getMessage());
  }
}
