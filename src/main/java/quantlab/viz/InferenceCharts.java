package quantlab.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import quantlab.quant.Range;

/**
 * Charts for quantized inference: the ranges that calibration methods choose on one activation
 * tensor, drawn over its histogram, and a quantized model's outputs against the float model's.
 * Explained in lesson 05.
 */
public final class InferenceCharts {
  private InferenceCharts() {}

  /**
   * A histogram of one activation tensor's observed values (log count axis, empty bins left out)
   * with the range each calibration method chose drawn above it as a bracket from
   * {@code range.min()} to {@code range.max()}, one height per method. Values outside a bracket
   * are the ones that method clips.
   *
   * <p>Example: for the values {@code {0, 0, 1, 2, 3}}, 3 bins and the one method
   * {@code "min-max" -> [0, 3]}, the histogram series has x = [0.5, 1.5, 2.5] and counts
   * [2, 1, 2], and the bracket series "min-max [0, 3]" has x = [0, 0, 3, 3].
   *
   * @param values the observed values (after the layer's activation function)
   * @param rangesByMethod the range of each method, in legend order
   * @param bins the number of histogram bins over {@code [min, max]} of the values and ranges
   */
  public static XYChart calibrationRanges(String title, float[] values,
      Map<String, Range> rangesByMethod, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    if (values.length == 0) {
      throw new IllegalArgumentException("values must not be empty");
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float v : values) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("values must be finite, got " + v);
      }
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    for (Range r : rangesByMethod.values()) {
      lo = Math.min(lo, r.min());
      hi = Math.max(hi, r.max());
    }
    if (!(lo < hi)) {
      lo -= 1;
      hi += 1;
    }
    double width = (hi - lo) / bins;
    long[] counts = new long[bins];
    for (float v : values) {
      int b = (int) ((v - lo) / width);
      counts[Math.min(bins - 1, Math.max(0, b))]++;
    }
    List<Double> hx = new ArrayList<>();
    List<Double> hy = new ArrayList<>();
    long peak = 1;
    for (int b = 0; b < bins; b++) {
      if (counts[b] > 0) {
        hx.add(lo + (b + 0.5) * width);
        hy.add((double) counts[b]);
        peak = Math.max(peak, counts[b]);
      }
    }
    XYChart c = Look.xy(title, "activation value", "count (log scale)");
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    c.getStyler().setXAxisMin(lo);
    c.getStyler().setXAxisMax(hi);
    XYSeries h = c.addSeries("values (" + values.length + ")", hx, hy);
    h.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    h.setMarker(SeriesMarkers.SQUARE);
    h.setMarkerColor(Palette.GREY);
    int i = 0;
    for (Map.Entry<String, Range> e : rangesByMethod.entrySet()) {
      Range r = e.getValue();
      double top = peak * Math.pow(3, i + 1);
      double foot = top / 1.8;
      XYSeries s = c.addSeries(e.getKey() + " [" + QuantCharts.fmt(r.min()) + ", "
          + QuantCharts.fmt(r.max()) + "]", new double[] {r.min(), r.min(), r.max(), r.max()},
          new double[] {foot, top, top, foot});
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(Palette.series(i + 1));
      s.setLineStyle(SeriesLines.SOLID);
      i++;
    }
    return c;
  }

  /**
   * The error of each quantized model's outputs, {@code error = output - reference}, against the
   * float model's output {@code reference}, one point per output value, with the line
   * {@code error = 0} where a perfect copy would lie.
   *
   * <p>Example: {@code outputErrors("t", "float logit", new float[] {1, 2},
   * Map.of("int8", new float[] {1.25f, 1.875f}))} has a series "int8" with x = [1, 2] and
   * y = [0.25, -0.125], and a series "error = 0" from x = 1 to 2.
   *
   * @param reference the float model's outputs
   * @param outputsBySetting outputs of each quantized setting, the same length as
   *     {@code reference}
   */
  public static XYChart outputErrors(String title, String xTitle, float[] reference,
      Map<String, float[]> outputsBySetting) {
    if (reference.length == 0) {
      throw new IllegalArgumentException("reference must not be empty");
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double[] x = new double[reference.length];
    for (int k = 0; k < reference.length; k++) {
      x[k] = reference[k];
      lo = Math.min(lo, x[k]);
      hi = Math.max(hi, x[k]);
    }
    XYChart c = Look.xy(title, xTitle, "error = quantized - float");
    int i = 0;
    for (Map.Entry<String, float[]> e : outputsBySetting.entrySet()) {
      float[] y = e.getValue();
      if (y.length != reference.length) {
        throw new IllegalArgumentException("outputs of '" + e.getKey() + "' must have "
            + reference.length + " values like reference, got " + y.length);
      }
      double[] err = new double[y.length];
      for (int k = 0; k < y.length; k++) {
        err[k] = (double) y[k] - reference[k];
      }
      XYSeries s = c.addSeries(e.getKey(), x, err);
      s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      s.setMarker(i % 2 == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.CROSS);
      s.setMarkerColor(Palette.series(i));
      i++;
    }
    XYSeries d = c.addSeries("error = 0", new double[] {lo, hi}, new double[] {0, 0});
    d.setMarker(SeriesMarkers.NONE);
    d.setLineColor(Palette.BLACK);
    d.setLineStyle(SeriesLines.DASH_DASH);
    return c;
  }
}
