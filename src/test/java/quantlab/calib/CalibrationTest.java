package quantlab.calib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import quantlab.quant.Granularity;
import quantlab.quant.IntFormat;
import quantlab.quant.QuantParams;
import quantlab.quant.Quantizer;
import quantlab.quant.Range;
import quantlab.quant.Rounding;
import quantlab.quant.Scheme;
import quantlab.quant.Shape;

class CalibrationTest {

  @Test
  void javadocExample() {
    assertEquals(Range.of(-1f, 3f),
        Calibration.minMax().calibrate(new float[] {-1f, 2f}, new float[] {3f}));
  }

  @Test
  void defaults() {
    assertEquals(0.999, Calibration.movingAverage().decay());
    assertEquals(Granularity.perTensor(), Calibration.minMax().granularity());
    assertEquals(false, Calibration.percentile(99.9).ofAbs());
    assertEquals(Rounding.HALF_AWAY_FROM_ZERO,
        Calibration.mse(IntFormat.int8(), Scheme.AFFINE).rounding());
  }

  @Test
  void settingsAreCheckedWithTheBadValue() {
    assertEquals("decay must be in [0, 1), got 1.0",
        assertThrows(IllegalArgumentException.class, () -> Calibration.movingAverage(1))
            .getMessage());
    assertEquals("decay must be in [0, 1), got NaN",
        assertThrows(IllegalArgumentException.class,
            () -> Calibration.movingAverage(Double.NaN)).getMessage());
    assertEquals("percentile must be in [50, 100], got 12.0",
        assertThrows(IllegalArgumentException.class, () -> Calibration.percentile(12))
            .getMessage());
    assertEquals("percentile must be in [50, 100], got 100.5",
        assertThrows(IllegalArgumentException.class, () -> Calibration.percentile(100.5))
            .getMessage());
    assertEquals("levels must be >= 2, got 1",
        assertThrows(IllegalArgumentException.class, () -> Calibration.entropy(2048, 1))
            .getMessage());
    assertEquals("bins must be in [levels, 2^20] = [128, 1048576], got 100",
        assertThrows(IllegalArgumentException.class, () -> Calibration.entropy(100, 128))
            .getMessage());
    assertThrows(NullPointerException.class, () -> Calibration.mse(null, Scheme.AFFINE));
    assertThrows(NullPointerException.class, () -> Calibration.minMax().withGranularity(null));
  }

  @Test
  void withersKeepTheOtherSettings() {
    Calibration.Percentile p = Calibration.percentile(99.9).symmetric().perChannel(1);
    assertEquals(new Calibration.Percentile(99.9, true, Granularity.perChannel(1)), p);
    assertEquals(false, p.twoSided().ofAbs());
    Calibration.Mse m = Calibration.mse(IntFormat.int4(), Scheme.SYMMETRIC)
        .rounding(Rounding.HALF_TO_EVEN).perChannel(0);
    assertEquals(new Calibration.Mse(IntFormat.int4(), Scheme.SYMMETRIC, Rounding.HALF_TO_EVEN,
        Granularity.perChannel(0)), m);
  }

  @Test
  void readableToString() {
    assertEquals("minMax(per-tensor)", Calibration.minMax().toString());
    assertEquals("movingAverage(decay=0.999, per-tensor)",
        Calibration.movingAverage().toString());
    assertEquals("percentile(99.99%, per-tensor)", Calibration.percentile(99.99).toString());
    assertEquals("percentile(99% of |x|, per-channel(axis=1))",
        Calibration.percentile(99).symmetric().perChannel(1).toString());
    assertEquals("mse(int4, symmetric, HALF_AWAY_FROM_ZERO, per-tensor)",
        Calibration.mse(IntFormat.int4(), Scheme.SYMMETRIC).toString());
    assertEquals("entropy(2048 bins, 128 levels, per-tensor)", Calibration.entropy().toString());
  }

  @Test
  void eachCreateIsAFreshCalibrator() {
    Calibration.MinMax m = Calibration.minMax();
    MinMaxCalibrator a = m.create().observe(new float[] {5f});
    MinMaxCalibrator b = m.create();
    assertNotSame(a, b);
    assertEquals(0, b.batchCount());
    assertEquals(m, a.method());
  }

  @Test
  void rangesPlugIntoTheQuantizer() {
    // per channel along axis 1 of [2, 2]: channel 0 holds {-1, 3}, channel 1 holds {2, -4}
    Quantizer q = Quantizer.builder().bits(8).symmetric().narrowRange(true).perChannel(1)
        .build();
    Calibrator c = Calibration.minMax().perChannel(1).create()
        .observe(new float[] {-1f, 2f, 3f, -4f}, Shape.of(2, 2));
    QuantParams p = c.params(q);
    // symmetric narrow int8: scale = max|x| / 127
    assertArrayEquals(new float[] {3f / 127, 4f / 127}, p.scales());
    assertEquals(q.paramsFor(Range.of(-1f, 3f), Range.of(-4f, 2f)), p);
  }
}
