package quantlab.calib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import quantlab.quant.Range;

class PercentileCalibratorTest {

  private static float[] zeroTo99() {
    float[] x = new float[100];
    for (int i = 0; i < 100; i++) {
      x[i] = i;
    }
    return x;
  }

  @Test
  void zeroTo99ByHand() {
    // rank h = (n - 1) q: 99 * 0.99 = 98.01 at the top, 99 * 0.01 = 0.99 at the bottom
    Range r = Calibration.percentile(99).calibrate(zeroTo99());
    assertEquals(0.99f, r.min(), 1e-5f);
    assertEquals(98.01f, r.max(), 1e-5f);
    // p = 90: 99 * 0.9 = 89.1 and 99 * 0.1 = 9.9
    Range r90 = Calibration.percentile(90).calibrate(zeroTo99());
    assertEquals(9.9f, r90.min(), 1e-5f);
    assertEquals(89.1f, r90.max(), 1e-5f);
    // p = 50 is the median at both ends: 49.5
    assertEquals(Range.of(49.5f, 49.5f), Calibration.percentile(50).calibrate(zeroTo99()));
    // p = 100 is min-max
    assertEquals(Range.of(0f, 99f), Calibration.percentile(100).calibrate(zeroTo99()));
  }

  @Test
  void batchesAreJoinedBeforeTheRanking() {
    // the evens and the odds of 0..99 in two batches give the same order statistics
    float[] evens = new float[50];
    float[] odds = new float[50];
    for (int i = 0; i < 50; i++) {
      evens[i] = 2 * i;
      odds[i] = 2 * i + 1;
    }
    PercentileCalibrator c = Calibration.percentile(99).create().observe(odds).observe(evens);
    assertEquals(98.01f, c.range().max(), 1e-5f);
    assertEquals("PercentileCalibrator{99%, 2 batches, 100 values, range=[0.99, 98]}",
        c.toString());
  }

  @Test
  void symmetricUsesAbsoluteValues() {
    // |x| sorted: 0 1 1 2 2 3 3 4 4; p = 75: h = 8 * 0.75 = 6 -> 3
    float[] x = {-4, -3, -2, -1, 0, 1, 2, 3, 4};
    assertEquals(Range.of(-3f, 3f), Calibration.percentile(75).symmetric().calibrate(x));
    // only non-negative values: the negative end stays at 0
    Range relu = Calibration.percentile(99).symmetric().calibrate(zeroTo99());
    assertEquals(0f, relu.min());
    assertEquals(98.01f, relu.max(), 1e-5f);
  }

  @Test
  void quantileInterpolatesLinearly() {
    assertEquals(2.5f, PercentileCalibrator.quantile(new float[] {0, 10}, 0.25));
    assertEquals(7f, PercentileCalibrator.quantile(new float[] {7}, 0.3));
    assertEquals(10f, PercentileCalibrator.quantile(new float[] {0, 10}, 1));
  }

  @Provide
  Arbitrary<float[][]> batches() {
    return Arbitraries.floats().between(-1e6f, 1e6f).array(float[].class).ofMinSize(1)
        .ofMaxSize(30).array(float[][].class).ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<Double> percentiles() {
    return Arbitraries.doubles().between(50, 100).ofScale(3);
  }

  /** Clipping tails can only shrink the range: percentile within min-max, |x| within max|x|. */
  @Property(tries = 2000)
  void withinTheMinMaxRange(@ForAll("batches") float[][] batches,
      @ForAll("percentiles") double p) {
    Range minMax = Calibration.minMax().calibrate(batches);
    Range r = Calibration.percentile(p).calibrate(batches);
    assertTrue(r.min() >= minMax.min() && r.max() <= minMax.max(), r + " not within " + minMax);
    Range s = Calibration.percentile(p).symmetric().calibrate(batches);
    assertTrue(s.maxAbs() <= minMax.maxAbs(), s + " wider than " + minMax);
  }

  /** A higher percentile clips less: its range contains the lower percentile's. */
  @Property(tries = 2000)
  void monotoneInThePercentile(@ForAll("batches") float[][] batches,
      @ForAll("percentiles") double p, @ForAll("percentiles") double q) {
    Range lo = Calibration.percentile(Math.min(p, q)).calibrate(batches);
    Range hi = Calibration.percentile(Math.max(p, q)).calibrate(batches);
    assertTrue(hi.min() <= lo.min() && hi.max() >= lo.max(), hi + " does not contain " + lo);
  }
}
