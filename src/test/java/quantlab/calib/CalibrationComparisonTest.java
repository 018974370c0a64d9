package quantlab.calib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import quantlab.quant.ErrorStats;
import quantlab.quant.IntFormat;
import quantlab.quant.Quantizer;
import quantlab.quant.Range;
import quantlab.quant.Scheme;

class CalibrationComparisonTest {

  @Test
  void eachRowMeasuresItsRangeOnAllValues() {
    float[][] batches = {{-1f, 0.5f, 2f}, {0.25f, -0.75f, 10f}};
    float[] all = CalibrationTestSupport.concat(batches);
    Quantizer q = Quantizer.builder().bits(4).symmetric().build();
    CalibrationComparison c = CalibrationComparison.of(q,
        List.of(Calibration.minMax(), Calibration.percentile(80).symmetric()), batches);
    assertEquals(2, c.rows().size());
    CalibrationComparison.Row minMax = c.rows().get(0);
    assertEquals(Range.of(-1f, 10f), minMax.range());
    // symmetric int4 [-8, 7] over max|x| = 10: scale 10 / 7
    ErrorStats expected = ErrorStats.of(all, q.fakeQuantize(all));
    assertEquals(expected.mse(), minMax.stats().mse());
    assertEquals(expected.clippedCount(), minMax.stats().clippedCount());
    assertTrue(c.best().stats().sqnrDb() >= minMax.stats().sqnrDb());
    assertTrue(c.toString().startsWith("CalibrationComparison{Quantizer{int4, symmetric"),
        c.toString());
  }

  @Test
  void methodsForMatchTheQuantizer() {
    Quantizer q = Quantizer.builder().bits(4).symmetric().narrowRange(true).build();
    List<Calibration> m = CalibrationComparison.methodsFor(q);
    assertEquals(5, m.size());
    assertEquals(true, ((Calibration.Percentile) m.get(2)).ofAbs());
    assertEquals(IntFormat.int4().narrow(), ((Calibration.Mse) m.get(3)).format());
    assertEquals(Scheme.SYMMETRIC, ((Calibration.Mse) m.get(3)).scheme());
    assertEquals(8, ((Calibration.Entropy) m.get(4)).levels());
  }

  @Test
  void perChannelQuantizersAreRejected() {
    Quantizer q = Quantizer.builder().perChannel(0).build();
    assertEquals("the comparison is per tensor; got a per-channel(axis=0) quantizer",
        assertThrows(IllegalArgumentException.class,
            () -> CalibrationComparison.of(q, new float[] {1f})).getMessage());
  }

  @Test
  void gaussianWithOutliersHasTheAdvertisedMix() {
    float[][] b = CalibrationComparison.gaussianWithOutliers(10_000, 1, 7);
    assertEquals(10, b.length);
    float[] all = CalibrationTestSupport.concat(b);
    assertEquals(10_010, all.length);
    int outliers = 0;
    for (float v : all) {
      if (Math.abs(v) >= 10) {
        outliers++;
        assertTrue(Math.abs(v) <= 20, "outlier " + v);
      }
    }
    assertEquals(10, outliers);
  }
}
