package quantlab.interp;

/**
 * The parts of gemmlowp's {@code fixedpoint/fixedpoint.h} and TFLite's {@code common.h} that
 * int8 SOFTMAX needs, on raw int32 values. A value with {@code k} integer bits stands for
 * {@code raw / 2^(31 - k)}; multiplication of two such values is
 * {@link Requant#saturatingRoundingDoublingHighMul} and adds their integer bits.
 */
final class FixedPoint {
  private FixedPoint() {}

  /** {@code SaturatingRoundingMultiplyByPOT<exponent>}: saturating left or rounding right. */
  static int saturatingRoundingMultiplyByPot(int x, int exponent) {
    if (exponent == 0) {
      return x;
    }
    if (exponent < 0) {
      return Requant.roundingDivideByPot(x, -exponent);
    }
    int threshold = (1 << (31 - exponent)) - 1;
    if (x > threshold) {
      return Integer.MAX_VALUE;
    }
    if (x < -threshold) {
      return Integer.MIN_VALUE;
    }
    return x * (1 << exponent);
  }

  /** {@code Rescale<dstBits>(FixedPoint<int32, srcBits>)}. */
  static int rescale(int raw, int srcIntegerBits, int dstIntegerBits) {
    return saturatingRoundingMultiplyByPot(raw, srcIntegerBits - dstIntegerBits);
  }

  private static int mul(int a, int b) {
    return Requant.saturatingRoundingDoublingHighMul(a, b);
  }

  /** {@code RoundingHalfSum}: (a + b) / 2 rounded away from zero, in 64 bits. */
  static int roundingHalfSum(int a, int b) {
    long sum = (long) a + (long) b;
    long sign = sum >= 0 ? 1 : -1;
    return (int) ((sum + sign) / 2);
  }

  /** {@code exp_on_interval_between_negative_one_quarter_and_0_excl}, Q0.31 in and out. */
  static int expOnIntervalBetweenNegativeOneQuarterAnd0Excl(int a) {
    final int constantTerm = 1895147668; // exp(-1/8)
    final int constant1Over3 = 715827883;
    int x = a + (1 << 28); // + 1/8
    int x2 = mul(x, x);
    int x3 = mul(x2, x);
    int x4 = mul(x2, x2);
    int x4Over4 = saturatingRoundingMultiplyByPot(x4, -2);
    int poly = saturatingRoundingMultiplyByPot(mul(x4Over4 + x3, constant1Over3) + x2, -1);
    return constantTerm + mul(constantTerm, x + poly);
  }

  /** {@code exp_on_negative_values} for an input with {@code integerBits}; Q0.31 result. */
  static int expOnNegativeValues(int a, int integerBits) {
    int fractionalBits = 31 - integerBits;
    int oneQuarter = 1 << (fractionalBits - 2);
    int mask = oneQuarter - 1;
    int aModQuarterMinusOneQuarter = (a & mask) - oneQuarter;
    int result = expOnIntervalBetweenNegativeOneQuarterAnd0Excl(
        rescale(aModQuarterMinusOneQuarter, integerBits, 0));
    int remainder = aModQuarterMinusOneQuarter - a;
    int[] multipliers = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
    for (int e = -2; e <= 4; e++) {
      if (integerBits > e) {
        int shiftAmount = fractionalBits + e;
        if ((remainder & (1 << shiftAmount)) != 0) {
          result = mul(result, multipliers[e + 2]);
        }
      }
    }
    if (integerBits > 5) {
      int clampB = 36 - integerBits;
      int clamp = -(1 << clampB);
      if (a < clamp) {
        result = 0;
      }
    }
    if (a == 0) {
      result = Integer.MAX_VALUE; // One() with 0 integer bits
    }
    return result;
  }

  /** {@code one_over_one_plus_x_for_x_in_0_1}, Q0.31 in and out (Newton-Raphson, 3 steps). */
  static int oneOverOnePlusXForXIn01(int a) {
    int halfDenominator = roundingHalfSum(a, Integer.MAX_VALUE);
    final int constant48Over17 = 1515870810; // Q2.29
    final int constantNeg32Over17 = -1010580540; // Q2.29
    final int oneQ2 = 1 << 29;
    int x = constant48Over17 + mul(halfDenominator, constantNeg32Over17);
    for (int i = 0; i < 3; i++) {
      int halfDenominatorTimesX = mul(halfDenominator, x);
      int oneMinus = oneQ2 - halfDenominatorTimesX;
      x = x + rescale(mul(x, oneMinus), 4, 2);
    }
    // ExactMulByPot<-1> turns Q2.29 into Q1.30 without touching the raw value.
    return rescale(x, 1, 0);
  }

  /** TFLite {@code GetReciprocal}: 1 / x for x with {@code integerDigits} integer bits. */
  static int getReciprocal(int x, int integerDigits, int[] numBitsOverUnit) {
    int headroomPlusOne = Integer.numberOfLeadingZeros(x);
    numBitsOverUnit[0] = integerDigits - headroomPlusOne;
    int shiftedSumMinusOne = (x << headroomPlusOne) - (1 << 31);
    return oneOverOnePlusXForXIn01(shiftedSumMinusOne);
  }
}
