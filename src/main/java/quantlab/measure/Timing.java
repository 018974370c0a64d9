package quantlab.measure;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Repeated wall-clock timings of one piece of work, with the statistics that survive a noisy
 * shared machine: the median and the 10th/90th percentiles, besides the mean. Explained in
 * lesson 08.
 *
 * <pre>{@code
 * Timing t = Timing.measure("int8 MLP, batch 1", () -> interpreter.run(one),
 *     Duration.ofMillis(500), Duration.ofSeconds(2), 20);
 * // Timing{int8 MLP, batch 1: median 0.150 ms, p10 0.140, p90 0.190, mean 0.160, n=12000}
 * }</pre>
 *
 * <p>The first calls of a Java method run in the interpreter and are compiled later (JIT), so
 * {@link #measure} first runs the work untimed for a warm-up time, then times single calls until
 * the budget is spent and at least {@code minRuns} calls were timed. A call that the operating
 * system interrupted to run someone else's build shows up as a long outlier: it moves the mean
 * a lot and the median hardly at all, which is why verdicts compare medians.
 */
public final class Timing {
  private final String name;
  private final double[] millis;
  private final double[] sorted;

  private Timing(String name, double[] millis) {
    this.name = name;
    this.millis = millis;
    this.sorted = millis.clone();
    Arrays.sort(sorted);
  }

  /**
   * Timings already measured elsewhere (for example epoch times), in milliseconds.
   *
   * @throws IllegalArgumentException if there are none, or one is negative or not finite
   */
  public static Timing ofMillis(String name, double... millis) {
    Objects.requireNonNull(name, "name");
    if (millis == null || millis.length == 0) {
      throw new IllegalArgumentException("millis must hold at least one timing, got none");
    }
    for (int i = 0; i < millis.length; i++) {
      if (!(millis[i] >= 0) || Double.isInfinite(millis[i])) {
        throw new IllegalArgumentException(
            "millis[" + i + "] must be a finite time >= 0, got " + millis[i]);
      }
    }
    return new Timing(name, millis.clone());
  }

  /**
   * Runs {@code work} untimed for {@code warmup}, then times single calls for {@code budget}
   * (and at least {@code minRuns} calls).
   */
  public static Timing measure(String name, Runnable work, Duration warmup, Duration budget,
      int minRuns) {
    Objects.requireNonNull(work, "work");
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
    }
    if (budget.isNegative()) {
      throw new IllegalArgumentException("budget must be >= 0, got " + budget);
    }
    if (minRuns < 1) {
      throw new IllegalArgumentException("minRuns must be >= 1, got " + minRuns);
    }
    long end = System.nanoTime() + warmup.toNanos();
    while (System.nanoTime() < end) {
      work.run();
    }
    double[] buf = new double[Math.max(minRuns, 1024)];
    int n = 0;
    end = System.nanoTime() + budget.toNanos();
    while (n < minRuns || System.nanoTime() < end) {
      long t0 = System.nanoTime();
      work.run();
      long t1 = System.nanoTime();
      if (n == buf.length) {
        buf = Arrays.copyOf(buf, 2 * n);
      }
      buf[n++] = (t1 - t0) / 1e6;
    }
    return new Timing(name, Arrays.copyOf(buf, n));
  }

  /**
   * Times several pieces of work taking turns call by call (a, b, c, a, b, c, ...): the fair
   * way to compare them on a busy machine, where a burst of someone else's work would otherwise
   * hit only the one being measured at that moment. Each runs untimed for {@code warmup} first
   * (also in turns); then rounds are timed until {@code budget} is spent and at least
   * {@code minRuns} rounds were done. One timing per entry of {@code work}, in its order.
   */
  public static java.util.List<Timing> interleaved(java.util.Map<String, Runnable> work,
      Duration warmup, Duration budget, int minRuns) {
    Objects.requireNonNull(work, "work");
    if (work.isEmpty()) {
      throw new IllegalArgumentException("work must hold at least one entry, got none");
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
    }
    if (budget.isNegative()) {
      throw new IllegalArgumentException("budget must be >= 0, got " + budget);
    }
    if (minRuns < 1) {
      throw new IllegalArgumentException("minRuns must be >= 1, got " + minRuns);
    }
    Runnable[] runs = work.values().toArray(new Runnable[0]);
    long end = System.nanoTime() + warmup.toNanos();
    while (System.nanoTime() < end) {
      for (Runnable r : runs) {
        r.run();
      }
    }
    double[][] buf = new double[runs.length][Math.max(minRuns, 1024)];
    int n = 0;
    end = System.nanoTime() + budget.toNanos();
    while (n < minRuns || System.nanoTime() < end) {
      if (n == buf[0].length) {
        for (int k = 0; k < runs.length; k++) {
          buf[k] = Arrays.copyOf(buf[k], 2 * n);
        }
      }
      for (int k = 0; k < runs.length; k++) {
        long t0 = System.nanoTime();
        runs[k].run();
        buf[k][n] = (System.nanoTime() - t0) / 1e6;
      }
      n++;
    }
    java.util.List<Timing> out = new java.util.ArrayList<>();
    int k = 0;
    for (String name : work.keySet()) {
      out.add(new Timing(name, Arrays.copyOf(buf[k++], n)));
    }
    return out;
  }

  /** What was timed. */
  public String name() {
    return name;
  }

  /** The timings in milliseconds, in the order measured. */
  public double[] millis() {
    return millis.clone();
  }

  /** How many timings. */
  public int count() {
    return millis.length;
  }

  /** The median in milliseconds (the mean of the two middle values for an even count). */
  public double median() {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The mean in milliseconds. */
  public double mean() {
    double s = 0;
    for (double v : millis) {
      s += v;
    }
    return s / millis.length;
  }

  /** The fastest timing in milliseconds. */
  public double min() {
    return sorted[0];
  }

  /**
   * The {@code p}-quantile in milliseconds, {@code p} in [0, 1], by linear interpolation
   * between the sorted timings (the 0.5-quantile is the median).
   */
  public double quantile(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p must be in [0, 1], got " + p);
    }
    double pos = p * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Timing{%s: median %s ms, p10 %s, p90 %s, mean %s, n=%d}",
        name, fmt(median()), fmt(quantile(0.1)), fmt(quantile(0.9)), fmt(mean()), count());
  }

  static String fmt(double ms) {
    return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms)
        : ms >= 1 ? String.format(Locale.ROOT, "%.2f", ms)
        : String.format(Locale.ROOT, "%.4f", ms);
  }
}
