package quantlab.calib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import quantlab.quant.Range;
import quantlab.quant.Shape;

class MinMaxCalibratorTest {

  @Test
  void twoBatches() {
    MinMaxCalibrator c = Calibration.minMax().create();
    c.observe(new float[] {-1f, 2f}).observe(new float[] {0.5f, 3f});
    assertEquals(Range.of(-1f, 3f), c.range());
    assertEquals(2, c.batchCount());
    assertEquals(4, c.valueCount());
    assertEquals("MinMaxCalibrator{2 batches, 4 values, range=[-1, 3]}", c.toString());
  }

  @Test
  void perChannelAlongTheLastAxis() {
    // shape [2, 3]: channel c holds elements c and 3 + c
    float[] x = {1, -2, 5, 4, 0, -7};
    Range[] r = Calibration.minMax().perChannel(1).calibrate(Shape.of(2, 3), x);
    assertArrayEquals(
        new Range[] {Range.of(1, 4), Range.of(-2, 0), Range.of(-7, 5)}, r);
    // along axis 0: rows {1, -2, 5} and {4, 0, -7}
    assertArrayEquals(new Range[] {Range.of(-2, 5), Range.of(-7, 4)},
        Calibration.minMax().perChannel(0).calibrate(Shape.of(2, 3), x));
  }

  @Test
  void perGroup() {
    // shape [4]: groups of 2 -> {3, -1} and {0, 8}
    assertArrayEquals(new Range[] {Range.of(-1, 3), Range.of(0, 8)},
        Calibration.minMax().withGranularity(quantlab.quant.Granularity.perGroup(0, 2))
            .calibrate(Shape.of(4), new float[] {3, -1, 0, 8}));
  }

  @Provide
  Arbitrary<float[][]> batches() {
    return Arbitraries.floats().between(-1e6f, 1e6f).array(float[].class).ofMinSize(1)
        .ofMaxSize(20).array(float[][].class).ofMinSize(1).ofMaxSize(5);
  }

  /** The range over many batches is the range of all values together. */
  @Property(tries = 2000)
  void equalsTheRangeOfAllValues(@ForAll("batches") float[][] batches) {
    int n = 0;
    for (float[] b : batches) {
      n += b.length;
    }
    float[] all = new float[n];
    int k = 0;
    for (float[] b : batches) {
      System.arraycopy(b, 0, all, k, b.length);
      k += b.length;
    }
    assertEquals(Range.of(all), Calibration.minMax().calibrate(batches));
  }
}
