package quantlab.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import quantlab.tf.Weights;
import quantlab.tfref.FakeQuantNudge;
import quantlab.tfref.TfOps;

/**
 * Charts for quantization-aware training: the fake-quant staircase with the gradient the
 * straight-through estimator passes back, and weights seen through their channel's grid.
 * Explained in lesson 06.
 */
public final class QatCharts {
  private QatCharts() {}

  /**
   * TensorFlow's {@code FakeQuantWithMinMaxVars} over {@code [from, to]} (2001 points) and the
   * gradient its backward pass ({@code FakeQuantWithMinMaxVarsGradient}) sends to {@code x} for an
   * upstream gradient of 1: 1 inside the nudged range, ends included, 0 outside. The identity
   * line is what the estimator pretends the forward pass was.
   *
   * <p>Example: {@code fakeQuantAndSte(-1f, 1f, 2, -2, 2)}: the staircase takes 4 values
   * ({@code scale = 2/3}), the gradient series is 1 on the nudged range and 0 beyond it.
   */
  public static XYChart fakeQuantAndSte(float min, float max, int bits, double from, double to) {
    if (!(from < to)) {
      throw new IllegalArgumentException("from must be < to, got from " + from + ", to " + to);
    }
    int n = 2001;
    float[] x = new float[n];
    float[] ones = new float[n];
    double[] xd = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (from + (to - from) * i / (n - 1));
      xd[i] = x[i];
      ones[i] = 1f;
    }
    float[] xHat = TfOps.fakeQuantWithMinMaxVars(x, min, max, bits, false);
    float[] grad = TfOps.fakeQuantWithMinMaxVarsGradient(ones, x, min, max, bits, false)
        .wrtInput();
    FakeQuantNudge nudge = FakeQuantNudge.of(min, max, bits, false);
    XYChart c = Look.xy(String.format(Locale.ROOT,
        "Fake quant over [%s, %s], %d bits (nudged: [%s, %s])", min, max, bits,
        nudge.nudgedMin(), nudge.nudgedMax()), "x", "value");
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    XYSeries id = c.addSeries("x (what the STE pretends)", new double[] {from, to},
        new double[] {from, to});
    id.setMarker(SeriesMarkers.NONE);
    id.setLineStyle(SeriesLines.DASH_DASH);
    id.setLineColor(Palette.GREY);
    XYSeries fq = c.addSeries("forward: xHat = FakeQuant(x)", xd, toDouble(xHat));
    fq.setMarker(SeriesMarkers.NONE);
    fq.setLineColor(Palette.BLUE);
    XYSeries g = c.addSeries("backward: dxHat/dx passed on", xd, toDouble(grad));
    g.setMarker(SeriesMarkers.NONE);
    g.setLineColor(Palette.VERMILLION);
    return c;
  }

  /**
   * Histograms of every kernel weight divided by its output channel's {@code max |w|} (the
   * range QAT and PTQ give each channel), one step line per setting, with the grid of
   * {@code bits} (symmetric, narrow range: {@code q / qmax} for {@code q} in
   * {@code [-qmax, qmax]}, {@code qmax = 2^(bits-1) - 1}) as ticks below. At 2 bits the grid is
   * {-1, 0, 1}: every weight with {@code |w| < max|w| / 2} rounds to 0.
   */
  public static XYChart channelNormalizedWeights(String title, Map<String, Weights> bySetting,
      int bits, int bins) {
    if (bits < 2 || bits > 8) {
      throw new IllegalArgumentException("bits must be in [2, 8], got " + bits);
    }
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    XYChart c = Look.xy(title, "w / max|w| of its output channel", "fraction of weights");
    int k = 0;
    double maxY = 0;
    for (Map.Entry<String, Weights> e : bySetting.entrySet()) {
      float[] r = normalizedByChannel(e.getValue());
      List<Double> v = new ArrayList<>(r.length);
      for (float f : r) {
        v.add((double) f);
      }
      Histogram h = new Histogram(v, bins, -1.0, 1.0);
      List<Double> y = new ArrayList<>(bins);
      for (double count : h.getyAxisData()) {
        y.add(count / r.length);
        maxY = Math.max(maxY, count / r.length);
      }
      XYSeries s = c.addSeries(e.getKey(), h.getxAxisData(), y);
      s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Step);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(Palette.series(k++));
    }
    int qmax = (1 << (bits - 1)) - 1;
    double[] gx = new double[2 * qmax + 1];
    double[] gy = new double[gx.length];
    for (int q = -qmax; q <= qmax; q++) {
      gx[q + qmax] = (double) q / qmax;
      gy[q + qmax] = -0.04 * Math.max(maxY, 1e-9);
    }
    XYSeries g = c.addSeries(bits + "-bit grid (" + gx.length + " values)", gx, gy);
    g.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    g.setMarker(new TickMarker(1.0));
    g.setMarkerColor(Palette.ORANGE);
    c.getStyler().setMarkerSize(10);
    return c;
  }

  /** {@code w / max|w|} of each weight's output channel (the last axis); 0 for a zero channel. */
  static float[] normalizedByChannel(Weights w) {
    float[] v = w.values();
    int out = w.shape().dim(-1);
    float[] m = new float[out];
    for (int i = 0; i < v.length; i++) {
      m[i % out] = Math.max(m[i % out], Math.abs(v[i]));
    }
    float[] r = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      float mc = m[i % out];
      r[i] = mc == 0f ? 0f : v[i] / mc;
    }
    return r;
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
