package quantlab.calib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import quantlab.quant.ErrorStats;
import quantlab.quant.IntFormat;
import quantlab.quant.Quantizer;
import quantlab.quant.Range;
import quantlab.quant.Scheme;
import quantlab.quant.Shape;

class MseCalibratorTest {

  /** The MSE of fake-quantizing x with the parameters quantizer derives from range. */
  static double mseWith(Quantizer quantizer, float[] x, Range range) {
    return ErrorStats.of(x, quantizer.fakeQuantize(x, Shape.vector(x.length),
        quantizer.paramsFor(range))).mse();
  }

  private static float[] uniformWithOutlier() {
    float[] x = new float[10_000];
    for (int i = 0; i < 9_999; i++) {
      x[i] = -1f + 2f * i / 9_998;
    }
    x[9_999] = 20f;
    return x;
  }

  /**
   * 9,999 values evenly over [-1, 1] and one at 20. Clipping the top at t costs (20 - t)^2 / n;
   * the rounding noise of the bulk is step^2 / 12. Setting the derivative to 0 by hand:
   *
   * <pre>
   *   int4 symmetric: step = t / 7:        t / 588 = (20 - t) / 10^4     ->  t = 1.11
   *   int4 affine:    step = (t + 1) / 15: (t + 1) / 2700 = (20 - t) / 10^4  ->  t = 3.46
   *   int8 symmetric: step = t / 127:      t / 96774 = (20 - t) / 10^4   ->  t = 18.1
   * </pre>
   *
   * At 4 bits the outlier is clipped to a fraction of its value; at 8 bits the steps are so fine
   * that clipping it barely pays, yet the MSE still drops below min-max's.
   */
  @Test
  void oneBigOutlierIsClippedAndTheMseDrops() {
    float[] x = uniformWithOutlier();
    Object[][] cases = {
        {IntFormat.int4(), Scheme.SYMMETRIC, 1.11},
        {IntFormat.int4(), Scheme.AFFINE, 3.46},
        {IntFormat.int8(), Scheme.SYMMETRIC, 18.1},
    };
    for (Object[] c : cases) {
      IntFormat f = (IntFormat) c[0];
      Scheme scheme = (Scheme) c[1];
      double expected = (double) c[2];
      Range r = Calibration.mse(f, scheme).calibrate(x);
      Quantizer q = Quantizer.builder().format(f).scheme(scheme).build();
      String what = f + " " + scheme + ": " + r;
      assertTrue(r.max() < 20f, what);
      assertEquals(expected, r.max(), 0.1 * expected, what);
      assertTrue(mseWith(q, x, r) < mseWith(q, x, Range.of(x)), what);
    }
  }

  /**
   * A case solved by hand: int2 narrow symmetric has the codes -1, 0, 1, so xHat is -t, 0 or t.
   * For 100 values at 1 and one at 10, any t in [1/1.5, 2] maps the ones to t and clips 10 to t:
   * n MSE = 100 (t - 1)^2 + (10 - t)^2, least at t = 220 / 202 = 1.0891 (zero derivative:
   * 200 (t - 1) = 2 (10 - t)). Larger t loses the ones to 0 (t > 2: error 1 each, n MSE >= 100).
   */
  @Test
  void matchesTheAnalyticOptimum() {
    float[] x = new float[101];
    java.util.Arrays.fill(x, 1f);
    x[100] = 10f;
    Range r = Calibration.mse(IntFormat.signed(2).narrow(), Scheme.SYMMETRIC).calibrate(x);
    // the fine grid has steps of 0.0005 * max|x| = 0.005
    assertEquals(220.0 / 202, r.max(), 0.005);
    assertEquals(0f, r.min()); // no negative value: the range starts at 0
  }

  /**
   * Values near 1e-42: min-max's scale 2e-42 / 255 is still a positive float32 (a subnormal),
   * but a tenth of it underflows to 0; such candidates are skipped, not fatal.
   */
  @Test
  void candidatesTooNarrowForFloat32AreSkipped() {
    float[] x = {0f, 1e-42f, 2e-42f};
    Quantizer q = Quantizer.builder().bits(8).build();
    Range r = Calibration.mse(IntFormat.int8(), Scheme.AFFINE).calibrate(x);
    assertTrue(mseWith(q, x, r) <= mseWith(q, x, Range.of(x)), r.toString());
  }

  @Test
  void allZerosGiveAZeroRange() {
    assertEquals(Range.of(0f, 0f),
        Calibration.mse(IntFormat.int8(), Scheme.AFFINE).calibrate(new float[] {0f, 0f}));
  }

  @Test
  void toStringNamesFormatAndScheme() {
    MseCalibrator c = Calibration.mse(IntFormat.int4(), Scheme.SYMMETRIC).create()
        .observe(new float[] {-1f, 1f});
    assertEquals("MseCalibrator{int4 symmetric, 1 batch, 2 values, range=[-1, 1]}",
        c.toString());
  }

  @Provide
  Arbitrary<float[][]> batches() {
    return Arbitraries.floats().between(-100f, 100f).array(float[].class).ofMinSize(1)
        .ofMaxSize(40).array(float[][].class).ofMinSize(1).ofMaxSize(3);
  }

  /**
   * The search tries the min-max range first and keeps only strictly better candidates, so its
   * MSE is never above min-max's for the same format, scheme and rounding.
   */
  @Property(tries = 2000)
  void neverWorseThanMinMax(@ForAll("batches") float[][] batches,
      @ForAll @IntRange(min = 2, max = 8) int bits, @ForAll boolean symmetric,
      @ForAll boolean narrow) {
    IntFormat f = IntFormat.of(bits, true, narrow);
    Scheme scheme = symmetric ? Scheme.SYMMETRIC : Scheme.AFFINE;
    Range r = Calibration.mse(f, scheme).calibrate(batches);
    Quantizer q = Quantizer.builder().format(f).scheme(scheme).build();
    float[] all = CalibrationTestSupport.concat(batches);
    double mse = mseWith(q, all, r);
    double minMax = mseWith(q, all, Range.of(all));
    assertTrue(mse <= minMax, "MSE " + mse + " > min-max " + minMax + " for " + r);
    // and the range is a shrunk min-max range
    Range mm = Range.of(all).withZero();
    if (symmetric) {
      assertTrue(r.maxAbs() <= mm.maxAbs(), r + " wider than " + mm);
    } else {
      assertTrue(r.min() >= mm.min() && r.max() <= mm.max(), r + " not within " + mm);
    }
  }
}
