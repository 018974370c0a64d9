package quantlab.calib;

import java.util.Arrays;
import quantlab.quant.Range;

/**
 * Clips the tails beyond a percentile, computed exactly on all observed values (kept in memory,
 * 4 bytes each). The percentile {@code P(q)} of {@code n} sorted values {@code s[0..n-1]} is the
 * linear interpolation at rank {@code h = (n - 1) * q / 100} (numpy's default "linear" method,
 * type 7 of Hyndman and Fan):
 *
 * <pre>
 *   P(q) = s[floor(h)] + (h - floor(h)) * (s[floor(h) + 1] - s[floor(h)])
 *   two-sided:  range = [P(100 - p), P(p)]          symmetric:  t = P(p) of |x|,  range = [-t, t]
 * </pre>
 *
 * <p>A symmetric range leaves an end at 0 when no value lies on its side (ReLU outputs give
 * {@code [0, t]}). {@code p = 100} gives the min-max range.
 *
 * <p>Example: the values 0, 1, ..., 99 with {@code p = 99} give {@code h = 99 * 0.99 = 98.01}
 * and {@code h = 0.99} at the lower tail, so the range is {@code [0.99, 98.01]}.
 */
public final class PercentileCalibrator
    extends ObservingCalibrator<Calibration.Percentile, PercentileCalibrator> {
  private final ValueSink values = new ValueSink();

  PercentileCalibrator(Calibration.Percentile method) {
    super(method);
  }

  @Override
  Observations.Sink sink() {
    return values;
  }

  @Override
  Range compute(int p) {
    float[] s = values.values(p);
    double q = method.percentile() / 100;
    if (method.ofAbs()) {
      for (int i = 0; i < s.length; i++) {
        s[i] = Math.abs(s[i]);
      }
      Arrays.sort(s);
      return values.around(p, quantile(s, q));
    }
    Arrays.sort(s);
    float lo = quantile(s, 1 - q);
    float hi = quantile(s, q);
    return Range.of(Math.min(lo, hi), hi);
  }

  /**
   * The linear-interpolation quantile {@code q} in [0, 1] of sorted, non-empty {@code s}.
   *
   * <p>Example: {@code quantile({0, 10}, 0.25)} is {@code 2.5}.
   */
  static float quantile(float[] s, double q) {
    double h = (s.length - 1) * q;
    int i = (int) Math.floor(h);
    if (i >= s.length - 1) {
      return s[s.length - 1];
    }
    double f = h - i;
    return (float) (s[i] + f * ((double) s[i + 1] - s[i]));
  }

  /** {@code PercentileCalibrator{99.99%, 3 batches, 30000 values, range=[-0.412, 0.398]}}. */
  @Override
  public String toString() {
    return obs.describe("PercentileCalibrator",
        Observations.pct(method.percentile()) + "%" + (method.ofAbs() ? " of |x|" : ""),
        this::compute);
  }
}
