package quantlab.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import quantlab.quant.Range;

class InferenceChartsTest {

  @Test
  void calibrationRangesCountsTheValuesAndDrawsOneBracketPerMethod() {
    Map<String, Range> ranges = new LinkedHashMap<>();
    ranges.put("min-max", Range.of(0f, 3f));
    ranges.put("clipped", Range.of(0f, 1.5f));
    XYChart c = InferenceCharts.calibrationRanges("t", new float[] {0, 0, 1, 2, 3}, ranges, 3);
    // bins of width 1 over [0, 3]: [0,1) holds 0, 0; [1,2) holds 1; [2,3] holds 2 and 3.
    XYSeries h = c.getSeriesMap().get("values (5)");
    assertArrayEquals(new double[] {0.5, 1.5, 2.5}, h.getXData(), 1e-12);
    assertArrayEquals(new double[] {2, 1, 2}, h.getYData(), 0);
    XYSeries mm = c.getSeriesMap().get("min-max [0, 3]");
    assertArrayEquals(new double[] {0, 0, 3, 3}, mm.getXData(), 0);
    XYSeries cl = c.getSeriesMap().get("clipped [0, 1.5]");
    assertArrayEquals(new double[] {0, 0, 1.5, 1.5}, cl.getXData(), 0);
    // brackets sit above the highest bar (2), each method higher than the one before
    assertTrue(mm.getYData()[1] > 2, "bracket above the histogram");
    assertTrue(cl.getYData()[1] > mm.getYData()[1], "one height per method");
    assertEquals(List.of("values (5)", "min-max [0, 3]", "clipped [0, 1.5]"),
        List.copyOf(c.getSeriesMap().keySet()));
  }

  @Test
  void calibrationRangesLeavesEmptyBinsOutForTheLogAxis() {
    XYChart c = InferenceCharts.calibrationRanges("t", new float[] {0, 0, 0, 10},
        Map.of("m", Range.of(0f, 10f)), 10);
    XYSeries h = c.getSeriesMap().get("values (4)");
    assertArrayEquals(new double[] {0.5, 9.5}, h.getXData(), 1e-12);
    assertArrayEquals(new double[] {3, 1}, h.getYData(), 0);
    assertTrue(c.getStyler().isYAxisLogarithmic());
  }

  @Test
  void calibrationRangesRejectsBadArguments() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InferenceCharts.calibrationRanges("t", new float[] {1}, Map.of(), 0));
    assertEquals("bins must be >= 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> InferenceCharts.calibrationRanges("t", new float[] {1, Float.NaN}, Map.of(), 4));
    assertEquals("values must be finite, got NaN", e.getMessage());
  }

  @Test
  void outputErrorsPlotsEachSettingsErrorAgainstTheReference() {
    Map<String, float[]> m = new LinkedHashMap<>();
    m.put("int8", new float[] {1.25f, 1.875f, -0.5f});
    m.put("simulated", new float[] {1f, 2f, -0.25f});
    XYChart c = InferenceCharts.outputErrors("t", "float logit", new float[] {1, 2, -0.5f}, m);
    XYSeries s = c.getSeriesMap().get("int8");
    assertArrayEquals(new double[] {1, 2, -0.5}, s.getXData(), 0);
    assertArrayEquals(new double[] {0.25, -0.125, 0}, s.getYData(), 0);
    assertArrayEquals(new double[] {0, 0, 0.25},
        c.getSeriesMap().get("simulated").getYData(), 0);
    XYSeries d = c.getSeriesMap().get("error = 0");
    assertArrayEquals(new double[] {-0.5, 2}, d.getXData(), 0);
    assertArrayEquals(new double[] {0, 0}, d.getYData(), 0);
    assertEquals("float logit", c.getXAxisTitle());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InferenceCharts.outputErrors("t", "x", new float[] {1, 2},
            Map.of("bad", new float[] {1})));
    assertEquals("outputs of 'bad' must have 2 values like reference, got 1", e.getMessage());
  }
}
