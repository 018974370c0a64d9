package quantlab.calib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import quantlab.quant.ValueHistogram;
import quantlab.quant.IntFormat;
import quantlab.quant.Range;

class EntropyCalibratorTest {

  /**
   * Counts [1, 3, 0, 1] over [0, 4], 2 levels; candidates i = 2, 3, 4 (by hand):
   *
   * <pre>
   * i = 2: P = [1, 3 + 1] (outlier folded in), Q = [1, 3]:
   *        KL = 1/5 ln((1/5)/(1/4)) + 4/5 ln((4/5)/(3/4)) = 0.0070021
   * i = 3: P = [1, 3, 0 + 1] but bin 2 is empty, so Q[2] = 0 under P[2] > 0: infinite
   * i = 4: groups {0, 1} and {2, 3}: Q = [2, 2, 0, 1] against P = [1, 3, 0, 1]:
   *        KL = 1/5 ln(1/2) + 3/5 ln(3/2) = 0.1046496
   * </pre>
   *
   * The least is i = 2, threshold edge(2) = 2.
   */
  @Test
  void divergencesByHand() {
    ValueHistogram h = ValueHistogram.ofCounts(0, 4, new long[] {1, 3, 0, 1}, 0, 0);
    double[] kl = EntropyCalibrator.divergences(h, 2);
    assertEquals(3, kl.length);
    assertEquals(0.2 * Math.log(0.8) + 0.8 * Math.log(16.0 / 15), kl[0], 1e-12);
    assertEquals(0.0070021, kl[0], 1e-7);
    assertEquals(Double.POSITIVE_INFINITY, kl[1]);
    assertEquals(0.2 * Math.log(0.5) + 0.6 * Math.log(1.5), kl[2], 1e-12);
    assertEquals(2.0, EntropyCalibrator.threshold(h, 2));
  }

  /** Q equals P when no bin is clipped and every group's non-empty bins are equal. */
  @Test
  void noLossKeepsTheWholeRange() {
    // [2, 0, 1, 1]: i = 2 is infinite (outliers on an empty bin), i = 3 loses 0.0589, i = 4 none
    ValueHistogram h = ValueHistogram.ofCounts(0, 4, new long[] {2, 0, 1, 1}, 0, 0);
    double[] kl = EntropyCalibrator.divergences(h, 2);
    assertEquals(Double.POSITIVE_INFINITY, kl[0]);
    assertEquals(0.5 * Math.log(1.125), kl[1], 1e-12);
    assertEquals(0.0, kl[2], 1e-15);
    assertEquals(4.0, EntropyCalibrator.threshold(h, 2));
  }

  @Test
  void calibratorBuildsTheHistogramOfAbsoluteValues() {
    // |x| = 0.5, 1.5, 1.5, 1.5, 4 over [0, 4] in 4 bins: [1, 3, 0, 1] as above -> t = 2
    float[] x = {-0.5f, 1.5f, -1.5f, 1.5f, -4f};
    EntropyCalibrator c = Calibration.entropy(4, 2).create().observe(x);
    assertArrayEquals(new long[] {1, 3, 0, 1}, c.histogram().counts());
    assertEquals(Range.of(-2f, 2f), c.range());
    // all non-negative: [0, t]
    float[] relu = {0.5f, 1.5f, 1.5f, 1.5f, 4f};
    assertEquals(Range.of(0f, 2f), Calibration.entropy(4, 2).calibrate(relu));
  }

  @Test
  void levelsFollowTheFormat() {
    assertEquals(128, Calibration.entropy().levels());
    assertEquals(2048, Calibration.entropy().bins());
    assertEquals(128, Calibration.entropy(IntFormat.int8()).levels());
    assertEquals(128, Calibration.entropy(IntFormat.int8().narrow()).levels());
    assertEquals(128, Calibration.entropy(IntFormat.uint8()).levels());
    assertEquals(8, Calibration.entropy(IntFormat.int4()).levels());
  }

  /**
   * 100,000 standard normal values and 10 outliers at 10 to 20 sigma: the method clips the
   * outliers (threshold below max|x|) but keeps the bulk of the Gaussian (threshold in [2, 6]
   * sigma), for int8 and int4 levels.
   */
  @Property(tries = 8)
  void gaussianWithOutliers(@ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    java.util.Random gauss = new java.util.Random(seed);
    float[] x = new float[100_010];
    for (int i = 0; i < 100_000; i++) {
      x[i] = (float) gauss.nextGaussian();
    }
    for (int i = 100_000; i < x.length; i++) {
      x[i] = (float) ((rng.nextBoolean() ? 1 : -1) * (10 + 10 * rng.nextDouble()));
    }
    float maxAbs = Range.of(x).maxAbs();
    for (IntFormat f : new IntFormat[] {IntFormat.int8(), IntFormat.int4()}) {
      Range r = Calibration.entropy(f).calibrate(x);
      assertTrue(r.max() >= 2 && r.max() <= 6, f + ": " + r);
      assertTrue(r.max() < maxAbs, f + ": " + r + " max|x| " + maxAbs);
      assertEquals(-r.max(), r.min());
    }
  }
}
