package quantlab.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips and the layout, for every bit width, signed and unsigned, on random codes. */
class BitPackingPropertiesTest {

  /** Random codes of a random width and signedness, 0 to 300 of them (any remainder mod 8). */
  record Codes(int[] q, int bits, boolean signed) {}

  @Provide
  Arbitrary<Codes> codes() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 8),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 300),
            Arbitraries.longs())
        .as((bits, signed, n, seed) -> {
          java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
          int qmin = signed ? -(1 << (bits - 1)) : 0;
          int[] q = new int[n];
          for (int i = 0; i < n; i++) {
            q[i] = qmin + r.nextInt(1 << bits);
          }
          return new Codes(q, bits, signed);
        });
  }

  @Property(tries = 3000)
  void unpackInvertsPack(@ForAll("codes") Codes c) {
    byte[] packed = BitPacking.pack(c.q(), c.bits(), c.signed());
    assertArrayEquals(c.q(), BitPacking.unpack(packed, c.q().length, c.bits(), c.signed()));
  }

  @Property(tries = 3000)
  void sizeIsCeilOfCountTimesBitsOverEight(@ForAll("codes") Codes c) {
    int n = c.q().length;
    int expected = n * c.bits() / 8 + (n * c.bits() % 8 == 0 ? 0 : 1);
    assertEquals(expected, BitPacking.pack(c.q(), c.bits(), c.signed()).length);
  }

  /**
   * The layout as arithmetic: the packed bytes are the little-endian bytes of the integer
   * {@code sum((q_i mod 2^bits) * 2^(i * bits))}, zero-padded to the packed size.
   */
  @Property(tries = 3000)
  void bytesAreTheLittleEndianBitStream(@ForAll("codes") Codes c) {
    BigInteger stream = BigInteger.ZERO;
    for (int i = 0; i < c.q().length; i++) {
      long low = Math.floorMod(c.q()[i], 1 << c.bits());
      stream = stream.or(BigInteger.valueOf(low).shiftLeft(i * c.bits()));
    }
    byte[] expected = new byte[BitPacking.packedSize(c.q().length, c.bits())];
    for (int j = 0; j < expected.length; j++) {
      expected[j] = stream.shiftRight(8 * j).byteValue();
    }
    assertArrayEquals(expected, BitPacking.pack(c.q(), c.bits(), c.signed()));
  }

  /**
   * TensorFlow Lite's INT4 layout, as its {@code PackInt8IntoDenseInt4} writes it
   * (tensorflow/lite/kernels/internal/portable_tensor_utils.cc): code {@code 2k} in the low
   * nibble of byte {@code k}, code {@code 2k + 1} in the high nibble, a final odd code alone in a
   * low nibble; {@code UnpackDenseInt4IntoInt8} sign-extends each nibble.
   */
  @Property(tries = 2000)
  void int4MatchesTfliteLayout(@ForAll("int4") int[] q) {
    byte[] tflite = new byte[(q.length + 1) / 2];
    for (int i = 0; i < q.length; i++) {
      int nibble = q[i] & 0x0F;
      tflite[i / 2] |= (byte) (i % 2 == 0 ? nibble : nibble << 4);
    }
    assertArrayEquals(tflite, BitPacking.pack(q, 4, true));
    int[] back = new int[q.length];
    for (int i = 0; i < q.length; i++) {
      byte b = tflite[i / 2];
      back[i] = i % 2 == 0 ? (byte) (b << 4) >> 4 : b >> 4; // arithmetic shifts sign-extend
    }
    assertArrayEquals(back, BitPacking.unpack(tflite, q.length, 4, true));
  }

  @Provide
  Arbitrary<int[]> int4() {
    return Arbitraries.integers().between(-8, 7).array(int[].class).ofMaxSize(65);
  }
}
