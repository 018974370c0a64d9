package quantlab.ptq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import quantlab.quant.FakeQuantized;
import quantlab.quant.Quantizer;
import quantlab.quant.Range;
import quantlab.quant.Shape;
import quantlab.tf.ConfusionMatrix;
import quantlab.tf.Evaluation;
import quantlab.tf.Weights;

class PtqTest {
  @Test
  void statsByHand() {
    // Symmetric 2-bit narrow range: codes [-1, 1], scale = max|x| / 1 = 1.
    // x = [1, -0.25, 0.75, 0] -> xHat = [1, 0, 1, 0]; error^2 = 0 + 0.0625 + 0.0625 + 0.
    Quantizer q = Quantizer.builder().bits(2).symmetric().narrowRange(true).build();
    float[] x = {1f, -0.25f, 0.75f, 0f};
    Weights w = new Weights("l_kernel", Shape.of(2, 2), x);
    FakeQuantized fq = q.fakeQuantize(x, w.shape());
    LayerQuant s = Ptq.stats(w, fq, q);
    assertEquals(1 + 0.0625 + 0.5625, s.signalEnergy(), 1e-9);
    assertEquals(0.125, s.errorEnergy(), 1e-9);
    assertEquals(10 * Math.log10(1.625 / 0.125), s.sqnrDb(), 1e-9);
    // 4 codes x 2 bits = 1 byte, plus one float32 scale, no zero point (symmetric).
    assertEquals(1 + 4, s.packedBytes());
  }

  @Test
  void sqnrAgreesWithErrorStats() {
    float[] x = new float[257];
    java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    Quantizer q = Quantizer.builder().bits(3).symmetric().narrowRange(true).build();
    Weights w = new Weights("l_kernel", Shape.of(257, 1), x);
    FakeQuantized fq = q.fakeQuantize(x, w.shape());
    assertEquals(quantlab.quant.ErrorStats.of(x, fq.xHat()).sqnrDb(),
        Ptq.stats(w, fq, q).sqnrDb(), 1e-9);
  }

  @Test
  void calibMethodsPlugIn() {
    float[] v = new float[10001];
    for (int i = 0; i < v.length; i++) {
      v[i] = i / 10000f; // 0.0000 ... 1.0000
    }
    v[10000] = 100f; // one outlier
    assertEquals(Range.of(0f, 100f), ActivationCalibration.minMax().range(v));
    Range p = ActivationCalibration.percentile(99.9).range(v);
    assertTrue(p.max() < 1.01f, p.toString()); // the outlier is clipped
    assertTrue(ActivationCalibration.percentile(99.9).name().startsWith("percentile(99.9"));
  }

  @Test
  void affinePerChannelPaysForZeroPoints() {
    Quantizer q = Quantizer.builder().bits(4).perChannel(-1).build();
    float[] x = {0f, 1f, 2f, 3f, 4f, 5f};
    Weights w = new Weights("l_kernel", Shape.of(2, 3), x);
    // 6 x 4 bits = 3 bytes; 3 channels x (4-byte scale + 4-byte zero point) = 24.
    assertEquals(27, Ptq.stats(w, q.fakeQuantize(x, w.shape()), q).packedBytes());
  }

  @Test
  void resultCombinesLayersByEnergy() {
    Evaluation e = new Evaluation(ConfusionMatrix.of(List.of("a", "b"), new int[] {0, 1, 1, 0},
        new int[] {0, 1, 0, 0}));
    PtqResult r = new PtqResult("s", e, 0.9, List.of(new LayerQuant("a", 1, 10, 1, 0, 5),
        new LayerQuant("b", 1, 30, 1, 0, 7)), 8);
    assertEquals(0.75, r.accuracy(), 1e-12);
    assertEquals(0.15, r.accuracyDrop(), 1e-12);
    assertEquals(10 * Math.log10(40 / 2.0), r.weightSqnrDb(), 1e-12);
    assertEquals(5 + 7 + 8, r.modelBytes());
  }

  @Test
  void minMaxCalibration() {
    assertEquals(Range.of(-1f, 2.5f),
        ActivationCalibration.minMax().range(new float[] {0f, 2.5f, -1f, 0.5f}));
    assertEquals("min-max", ActivationCalibration.minMax().toString());
  }

  @Test
  void sweepCountsItsRowsAndChecksBits() {
    assertEquals(20, Sweep.builder().roundings(quantlab.quant.Rounding.HALF_TO_EVEN,
        quantlab.quant.Rounding.TRUNCATE).build().size());
    assertEquals("bits must be in [2, 16], got 1", assertThrows(IllegalArgumentException.class,
        () -> Sweep.builder().bits(8, 1)).getMessage());
  }
}
