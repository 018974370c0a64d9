package quantlab.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static quantlab.pack.BitPackingTest.bytes;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import quantlab.quant.IntFormat;
import quantlab.quant.Quant;
import quantlab.quant.QuantParams;
import quantlab.quant.QuantizedTensor;
import quantlab.quant.Shape;

class PackedTensorTest {

  private static float[] weights(int n) {
    SplittableRandom r = new SplittableRandom(7);
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] = (float) (r.nextGaussian() * 0.05);
    }
    return w;
  }

  @Test
  void int4TakesHalfTheBytesOfInt8() {
    float[] w = weights(784 * 128);
    PackedTensor p4 = PackedTensor.of(Quant.int4(w));
    PackedTensor p8 = PackedTensor.of(Quant.int8(w));
    assertEquals(50176, p4.byteSize());
    assertEquals(100352, p8.byteSize());
    assertEquals("PackedTensor{int4 [100352], 100352 codes in 50176 bytes (0.5 B/code)}",
        p4.toString());
    assertEquals(0.5, p4.bytesPerCode());
  }

  @Test
  void bareCodes() {
    PackedTensor p = PackedTensor.pack(new int[] {1, -1, 7}, 4, true);
    assertArrayEquals(bytes(0xF1, 0x07), p.bytes());
    assertEquals("PackedTensor{int4, 3 codes in 2 bytes (0.5 B/code)}", p.toString());
    assertArrayEquals(new int[] {1, -1, 7}, p.unpack());
    assertFalse(p.params().isPresent());
    assertEquals(IntFormat.int4(), p.format());
    assertEquals("PackedTensor{uint3, 5 codes in 2 bytes (0.375 B/code)}",
        PackedTensor.pack(new int[] {5, 3, 7, 0, 6}, 3, false).toString());
    assertEquals("PackedTensor{uint8, 2 codes in 2 bytes (1 B/code)}",
        PackedTensor.pack(new int[] {0, 255}, 8, false).toString());
  }

  @Test
  void perChannelTensorRoundTrips() {
    float[] flat = weights(12);
    float[][] w = new float[3][4];
    for (int r = 0; r < 3; r++) {
      System.arraycopy(flat, 4 * r, w[r], 0, 4);
    }
    QuantizedTensor t = Quant.perChannel(w, 4); // narrow int4, one scale per row
    PackedTensor p = PackedTensor.of(t);
    assertEquals(6, p.byteSize());
    QuantizedTensor back = p.toQuantizedTensor();
    assertArrayEquals(t.q(), back.q());
    assertEquals(t.params(), back.params());
    assertEquals(t.shape(), back.shape());
    assertArrayEquals(t.dequantize(), back.dequantize());
    assertEquals(Shape.of(3, 4), p.shape().orElseThrow());
    assertEquals("PackedTensor{int4n [3, 4], 12 codes in 6 bytes (0.5 B/code)}", p.toString());
  }

  @Test
  void wrapWithParamsChecksTheCodesAgainstTheFormat() {
    QuantParams narrow = QuantParams.of(IntFormat.int4().narrow(), 0.5f, 0);
    // nibbles: 0x8 = -8 (outside [-7, 7]) then 0x1 = 1
    PackedTensor p = PackedTensor.wrap(bytes(0x18), narrow, Shape.vector(2));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, p::toQuantizedTensor);
    assertEquals("q[0] must be in [-7, 7] for int4n, got -8", e.getMessage());
    PackedTensor ok = PackedTensor.wrap(bytes(0x1F), narrow, Shape.vector(2));
    assertArrayEquals(new float[] {-0.5f, 0.5f}, ok.toQuantizedTensor().dequantize());
  }

  @Test
  void errors() {
    IllegalStateException bare = assertThrows(IllegalStateException.class,
        () -> PackedTensor.pack(new int[] {1}, 4, true).toQuantizedTensor());
    assertEquals("this PackedTensor holds bare codes without QuantParams and Shape; pack a"
        + " QuantizedTensor with PackedTensor.of(t) or wrap(bytes, params, shape)",
        bare.getMessage());
    IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
        () -> PackedTensor.of(Quant.affine(new float[] {-1f, 1f}, 12)));
    assertEquals("bits must be in [1, 8] to pack, got 12 (int12 codes)", wide.getMessage());
    IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
        () -> PackedTensor.wrap(new byte[3], 7, 4, true));
    assertEquals("bytes.length (3) must be 4 for 7 codes of 4 bits", length.getMessage());
  }

  @Test
  void valueSemantics() {
    PackedTensor a = PackedTensor.pack(new int[] {1, 2, 3}, 4, true);
    assertEquals(a, PackedTensor.wrap(bytes(0x21, 0x03), 3, 4, true));
    assertEquals(a.hashCode(), PackedTensor.wrap(bytes(0x21, 0x03), 3, 4, true).hashCode());
    assertNotEquals(a, PackedTensor.wrap(bytes(0x21, 0x03), 3, 4, false));
    byte[] copy = a.bytes();
    copy[0] = 0;
    assertArrayEquals(bytes(0x21, 0x03), a.bytes()); // defensive copies
  }
}
