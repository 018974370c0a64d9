package quantlab.calib;

import java.util.Arrays;
import quantlab.quant.Range;
import quantlab.quant.Shape;

/**
 * Keeps the smallest and largest value seen by each range: {@code [min x, max x]} over all
 * batches. Made by {@link Calibration#minMax()}.
 *
 * <p>Example: batches {@code {-1, 2}} and {@code {0.5, 3}} give {@code [-1.0, 3.0]}.
 */
public final class MinMaxCalibrator implements Calibrator {
  private final Calibration.MinMax method;
  private final Observations obs;
  private float[] lo;
  private float[] hi;

  MinMaxCalibrator(Calibration.MinMax method) {
    this.method = method;
    this.obs = new Observations(method.granularity(), new Observations.Sink() {
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
    });
  }

  private Range compute(int p) {
    return Range.of(lo[p], hi[p]);
  }

  @Override
  public Calibration.MinMax method() {
    return method;
  }

  @Override
  public MinMaxCalibrator observe(float[] batch) {
    obs.observe(batch);
    return this;
  }

  @Override
  public MinMaxCalibrator observe(float[] batch, Shape shape) {
    obs.observe(batch, shape);
    return this;
  }

  @Override
  public Range range() {
    return obs.range(this::compute);
  }

  @Override
  public Range[] ranges() {
    return obs.ranges(this::compute);
  }

  @Override
  public int batchCount() {
    return obs.batches();
  }

  @Override
  public long valueCount() {
    return obs.values();
  }

  /** {@code MinMaxCalibrator{2 batches, 4 values, range=[-1, 3]}}. */
  @Override
  public String toString() {
    return obs.describe("MinMaxCalibrator", "", this::compute);
  }
}
