package quantlab.minifloat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static quantlab.minifloat.MiniFloat.BFLOAT16;
import static quantlab.minifloat.MiniFloat.FLOAT16;
import static quantlab.minifloat.MiniFloat.FP4_E2M1;
import static quantlab.minifloat.MiniFloat.FP8_E4M3;
import static quantlab.minifloat.MiniFloat.FP8_E5M2;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Hand-checked values. Every expected constant here was worked out by hand from the format
 * definitions (IEEE 754-2019 binary16; bfloat16 = top half of binary32; OCP 8-bit Floating Point
 * Specification v1.0 for E4M3 and E5M2; OCP Microscaling Formats v1.0 for E2M1), not from the
 * code. {@code 0x1p-24f} is Java's exact hexadecimal float literal for 2^-24.
 */
class MiniFloatTest {

  @Nested
  class Constants {
    @Test
    void float16() {
      assertLayout(FLOAT16, 16, 5, 10, 15, Specials.IEEE);
      assertEquals(65504f, FLOAT16.maxValue()); // (2 - 2^-10) * 2^15
      assertEquals(0x1p-14f, FLOAT16.minNormal());
      assertEquals(0x1p-24f, FLOAT16.minSubnormal());
      assertEquals(0x1p-10f, FLOAT16.epsilon());
      assertTrue(FLOAT16.hasInfinity());
      assertTrue(FLOAT16.hasNaN());
    }

    @Test
    void bfloat16() {
      assertLayout(BFLOAT16, 16, 8, 7, 127, Specials.IEEE);
      assertEquals(3.3895314e38f, BFLOAT16.maxValue()); // (2 - 2^-7) * 2^127
      assertEquals(0x1.fep127f, BFLOAT16.maxValue());
      assertEquals(0x1p-126f, BFLOAT16.minNormal());
      assertEquals(0x1p-133f, BFLOAT16.minSubnormal());
      assertEquals(0.0078125f, BFLOAT16.epsilon());
    }

    @Test
    void fp8E4M3() {
      assertLayout(FP8_E4M3, 8, 4, 3, 7, Specials.NAN_ONLY);
      assertEquals(448f, FP8_E4M3.maxValue()); // 1.75 * 2^8
      assertEquals(0.015625f, FP8_E4M3.minNormal()); // 2^-6
      assertEquals(0.001953125f, FP8_E4M3.minSubnormal()); // 2^-9
      assertFalse(FP8_E4M3.hasInfinity());
      assertTrue(FP8_E4M3.hasNaN());
      assertEquals(Overflow.INFINITY_OR_NAN, FP8_E4M3.overflow());
    }

    @Test
    void fp8E5M2() {
      assertLayout(FP8_E5M2, 8, 5, 2, 15, Specials.IEEE);
      assertEquals(57344f, FP8_E5M2.maxValue()); // 1.75 * 2^15
      assertEquals(0x1p-14f, FP8_E5M2.minNormal());
      assertEquals(0x1p-16f, FP8_E5M2.minSubnormal());
    }

    @Test
    void fp4E2M1() {
      assertLayout(FP4_E2M1, 4, 2, 1, 1, Specials.NONE);
      assertEquals(6f, FP4_E2M1.maxValue());
      assertEquals(1f, FP4_E2M1.minNormal());
      assertEquals(0.5f, FP4_E2M1.minSubnormal());
      assertFalse(FP4_E2M1.hasNaN());
      assertEquals(Overflow.SATURATE, FP4_E2M1.overflow());
    }

    private void assertLayout(MiniFloat f, int bits, int e, int m, int bias, Specials s) {
      assertEquals(bits, f.bits());
      assertEquals(e, f.exponentBits());
      assertEquals(m, f.mantissaBits());
      assertEquals(bias, f.bias());
      assertEquals(s, f.specials());
    }
  }

  @Nested
  class KnownPatterns {
    @Test
    void float16() {
      assertCode(FLOAT16, 1f, 0x3C00);
      assertCode(FLOAT16, -2f, 0xC000);
      assertCode(FLOAT16, 0.5f, 0x3800);
      assertCode(FLOAT16, 65504f, 0x7BFF);
      assertCode(FLOAT16, 0x1p-14f, 0x0400); // min normal
      assertCode(FLOAT16, 1023 * 0x1p-24f, 0x03FF); // max subnormal
      assertCode(FLOAT16, 0x1p-24f, 0x0001);
      assertEquals(0x2E66, FLOAT16.encode(0.1f)); // 1.6 * 2^-4: mantissa 0.6 * 1024 = 614.4 -> 614
      assertEquals(1638 * 0x1p-14f, FLOAT16.round(0.1f));
    }

    @Test
    void bfloat16() {
      assertCode(BFLOAT16, 1f, 0x3F80);
      assertCode(BFLOAT16, 0x1.fep127f, 0x7F7F);
      assertCode(BFLOAT16, 0x1p-133f, 0x0001);
      // pi = 0x40490FDB as float32: the dropped half 0x0FDB is below 0x8000, so 0x4049 = 3.140625.
      assertEquals(0x4049, BFLOAT16.encode((float) Math.PI));
      assertEquals(3.140625f, BFLOAT16.round((float) Math.PI));
    }

    @Test
    void fp8E4M3() {
      assertCode(FP8_E4M3, 1f, 0x38); // 0.0111.000
      assertCode(FP8_E4M3, 448f, 0x7E); // 0.1111.110
      assertCode(FP8_E4M3, -448f, 0xFE);
      assertCode(FP8_E4M3, 256f, 0x78); // 0.1111.000: the all-ones exponent holds numbers
      assertCode(FP8_E4M3, 240f, 0x77); // 0.1110.111
      assertCode(FP8_E4M3, 0.015625f, 0x08);
      assertCode(FP8_E4M3, 0.001953125f, 0x01);
      assertEquals(0.1015625f, FP8_E4M3.round(0.1f)); // 1.6 * 8 = 12.8 -> 13, 13 * 2^-7
      assertTrue(Float.isNaN(FP8_E4M3.decode(0x7F)));
      assertTrue(Float.isNaN(FP8_E4M3.decode(0xFF)));
    }

    @Test
    void fp8E5M2() {
      assertCode(FP8_E5M2, 1f, 0x3C); // 0.01111.00
      assertCode(FP8_E5M2, 57344f, 0x7B); // 0.11110.11
      assertCode(FP8_E5M2, 0x1p-16f, 0x01);
      assertCode(FP8_E5M2, 0x1p-14f, 0x04);
      assertCode(FP8_E5M2, Float.POSITIVE_INFINITY, 0x7C);
      assertCode(FP8_E5M2, Float.NEGATIVE_INFINITY, 0xFC);
      for (int nan : new int[] {0x7D, 0x7E, 0x7F, 0xFD, 0xFE, 0xFF}) {
        assertTrue(Float.isNaN(FP8_E5M2.decode(nan)), Integer.toHexString(nan));
      }
    }

    @Test
    void fp4E2M1() {
      assertCode(FP4_E2M1, 0.5f, 0x1);
      assertCode(FP4_E2M1, 1f, 0x2);
      assertCode(FP4_E2M1, 1.5f, 0x3);
      assertCode(FP4_E2M1, 6f, 0x7);
      assertCode(FP4_E2M1, -6f, 0xF);
    }

    @Test
    void decodeReadsOnlyTheLowBits() {
      assertEquals(1f, FP8_E4M3.decode(0x38 | 0x700));
      assertEquals(1f, FLOAT16.decode(0x3C00 | 0xFFFF0000));
    }

    private void assertCode(MiniFloat f, float x, int bits) {
      assertEquals(bits, f.encode(x), f + " encode " + x);
      assertEquals(x, f.decode(bits), f + " decode " + Integer.toHexString(bits));
    }
  }

  @Nested
  class ZerosInfinitiesNaN {
    @Test
    void signedZerosSurvive() {
      for (MiniFloat f : new MiniFloat[] {FLOAT16, BFLOAT16, FP8_E4M3, FP8_E5M2, FP4_E2M1}) {
        int signBit = 1 << (f.bits() - 1);
        assertEquals(0, f.encode(0f), f.name());
        assertEquals(signBit, f.encode(-0f), f.name());
        assertEquals(-0f, f.decode(signBit), f.name());
        assertEquals(0f, f.decode(0), f.name());
      }
    }

    @Test
    void infinitiesWhereTheFormatHasThem() {
      assertEquals(0x7C00, FLOAT16.encode(Float.POSITIVE_INFINITY));
      assertEquals(0xFC00, FLOAT16.encode(Float.NEGATIVE_INFINITY));
      assertEquals(0x7F80, BFLOAT16.encode(Float.POSITIVE_INFINITY));
      assertEquals(Float.NEGATIVE_INFINITY, FLOAT16.decode(0xFC00));
      assertTrue(FLOAT16.isInfinite(0x7C00));
      assertFalse(FLOAT16.isNaN(0x7C00));
      assertTrue(FLOAT16.isNaN(0x7C01));
      // E4M3 has no infinity: infinity overflows to NaN, or to +-448 when saturating.
      assertTrue(FP8_E4M3.isNaN(FP8_E4M3.encode(Float.POSITIVE_INFINITY)));
      assertEquals(0x7E, FP8_E4M3.saturating().encode(Float.POSITIVE_INFINITY));
      assertEquals(0xFE, FP8_E4M3.saturating().encode(Float.NEGATIVE_INFINITY));
      assertEquals(0x7B, FP8_E5M2.saturating().encode(Float.POSITIVE_INFINITY));
      assertEquals(0x7, FP4_E2M1.encode(Float.POSITIVE_INFINITY));
    }

    @Test
    void nanStaysNaNAndKeepsItsSign() {
      assertEquals(0x7E00, FLOAT16.encode(Float.NaN)); // canonical quiet NaN
      assertEquals(0x7FC0, BFLOAT16.encode(Float.NaN));
      assertEquals(0x7F, FP8_E4M3.encode(Float.NaN));
      assertEquals(0xFF, FP8_E4M3.encode(Float.intBitsToFloat(0xFFC00000)));
      assertEquals(0x7E, FP8_E5M2.encode(Float.NaN));
      assertEquals(0x7F, FP8_E4M3.saturating().encode(Float.NaN));
      assertTrue(Float.isNaN(FLOAT16.round(Float.NaN)));
    }

    @Test
    void fp4HasNoNaNToEncode() {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> FP4_E2M1.encode(Float.NaN));
      assertEquals(
          "fp4 E2M1 (bias 1, max 6, min subnormal 0.5) has no NaN; cannot encode NaN",
          e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> FP4_E2M1.encodeToBytes(new float[] {1f, Float.NaN}));
      assertEquals(
          "x[1] is NaN, which fp4 E2M1 (bias 1, max 6, min subnormal 0.5) cannot hold",
          e.getMessage());
    }
  }

  @Nested
  class TiesToEven {
    @Test
    void inTheNormalRange() {
      // 1 + 2^-11 lies halfway between 0x3C00 (1, even) and 0x3C01: the even one wins.
      assertEquals(0x3C00, FLOAT16.encode(1f + 0x1p-11f));
      // 1 + 3 * 2^-11 lies halfway between 0x3C01 and 0x3C02 (even).
      assertEquals(0x3C02, FLOAT16.encode(1f + 3 * 0x1p-11f));
      assertEquals(0x3C01, FLOAT16.encode(Math.nextUp(1f + 0x1p-11f)));
      assertEquals(1f, BFLOAT16.round(1.00390625f)); // 1 + 2^-8, a bfloat16 tie
      assertEquals(0x3A, FP8_E4M3.encode(1.1875f)); // 1.125 = 0.0111.001 | 1.25 = 0.0111.010
      assertEquals(0x38, FP8_E4M3.encode(1.0625f)); // 1 = 0.0111.000 | 1.125 = 0.0111.001
      assertEquals(4f, FP4_E2M1.round(5f)); // 4 = 0.11.0 even, 6 = 0.11.1
      assertEquals(2f, FP4_E2M1.round(2.5f));
      assertEquals(1f, FP4_E2M1.round(0.75f)); // 0.5 = 0.00.1 odd, 1 = 0.01.0 even
    }

    @Test
    void atSubnormals() {
      assertEquals(0x0000, FLOAT16.encode(0x1p-25f)); // half the smallest step: to +0
      assertEquals(0x8000, FLOAT16.encode(-0x1p-25f)); // to -0
      assertEquals(0x0001, FLOAT16.encode(Math.nextUp(0x1p-25f)));
      assertEquals(0x0002, FLOAT16.encode(3 * 0x1p-25f)); // 1.5 steps: to 2 (even)
      assertEquals(0x0400, FLOAT16.encode(1023.5f * 0x1p-24f)); // max subnormal | min normal
      assertEquals(0x00, FP8_E4M3.encode(0x1p-10f));
      assertEquals(0x02, FP8_E4M3.encode(3 * 0x1p-10f));
      assertEquals(0x0000, BFLOAT16.encode(0x1p-134f));
      assertEquals(0x0002, BFLOAT16.encode(3 * 0x1p-134f));
      assertEquals(0x0000, BFLOAT16.encode(Float.MIN_VALUE));
      assertEquals(0f, FP4_E2M1.round(0.25f));
    }

    @Test
    void atTheOverflowBoundary() {
      // float16: 65520 is halfway between 65504 (mantissa all ones, odd) and 65536: infinity.
      assertEquals(0x7C00, FLOAT16.encode(65520f));
      assertEquals(0x7BFF, FLOAT16.encode(Math.nextDown(65520f)));
      assertEquals(0xFC00, FLOAT16.encode(-65520f));
      assertEquals(0x7BFF, FLOAT16.saturating().encode(65520f));
      // fp8 E5M2: 61440 is halfway between 57344 and 65536.
      assertEquals(0x7C, FP8_E5M2.encode(61440f));
      assertEquals(0x7B, FP8_E5M2.encode(Math.nextDown(61440f)));
      assertEquals(Float.POSITIVE_INFINITY, FP8_E5M2.round(100000f));
      assertEquals(57344f, FP8_E5M2.saturating().round(100000f));
      // bfloat16: max is 0x1.fep127 (mantissa all ones); halfway to 2^128 is 0x1.ffp127.
      assertEquals(0x7F80, BFLOAT16.encode(0x1.ffp127f));
      assertEquals(0x7F7F, BFLOAT16.encode(Math.nextDown(0x1.ffp127f)));
      assertEquals(0x7F80, BFLOAT16.encode(Float.MAX_VALUE));
      // fp8 E4M3: 464 is halfway between 448 (0.1111.110, even) and 480 (would be 0.1111.111).
      assertEquals(0x7E, FP8_E4M3.encode(464f));
      assertEquals(0x7F, FP8_E4M3.encode(Math.nextUp(464f))); // NaN
      assertEquals(0xFF, FP8_E4M3.encode(-465f));
      assertEquals(0x7E, FP8_E4M3.saturating().encode(465f));
      assertEquals(0xFE, FP8_E4M3.saturating().encode(-1e30f));
      // fp4 E2M1: 7 is halfway between 6 (odd) and 8: overflow, which saturates.
      assertEquals(0x7, FP4_E2M1.encode(7f));
      assertEquals(0xF, FP4_E2M1.encode(-1e9f));
    }
  }

  @Nested
  class Arrays {
    @Test
    void bytesBothWays() {
      byte[] b = FP8_E4M3.encodeToBytes(new float[] {1f, -448f, 0.001953125f, 1000f});
      assertArrayEquals(new byte[] {0x38, (byte) 0xFE, 0x01, 0x7F}, b);
      assertArrayEquals(new float[] {1f, -448f, 0.001953125f, Float.NaN}, FP8_E4M3.decode(b));
    }

    @Test
    void shortsBothWays() {
      short[] s = FLOAT16.encodeToShorts(new float[] {1f, -2f, 65504f, 0.1f});
      assertArrayEquals(new short[] {0x3C00, (short) 0xC000, 0x7BFF, 0x2E66}, s);
      assertArrayEquals(new float[] {1f, -2f, 65504f, 1638 * 0x1p-14f}, FLOAT16.decode(s));
    }

    @Test
    void roundEachElement() {
      assertArrayEquals(new float[] {4f, 6f, -0.5f, 0f},
          FP4_E2M1.round(new float[] {5f, 100f, -0.6f, 0.1f}));
    }

    @Test
    void sixteenBitFormatsDoNotFitBytes() {
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
          () -> BFLOAT16.encodeToBytes(new float[] {1f}));
      // The smallest subnormal is 2^-133; JDK 19+ prints floats with fewer digits than JDK 17
      // (9.1835E-41 vs 9.18355E-41), so format it the way this JDK does.
      String minSubnormal = Float.toString((float) Math.pow(2, -133));
      assertEquals("bfloat16 (bias 127, max 3.3895314E38, min subnormal " + minSubnormal
          + ") is 16 bits wide and does not fit a byte; use encodeToShorts", e.getMessage());
    }
  }

  @Nested
  class Values {
    @Test
    void fp4NumberLine() {
      assertArrayEquals(
          new float[] {-6, -4, -3, -2, -1.5f, -1, -0.5f, 0, 0.5f, 1, 1.5f, 2, 3, 4, 6},
          FP4_E2M1.finiteValues());
    }

    @Test
    void counts() {
      // Finite magnitudes: E4M3 0x00..0x7E (127), E5M2 0x00..0x7B (124), float16 0x0000..0x7BFF
      // (31744), bfloat16 0x0000..0x7F7F (32640); twice each minus the shared zero.
      assertEquals(253, FP8_E4M3.finiteValues().length);
      assertEquals(247, FP8_E5M2.finiteValues().length);
      assertEquals(63487, FLOAT16.finiteValues().length);
      assertEquals(65279, BFLOAT16.finiteValues().length);
    }

    @Test
    void e4m3Ends() {
      float[] v = FP8_E4M3.finiteValues();
      assertEquals(-448f, v[0]);
      assertEquals(448f, v[v.length - 1]);
      assertEquals(416f, v[v.length - 2]); // 1.625 * 256
      assertEquals(0f, v[126]);
      assertEquals(0.001953125f, v[127]);
    }
  }

  @Nested
  class Describe {
    @Test
    void toStrings() {
      assertEquals("fp8 E4M3 (bias 7, max 448, min subnormal 0.001953125)", FP8_E4M3.toString());
      assertEquals("fp8 E5M2 (bias 15, max 57344, min subnormal 1.5258789E-5)",
          FP8_E5M2.toString());
      assertEquals("float16 (bias 15, max 65504, min subnormal 5.9604645E-8)",
          FLOAT16.toString());
      assertEquals("fp8 E4M3 (bias 7, max 448, min subnormal 0.001953125, saturating)",
          FP8_E4M3.saturating().toString());
      assertEquals("E4M3 (bias 7, max 240, min subnormal 0.001953125)",
          MiniFloat.of(4, 3).toString()); // IEEE-like E4M3: exponent 1111 reserved, max 1.875*2^7
    }

    @Test
    void equalityIgnoresTheName() {
      assertEquals(FP8_E5M2, MiniFloat.of(5, 2));
      assertEquals(FP8_E5M2.hashCode(), MiniFloat.of(5, 2).hashCode());
      assertNotEquals(FP8_E5M2, FP8_E5M2.saturating());
      assertEquals(FP8_E4M3, FP8_E4M3.toBuilder().name("other").build());
      assertSame(FP8_E4M3, FP8_E4M3.withOverflow(Overflow.INFINITY_OR_NAN));
    }
  }

  @Nested
  class Validation {
    @Test
    void layoutLimits() {
      assertMessage("exponentBits must be in [2, 8], got 9",
          () -> MiniFloat.of(9, 2));
      assertMessage("mantissaBits must be in [1, 23], got 0",
          () -> MiniFloat.of(4, 0));
      assertMessage("1 + exponentBits + mantissaBits must be at most 16, got 1 + 8 + 8 = 17",
          () -> MiniFloat.of(8, 8));
      assertMessage("bias -200 gives exponents from 2^199 to 2^230 for E5M2; float32 holds"
          + " 2^-149 to 2^127 exactly", () -> MiniFloat.builder().exponentBits(5).mantissaBits(2)
              .bias(-200).build());
    }

    @Test
    void overflowMustBeSaturateWithoutSpecials() {
      assertMessage(
          "fp4 E2M1 has neither infinity nor NaN, so overflow must be SATURATE, got"
              + " INFINITY_OR_NAN",
          () -> FP4_E2M1.withOverflow(Overflow.INFINITY_OR_NAN));
    }

    @Test
    void requiredSettings() {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> MiniFloat.builder().exponentBits(4).build());
      assertEquals("exponentBits and mantissaBits are required, got exponentBits=4,"
          + " mantissaBits=null", e.getMessage());
    }

    private void assertMessage(String expected, Runnable r) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
      assertEquals(expected, e.getMessage());
    }
  }
}
