package quantlab.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import quantlab.quant.IntFormat;

/**
 * Hand-worked bytes. Each expected array was written by hand from the layout: the codes' low
 * {@code bits} bits laid end to end from bit 0 of byte 0, i.e. the little-endian bytes of the
 * integer {@code sum(code_i * 2^(i * bits))} (the sum is shown where it helps).
 */
class BitPackingTest {

  @Test
  void oneBit() {
    // bits 0..7 = 1,0,1,1,0,0,0,1 -> 1 + 4 + 8 + 128 = 0x8D; the ninth code is bit 0 of byte 1.
    assertPacks(new int[] {1, 0, 1, 1, 0, 0, 0, 1, 1}, 1, false, 0x8D, 0x01);
    // signed 1-bit codes are {-1, 0}; -1 is stored as 1.
    assertPacks(new int[] {-1, 0, -1, -1, 0, 0, 0, -1}, 1, true, 0x8D);
  }

  @Test
  void twoBits() {
    // 1 = 01, -2 = 10, -1 = 11, 0 = 00 -> 0b00_11_10_01 = 0x39; then 1 = 01.
    assertPacks(new int[] {1, -2, -1, 0, 1}, 2, true, 0x39, 0x01);
    // 3 + 0 * 4 + 2 * 16 + 1 * 64 = 99 = 0x63
    assertPacks(new int[] {3, 0, 2, 1}, 2, false, 0x63);
  }

  @Test
  void threeBitsStraddleBytes() {
    // 5 + 3 * 8 + 7 * 64 + 0 * 512 + 6 * 4096 = 25053 = 0x61DD; code 2 spans bits 6..8.
    assertPacks(new int[] {5, 3, 7, 0, 6}, 3, false, 0xDD, 0x61);
    // -4 = 100, 3 = 011, -1 = 111: 4 + 3 * 8 + 7 * 64 = 476 = 0x01DC
    assertPacks(new int[] {-4, 3, -1}, 3, true, 0xDC, 0x01);
  }

  @Test
  void fourBitsFirstCodeInTheLowNibble() {
    // nibbles 1, F (-1), 7, 8 (-8), 3 -> 0xF1, 0x87, 0x03
    assertPacks(new int[] {1, -1, 7, -8, 3}, 4, true, 0xF1, 0x87, 0x03);
    assertPacks(new int[] {0, 15, 10}, 4, false, 0xF0, 0x0A);
  }

  @Test
  void fiveAndSevenBits() {
    // -16 = 10000, 15 = 01111, -1 = 11111: 16 + 15 * 32 + 31 * 1024 = 32240 = 0x7DF0
    assertPacks(new int[] {-16, 15, -1}, 5, true, 0xF0, 0x7D);
    // 127 + 0 * 128 + 1 * 16384 = 16511 = 0x00407F, 21 bits in 3 bytes
    assertPacks(new int[] {127, 0, 1}, 7, false, 0x7F, 0x40, 0x00);
  }

  @Test
  void eightBitsAreTheBytesThemselves() {
    assertPacks(new int[] {-128, -1, 0, 127}, 8, true, 0x80, 0xFF, 0x00, 0x7F);
    assertPacks(new int[] {0, 255, 17}, 8, false, 0x00, 0xFF, 0x11);
  }

  @Test
  void unsignedReadingOfSignedNibbles() {
    byte[] b = bytes(0xF1, 0x87, 0x03);
    assertArrayEquals(new int[] {1, 15, 7, 8, 3}, BitPacking.unpack(b, 5, 4, false));
  }

  @Test
  void paddingIsZeroAndExtraBytesAreNotRead() {
    assertArrayEquals(bytes(0x07), BitPacking.pack(new int[] {7}, 4, false));
    byte[] b = bytes(0xF1, 0x87, 0x03, 0x55, 0x66);
    assertArrayEquals(new int[] {1, -1, 7}, BitPacking.unpack(b, 3, 4, true));
  }

  @Test
  void emptyInput() {
    assertArrayEquals(new byte[0], BitPacking.pack(new int[0], 3, true));
    assertArrayEquals(new int[0], BitPacking.unpack(new byte[0], 0, 3, true));
  }

  @Test
  void formatOverload() {
    assertArrayEquals(bytes(0xF1), BitPacking.pack(new int[] {1, -1}, IntFormat.int4()));
  }

  @Test
  void sizes() {
    assertEquals(0, BitPacking.packedSize(0, 4));
    assertEquals(1, BitPacking.packedSize(1, 4));
    assertEquals(50176, BitPacking.packedSize(100352, 4)); // half of the int8 size
    assertEquals(100352, BitPacking.packedSize(100352, 8));
    assertEquals(2, BitPacking.packedSize(5, 3)); // 15 bits
    assertEquals(1, BitPacking.packedSize(8, 1));
    assertEquals(2, BitPacking.packedSize(9, 1));
    assertEquals(3, BitPacking.packedSize(3, 7)); // 21 bits
    assertEquals(2_147_483_647 / 2 + 1, BitPacking.packedSize(2_147_483_647, 4)); // no overflow
    for (int n = 0; n < 100; n++) {
      assertEquals((n + 1) / 2, BitPacking.packedSize(n, 4), "ceil(n/2) for n = " + n);
    }
  }

  @Test
  void rejectsCodesOutOfRange() {
    assertMessage("q[2] must be in [-8, 7] for int4, got 9",
        () -> BitPacking.pack(new int[] {1, 2, 9}, 4, true));
    assertMessage("q[0] must be in [0, 15] for uint4, got -1",
        () -> BitPacking.pack(new int[] {-1}, 4, false));
    assertMessage("q[1] must be in [-1, 0] for int1, got 1",
        () -> BitPacking.pack(new int[] {0, 1}, 1, true));
    assertMessage("q[0] must be in [0, 255] for uint8, got 256",
        () -> BitPacking.pack(new int[] {256}, 8, false));
  }

  @Test
  void rejectsBadBitsCountsAndShortArrays() {
    assertMessage("bits must be in [1, 8], got 9", () -> BitPacking.pack(new int[] {1}, 9, true));
    assertMessage("bits must be in [1, 8], got 0", () -> BitPacking.packedSize(4, 0));
    assertMessage("count must be >= 0, got -1", () -> BitPacking.unpack(new byte[1], -1, 4, true));
    assertMessage("bytes.length (3) is too short for 7 codes of 4 bits: needs 4",
        () -> BitPacking.unpack(new byte[3], 7, 4, true));
  }

  private static void assertPacks(int[] q, int bits, boolean signed, int... expected) {
    byte[] packed = BitPacking.pack(q, bits, signed);
    assertArrayEquals(bytes(expected), packed);
    assertArrayEquals(q, BitPacking.unpack(packed, q.length, bits, signed));
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static void assertMessage(String expected, Executable e) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
  }
}
