package quantlab.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import quantlab.quant.IntFormat;
import quantlab.quant.QuantParams;
import quantlab.quant.Rounding;
import quantlab.quant.Shape;

class QuantChartsTest {

  private static XYSeries only(XYChart c, String prefix) {
    List<XYSeries> found = new ArrayList<>();
    c.getSeriesMap().forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        found.add(v);
      }
    });
    assertEquals(1, found.size(), "series starting with '" + prefix + "' in "
        + c.getSeriesMap().keySet());
    return found.get(0);
  }

  @Test
  void numberLineShowsEveryCode() {
    XYChart c = QuantCharts.numberLine(QuantParams.of(IntFormat.int4(), 0.5f, 0));
    XYSeries s = only(c, "int4");
    double[] expected = new double[16];
    for (int i = 0; i < 16; i++) {
      expected[i] = (i - 8) * 0.5; // -4.0, -3.5, ..., 3.5
    }
    assertArrayEquals(expected, s.getXData(), 0);
    assertEquals("real value x", c.getXAxisTitle());
    assertTrue(s.getName().contains("16 values"), s.getName());
  }

  @Test
  void wideFormatsAreThinnedAndSaySo() {
    Map<String, float[]> m = new LinkedHashMap<>();
    m.put("int16", new float[65536]);
    XYSeries s = QuantCharts.numberLines("t", m).getSeriesMap().values().iterator().next();
    assertEquals(4096, s.getXData().length);
    assertTrue(s.getName().contains("every 16th drawn"), s.getName());
  }

  @Test
  void staircaseTakesOnlyGridValuesAndMarksClipping() {
    // int2, scale 1, zero point 0: grid {-2, -1, 0, 1}, representable range [-2, 1].
    XYChart c = QuantCharts.staircase(QuantParams.of(IntFormat.signed(2), 1f, 0),
        Rounding.HALF_TO_EVEN, -4, 4);
    XYSeries in = c.getSeriesMap().get("xHat");
    XYSeries out = c.getSeriesMap().get("xHat, x outside [minValue, maxValue]");
    for (double y : in.getYData()) {
      assertTrue(y == -2 || y == -1 || y == 0 || y == 1, "xHat " + y);
    }
    for (int i = 0; i < out.getXData().length; i++) {
      double x = out.getXData()[i];
      assertTrue(x < -2 || x > 1, "x " + x + " is inside [-2, 1]");
      assertEquals(x < 0 ? -2 : 1, out.getYData()[i], 0);
    }
    assertEquals(2001, in.getXData().length + out.getXData().length);
    assertThrows(IllegalArgumentException.class, () -> QuantCharts.staircase(
        QuantParams.of(IntFormat.int8(), 1f, 0), Rounding.HALF_TO_EVEN, 1, 1));
  }

  @Test
  void errorHistogramCountsFractionsPerBin() {
    float[] x = {0.1f, 0.2f, 0.3f, 0.4f};
    float[] xHat = {0f, 0f, 0.5f, 0.5f}; // errors / 0.5: -0.2, -0.4, +0.4, +0.2
    Map<String, float[]> m = new LinkedHashMap<>();
    m.put("nearest", xHat);
    XYSeries s = QuantCharts.errorHistogram(x, m, 0.5f, 6).getSeriesMap().get("nearest");
    // Six bins of width 0.5 over [-1.5, 1.5]: the errors fall in bins 2 ([-0.5, 0)) and 3.
    assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 0, 0}, s.getYData(), 1e-12);
    assertEquals(6, s.getXData().length);
    assertThrows(IllegalArgumentException.class,
        () -> QuantCharts.errorHistogram(x, Map.of("bad", new float[3]), 0.5f, 6));
  }

  @Test
  void sqnrReferenceRisesSixDecibelsPerBit() {
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("measured", new double[] {40, 27, 15});
    XYChart c = QuantCharts.sqnrVsBits(new int[] {8, 6, 4}, m);
    assertArrayEquals(new double[] {40, 27.96, 15.92},
        c.getSeriesMap().get("6.02 dB per bit").getYData(), 1e-9);
    assertEquals("SQNR (dB)", c.getYAxisTitle());
  }

  @Test
  void weightHistogramDrawsGridAndEdges() {
    float[] w = {-1f, -0.5f, 0f, 0.25f, 0.5f, 1f};
    QuantParams p = QuantParams.symmetric(IntFormat.signed(3).narrow(), 1.5f); // scale 0.5
    XYChart c = QuantCharts.weightHistogram("w", w, p, 10);
    assertArrayEquals(new double[] {-1.5, -1, -0.5, 0, 0.5, 1, 1.5},
        only(c, "grid of int3n").getXData(), 1e-7);
    assertArrayEquals(new double[] {-1.5, 1.5}, only(c, "clipping edges").getXData(), 1e-7);
    double total = 0;
    for (double y : only(c, "weights").getYData()) {
      total += y;
    }
    assertEquals(6, total, 0);
  }

  @Test
  void channelRangesPerColumn() {
    float[] w = {1f, -2f, 3f, -4f, 5f, 6f}; // shape [3, 2]: columns {1, 3, 5} and {-2, -4, 6}
    XYChart c = QuantCharts.channelRanges("r", w, Shape.of(3, 2), 1);
    assertArrayEquals(new double[] {5, 6}, c.getSeriesMap().get("max").getYData(), 0);
    assertArrayEquals(new double[] {1, -4}, c.getSeriesMap().get("min").getYData(), 0);
  }

  @Test
  void channelHistogramTakesOneColumnAndItsOwnPair() {
    // Shape [3, 2], axis 1: column 0 is {0.1, 0.2, 0.3}, column 1 is {-2, 4, 1}.
    float[] w = {0.1f, -2f, 0.2f, 4f, 0.3f, 1f};
    Map<String, QuantParams> grids = new LinkedHashMap<>();
    grids.put("per tensor", QuantParams.symmetric(IntFormat.signed(3).narrow(), 3f)); // scale 1
    grids.put("per channel", QuantParams.of(IntFormat.signed(3).narrow(),
        quantlab.quant.Granularity.perChannel(1), new float[] {0.1f, 4f / 3}, new int[] {0, 0}));
    XYChart c = QuantCharts.channelHistogram("c0", w, Shape.of(3, 2), -1, 0, grids, 30);
    double[] counts = only(c, "channel 0 (3 weights)").getYData();
    double total = 0;
    for (double y : counts) {
      total += y;
    }
    assertEquals(3, total, 0);
    // 30 bins over the channel's own range [0.1, 0.3], plus an empty bin on each side.
    assertEquals(32, counts.length);
    assertEquals(0, counts[0], 0);
    assertEquals(0, counts[31], 0);
    assertEquals(1, counts[1], 0); // 0.1 falls in the first real bin
    double[] x = only(c, "channel 0").getXData();
    assertEquals(0.1 + 0.2 / 60, x[1], 1e-6); // its centre: half a bin (0.2 / 30) above 0.1
    assertTrue(x[0] < 0.1 && x[31] > 0.3, x[0] + " " + x[31]);
    // The per-tensor row has 7 ticks of step 1; the per-channel row uses pair 0, step 0.1.
    assertArrayEquals(new double[] {-3, -2, -1, 0, 1, 2, 3},
        only(c, "per tensor: int3n, scale 1 (7 values)").getXData(), 1e-7);
    assertArrayEquals(new double[] {-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3},
        only(c, "per channel: int3n, scale 0.1 (7 values)").getXData(), 1e-6);
    assertArrayEquals(new double[] {-0.3, 0.3}, only(c, "per channel: clipping edges")
        .getXData(), 1e-6);
    // Rows sit below the histogram, one under the other.
    double tensorRow = only(c, "per tensor: clipping").getYData()[0];
    double channelRow = only(c, "per channel: clipping").getYData()[0];
    assertTrue(channelRow < tensorRow && tensorRow < 0, tensorRow + " " + channelRow);
  }

  @Test
  void channelHistogramOfTheLastChannelAndItsErrors() {
    float[] w = {0.1f, -2f, 0.2f, 4f, 0.3f, 1f};
    QuantParams perChannel = QuantParams.of(IntFormat.int8().narrow(),
        quantlab.quant.Granularity.perChannel(1), new float[] {0.3f / 127, 4f / 127},
        new int[] {0, 0});
    XYChart c = QuantCharts.channelHistogram("c1", w, Shape.of(3, 2), 1, 1,
        Map.of("own", perChannel), 8);
    // int8 has 255 levels: only the edges are drawn, from pair 1.
    assertEquals(2, c.getSeriesMap().size(), c.getSeriesMap().keySet().toString());
    assertArrayEquals(new double[] {-4, 4}, only(c, "own: clipping edges").getXData(), 1e-6);
    double total = 0;
    for (double y : only(c, "channel 1").getYData()) {
      total += y;
    }
    assertEquals(3, total, 0);
    Map<String, QuantParams> three = Map.of("bad", QuantParams.of(IntFormat.int8(),
        quantlab.quant.Granularity.perChannel(0), new float[] {1f, 1f, 1f}, new int[] {0, 0, 0}));
    assertThrows(IllegalArgumentException.class,
        () -> QuantCharts.channelHistogram("x", w, Shape.of(3, 2), 1, 0, three, 8));
    assertThrows(IllegalArgumentException.class,
        () -> QuantCharts.channelHistogram("x", w, Shape.of(3, 2), 1, 2, Map.of(), 8));
  }

  @Test
  void fmtDropsTrailingZeros() {
    assertEquals("0.5", QuantCharts.fmt(0.5));
    assertEquals("0.007843", QuantCharts.fmt(2.0 / 255));
    assertEquals("1.5e-05", QuantCharts.fmt(1.5e-5));
    assertEquals("12", QuantCharts.fmt(12));
  }

  @Test
  void channelSpreadSortsTheRelativeRangesAndMarksOneStep() {
    Map<String, float[]> m = new LinkedHashMap<>();
    m.put("conv", new float[] {0.1f, 0.4f, 0.2f});
    XYChart c = QuantCharts.channelSpread("t", m, 4, 8);
    XYSeries s = only(c, "conv");
    assertArrayEquals(new double[] {1, 2, 3}, s.getXData(), 0);
    assertArrayEquals(new double[] {1, 0.5, 0.25}, s.getYData(), 1e-7);
    assertArrayEquals(new double[] {1.0 / 7, 1.0 / 7}, only(c, "one 4-bit step (1/7)").getYData(),
        0);
    assertArrayEquals(new double[] {1.0 / 127, 1.0 / 127},
        only(c, "one 8-bit step (1/127)").getYData(), 0);
    assertEquals("bits must be in [2, 16], got 1", assertThrows(IllegalArgumentException.class,
        () -> QuantCharts.channelSpread("t", m, 1)).getMessage());
  }
}
