package quantlab.viz;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of whole models: accuracy against bits as grouped bars, a confusion matrix heat map,
 * model sizes, and training curves. Used from lessons 04-08.
 */
public final class ModelCharts {
  private ModelCharts() {}

  /**
   * Grouped bars of accuracy (in %) per bit width, one bar per setting, with the float model's
   * accuracy as a line across the groups when {@code floatAccuracy} is not null. Accuracies are
   * fractions in [0, 1].
   *
   * <p>Example: {@code accuracyVsBits(new int[] {8, 4}, Map.of("per-tensor", new double[] {0.88,
   * 0.71}), 0.885)} has series "per-tensor" with y = [88.0, 71.0] and "float32" with y = [88.5,
   * 88.5] over the categories "8 bits", "4 bits".
   */
  public static CategoryChart accuracyVsBits(int[] bits, Map<String, double[]> accuracyBySetting,
      Double floatAccuracy) {
    List<String> cats = new ArrayList<>();
    for (int b : bits) {
      cats.add(b + " bits");
    }
    CategoryChart c = Look.category("Test accuracy against weight bit width", "weight bits",
        "test accuracy (%)");
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(100.0);
    for (Map.Entry<String, double[]> e : accuracyBySetting.entrySet()) {
      c.addSeries(e.getKey(), cats, percent(e.getKey(), e.getValue(), bits.length));
    }
    if (floatAccuracy != null) {
      double[] f = new double[bits.length];
      java.util.Arrays.fill(f, floatAccuracy);
      CategorySeries s = c.addSeries("float32", cats, percent("float32", f, bits.length));
      s.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(Palette.BLACK);
    }
    return c;
  }

  /**
   * A confusion matrix as a heat map: x is the predicted class, y the true class, colour the count
   * (white to blue, readable in grey scale). {@code counts[t][p]} is how many images of true class
   * {@code t} were predicted as {@code p}.
   */
  public static HeatMapChart confusionMatrix(String title, int[][] counts, String[] labels) {
    int n = labels.length;
    if (counts.length != n) {
      throw new IllegalArgumentException(
          "counts has " + counts.length + " rows for " + n + " labels");
    }
    List<Number[]> heat = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      if (counts[t].length != n) {
        throw new IllegalArgumentException(
            "counts[" + t + "] has " + counts[t].length + " columns for " + n + " labels");
      }
      for (int p = 0; p < n; p++) {
        heat.add(new Number[] {p, n - 1 - t, counts[t][p]});
      }
    }
    List<String> x = List.of(labels);
    List<String> y = new ArrayList<>(x);
    java.util.Collections.reverse(y);
    HeatMapChart c = new HeatMapChartBuilder().width(Look.WIDTH).height(Look.WIDTH * 5 / 6)
        .title(title).xAxisTitle("predicted class").yAxisTitle("true class").build();
    Look.style(c.getStyler());
    c.getStyler().setRangeColors(new Color[] {Color.WHITE, Palette.SKY_BLUE, Palette.BLUE});
    c.getStyler().setShowValue(true);
    c.getStyler().setXAxisLabelRotation(45);
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    c.addSeries("count", x, y, heat);
    return c;
  }

  /** Bars of model sizes in KiB (1024 bytes), one per variant (float32, int8, packed int4...). */
  public static CategoryChart modelSizes(String title, Map<String, Long> bytesByVariant) {
    CategoryChart c = Look.category(title, "variant", "size (KiB)");
    List<String> names = new ArrayList<>(bytesByVariant.keySet());
    List<Double> kib = new ArrayList<>();
    for (long b : bytesByVariant.values()) {
      if (b < 0) {
        throw new IllegalArgumentException("sizes must be >= 0, got " + b);
      }
      kib.add(b / 1024.0);
    }
    c.addSeries("size", names, kib);
    c.getStyler().setLegendVisible(false);
    return c;
  }

  /**
   * One line per curve against epoch (1, 2, ...), e.g. training loss and test accuracy of a float
   * and a quantization-aware run.
   */
  public static XYChart trainingCurves(String title, String yTitle, Map<String, double[]> curves) {
    XYChart c = Look.xy(title, "epoch", yTitle);
    int k = 0;
    for (Map.Entry<String, double[]> e : curves.entrySet()) {
      double[] y = e.getValue();
      double[] x = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        x[i] = i + 1;
      }
      XYSeries s = c.addSeries(e.getKey(), x, y);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setLineColor(Palette.series(k));
      s.setMarkerColor(Palette.series(k++));
    }
    return c;
  }

  private static List<Double> percent(String name, double[] fractions, int n) {
    if (fractions.length != n) {
      throw new IllegalArgumentException(
          "'" + name + "' has " + fractions.length + " values for " + n + " bit widths");
    }
    List<Double> out = new ArrayList<>(n);
    for (double f : fractions) {
      if (!(f >= 0 && f <= 1)) {
        throw new IllegalArgumentException(
            "accuracy of '" + name + "' must be a fraction in [0, 1], got " + f);
      }
      out.add(100 * f);
    }
    return out;
  }
}
