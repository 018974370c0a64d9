package quantlab.ptq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import quantlab.quant.Quantizer;
import quantlab.quant.Rounding;
import quantlab.quant.Shape;
import quantlab.tf.Weights;

class ChannelSpreadTest {
  @Test
  void theJavadocExampleByHand() {
    // columns {0.5, -0.25} and {-0.01, 0.02}: m = [0.5, 0.02], ratio 25
    ChannelSpread s = ChannelSpread.of(new Weights("k", Shape.of(2, 2),
        new float[] {0.5f, -0.01f, -0.25f, 0.02f}));
    assertArrayEquals(new float[] {0.5f, 0.02f}, s.maxAbs());
    assertEquals(0, s.widest());
    assertEquals(1, s.narrowest());
    assertEquals(25.0, s.ratio(), 1e-5);
    // scale 0.5 / 127; 0.02 / scale = 5.08 -> 5; the widest channel reaches 127
    assertArrayEquals(new int[] {127, 5}, s.perTensorMaxCodes(8));
    // 8 - log2(25) = 8 - 4.6439 = 3.3561
    assertEquals(3.3561, s.perTensorBits(8)[1], 1e-4);
    assertEquals(8.0, s.perTensorBits(8)[0], 1e-12);
    assertArrayEquals(new double[] {1.0, 0.04}, s.relative(), 1e-6);
    assertEquals("ChannelSpread{k, 2 channels, max|w| from 0.02000 (channel 1) to 0.5000 "
        + "(channel 0), ratio 25.0}", s.toString());
  }

  /** The largest code per channel is what the library's per-tensor quantizer gives. */
  @Test
  void perTensorMaxCodesAgreeWithTheQuantizer() {
    SplittableRandom r = new SplittableRandom(5);
    Shape shape = Shape.of(3, 3, 4, 6);
    float[] w = new float[shape.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (r.nextGaussian() * (1 + i % 6) * 0.1);
    }
    for (int bits : new int[] {8, 4, 3}) {
      Quantizer q = Quantizer.builder().bits(bits).symmetric().narrowRange(true)
          .rounding(Rounding.HALF_TO_EVEN).build();
      int[] codes = q.quantize(w, shape).q();
      int[] expected = new int[6];
      for (int i = 0; i < codes.length; i++) {
        expected[i % 6] = Math.max(expected[i % 6], Math.abs(codes[i]));
      }
      assertArrayEquals(expected, ChannelSpread.of(new Weights("k", shape, w))
          .perTensorMaxCodes(bits), "bits " + bits);
    }
  }

  @Test
  void zeroChannelsAndBadBits() {
    ChannelSpread s = new ChannelSpread("z", new float[] {0f, 2f});
    assertEquals(Double.POSITIVE_INFINITY, s.ratio());
    assertEquals(Double.NEGATIVE_INFINITY, s.perTensorBits(8)[0]);
    assertEquals("bits must be in [2, 16], got 1",
        assertThrows(IllegalArgumentException.class, () -> s.perTensorMaxCodes(1)).getMessage());
    assertEquals("maxAbs must not be empty", assertThrows(IllegalArgumentException.class,
        () -> new ChannelSpread("e", new float[0])).getMessage());
  }
}
