package quantlab.calib;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import quantlab.quant.ErrorStats;
import quantlab.quant.Granularity;
import quantlab.quant.IntFormat;
import quantlab.quant.Quantizer;
import quantlab.quant.Range;
import quantlab.quant.Scheme;
import quantlab.quant.Shape;

/**
 * Calibrates the same batches with several methods and measures what each range costs: the
 * error of fake-quantizing every observed value with {@code quantizer.paramsFor(range)}.
 * Per tensor only.
 *
 * <pre>{@code
 * Quantizer q = Quantizer.builder().bits(4).symmetric().narrowRange(true).build();
 * System.out.println(CalibrationComparison.of(q, batches));   // one line per method
 * }</pre>
 *
 * <p>{@link #main} prints the table of docs/calibration.md. Explained in lesson 04.
 *
 * @param quantizer the format, scheme and rounding every range is used with
 * @param rows one row per method, in the order given
 */
public record CalibrationComparison(Quantizer quantizer, List<Row> rows) {

  /**
   * One method's outcome.
   *
   * @param method the calibration method
   * @param range the range it chose
   * @param stats the error of fake-quantizing all observed values with that range
   */
  public record Row(Calibration method, Range range, ErrorStats stats) {}

  public CalibrationComparison {
    rows = List.copyOf(rows);
  }

  /**
   * The five methods suited to {@code quantizer}: min-max, moving average (decay 0.999),
   * percentile 99.99 (of |x| when symmetric), MSE for its format, scheme and rounding, and
   * entropy with as many levels as its format has codes from 0 up.
   */
  public static List<Calibration> methodsFor(Quantizer quantizer) {
    IntFormat f = quantizer.format();
    boolean symmetric = quantizer.scheme() == Scheme.SYMMETRIC;
    Calibration.Percentile p = Calibration.percentile(99.99);
    return List.of(
        Calibration.minMax(),
        Calibration.movingAverage(),
        symmetric ? p.symmetric() : p,
        Calibration.mse(f, quantizer.scheme()).rounding(quantizer.rounding()),
        Calibration.entropy(f));
  }

  /** Compares {@link #methodsFor(Quantizer)} on the batches. */
  public static CalibrationComparison of(Quantizer quantizer, float[]... batches) {
    return of(quantizer, methodsFor(quantizer), batches);
  }

  /** Compares the given methods on the batches (each observed in order, as rank-1 batches). */
  public static CalibrationComparison of(Quantizer quantizer, List<Calibration> methods,
      float[]... batches) {
    if (!(quantizer.granularity() instanceof Granularity.PerTensor)) {
      throw new IllegalArgumentException(
          "the comparison is per tensor; got a " + quantizer.granularity() + " quantizer");
    }
    int n = 0;
    for (float[] b : batches) {
      n += b.length;
    }
    float[] all = new float[n];
    int k = 0;
    for (float[] b : batches) {
      System.arraycopy(b, 0, all, k, b.length);
      k += b.length;
    }
    List<Row> rows = new ArrayList<>();
    for (Calibration m : methods) {
      Calibrator c = m.create();
      for (float[] b : batches) {
        c.observe(b);
      }
      Range r = c.range();
      ErrorStats s = ErrorStats.of(all, quantizer.fakeQuantize(all, Shape.vector(n),
          quantizer.paramsFor(r)));
      rows.add(new Row(m, r, s));
    }
    return new CalibrationComparison(quantizer, rows);
  }

  /** The row of the method with the highest SQNR. */
  public Row best() {
    Row best = rows.get(0);
    for (Row r : rows) {
      if (r.stats().sqnrDb() > best.stats().sqnrDb()) {
        best = r;
      }
    }
    return best;
  }

  /** A fixed-width table: method, range, SQNR, RMSE, clipped. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("CalibrationComparison{").append(quantizer).append("}\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "  %-52s %-22s SQNR %6.2f dB  RMSE %.3e  clipped %.3f%%%n",
          r.method(), Observations.fmt(r.range()), r.stats().sqnrDb(), r.stats().rmse(),
          100 * r.stats().clippedFraction()));
    }
    return sb.toString();
  }

  /**
   * Gaussian data with outliers, the measurement behind the table in docs/calibration.md:
   * {@code n} values of N(0, 1) and {@code n * permille / 1000} more at a uniformly random
   * magnitude in [10, 20] with a random sign, from {@code java.util.Random(seed)}, shuffled and
   * split into 10 batches.
   */
  public static float[][] gaussianWithOutliers(int n, int permille, long seed) {
    if (n < 10 || permille < 0) {
      throw new IllegalArgumentException(
          "n must be >= 10 and permille >= 0, got n " + n + ", permille " + permille);
    }
    Random rng = new Random(seed);
    int outliers = (int) ((long) n * permille / 1000);
    float[] x = new float[n + outliers];
    for (int i = 0; i < n; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    for (int i = n; i < x.length; i++) {
      x[i] = (float) ((rng.nextBoolean() ? 1 : -1) * (10 + 10 * rng.nextDouble()));
    }
    for (int i = x.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      float t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
    int batches = 10;
    float[][] out = new float[batches][];
    for (int b = 0; b < batches; b++) {
      int from = (int) ((long) x.length * b / batches);
      int to = (int) ((long) x.length * (b + 1) / batches);
      out[b] = java.util.Arrays.copyOfRange(x, from, to);
    }
    return out;
  }

  /**
   * Prints, as Markdown, the SQNR of each method at 8 and 4 bits, symmetric (narrow range) and
   * affine, on {@link #gaussianWithOutliers}. Arguments: {@code [n [permille [seed]]]}, by
   * default 100,000 values, 1 permille (0.1%) of outliers, seed 2026.
   */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int permille = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 2026;
    float[][] batches = gaussianWithOutliers(n, permille, seed);
    Quantizer[] quantizers = {
        Quantizer.builder().bits(8).symmetric().narrowRange(true).build(),
        Quantizer.builder().bits(4).symmetric().narrowRange(true).build(),
        Quantizer.builder().bits(8).affine().build(),
        Quantizer.builder().bits(4).affine().build(),
    };
    String[] names = {"int8 symmetric", "int4 symmetric", "int8 affine", "int4 affine"};
    CalibrationComparison[] results = new CalibrationComparison[quantizers.length];
    for (int i = 0; i < quantizers.length; i++) {
      results[i] = of(quantizers[i], batches);
    }
    System.out.printf(Locale.ROOT, "N(0, 1), %d values + %d outliers at |x| in [10, 20], seed %d, "
        + "10 batches; SQNR in dB (range's upper end)%n%n", n, (long) n * permille / 1000, seed);
    StringBuilder header = new StringBuilder("| method |");
    StringBuilder rule = new StringBuilder("| --- |");
    for (String name : names) {
      header.append(' ').append(name).append(" |");
      rule.append(" ---: |");
    }
    System.out.println(header);
    System.out.println(rule);
    String[] labels = {"min-max", "moving average (0.999)", "percentile 99.99", "MSE-optimal",
        "entropy (KL)"};
    for (int m = 0; m < labels.length; m++) {
      StringBuilder line = new StringBuilder("| ").append(labels[m]).append(" |");
      for (CalibrationComparison c : results) {
        Row r = c.rows().get(m);
        line.append(String.format(Locale.ROOT, " %.1f (%s) |", r.stats().sqnrDb(),
            Observations.fmt(r.range().max())));
      }
      System.out.println(line);
    }
  }
}
