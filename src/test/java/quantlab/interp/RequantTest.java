package quantlab.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class RequantTest {

  // ---- SaturatingRoundingDoublingHighMul, values worked by hand ----

  @Test
  void highMulOfHalvesIsAQuarter() {
    // 0.5 * 0.5 = 0.25 in Q31: 2^30 * 2^30 / 2^31 = 2^29
    assertEquals(1 << 29, Requant.saturatingRoundingDoublingHighMul(1 << 30, 1 << 30));
  }

  @Test
  void highMulSaturatesMinTimesMin() {
    // (-1) * (-1) = 1 is not representable in Q31: saturates to INT32_MAX
    assertEquals(Integer.MAX_VALUE,
        Requant.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MIN_VALUE));
  }

  @Test
  void highMulOfMinAndMaxIsMinusMax() {
    // -1 * (1 - 2^-31) = -(1 - 2^-31): raw -(2^31 - 1)
    assertEquals(-Integer.MAX_VALUE,
        Requant.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MAX_VALUE));
  }

  @Test
  void highMulRoundsTiesUpward() {
    // 3 * 0.5 = 1.5 -> 2; -3 * 0.5 = -1.5 -> -1 (the nudge makes ties go toward +infinity,
    // like ARM's VQRDMULH); -5 * 0.5 = -2.5 -> -2
    assertEquals(2, Requant.saturatingRoundingDoublingHighMul(3, 1 << 30));
    assertEquals(-1, Requant.saturatingRoundingDoublingHighMul(-3, 1 << 30));
    assertEquals(-2, Requant.saturatingRoundingDoublingHighMul(-5, 1 << 30));
    // non-ties round to nearest: -7 * 0.25 = -1.75 -> -2, -5 * 0.25 = -1.25 -> -1
    assertEquals(-2, Requant.saturatingRoundingDoublingHighMul(-7, 1 << 29));
    assertEquals(-1, Requant.saturatingRoundingDoublingHighMul(-5, 1 << 29));
  }

  @Property(tries = 5000)
  void highMulIsFloorOfProductPlusHalf(@ForAll int a, @ForAll int b) {
    if (a == Integer.MIN_VALUE && b == Integer.MIN_VALUE) {
      return;
    }
    // independent derivation: floor((a*b + 2^30) / 2^31), exact in long
    long expected = Math.floorDiv((long) a * b + (1L << 30), 1L << 31);
    assertEquals(expected, Requant.saturatingRoundingDoublingHighMul(a, b));
  }

  // ---- RoundingDivideByPOT ----

  @Test
  void roundingDivideRoundsTiesAwayFromZero() {
    assertEquals(3, Requant.roundingDivideByPot(5, 1)); // 2.5
    assertEquals(-3, Requant.roundingDivideByPot(-5, 1)); // -2.5
    assertEquals(-2, Requant.roundingDivideByPot(-6, 2)); // -1.5
    assertEquals(-2, Requant.roundingDivideByPot(-7, 2)); // -1.75
    assertEquals(-1, Requant.roundingDivideByPot(-5, 2)); // -1.25
    assertEquals(7, Requant.roundingDivideByPot(7, 0));
    assertEquals(-1, Requant.roundingDivideByPot(Integer.MIN_VALUE, 31)); // -1 exactly
    assertEquals(1, Requant.roundingDivideByPot(Integer.MAX_VALUE, 31)); // 0.99999 -> 1
  }

  @Test
  void roundingDivideRejectsBadExponent() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Requant.roundingDivideByPot(1, 32));
    assertEquals("exponent must be in [0, 31], got 32", e.getMessage());
  }

  @Property(tries = 5000)
  void roundingDivideMatchesExactRounding(@ForAll int x, @ForAll @IntRange(max = 31) int e) {
    double exact = x / Math.pow(2, e); // exact in double
    double expected = Math.signum(exact) * Math.floor(Math.abs(exact) + 0.5);
    assertEquals((long) expected, Requant.roundingDivideByPot(x, e));
  }

  // ---- MultiplyByQuantizedMultiplier and the XNNPACK path ----

  @Test
  void workedExampleFromTheJavadoc() {
    QuantizedMultiplier m = QuantizedMultiplier.of(0.3);
    assertEquals(300, Requant.multiplyByQuantizedMultiplier(1000, m));
    assertEquals(-300, Requant.multiplyByQuantizedMultiplier(-1000, m));
    // 100 * 0.3 = 30, + zeroPoint -5 = 25
    assertEquals(25, Requant.requantizeReference(100, m, -5, -128, 127));
    assertEquals(25, Requant.requantizeXnnpack(100, 0.3f, -5, -128, 127));
    // 1000 * 0.3 - 5 = 295 does not fit in int8: clamped to 127
    assertEquals(127, Requant.requantizeReference(1000, m, -5, -128, 127));
    assertEquals(127, Requant.requantizeXnnpack(1000, 0.3f, -5, -128, 127));
  }

  @Test
  void tieRoundsAwayInReferenceAndToEvenInXnnpack() {
    // 5 * 0.5 = 2.5
    QuantizedMultiplier half = QuantizedMultiplier.of(0.5);
    assertEquals(3, Requant.requantizeReference(5, half, 0, -128, 127));
    assertEquals(2, Requant.requantizeXnnpack(5, 0.5f, 0, -128, 127));
    // -5 * 0.5 = -2.5: the high-mul rounds toward +inf here, so both give -2
    assertEquals(-2, Requant.requantizeReference(-5, half, 0, -128, 127));
    assertEquals(-2, Requant.requantizeXnnpack(-5, 0.5f, 0, -128, 127));
  }

  @Test
  void doubleRoundingOfANegativeShift() {
    // M = 0.25 = 0.5 * 2^-1: m = 2^30, shift -1. acc 5: high-mul 2.5 -> 3, then 3 / 2 = 1.5 -> 2,
    // although 5 * 0.25 = 1.25 rounds to 1 (what XNNPACK gives)
    QuantizedMultiplier quarter = QuantizedMultiplier.of(0.25);
    assertEquals(new QuantizedMultiplier(1 << 30, -1), quarter);
    assertEquals(2, Requant.multiplyByQuantizedMultiplier(5, quarter));
    assertEquals(1, Requant.requantizeXnnpack(5, 0.25f, 0, -128, 127));
    // acc -3: high-mul -1.5 -> -1, then -0.5 -> -1 (away from zero); exact -0.75 -> -1
    assertEquals(-1, Requant.multiplyByQuantizedMultiplier(-3, quarter));
  }

  @Test
  void positiveShiftShiftsLeftFirst() {
    // M = 1.5 = 0.75 * 2^1: m = round(0.75 * 2^31) = 1610612736, shift 1.
    // acc 7: 7 << 1 = 14, 14 * 0.75 = 10.5 -> 11; XNNPACK: 10.5 -> 10
    QuantizedMultiplier m = QuantizedMultiplier.of(1.5);
    assertEquals(new QuantizedMultiplier(1610612736, 1), m);
    assertEquals(11, Requant.multiplyByQuantizedMultiplier(7, m));
    assertEquals(10, Requant.requantizeXnnpack(7, 1.5f, 0, -128, 127));
  }

  @Test
  void leftShiftWrapsLikeTheCppCode() {
    // 2^30 << 2 overflows int32 to 0, as the C++ multiplication does on real hardware
    assertEquals(0, Requant.multiplyByQuantizedMultiplier(1 << 30, 1 << 30, 2));
  }

  @Test
  void clampAndZeroPoint() {
    QuantizedMultiplier m = QuantizedMultiplier.of(0.3);
    assertEquals(127, Requant.requantizeReference(100000, m, 0, -128, 127));
    assertEquals(-128, Requant.requantizeReference(-100000, m, 0, -128, 127));
    assertEquals(127, Requant.requantizeXnnpack(100000, 0.3f, 0, -128, 127));
    assertEquals(-128, Requant.requantizeXnnpack(-100000, 0.3f, 0, -128, 127));
    // RELU-like lower clamp at the zero point
    assertEquals(-5, Requant.requantizeXnnpack(-100, 0.3f, -5, -5, 127));
  }

  @Property(tries = 5000)
  void modesDifferByAtMostOne(
      @ForAll @IntRange(min = -(1 << 24), max = 1 << 24) int acc,
      @ForAll @DoubleRange(min = 1e-6, max = 0.999) @Scale(9) double real,
      @ForAll @IntRange(min = -128, max = 127) int zeroPoint) {
    float scale = (float) real;
    QuantizedMultiplier m = QuantizedMultiplier.of(scale);
    int ref = Requant.requantizeReference(acc, m, zeroPoint, -128, 127);
    int xnn = Requant.requantizeXnnpack(acc, scale, zeroPoint, -128, 127);
    assertTrue(Math.abs(ref - xnn) <= 1, () -> "ref " + ref + " xnn " + xnn);
  }

  @Property(tries = 5000)
  void referenceIsWithinOneOfTheExactProduct(
      @ForAll @IntRange(min = -(1 << 24), max = 1 << 24) int acc,
      @ForAll @DoubleRange(min = 1e-6, max = 4) @Scale(9) double real) {
    double exact = acc * real;
    if (Math.abs(exact) > 1e6) {
      return;
    }
    int ref = Requant.multiplyByQuantizedMultiplier(acc, QuantizedMultiplier.of(real));
    assertTrue(Math.abs(ref - exact) <= 1.0 + 1e-6, () -> ref + " vs " + exact);
  }

  @Test
  void roundHalfAwayFromZero() {
    assertEquals(3.0, Requant.roundHalfAwayFromZero(2.5));
    assertEquals(-3.0, Requant.roundHalfAwayFromZero(-2.5));
    assertEquals(0.0, Requant.roundHalfAwayFromZero(0.49999999999999994));
    assertEquals(-2.0, Requant.roundHalfAwayFromZero(-2.4));
  }

  @Test
  void activationRanges() {
    // RELU6 with scale 0.05, zp -128: quantize(0) = -128, quantize(6) = -128 + 120 = -8
    assertEquals(-128, Requant.activationRangeReference(Activation.RELU6, 0.05f, -128, -128,
        127)[0]);
    assertEquals(-8, Requant.activationRangeReference(Activation.RELU6, 0.05f, -128, -128,
        127)[1]);
    assertEquals(-8, Requant.activationRangeXnnpack(Activation.RELU6, 0.05f, -128, -128,
        127)[1]);
    // RELU with zp 10 clamps at 10
    assertEquals(10, Requant.activationRangeReference(Activation.RELU, 0.1f, 10, -128, 127)[0]);
    assertEquals(10, Requant.activationRangeXnnpack(Activation.RELU, 0.1f, 10, -128, 127)[0]);
    // 6 / 4 = 1.5: reference rounds to 2, XNNPACK (lrintf) to 2 as well (even); 6 / 2.4 = 2.5
    assertEquals(3, Requant.activationRangeReference(Activation.RELU6, 2.4f, 0, -128, 127)[1]);
    assertEquals(2, Requant.activationRangeXnnpack(Activation.RELU6, 2.4f, 0, -128, 127)[1]);
  }
}
