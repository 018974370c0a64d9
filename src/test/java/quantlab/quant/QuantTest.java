package quantlab.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuantTest {

  @Test
  void symmetricWorkedByHand() {
    // max|x| = 127 gives scale exactly 1; ties round away from zero.
    QuantizedTensor t = Quant.symmetric(new float[] {-127f, 0f, 63.5f, 0.5f, -0.5f}, 8);
    assertEquals(IntFormat.int8().narrow(), t.format());
    assertEquals(1f, t.params().scale(), 0f);
    assertArrayEquals(new int[] {-127, 0, 64, 1, -1}, t.q());
  }

  @Test
  void perChannelUsesOneScalePerRow() {
    QuantizedTensor t = Quant.perChannel(new float[][] {{1f, -2f}, {0.5f, 0.25f}}, 8);
    assertEquals(Shape.of(2, 2), t.shape());
    assertArrayEquals(new float[] {2f / 127, 0.5f / 127}, t.params().scales(), 0f);
    // 1 / (2/127) = 63.5 -> 64; 0.25 / (0.5/127) = 63.5 -> 64.
    assertArrayEquals(new int[] {64, -127, 127, 64}, t.q());
    assertEquals(
        "w must be rectangular: w[1].length is 1, w[0].length is 2",
        assertThrows(IllegalArgumentException.class,
            () -> Quant.perChannel(new float[][] {{1f, 2f}, {3f}}, 8)).getMessage());
  }

  @Test
  void int4UsesSixteenCodes() {
    float[] x = new float[16];
    for (int i = 0; i < 16; i++) {
      x[i] = i - 8; // -8 .. 7: the codes themselves, scale 1, zero point 0
    }
    QuantizedTensor t = Quant.int4(x);
    assertEquals(1f, t.params().scale(), 0f);
    assertEquals(0, t.params().zeroPoint());
    assertArrayEquals(new int[] {-8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7}, t.q());
    assertArrayEquals(x, Quant.dequantize(t), 0f);
    assertArrayEquals(x, Quant.fakeQuantize(x, 4), 0f);
  }

  @Test
  void givenParams() {
    QuantParams p = QuantParams.of(IntFormat.uint8(), 0.5f, 10);
    assertArrayEquals(new int[] {0, 10, 13, 255}, Quant.quantize(new float[] {-6f, 0f, 1.5f, 500f}, p).q());
    assertArrayEquals(new float[] {-5f, 0f, 1.5f, 122.5f},
        Quant.fakeQuantize(new float[] {-6f, 0f, 1.5f, 500f}, p), 0f);
  }

  @Test
  void quantizedTensorChecksCodes() {
    QuantParams p = QuantParams.of(IntFormat.int4(), 1f, 0);
    assertEquals("q[2] must be in [-8, 7] for int4, got 8",
        assertThrows(IllegalArgumentException.class,
            () -> QuantizedTensor.of(Shape.vector(3), p, new int[] {0, 1, 8})).getMessage());
    QuantizedTensor t = QuantizedTensor.of(Shape.vector(3), p, new int[] {-8, 1, 7});
    assertArrayEquals(new float[] {-8f, 1f, 7f}, t.dequantize(), 0f);
    assertEquals(12, t.packedBits());
    assertEquals("QuantizedTensor{int4 [3], scale=1, zeroPoint=0, clipped=0, q=[-8, 1, 7]}",
        t.toString());
  }
}
