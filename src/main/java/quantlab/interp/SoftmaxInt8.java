package quantlab.interp;

/**
 * Int8 SOFTMAX over the last dimension, output scale 1/256 and zero point -128, in the two ways
 * TFLite computes it.
 *
 * <p><b>Reference</b> ({@code reference/softmax.h}, the quantized template, as in TFLite Micro):
 * differences to the row maximum are rescaled by a Q31 multiplier of
 * {@code beta * inputScale * 2^(31-5)} ({@code PreprocessSoftmaxScaling}), exponentiated in
 * gemmlowp fixed point ({@code exp_on_negative_values}, Q5.26 in, Q0.31 out), summed in Q12.19,
 * inverted with {@code GetReciprocal} ({@code one_over_one_plus_x_for_x_in_0_1}) and scaled to
 * 8 bits by {@code RoundingDivideByPOT}; differences below {@code diff_min}
 * ({@code -CalculateInputRadius(5, leftShift)}) give -128.
 *
 * <p><b>Optimized / XNNPACK mode</b> ({@code optimized_ops::PopulateSoftmaxLookupTable} and
 * {@code optimized_ops::Softmax}, which TFLite's builtin kernel uses on x86 and WebAssembly since
 * XNNPACK does not take int8 softmax): a 256-entry float table {@code expf(-inputScale * beta *
 * d)}, a float sum, {@code inv = 1f / (sum * outputScale)},
 * {@code q = clamp(round(table * inv) - 128)} with ties away from zero ({@code std::round}).
 */
final class SoftmaxInt8 {
  private SoftmaxInt8() {}

  private static final int SCALED_DIFF_INTEGER_BITS = 5;
  private static final int ACCUMULATION_INTEGER_BITS = 12;

  static byte[] reference(byte[] x, int depth, float inputScale, float beta) {
    // PreprocessSoftmaxScaling (double-rounding build)
    double realMultiplier = Math.min(
        (double) beta * (double) inputScale * (1 << (31 - SCALED_DIFF_INTEGER_BITS)),
        (1L << 31) - 1.0);
    QuantizedMultiplier qm = QuantizedMultiplier.of(realMultiplier);
    if (qm.shift() < 0) {
      throw new IllegalArgumentException("softmax input scale * beta too small: " + realMultiplier);
    }
    int multiplier = qm.multiplier();
    int leftShift = qm.shift();
    int diffMin = -calculateInputRadius(SCALED_DIFF_INTEGER_BITS, leftShift, 31);
    byte[] out = new byte[x.length];
    for (int o = 0; o < x.length; o += depth) {
      int maxInRow = -128;
      for (int c = 0; c < depth; c++) {
        maxInRow = Math.max(maxInRow, x[o + c]);
      }
      int sumOfExps = 0; // Q12.19
      for (int c = 0; c < depth; c++) {
        int diff = x[o + c] - maxInRow;
        if (diff >= diffMin) {
          int rescaled = Requant.multiplyByQuantizedMultiplierGreaterThanOne(diff, multiplier,
              leftShift);
          int e = FixedPoint.expOnNegativeValues(rescaled, SCALED_DIFF_INTEGER_BITS);
          sumOfExps += FixedPoint.rescale(e, 0, ACCUMULATION_INTEGER_BITS);
        }
      }
      int[] numBitsOverUnit = new int[1];
      int shiftedScale = FixedPoint.getReciprocal(sumOfExps, ACCUMULATION_INTEGER_BITS,
          numBitsOverUnit);
      int exponent = numBitsOverUnit[0] + 31 - 8;
      for (int c = 0; c < depth; c++) {
        int diff = x[o + c] - maxInRow;
        if (diff >= diffMin) {
          int rescaled = Requant.multiplyByQuantizedMultiplierGreaterThanOne(diff, multiplier,
              leftShift);
          int e = FixedPoint.expOnNegativeValues(rescaled, SCALED_DIFF_INTEGER_BITS);
          // A sum of 512 or more exponentials makes exponent > 31 (gemmlowp asserts, C++ leaves
          // the shift undefined): the quotient of a Q0.31 value by 2^32 or more rounds to 0.
          int unsat = exponent > 31 ? 0 : Requant.roundingDivideByPot(
              Requant.saturatingRoundingDoublingHighMul(shiftedScale, e), exponent);
          int shifted = unsat - 128;
          out[o + c] = (byte) Math.max(-128, Math.min(127, shifted));
        } else {
          out[o + c] = -128;
        }
      }
    }
    return out;
  }

  /** {@code CalculateInputRadius} (non-emulated float build). */
  static int calculateInputRadius(int inputIntegerBits, int inputLeftShift, int totalSignedBits) {
    double maxInputRescaled = 1.0 * ((1 << inputIntegerBits) - 1)
        * (double) (1L << (totalSignedBits - inputIntegerBits)) / (double) (1L << inputLeftShift);
    return (int) Math.floor(maxInputRescaled);
  }

  static byte[] lookupTable(byte[] x, int depth, float inputScale, float beta,
      float outputScale, int outputZeroPoint) {
    float[] table = new float[256];
    float scale = -inputScale * beta;
    for (int val = 0; val <= 255; val++) {
      table[255 - val] = (float) Math.exp(scale * val);
    }
    byte[] out = new byte[x.length];
    for (int o = 0; o < x.length; o += depth) {
      int maxVal = -128;
      for (int j = 0; j < depth; j++) {
        maxVal = Math.max(maxVal, x[o + j]);
      }
      int offset = 255 - maxVal;
      float sum = 0f;
      for (int j = 0; j < depth; j++) {
        sum += table[offset + x[o + j]];
      }
      float inv = 1.0f / (sum * outputScale);
      for (int j = 0; j < depth; j++) {
        float prob = table[offset + x[o + j]] * inv;
        int q = (int) Requant.roundHalfAwayFromZero(prob) + outputZeroPoint;
        out[o + j] = (byte) Math.max(-128, Math.min(127, q));
      }
    }
    return out;
  }
}
