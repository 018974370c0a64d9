package quantlab.calib;

import java.util.Arrays;
import quantlab.quant.Range;

/**
 * Keeps the smallest and largest value seen by each range: {@code [min x, max x]} over all
 * batches. Made by {@link Calibration#minMax()}.
 *
 * <p>Example: batches {@code {-1, 2}} and {@code {0.5, 3}} give {@code [-1.0, 3.0]}.
 */
public final class MinMaxCalibrator
    extends ObservingCalibrator<Calibration.MinMax, MinMaxCalibrator> {
  private float[] lo;
  private float[] hi;

  private final Observations.Sink sink = new Observations.Sink() {
    @Override
    public void start(int ranges) {
      lo = new float[ranges];
      hi = new float[ranges];
      Arrays.fill(lo, Float.POSITIVE_INFINITY);
      Arrays.fill(hi, Float.NEGATIVE_INFINITY);
    }

    @Override
    public void accept(float[] b, int from, int to, int p) {
      float a = lo[p];
      float z = hi[p];
      for (int i = from; i < to; i++) {
        a = Math.min(a, b[i]);
        z = Math.max(z, b[i]);
      }
      lo[p] = a;
      hi[p] = z;
    }
  };

  MinMaxCalibrator(Calibration.MinMax method) {
    super(method);
  }

  @Override
  Observations.Sink sink() {
    return sink;
  }

  @Override
  Range compute(int p) {
    return Range.of(lo[p], hi[p]);
  }

  /** {@code MinMaxCalibrator{2 batches, 4 values, range=[-1, 3]}}. */
  @Override
  public String toString() {
    return obs.describe("MinMaxCalibrator", "", this::compute);
  }
}
