package quantlab.calib;

import java.util.Arrays;
import quantlab.quant.Range;

/**
 * Exponential moving averages of each batch's min and max, computed in double:
 *
 * <pre>
 *   first batch:  min = min(b1)                    max = max(b1)
 *   later batch:  min = decay * min + (1 - decay) * min(b)   (and likewise max)
 * </pre>
 *
 * <p>This is the update of TensorFlow's {@code MovingAvgQuantize} (tfmot's
 * {@code MovingAverageQuantizer}, decay 0.999 by default), with two documented differences:
 * TensorFlow starts the averages at fixed initial values (min -6, max 6) where this calibrator
 * starts at the first batch, and TensorFlow first widens each batch's range to contain 0, which
 * this calibrator leaves to {@link quantlab.quant.Quantizer#paramsFor(Range...)} (the two agree
 * whenever every batch holds both signs or a 0). A range with no values in a batch keeps its
 * averages unchanged.
 *
 * <p>Example with decay 0.9: batches {@code {-1, 2}} then {@code {-3, 4}} give {@code min = 0.9 *
 * -1 + 0.1 * -3 = -1.2} and {@code max = 0.9 * 2 + 0.1 * 4 = 2.2}.
 */
public final class MovingAverageCalibrator
    extends ObservingCalibrator<Calibration.MovingAverage, MovingAverageCalibrator> {
  private double[] emaLo;
  private double[] emaHi;
  private boolean[] started;
  private float[] batchLo;
  private float[] batchHi;

  private final Observations.Sink sink = new Observations.Sink() {
    @Override
    public void start(int ranges) {
      emaLo = new double[ranges];
      emaHi = new double[ranges];
      started = new boolean[ranges];
      batchLo = new float[ranges];
      batchHi = new float[ranges];
      Arrays.fill(batchLo, Float.POSITIVE_INFINITY);
      Arrays.fill(batchHi, Float.NEGATIVE_INFINITY);
    }

    @Override
    public void accept(float[] b, int from, int to, int p) {
      float a = batchLo[p];
      float z = batchHi[p];
      for (int i = from; i < to; i++) {
        a = Math.min(a, b[i]);
        z = Math.max(z, b[i]);
      }
      batchLo[p] = a;
      batchHi[p] = z;
    }

    @Override
    public void endBatch() {
      double decay = method.decay();
      for (int p = 0; p < emaLo.length; p++) {
        if (batchLo[p] > batchHi[p]) {
          continue; // no values for this range in this batch
        }
        if (started[p]) {
          emaLo[p] = decay * emaLo[p] + (1 - decay) * batchLo[p];
          emaHi[p] = decay * emaHi[p] + (1 - decay) * batchHi[p];
        } else {
          emaLo[p] = batchLo[p];
          emaHi[p] = batchHi[p];
          started[p] = true;
        }
        batchLo[p] = Float.POSITIVE_INFINITY;
        batchHi[p] = Float.NEGATIVE_INFINITY;
      }
    }
  };

  MovingAverageCalibrator(Calibration.MovingAverage method) {
    super(method);
  }

  @Override
  Observations.Sink sink() {
    return sink;
  }

  @Override
  Range compute(int p) {
    float lo = (float) emaLo[p];
    float hi = (float) emaHi[p];
    return Range.of(Math.min(lo, hi), hi);
  }

  /** {@code MovingAverageCalibrator{decay=0.999, 2 batches, 4 values, range=[-1, 2]}}. */
  @Override
  public String toString() {
    return obs.describe("MovingAverageCalibrator", "decay=" + method.decay(), this::compute);
  }
}
