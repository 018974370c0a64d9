package quantlab.calib;

import java.util.Locale;
import java.util.function.IntFunction;
import quantlab.quant.Granularity;
import quantlab.quant.ParamLayout;
import quantlab.quant.Range;
import quantlab.quant.Shape;

/**
 * The bookkeeping every calibrator shares: checks each batch, routes its values to the range
 * (tensor, channel or group) they belong to, counts batches and values, and caches the ranges
 * until the next batch.
 */
final class Observations {
  /** Receives the values of a checked batch, run by run. */
  interface Sink {
    /** Called once, before the first batch, with the number of ranges. */
    void start(int ranges);

    /** Values {@code batch[from..to)} belong to range {@code p}. */
    void accept(float[] batch, int from, int to, int p);

    /** Called after all runs of a batch were accepted. */
    default void endBatch() {}
  }

  private final Granularity granularity;
  private final Sink sink;
  private int rangeCount = -1;
  private long[] perRange;
  private int batches;
  private long values;
  private Range[] cached;

  Observations(Granularity granularity, Sink sink) {
    this.granularity = granularity;
    this.sink = sink;
  }

  void observe(float[] batch) {
    if (batch == null) {
      throw new NullPointerException("batch must not be null");
    }
    if (!(granularity instanceof Granularity.PerTensor)) {
      throw new IllegalArgumentException(
          "a " + granularity + " calibration needs the batch's shape to find the channels: call "
              + "observe(batch, shape)");
    }
    observe(batch, Shape.vector(batch.length));
  }

  void observe(float[] batch, Shape shape) {
    if (batch == null) {
      throw new NullPointerException("batch must not be null");
    }
    if (shape == null) {
      throw new NullPointerException("shape must not be null");
    }
    if (batch.length != shape.size()) {
      throw new IllegalArgumentException(
          "batch.length (" + batch.length + ") does not match shape " + shape + " of size "
              + shape.size());
    }
    for (int i = 0; i < batch.length; i++) {
      float v = batch[i];
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException(
            "batch[" + i + "] is " + v + "; calibration needs finite values");
      }
    }
    ParamLayout layout = ParamLayout.of(shape, granularity);
    int n = layout.paramCount();
    if (rangeCount < 0) {
      rangeCount = n;
      perRange = new long[n];
      sink.start(n);
    } else if (n != rangeCount) {
      throw new IllegalArgumentException(
          "shape " + shape + " gives " + n + " ranges " + granularity + " but earlier batches gave "
              + rangeCount);
    }
    layout.forEachRun(
        (from, to, p) -> {
          sink.accept(batch, from, to, p);
          perRange[p] += to - from;
        });
    sink.endBatch();
    batches++;
    values += batch.length;
    cached = null;
  }

  Granularity granularity() {
    return granularity;
  }

  int batches() {
    return batches;
  }

  long values() {
    return values;
  }

  /** How many values range {@code p} has seen. */
  long values(int p) {
    return perRange[p];
  }

  /** Checks that range {@code p} exists and has seen values. */
  void requireValues(int p) {
    if (rangeCount < 0 || values == 0) {
      throw new IllegalStateException(
          "no values observed yet: call observe(batch) before asking for a range");
    }
    if (p < 0 || p >= rangeCount) {
      throw new IndexOutOfBoundsException(
          "range index must be in [0, " + (rangeCount - 1) + "], got " + p);
    }
    if (perRange[p] == 0) {
      throw new IllegalStateException(
          "range " + p + " of " + rangeCount + " (" + granularity + ") has no values yet");
    }
  }

  Range[] ranges(IntFunction<Range> compute) {
    if (cached == null) {
      requireValues(0);
      Range[] r = new Range[rangeCount];
      for (int p = 0; p < rangeCount; p++) {
        requireValues(p);
        r[p] = compute.apply(p);
      }
      cached = r;
    }
    return cached.clone();
  }

  Range range(IntFunction<Range> compute) {
    if (!(granularity instanceof Granularity.PerTensor)) {
      throw new IllegalStateException(
          "this calibration is " + granularity + (rangeCount > 0 ? " with " + rangeCount
              + " ranges" : "") + ": use ranges()");
    }
    return ranges(compute)[0];
  }

  /**
   * {@code Name{settings, 3 batches, 30000 values, range=[-0.412, 0.398]}}; per channel the
   * number of ranges and the spread of their ends.
   */
  String describe(String name, String settings, IntFunction<Range> compute) {
    StringBuilder sb = new StringBuilder(name).append('{');
    if (!settings.isEmpty()) {
      sb.append(settings).append(", ");
    }
    if (!(granularity instanceof Granularity.PerTensor)) {
      sb.append(granularity).append(", ");
    }
    sb.append(batches).append(batches == 1 ? " batch, " : " batches, ")
        .append(values).append(values == 1 ? " value" : " values");
    Range[] r;
    try {
      r = ranges(compute);
    } catch (IllegalStateException e) {
      return sb.append(", range=none}").toString();
    } catch (IllegalArgumentException e) {
      return sb.append(", range=none (").append(e.getMessage()).append(")}").toString();
    }
    if (r.length == 1) {
      sb.append(", range=").append(fmt(r[0]));
    } else {
      float minLo = Float.POSITIVE_INFINITY;
      float maxLo = Float.NEGATIVE_INFINITY;
      float minHi = Float.POSITIVE_INFINITY;
      float maxHi = Float.NEGATIVE_INFINITY;
      for (Range x : r) {
        minLo = Math.min(minLo, x.min());
        maxLo = Math.max(maxLo, x.min());
        minHi = Math.min(minHi, x.max());
        maxHi = Math.max(maxHi, x.max());
      }
      sb.append(", ").append(r.length).append(" ranges, min in [").append(fmt(minLo))
          .append(", ").append(fmt(maxLo)).append("], max in [").append(fmt(minHi)).append(", ")
          .append(fmt(maxHi)).append(']');
    }
    return sb.append('}').toString();
  }

  static String fmt(Range r) {
    return "[" + fmt(r.min()) + ", " + fmt(r.max()) + "]";
  }

  static String fmt(double v) {
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 1e-3 && a < 1e5) {
      String s = String.format(Locale.ROOT, "%.3g", v);
      return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
    return String.format(Locale.ROOT, "%.3e", v);
  }

  /** A percentage without trailing zeros: 99.99 gives {@code 99.99}, 100 gives {@code 100}. */
  static String pct(double v) {
    String s = String.format(Locale.ROOT, "%.6f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
