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
import quantlab.quant.Shape;

class MovingAverageCalibratorTest {

  @Test
  void firstBatchInitialises() {
    MovingAverageCalibrator c = Calibration.movingAverage().create();
    c.observe(new float[] {-1f, 0.5f, 2f});
    assertEquals(Range.of(-1f, 2f), c.range());
  }

  @Test
  void twoBatchesByHand() {
    // decay 0.9: min = 0.9 * -1 + 0.1 * -3 = -1.2, max = 0.9 * 2 + 0.1 * 4 = 2.2
    Range r = Calibration.movingAverage(0.9).calibrate(new float[] {-1f, 2f},
        new float[] {-3f, 0f, 4f});
    assertEquals(-1.2f, r.min(), 1e-6f);
    assertEquals(2.2f, r.max(), 1e-6f);
  }

  @Test
  void threeBatchesWithTheDefaultDecay() {
    // max: 10, then 0.999 * 10 + 0.001 * 20 = 10.01, then 0.999 * 10.01 + 0.001 * 0 = 9.99999
    // min: 0, then 0, then 0.999 * 0 + 0.001 * -5 = -0.005
    MovingAverageCalibrator c = Calibration.movingAverage().create();
    c.observe(new float[] {0f, 10f}).observe(new float[] {0f, 20f}).observe(new float[] {-5f, 0f});
    assertEquals(-0.005f, c.range().min(), 1e-7f);
    assertEquals(9.99999f, c.range().max(), 1e-5f);
    assertEquals(0.999, c.method().decay());
    assertEquals("MovingAverageCalibrator{decay=0.999, 3 batches, 6 values, range=[-0.005, 10]}",
        c.toString());
  }

  @Test
  void perChannelKeepsAnAveragePerChannel() {
    // shape [1, 2]: channel 0 sees 1 then 3, channel 1 sees -2 then 2; decay 0.5
    Range[] r = Calibration.movingAverage(0.5).perChannel(1)
        .calibrate(Shape.of(1, 2), new float[] {1f, -2f}, new float[] {3f, 2f});
    assertEquals(Range.of(2f, 2f), r[0]);
    assertEquals(Range.of(0f, 0f), r[1]);
  }

  @Test
  void aChannelWithoutValuesInABatchKeepsItsAverage() {
    // shape [0, 2] holds no values: the averages must not move toward anything
    MovingAverageCalibrator c = Calibration.movingAverage(0.5).perChannel(1).create();
    c.observe(new float[] {1f, 2f}, Shape.of(1, 2));
    c.observe(new float[0], Shape.of(0, 2));
    assertEquals(Range.of(1f, 1f), c.ranges()[0]);
    assertEquals(2, c.batchCount());
  }

  @Provide
  Arbitrary<float[][]> batches() {
    return Arbitraries.floats().between(-1e4f, 1e4f).array(float[].class).ofMinSize(1)
        .ofMaxSize(10).array(float[][].class).ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<Double> decays() {
    return Arbitraries.doubles().between(0, 0.9999).ofScale(4);
  }

  /**
   * Each average is a weighted mean of the batches' mins (maxes), so it lies between the smallest
   * and largest of them; min-max's range holds it.
   */
  @Property(tries = 2000)
  void staysWithinTheHullOfTheBatchRanges(
      @ForAll("batches") float[][] batches, @ForAll("decays") double decay) {
    Range r = Calibration.movingAverage(decay).calibrate(batches);
    float loMin = Float.POSITIVE_INFINITY;
    float loMax = Float.NEGATIVE_INFINITY;
    float hiMin = Float.POSITIVE_INFINITY;
    float hiMax = Float.NEGATIVE_INFINITY;
    for (float[] b : batches) {
      Range br = Range.of(b);
      loMin = Math.min(loMin, br.min());
      loMax = Math.max(loMax, br.min());
      hiMin = Math.min(hiMin, br.max());
      hiMax = Math.max(hiMax, br.max());
    }
    assertTrue(r.min() >= loMin && r.min() <= loMax, r + " min outside batch mins");
    assertTrue(r.max() >= hiMin && r.max() <= hiMax, r + " max outside batch maxes");
  }

  /** Decay 0 forgets everything but the last batch. */
  @Property(tries = 1000)
  void decayZeroKeepsTheLastBatch(@ForAll("batches") float[][] batches) {
    assertEquals(Range.of(batches[batches.length - 1]),
        Calibration.movingAverage(0).calibrate(batches));
  }
}
