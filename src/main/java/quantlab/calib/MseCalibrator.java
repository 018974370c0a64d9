package quantlab.calib;

import java.util.SplittableRandom;
import quantlab.quant.NanPolicy;
import quantlab.quant.QuantKernels;
import quantlab.quant.QuantParams;
import quantlab.quant.Quantizer;
import quantlab.quant.Range;
import quantlab.quant.Rounding;
import quantlab.quant.Scheme;
import quantlab.quant.Shape;

/**
 * Searches the clipping range with the least mean squared error of fake quantization, exactly on
 * all observed values (kept in memory, 4 bytes each). The candidates scale the min-max range by a
 * fraction {@code alpha}:
 *
 * <pre>
 *   affine:     [alpha * min(min x, 0), alpha * max(max x, 0)]
 *   symmetric:  t = alpha * max|x|, range [-t, t] (an end at 0 when no value lies on its side)
 *   MSE(alpha)  = sum((fq(x) - x)^2) / n,  fq = fake quantization with Quantizer.paramsFor(range)
 * </pre>
 *
 * <p>A coarse grid {@code alpha = 1.00, 0.99, ..., 0.01} is followed by a fine grid of step
 * 0.0005 within 0.01 of the best coarse {@code alpha}. A candidate replaces the best only when its
 * MSE is strictly lower, and {@code alpha = 1} (the min-max range) is tried first, so the result
 * never has a larger MSE than min-max with the same format, scheme and rounding. Each candidate
 * costs one fake quantization of every value: {@code 141 * n} operations per range.
 *
 * <p>Example: int4 symmetric on 999 values spread evenly over [-1, 1] plus one outlier at 20
 * picks {@code t} near 1.3, far below 20; min-max's step of {@code 20/7 = 2.9} would round every
 * non-outlier to 0 or +-2.9. Explained in lesson 04.
 */
public final class MseCalibrator implements Calibrator {
  static final int COARSE_STEPS = 100;
  static final int FINE_STEPS_PER_COARSE = 20;

  private final Calibration.Mse method;
  private final Quantizer quantizer;
  private final ValueSink values = new ValueSink();
  private final Observations obs;

  MseCalibrator(Calibration.Mse method) {
    this.method = method;
    this.quantizer = Quantizer.builder().format(method.format()).scheme(method.scheme())
        .rounding(method.rounding()).build();
    this.obs = new Observations(method.granularity(), values);
  }

  /** The candidate range for fraction {@code alpha} of range {@code p}'s min-max range. */
  private Range candidate(int p, double alpha) {
    float lo = Math.min(values.min(p), 0f);
    float hi = Math.max(values.max(p), 0f);
    if (method.scheme() == Scheme.SYMMETRIC) {
      float t = (float) (alpha * Math.max(-lo, hi));
      return values.around(p, t);
    }
    return Range.of((float) (alpha * lo), (float) (alpha * hi));
  }

  /**
   * The mean squared error of fake-quantizing range {@code p}'s observed values with the
   * parameters this calibrator's quantizer derives from {@code range}.
   */
  private double mse(int p, Range range, float[] xHat) {
    float[] x = values.array(p);
    int n = values.size(p);
    QuantParams params = quantizer.paramsFor(range);
    SplittableRandom rng = method.rounding() == Rounding.STOCHASTIC ? new SplittableRandom(0) : null;
    QuantKernels.fakeQuantize(x, 0, n, params.scale(), params.zeroPoint(), params.qmin(),
        params.qmax(), method.rounding(), rng, NanPolicy.REJECT, xHat);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double e = (double) xHat[i] - x[i];
      sum += e * e;
    }
    return sum / n;
  }

  private Range compute(int p) {
    if (values.min(p) == 0f && values.max(p) == 0f) {
      return Range.of(0f, 0f);
    }
    float[] xHat = new float[values.size(p)];
    double bestAlpha = 1;
    double best = mse(p, candidate(p, 1), xHat);
    for (int k = COARSE_STEPS - 1; k >= 1; k--) {
      double alpha = (double) k / COARSE_STEPS;
      double m = mse(p, candidate(p, alpha), xHat);
      if (m < best) {
        best = m;
        bestAlpha = alpha;
      }
    }
    double center = bestAlpha;
    double fine = 1.0 / (COARSE_STEPS * FINE_STEPS_PER_COARSE);
    for (int j = FINE_STEPS_PER_COARSE; j >= -FINE_STEPS_PER_COARSE; j--) {
      double alpha = center + j * fine;
      if (j == 0 || alpha <= 0 || alpha > 1) {
        continue;
      }
      double m = mse(p, candidate(p, alpha), xHat);
      if (m < best) {
        best = m;
        bestAlpha = alpha;
      }
    }
    return candidate(p, bestAlpha);
  }

  @Override
  public Calibration.Mse method() {
    return method;
  }

  @Override
  public MseCalibrator observe(float[] batch) {
    obs.observe(batch);
    return this;
  }

  @Override
  public MseCalibrator observe(float[] batch, Shape shape) {
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

  /** {@code MseCalibrator{int4 symmetric, 1 batch, 1000 values, range=[-1.31, 1.31]}}. */
  @Override
  public String toString() {
    return obs.describe("MseCalibrator", method.format() + " "
        + method.scheme().name().toLowerCase(java.util.Locale.ROOT)
        + (method.rounding() == Rounding.HALF_AWAY_FROM_ZERO ? "" : " " + method.rounding()),
        this::compute);
  }
}
