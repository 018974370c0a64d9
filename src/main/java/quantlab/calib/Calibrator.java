package quantlab.calib;

import quantlab.quant.QuantParams;
import quantlab.quant.Quantizer;
import quantlab.quant.Range;
import quantlab.quant.Shape;

/**
 * Observes batches of real values and then gives the range to quantize them with: one
 * {@link Range} per tensor, or one per channel (or group). Stateful and not thread-safe; create a
 * fresh one from a {@link Calibration} for each tensor you calibrate.
 *
 * <pre>{@code
 * Calibrator c = Calibration.percentile(99.99).create();
 * for (float[] batch : activations) c.observe(batch);
 * Range r = c.range();                          // e.g. [-0.412, 0.398]
 * QuantParams p = quantizer.paramsFor(r);       // scale and zero point from it
 * }</pre>
 *
 * <p>Every observed value must be finite: a batch holding NaN is rejected naming the index of
 * the first NaN, one holding an infinity likewise, and a rejected batch leaves the calibrator
 * unchanged. Explained in lesson 04.
 */
public interface Calibrator {

  /** The method (and its settings) this calibrator was created from. */
  Calibration method();

  /**
   * Observes a rank-1 batch. Only for per-tensor calibration: per channel, say where the channels
   * are with {@link #observe(float[], Shape)}.
   *
   * @return this calibrator, to chain calls
   */
  Calibrator observe(float[] batch);

  /**
   * Observes a batch of the given shape; with a per-channel method, the values of each index
   * along the axis go to that channel's range. Every batch must give the same number of ranges
   * (e.g. the same channel count; the batch dimension may vary).
   *
   * @return this calibrator, to chain calls
   */
  Calibrator observe(float[] batch, Shape shape);

  /**
   * The calibrated range of a per-tensor method.
   *
   * @throws IllegalStateException before any value was observed, or for a per-channel method
   *     (use {@link #ranges()})
   */
  Range range();

  /**
   * One calibrated range per tensor, channel or group, in the order of
   * {@code quantlab.quant.ParamLayout}.
   *
   * @throws IllegalStateException before any value was observed, or when a channel has no values
   */
  Range[] ranges();

  /** How many batches were observed. */
  int batchCount();

  /** How many values were observed, over all batches. */
  long valueCount();

  /**
   * Scale(s) and zero point(s) for the calibrated ranges: {@code quantizer.paramsFor(ranges())}.
   * The quantizer's granularity should match the calibration's.
   */
  default QuantParams params(Quantizer quantizer) {
    return quantizer.paramsFor(ranges());
  }
}
