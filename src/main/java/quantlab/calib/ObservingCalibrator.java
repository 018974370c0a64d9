package quantlab.calib;

import quantlab.quant.Range;
import quantlab.quant.Shape;

/**
 * What every calibrator shares: it checks and counts batches through {@link Observations}, hands
 * their values to its own {@link #sink()}, and computes each range on demand with
 * {@link #compute(int)}. A subclass supplies those two and its {@code toString()}.
 *
 * @param <M> the calibration method, with its settings
 * @param <C> the calibrator itself, so that {@code observe} chains with its own type
 */
abstract class ObservingCalibrator<M extends Calibration, C extends ObservingCalibrator<M, C>>
    implements Calibrator {
  final M method;
  final Observations obs;

  ObservingCalibrator(M method) {
    this.method = method;
    // The subclass's sink is asked for on each call, not here: its fields are not yet set while
    // this constructor runs.
    this.obs = new Observations(method.granularity(), new Observations.Sink() {
      @Override
      public void start(int ranges) {
        sink().start(ranges);
      }

      @Override
      public void accept(float[] batch, int from, int to, int p) {
        sink().accept(batch, from, to, p);
      }

      @Override
      public void endBatch() {
        sink().endBatch();
      }
    });
  }

  /** Receives the values of every checked batch. */
  abstract Observations.Sink sink();

  /** The range of tensor, channel or group {@code p}, from what the sink collected. */
  abstract Range compute(int p);

  @Override
  public M method() {
    return method;
  }

  @Override
  public C observe(float[] batch) {
    obs.observe(batch);
    return self();
  }

  @Override
  public C observe(float[] batch, Shape shape) {
    obs.observe(batch, shape);
    return self();
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

  @SuppressWarnings("unchecked")
  private C self() {
    return (C) this;
  }
}
