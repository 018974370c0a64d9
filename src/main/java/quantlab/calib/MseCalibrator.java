package quantlab.calib;

import java.util.SplittableRandom;
import quantlab.quant.NanPolicy;
import quantlab.quant.internal.QuantKernels;
import quantlab.quant.QuantParams;
import quantlab.quant.Quantizer;
import quantlab.quant.Range;
import quantlab.quant.Rounding;
import quantlab.quant.Scheme;

/**
 * Searches the clipping range with the least mean squared error of fake quantization, exactly on
 * all observed values (kept in memory, 4 bytes each). Candidates shrink the min-max range
 * (widened to hold 0) by fractions of its ends:
 *
 * <pre>
 *   affine:     [a * min(min x, 0), b * max(max x, 0)]
 *   symmetric:  t = b * max|x|, range [-t, t] (an end at 0 when no value lies on its side)
 *   MSE         = sum((fq(x) - x)^2) / n,  fq = fake quantization with Quantizer.paramsFor(range)
 * </pre>
 *
 * <p>The search: both fractions together ({@code a = b}) over a coarse grid 0.99, 0.98, ...,
 * 0.01, then a fine grid of step 0.0005 within 0.01 of the best. Affine ranges then refine each
 * end alone the same way (the top end, then the bottom end, twice), so that an outlier on one
 * side is clipped without clipping the other. A candidate replaces the best only when its MSE is
 * strictly lower, and the min-max range ({@code a = b = 1}) is tried first, so the result never
 * has a larger MSE than min-max with the same format, scheme and rounding. Each candidate costs
 * one fake quantization of every value: about 140 candidates per range for symmetric, 700 for
 * affine.
 *
 * <p>Example: int4 symmetric on 9,999 values spread evenly over [-1, 1] plus one outlier at 20
 * picks {@code t} close to 1.1, where the derivative of {@code (t/7)^2 / 12 + (20 - t)^2 / 10^4}
 * (rounding noise plus the outlier's clipping error) vanishes. Explained in lesson 04.
 */
public final class MseCalibrator extends ObservingCalibrator<Calibration.Mse, MseCalibrator> {
  static final int COARSE_STEPS = 100;
  static final int FINE_STEPS_PER_COARSE = 20;
  static final int AFFINE_ROUNDS = 2;

  private final Quantizer quantizer;
  private final ValueSink values = new ValueSink();

  MseCalibrator(Calibration.Mse method) {
    super(method);
    this.quantizer = Quantizer.builder().format(method.format()).scheme(method.scheme())
        .rounding(method.rounding()).build();
  }

  @Override
  Observations.Sink sink() {
    return values;
  }

  /** The best candidate found so far: fractions of the two ends and its MSE. */
  private static final class Best {
    double loFraction = 1;
    double hiFraction = 1;
    double mse;
  }

  /** Which fractions a one-dimensional search moves. */
  private enum Axis { BOTH, LOW, HIGH }

  /**
   * The candidate range: {@code [loFraction * min(min x, 0), hiFraction * max(max x, 0)]} when
   * affine; symmetric uses {@code t = hiFraction * max|x|}.
   */
  private Range candidate(int p, double loFraction, double hiFraction) {
    float lo = Math.min(values.min(p), 0f);
    float hi = Math.max(values.max(p), 0f);
    if (method.scheme() == Scheme.SYMMETRIC) {
      return values.around(p, (float) (hiFraction * Math.max(-lo, hi)));
    }
    return Range.of((float) (loFraction * lo), (float) (hiFraction * hi));
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

  /**
   * Tries {@code fraction} on {@code axis}; keeps it if strictly better. A candidate so narrow
   * that its scale underflows float32 (data near 1e-42) is skipped.
   */
  private void tryFraction(int p, Axis axis, double fraction, Best best, float[] xHat) {
    double lo = axis == Axis.HIGH ? best.loFraction : fraction;
    double hi = axis == Axis.LOW ? best.hiFraction : fraction;
    double m;
    try {
      m = mse(p, candidate(p, lo, hi), xHat);
    } catch (IllegalArgumentException tooNarrow) {
      return;
    }
    if (m < best.mse) {
      best.mse = m;
      best.loFraction = lo;
      best.hiFraction = hi;
    }
  }

  /** A coarse grid of fractions 0.99 .. 0.01, then a fine one around the best. */
  private void search(int p, Axis axis, Best best, float[] xHat) {
    for (int k = COARSE_STEPS - 1; k >= 1; k--) {
      tryFraction(p, axis, (double) k / COARSE_STEPS, best, xHat);
    }
    double center = axis == Axis.LOW ? best.loFraction : best.hiFraction;
    double fine = 1.0 / (COARSE_STEPS * FINE_STEPS_PER_COARSE);
    for (int j = FINE_STEPS_PER_COARSE - 1; j >= -FINE_STEPS_PER_COARSE + 1; j--) {
      double f = center + j * fine;
      if (j != 0 && f > 0 && f <= 1) {
        tryFraction(p, axis, f, best, xHat);
      }
    }
  }

  @Override
  Range compute(int p) {
    if (values.min(p) == 0f && values.max(p) == 0f) {
      return Range.of(0f, 0f);
    }
    float[] xHat = new float[values.size(p)];
    Best best = new Best();
    best.mse = mse(p, candidate(p, 1, 1), xHat);
    search(p, Axis.BOTH, best, xHat);
    if (method.scheme() == Scheme.AFFINE) {
      for (int round = 0; round < AFFINE_ROUNDS; round++) {
        search(p, Axis.HIGH, best, xHat);
        if (values.min(p) < 0) {
          search(p, Axis.LOW, best, xHat);
        }
      }
    }
    return candidate(p, best.loFraction, best.hiFraction);
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
