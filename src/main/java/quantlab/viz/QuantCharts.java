package quantlab.viz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import quantlab.quant.Granularity;
import quantlab.quant.ParamLayout;
import quantlab.quant.QuantParams;
import quantlab.quant.Quantizer;
import quantlab.quant.Rounding;
import quantlab.quant.Shape;

/**
 * Charts of the quantization grid and its errors: the representable values on a number line, the
 * staircase {@code x -> xHat}, error histograms, SQNR against bits, a weight histogram with the
 * grid, and per-channel ranges. Each method returns an XChart {@link XYChart}: it renders in a
 * notebook cell and saves with {@link ChartFiles}. Used from lessons 01-04.
 */
public final class QuantCharts {
  private QuantCharts() {}

  /** At most this many points are drawn on a number line; wider formats show every k-th value. */
  static final int MAX_POINTS = 4096;

  /**
   * The real values a per-tensor setting can represent, {@code scale * (q - zeroPoint)} for every
   * code {@code q} in {@code [qmin, qmax]}, as ticks on a number line.
   *
   * <p>Example: {@code numberLine(QuantParams.of(IntFormat.int4(), 0.5f, 0))} has one series of 16
   * points from -4.0 to 3.5.
   */
  public static XYChart numberLine(QuantParams params) {
    Map<String, float[]> one = new LinkedHashMap<>();
    one.put(params.format() + ", scale " + fmt(params.scale(0)) + ", zeroPoint "
        + params.zeroPoint(0), gridValues(params, 0));
    return numberLines("Representable values of " + params.format(), one);
  }

  /**
   * Several sets of representable values, one row each, on a shared axis: for example int8 next
   * to fp8 E4M3 (lesson 01). The rows keep the map's order.
   */
  public static XYChart numberLines(String title, Map<String, float[]> valuesByFormat) {
    XYChart c = Look.xy(title, "real value x", "");
    c.getStyler().setYAxisTicksVisible(false);
    c.getStyler().setYAxisMin(-0.5 * valuesByFormat.size());
    c.getStyler().setYAxisMax(valuesByFormat.size() - 0.5);
    c.getStyler().setMarkerSize(14);
    int row = 0;
    for (Map.Entry<String, float[]> e : valuesByFormat.entrySet()) {
      float[] v = e.getValue();
      int step = Math.max(1, (v.length + MAX_POINTS - 1) / MAX_POINTS);
      int n = (v.length + step - 1) / step;
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = v[i * step];
        y[i] = valuesByFormat.size() - 1 - row;
      }
      String name = e.getKey() + " (" + v.length + " values" + (step > 1
          ? ", every " + step + "th drawn" : "") + ")";
      XYSeries s = c.addSeries(name, x, y);
      s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      s.setMarker(new TickMarker(1.0));
      s.setMarkerColor(Palette.series(row));
      row++;
    }
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideS);
    return c;
  }

  /**
   * The staircase {@code x -> xHat = scale * (q(x) - zeroPoint)} over {@code [from, to]}, sampled at
   * 2001 points, with the identity line and the clipped parts (outside the representable range)
   * x outside the representable range {@code [minValue, maxValue]} (where clipping starts) drawn in
   * their own colour.
   *
   * <p>Example: for int2 with scale 1 and zero point 0 over [-4, 4], every xHat is one of -2, -1, 0
   * and 1, and the second series holds the x below -2 and above 1.
   */
  public static XYChart staircase(QuantParams params, Rounding rounding, double from, double to) {
    if (!(from < to)) {
      throw new IllegalArgumentException("from must be < to, got from " + from + ", to " + to);
    }
    int n = 2001;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (from + (to - from) * i / (n - 1));
    }
    QuantParams one = QuantParams.of(params.format(), params.scale(0), params.zeroPoint(0));
    float[] xHat = Quantizer.builder().rounding(rounding).build()
        .fakeQuantize(x, Shape.vector(n), one).xHat();
    float lo = one.minValue(0);
    float hi = one.maxValue(0);
    List<Double> inX = new ArrayList<>();
    List<Double> inY = new ArrayList<>();
    List<Double> clipX = new ArrayList<>();
    List<Double> clipY = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean outside = x[i] < lo || x[i] > hi;
      (outside ? clipX : inX).add((double) x[i]);
      (outside ? clipY : inY).add((double) xHat[i]);
    }
    XYChart c = Look.xy("xHat = Q(x): " + one.format() + ", scale " + fmt(one.scale())
        + ", zeroPoint " + one.zeroPoint() + ", " + rounding, "x (real value)",
        "xHat (dequantized value)");
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    XYSeries id = c.addSeries("x (no quantization)", new double[] {from, to},
        new double[] {from, to});
    id.setMarker(SeriesMarkers.NONE);
    id.setLineStyle(SeriesLines.DASH_DASH);
    id.setLineColor(Palette.GREY);
    XYSeries s = c.addSeries("xHat", inX, inY);
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(Palette.BLUE);
    c.getStyler().setMarkerSize(3);
    if (!clipX.isEmpty()) {
      XYSeries cl = c.addSeries("xHat, x outside [minValue, maxValue]", clipX, clipY);
      cl.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      cl.setMarker(SeriesMarkers.CIRCLE);
      cl.setMarkerColor(Palette.VERMILLION);
    }
    return c;
  }

  /**
   * Histograms of {@code error / scale = (xHat - x) / scale}, one step line per setting, on shared
   * bins over [-1.5, 1.5]: round-to-nearest gives a flat block on [-0.5, 0.5], truncation toward
   * zero a block on one side (lesson 03). The y axis is the fraction of values per bin.
   */
  public static XYChart errorHistogram(float[] x, Map<String, float[]> xHatBySetting, float scale,
      int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    if (!(scale > 0f)) {
      throw new IllegalArgumentException("scale must be > 0, got " + scale);
    }
    XYChart c = Look.xy("Rounding error", "error / scale  (error = xHat - x)",
        "fraction of values");
    int k = 0;
    for (Map.Entry<String, float[]> e : xHatBySetting.entrySet()) {
      float[] xHat = e.getValue();
      if (xHat.length != x.length) {
        throw new IllegalArgumentException("xHat of '" + e.getKey() + "' has " + xHat.length
            + " values, x has " + x.length);
      }
      List<Double> err = new ArrayList<>(x.length);
      for (int i = 0; i < x.length; i++) {
        err.add(((double) xHat[i] - x[i]) / scale);
      }
      Histogram h = new Histogram(err, bins, -1.5, 1.5);
      List<Double> frac = new ArrayList<>(bins);
      for (Double count : h.getyAxisData()) {
        frac.add(x.length == 0 ? 0 : count / x.length);
      }
      XYSeries s = c.addSeries(e.getKey(), h.getxAxisData(), frac);
      s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Step);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(Palette.series(k++));
    }
    return c;
  }

  /**
   * SQNR in dB against bit width, with a reference line rising 6.02 dB per bit through the first
   * measured point (each bit halves the step, so the error power falls by a factor of 4).
   *
   * <p>Example: measured {8 bits: 40 dB} gives the reference 40 - 4 * 6.02 = 15.92 dB at 4 bits.
   */
  public static XYChart sqnrVsBits(int[] bits, Map<String, double[]> sqnrDbBySetting) {
    XYChart c = Look.xy("Signal-to-quantization-noise ratio", "bits", "SQNR (dB)");
    double[] b = new double[bits.length];
    for (int i = 0; i < bits.length; i++) {
      b[i] = bits[i];
    }
    int k = 0;
    double[] anchor = null;
    for (Map.Entry<String, double[]> e : sqnrDbBySetting.entrySet()) {
      if (e.getValue().length != bits.length) {
        throw new IllegalArgumentException("'" + e.getKey() + "' has " + e.getValue().length
            + " SQNR values for " + bits.length + " bit widths");
      }
      XYSeries s = c.addSeries(e.getKey(), b, e.getValue());
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setLineColor(Palette.series(k));
      s.setMarkerColor(Palette.series(k++));
      if (anchor == null && bits.length > 0) {
        anchor = new double[] {b[0], e.getValue()[0]};
      }
    }
    if (anchor != null) {
      double[] ref = new double[b.length];
      for (int i = 0; i < b.length; i++) {
        ref[i] = anchor[1] + 6.02 * (b[i] - anchor[0]);
      }
      XYSeries r = c.addSeries("6.02 dB per bit", b, ref);
      r.setMarker(SeriesMarkers.NONE);
      r.setLineStyle(SeriesLines.DASH_DASH);
      r.setLineColor(Palette.GREY);
    }
    return c;
  }

  /**
   * A histogram of weights with the quantization grid of {@code params} (per tensor, or pair 0)
   * drawn as ticks below it, and the clipping edges {@code minValue}, {@code maxValue} marked.
   * Grids of more than 64 levels show only the edges (the ticks would merge).
   */
  public static XYChart weightHistogram(String title, float[] w, QuantParams params, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    List<Double> values = new ArrayList<>(w.length);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float v : w) {
      values.add((double) v);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    lo = Math.min(lo, params.minValue(0));
    hi = Math.max(hi, params.maxValue(0));
    if (!(lo < hi)) {
      lo -= 1;
      hi += 1;
    }
    Histogram h = new Histogram(values, bins, lo, hi);
    XYChart c = Look.xy(title, "weight value", "count");
    XYSeries s = c.addSeries("weights (" + w.length + ")", h.getxAxisData(), h.getyAxisData());
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Step);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(Palette.BLUE);
    double max = 0;
    for (double y : h.getyAxisData()) {
      max = Math.max(max, y);
    }
    double tickY = -0.04 * Math.max(max, 1);
    if (params.format().levels() <= 64) {
      float[] grid = gridValues(params, 0);
      double[] gx = new double[grid.length];
      double[] gy = new double[grid.length];
      for (int i = 0; i < grid.length; i++) {
        gx[i] = grid[i];
        gy[i] = tickY;
      }
      XYSeries g = c.addSeries("grid of " + params.format() + " (" + grid.length + " values)", gx,
          gy);
      g.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      g.setMarker(new TickMarker(1.0));
      g.setMarkerColor(Palette.ORANGE);
    }
    XYSeries edges = c.addSeries("clipping edges", new double[] {params.minValue(0),
        params.maxValue(0)}, new double[] {tickY, tickY});
    edges.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    edges.setMarker(new TickMarker(2.5));
    edges.setMarkerColor(Palette.VERMILLION);
    c.getStyler().setMarkerSize(10);
    return c;
  }

  /**
   * The minimum and maximum of every channel along {@code axis}: how different the channels of
   * one layer are, which is why one scale per channel helps (lesson 02).
   */
  public static XYChart channelRanges(String title, float[] w, Shape shape, int axis) {
    ParamLayout layout = ParamLayout.of(shape, Granularity.perChannel(axis));
    int n = layout.paramCount();
    double[] lo = new double[n];
    double[] hi = new double[n];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    layout.forEachRun((from, to, p) -> {
      for (int i = from; i < to; i++) {
        lo[p] = Math.min(lo[p], w[i]);
        hi[p] = Math.max(hi[p], w[i]);
      }
    });
    double[] ch = new double[n];
    for (int i = 0; i < n; i++) {
      ch[i] = i;
    }
    XYChart c = Look.xy(title, "channel (index along axis " + axis + ")", "weight value");
    XYSeries max = c.addSeries("max", ch, hi);
    max.setMarker(SeriesMarkers.NONE);
    max.setLineColor(Palette.VERMILLION);
    XYSeries min = c.addSeries("min", ch, lo);
    min.setMarker(SeriesMarkers.NONE);
    min.setLineColor(Palette.BLUE);
    return c;
  }

  /**
   * How much of one per-tensor grid each output channel uses: for each series (a kernel, given
   * as its channels' {@code max |w|}), every channel's {@code max |w|} divided by the series'
   * largest, sorted from the widest channel down, on a logarithmic axis. A dashed line per
   * entry of {@code bits} (grey dashes, then black dots) marks one step of that width's
   * symmetric per-tensor grid,
   * {@code 1 / qmax}: a channel below it has every weight rounded to 0 with a per-tensor scale
   * (lesson 10, {@code quantlab.ptq.ChannelSpread}).
   *
   * <p>Example: {@code channelSpread("t", Map.of("conv", new float[] {0.1f, 0.4f, 0.2f}), 4)}
   * has series "conv" with x = [1, 2, 3], y = [1, 0.5, 0.25] and "one 4-bit step (1/7)" at
   * y = 1/7.
   */
  public static XYChart channelSpread(String title, Map<String, float[]> maxAbsBySeries,
      int... bits) {
    if (maxAbsBySeries.isEmpty()) {
      throw new IllegalArgumentException("maxAbsBySeries must not be empty");
    }
    XYChart c = Look.xy(title, "output channel, widest first",
        "max|w| of the channel / max|w| of the widest");
    c.getStyler().setYAxisLogarithmic(true);
    int k = 0;
    int most = 1;
    double lowest = 1;
    for (Map.Entry<String, float[]> e : maxAbsBySeries.entrySet()) {
      float[] m = e.getValue();
      if (m.length == 0) {
        throw new IllegalArgumentException("series '" + e.getKey() + "' has no channels");
      }
      double top = 0;
      for (float v : m) {
        top = Math.max(top, Math.abs(v));
      }
      double[] r = new double[m.length];
      for (int i = 0; i < m.length; i++) {
        // a zero channel cannot be drawn on a log axis: show it at the bottom, 1e-4
        r[i] = top == 0 ? 1 : Math.max(1e-4, Math.abs(m[i]) / top);
      }
      java.util.Arrays.sort(r);
      double[] y = new double[r.length];
      double[] x = new double[r.length];
      for (int i = 0; i < r.length; i++) {
        y[i] = r[r.length - 1 - i];
        x[i] = i + 1;
        lowest = Math.min(lowest, y[i]);
      }
      most = Math.max(most, r.length);
      XYSeries s = c.addSeries(e.getKey(), x, y);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setLineColor(Palette.series(k));
      s.setMarkerColor(Palette.series(k++));
    }
    int line = 0;
    for (int b : bits) {
      if (b < 2 || b > 16) {
        throw new IllegalArgumentException("bits must be in [2, 16], got " + b);
      }
      int qmax = (1 << (b - 1)) - 1;
      XYSeries s = c.addSeries("one " + b + "-bit step (1/" + qmax + ")", new double[] {1, most},
          new double[] {1.0 / qmax, 1.0 / qmax});
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(line % 2 == 0 ? Palette.GREY : Palette.BLACK);
      s.setLineStyle(line++ % 2 == 0 ? org.knowm.xchart.style.lines.SeriesLines.DASH_DASH
          : org.knowm.xchart.style.lines.SeriesLines.DOT_DOT);
      lowest = Math.min(lowest, 1.0 / qmax);
    }
    c.getStyler().setYAxisMax(1.0);
    c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lowest))));
    return c;
  }

  /**
   * A histogram of one channel's weights with several grids below it, one row of ticks each, so a
   * per-tensor grid and the channel's own grid can be compared (lesson 04). Channel {@code
   * channel} is the slice at that index along {@code axis} (axis -1: the output channels of a
   * Dense kernel {@code [in, out]}). A grid with one pair is drawn as is; a grid with one pair per
   * channel contributes its pair {@code channel}. Each row also marks its clipping edges
   * {@code minValue}, {@code maxValue}; grids of more than 64 levels show only the edges. The
   * {@code bins} bins cover the channel's own range, so a narrow channel keeps its detail; the x
   * axis extends to every grid's edges.
   *
   * <p>Example: for {@code w = {0.1, -0.2, 1, 2}} of shape {@code [2, 2]}, axis 1 and channel 0
   * the histogram holds {0.1, 1}; a per-channel int3n grid with scales {0.5, 1} draws pair 0:
   * ticks at -1.5, -1, ..., 1.5.
   *
   * @throws IllegalArgumentException when a grid has neither 1 nor one pair per channel, or
   *     {@code channel} is not a channel of {@code shape} along {@code axis}
   */
  public static XYChart channelHistogram(String title, float[] w, Shape shape, int axis,
      int channel, Map<String, QuantParams> grids, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    if (w.length != shape.size()) {
      throw new IllegalArgumentException("w has " + w.length + " values, shape " + shape
          + " has " + shape.size());
    }
    int channels = shape.dim(axis);
    if (channel < 0 || channel >= channels) {
      throw new IllegalArgumentException("channel must be in [0, " + (channels - 1)
          + "] for shape " + shape + " along axis " + axis + ", got " + channel);
    }
    List<Double> values = new ArrayList<>();
    ParamLayout.of(shape, Granularity.perChannel(axis)).forEachRun((from, to, p) -> {
      if (p == channel) {
        for (int i = from; i < to; i++) {
          values.add((double) w[i]);
        }
      }
    });
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (!(lo < hi)) {
      lo -= 1;
      hi += 1;
    }
    Map<String, Integer> pairs = new LinkedHashMap<>();
    for (Map.Entry<String, QuantParams> g : grids.entrySet()) {
      QuantParams p = g.getValue();
      int pair;
      if (p.count() == 1) {
        pair = 0;
      } else if (p.count() == channels) {
        pair = channel;
      } else {
        throw new IllegalArgumentException("grid '" + g.getKey() + "' has " + p.count()
            + " scales; it needs 1 or one per channel (" + channels + ")");
      }
      pairs.put(g.getKey(), pair);
    }
    Histogram h = new Histogram(values, bins, lo, hi);
    XYChart c = Look.xy(title, "weight value", "count");
    // One empty bin on each side, so the outline starts and ends on the axis.
    double width = (hi - lo) / bins;
    List<Double> hx = new ArrayList<>();
    List<Double> hy = new ArrayList<>();
    hx.add(h.getxAxisData().get(0) - width);
    hy.add(0.0);
    hx.addAll(h.getxAxisData());
    hy.addAll(h.getyAxisData());
    hx.add(h.getxAxisData().get(bins - 1) + width);
    hy.add(0.0);
    XYSeries s = c.addSeries("channel " + channel + " (" + values.size() + " weights)", hx, hy);
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Step);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(Palette.BLUE);
    double max = 1;
    for (double y : h.getyAxisData()) {
      max = Math.max(max, y);
    }
    int row = 0;
    for (Map.Entry<String, QuantParams> g : grids.entrySet()) {
      QuantParams p = g.getValue();
      int pair = pairs.get(g.getKey());
      double tickY = -0.06 * max * (row + 1);
      java.awt.Color colour = Palette.series(row + 1);
      float[] grid = gridValues(p, pair);
      String label = g.getKey() + ": " + p.format() + ", scale " + fmt(p.scale(pair));
      if (p.format().levels() <= 64) {
        double[] gx = new double[grid.length];
        double[] gy = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
          gx[i] = grid[i];
          gy[i] = tickY;
        }
        XYSeries gs = c.addSeries(label + " (" + grid.length + " values)", gx, gy);
        gs.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        gs.setMarker(new TickMarker(1.0));
        gs.setMarkerColor(colour);
      }
      XYSeries edges = c.addSeries(g.getKey() + ": clipping edges",
          new double[] {p.minValue(pair), p.maxValue(pair)}, new double[] {tickY, tickY});
      edges.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      edges.setMarker(new TickMarker(2.5));
      edges.setMarkerColor(colour);
      row++;
    }
    c.getStyler().setMarkerSize(10);
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    return c;
  }

  static float[] gridValues(QuantParams p, int pair) {
    int qmin = p.qmin();
    int levels = p.format().levels();
    float[] v = new float[levels];
    for (int i = 0; i < levels; i++) {
      v[i] = (float) (qmin + i - p.zeroPoint(pair)) * p.scale(pair);
    }
    return v;
  }

  /** Four significant digits without trailing zeros: 0.5, 0.007843, 1.5e-05. */
  static String fmt(double v) {
    String s = String.format(Locale.ROOT, "%.4g", v);
    if (s.contains("e")) {
      return s.replaceAll("\\.?0+e", "e");
    }
    return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
  }
}
