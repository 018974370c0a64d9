package quantlab.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import quantlab.quant.Shape;
import quantlab.tf.Weights;

class QatChartsTest {

  static double at(XYSeries s, double x) {
    double[] xs = s.getXData();
    double[] ys = s.getYData();
    int best = 0;
    for (int i = 1; i < xs.length; i++) {
      if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) {
        best = i;
      }
    }
    return ys[best];
  }

  @Test
  void staircaseAndSteGradient() {
    // [-1.5, 1.5] at 2 bits: scale = 3/3 = 1, zeroPointFromMin = 1.5 rounds (half away from
    // zero) to 2, so the nudged range is [-2, 1] and the codes stand for -2, -1, 0, 1 (by hand).
    XYChart c = QatCharts.fakeQuantAndSte(-1.5f, 1.5f, 2, -3, 3);
    assertEquals(List.of("x (what the STE pretends)", "forward: xHat = FakeQuant(x)",
        "backward: dxHat/dx passed on"), List.copyOf(c.getSeriesMap().keySet()));
    XYSeries fq = c.getSeriesMap().get("forward: xHat = FakeQuant(x)");
    XYSeries g = c.getSeriesMap().get("backward: dxHat/dx passed on");
    assertEquals(2001, fq.getXData().length);
    double[][] expected = { // x, xHat, gradient
      {-3, -2, 0}, {-2.4, -2, 0}, {-1.9, -2, 1}, {-1.2, -1, 1}, {0.3, 0, 1}, {0.6, 1, 1},
      {0.99, 1, 1}, {1.2, 1, 0}, {2.7, 1, 0}};
    for (double[] e : expected) {
      assertEquals(e[1], at(fq, e[0]), 1e-6, "xHat at " + e[0]);
      assertEquals(e[2], at(g, e[0]), 0.0, "gradient at " + e[0]);
    }
    assertEquals("Fake quant over [-1.5, 1.5], 2 bits (nudged: [-2.0, 1.0])", c.getTitle());
    assertThrows(IllegalArgumentException.class, () -> QatCharts.fakeQuantAndSte(-1, 1, 2, 1, 1));
  }

  @Test
  void weightsAreDividedByTheirChannelsMax() {
    // Shape [3, 2]: channel 0 = {1, -2, 0.5} (max 2), channel 1 = {0, 0.25, -1} (max 1).
    Weights w = new Weights("dense1_kernel", Shape.of(3, 2),
        new float[] {1f, 0f, -2f, 0.25f, 0.5f, -1f});
    assertArrayEquals(new float[] {0.5f, 0f, -1f, 0.25f, 0.25f, -1f},
        QatCharts.normalizedByChannel(w));
    Weights zero = new Weights("k", Shape.of(2, 1), new float[] {0f, 0f});
    assertArrayEquals(new float[] {0f, 0f}, QatCharts.normalizedByChannel(zero));

    Map<String, Weights> m = new LinkedHashMap<>();
    m.put("float", w);
    XYChart c = QatCharts.channelNormalizedWeights("t", m, 2, 4);
    XYSeries grid = c.getSeriesMap().get("2-bit grid (3 values)");
    assertArrayEquals(new double[] {-1, 0, 1}, grid.getXData());
    // 4 bins of 0.5 over [-1, 1]: {-1, -1} | {} | {0, 0.25, 0.25} | {0.5}, as fractions of 6.
    assertArrayEquals(new double[] {2 / 6.0, 0, 3 / 6.0, 1 / 6.0},
        c.getSeriesMap().get("float").getYData(), 1e-12);
    XYSeries g3 = QatCharts.channelNormalizedWeights("t", m, 3, 4).getSeriesMap()
        .get("3-bit grid (7 values)");
    assertEquals(7, g3.getXData().length);
    assertEquals("bits must be in [2, 8], got 1", assertThrows(IllegalArgumentException.class,
        () -> QatCharts.channelNormalizedWeights("t", m, 1, 4)).getMessage());
  }
}
