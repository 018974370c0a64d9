package quantlab.viz;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import quantlab.quant.ErrorStats;
import quantlab.quant.Quantizer;
import quantlab.quant.Shape;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Tablesaw tables of per-layer statistics. A {@link Table} renders as an HTML table in a notebook
 * cell and as aligned text ({@code table.print()}, also its {@code toString()}) in JShell.
 */
public final class Tables {
  private Tables() {}

  /**
   * One row per layer: shape, count, min, max, mean, standard deviation and max |w| of its
   * weights. Layers keep the map's order.
   *
   * <p>Example: a layer {@code "w"} with values {1, -3} has min -3, max 1, mean -1, std 2 and
   * max|w| 3 (the standard deviation is the population one, over all values).
   */
  public static Table weightStats(Map<String, float[]> values, Map<String, Shape> shapes) {
    StringColumn layer = StringColumn.create("layer");
    StringColumn shape = StringColumn.create("shape");
    IntColumn count = IntColumn.create("count");
    DoubleColumn min = DoubleColumn.create("min");
    DoubleColumn max = DoubleColumn.create("max");
    DoubleColumn mean = DoubleColumn.create("mean");
    DoubleColumn std = DoubleColumn.create("std");
    DoubleColumn maxAbs = DoubleColumn.create("max |w|");
    for (Map.Entry<String, float[]> e : values.entrySet()) {
      float[] w = e.getValue();
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      double sum = 0;
      for (float v : w) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        sum += v;
      }
      double m = w.length == 0 ? Double.NaN : sum / w.length;
      double ss = 0;
      for (float v : w) {
        ss += (v - m) * (v - m);
      }
      layer.append(e.getKey());
      Shape s = shapes.get(e.getKey());
      shape.append(s == null ? "[" + w.length + "]" : s.toString());
      count.append(w.length);
      min.append(w.length == 0 ? Double.NaN : lo);
      max.append(w.length == 0 ? Double.NaN : hi);
      mean.append(m);
      std.append(w.length == 0 ? Double.NaN : Math.sqrt(ss / w.length));
      maxAbs.append(w.length == 0 ? Double.NaN : Math.max(Math.abs(lo), Math.abs(hi)));
    }
    return Table.create("Weights per layer").addColumns(layer, shape, count, min, max, mean, std,
        maxAbs);
  }

  /**
   * One row per layer and quantizer: the weight SQNR (dB), RMSE and clipped count of
   * fake-quantizing each layer with each quantizer (quantizers are keyed by a label such as
   * {@code "int4 per-channel"}). Per-channel quantizers need the layer's shape in {@code shapes}.
   */
  public static Table quantErrors(Map<String, float[]> values, Map<String, Shape> shapes,
      Map<String, Quantizer> quantizers) {
    StringColumn layer = StringColumn.create("layer");
    StringColumn setting = StringColumn.create("setting");
    DoubleColumn sqnr = DoubleColumn.create("SQNR (dB)");
    DoubleColumn rmse = DoubleColumn.create("RMSE");
    IntColumn clipped = IntColumn.create("clipped");
    for (Map.Entry<String, float[]> e : values.entrySet()) {
      Shape s = shapes.getOrDefault(e.getKey(), Shape.vector(e.getValue().length));
      for (Map.Entry<String, Quantizer> q : quantizers.entrySet()) {
        ErrorStats st = ErrorStats.of(e.getValue(), q.getValue().fakeQuantize(e.getValue(), s));
        layer.append(e.getKey());
        setting.append(q.getKey());
        sqnr.append(st.sqnrDb());
        rmse.append(st.rmse());
        clipped.append((int) st.clippedCount());
      }
    }
    return Table.create("Quantization error per layer").addColumns(layer, setting, sqnr, rmse,
        clipped);
  }

  /**
   * A copy of {@code table} whose floating-point columns print with {@code decimals} digits after
   * the point (in a notebook's HTML table and in {@code print()}); the values themselves are not
   * changed. Sweeps and sensitivity tables read better this way (lesson 04).
   *
   * <p>Example: with {@code decimals = 4}, an accuracy drop of {@code 0.0006000000000000449}
   * prints as {@code 0.0006} and {@code 32.517052189559735} dB as {@code 32.5171}.
   */
  public static Table rounded(Table table, int decimals) {
    if (decimals < 0 || decimals > 15) {
      throw new IllegalArgumentException("decimals must be in [0, 15], got " + decimals);
    }
    Table out = table.copy();
    String pattern = decimals == 0 ? "0" : "0." + "0".repeat(decimals);
    // instanceof, not columnsOfType(ColumnType.DOUBLE): depending on which Tablesaw class is
    // initialized first, ColumnType.DOUBLE and a column's type() can be different objects.
    for (tech.tablesaw.columns.Column<?> col : out.columns()) {
      if (col instanceof DoubleColumn d) {
        d.setPrintFormatter(new NumberColumnFormatter(
            new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT))));
      }
    }
    return out;
  }
}
