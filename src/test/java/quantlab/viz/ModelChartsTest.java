package quantlab.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;

class ModelChartsTest {

  @Test
  void accuracyBarsArePercentWithAFloatLine() {
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("per-tensor", new double[] {0.88, 0.71});
    CategoryChart c = ModelCharts.accuracyVsBits(new int[] {8, 4}, m, 0.885);
    assertEquals(List.of("8 bits", "4 bits"), c.getSeriesMap().get("per-tensor").getXData());
    assertEquals(List.of(88.0, 71.0), c.getSeriesMap().get("per-tensor").getYData());
    assertEquals(List.of(88.5, 88.5), c.getSeriesMap().get("float32").getYData());
    assertThrows(IllegalArgumentException.class,
        () -> ModelCharts.accuracyVsBits(new int[] {8}, Map.of("x", new double[] {88}), null));
  }

  @Test
  void confusionMatrixPutsTrueClassesTopDown() {
    int[][] counts = {{5, 1}, {2, 7}};
    HeatMapChart c = ModelCharts.confusionMatrix("cm", counts, new String[] {"a", "b"});
    List<? extends Number[]> heat = c.getHeatMapSeries().getHeatData();
    // Entry {predicted, row from the bottom, count}: true "a" is the top row (y = 1).
    assertArrayEquals(new Number[] {0, 1, 5}, heat.get(0));
    assertArrayEquals(new Number[] {1, 1, 1}, heat.get(1));
    assertArrayEquals(new Number[] {0, 0, 2}, heat.get(2));
    assertArrayEquals(new Number[] {1, 0, 7}, heat.get(3));
    assertEquals(List.of("b", "a"), c.getHeatMapSeries().getYData());
    assertThrows(IllegalArgumentException.class,
        () -> ModelCharts.confusionMatrix("cm", new int[][] {{1}}, new String[] {"a", "b"}));
  }

  @Test
  void sizesInKibAndCurvesPerEpoch() {
    Map<String, Long> sizes = new LinkedHashMap<>();
    sizes.put("float32", 409_600L);
    sizes.put("int8", 102_400L);
    CategoryChart s = ModelCharts.modelSizes("sizes", sizes);
    assertEquals(List.of(400.0, 100.0), s.getSeriesMap().get("size").getYData());
    XYChart t = ModelCharts.trainingCurves("loss", "loss", Map.of("train", new double[] {0.9,
        0.5, 0.4}));
    assertArrayEquals(new double[] {1, 2, 3}, t.getSeriesMap().get("train").getXData(), 0);
  }
}
