/**
 * Range calibration: calibrators observe batches of real values and choose the range (per tensor,
 * per channel or per group) that a quantizer maps onto its codes, by min-max, moving average,
 * percentile, MSE-optimal clipping or KL divergence; start with {@link quantlab.calib.Calibration}.
 */
package quantlab.calib;
