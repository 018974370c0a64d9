package quantlab.interp;

/**
 * The integer arithmetic that turns an int32 accumulator back into an int8 code, in the two ways
 * real runtimes do it.
 *
 * <p><b>TFLite reference (gemmlowp fixed point)</b>, used by the reference kernels and TFLite
 * Micro. The real multiplier {@code M = inputScale * weightScale / outputScale} (in double) is
 * stored as a Q31 integer {@code m} and a power-of-two {@code shift} with
 * {@code M ~= m * 2^(shift - 31)} ({@link QuantizedMultiplier#of}); then
 *
 * <pre>
 *   q = clamp(RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(acc * 2^max(shift, 0), m),
 *                                 max(-shift, 0)) + zeroPoint, qmin, qmax)
 * </pre>
 *
 * <p>Sources: {@code tensorflow/lite/kernels/internal/common.h} ({@code
 * MultiplyByQuantizedMultiplier}, the default double-rounding variant),
 * {@code quantization_util.cc} ({@code QuantizeMultiplier}) and gemmlowp's
 * {@code fixedpoint/fixedpoint.h} ({@code SaturatingRoundingDoublingHighMul},
 * {@code RoundingDivideByPOT}).
 *
 * <p><b>XNNPACK (float32)</b>, the CPU path of desktop TFLite, LiteRT.js and tfjs-tflite:
 * {@code q = clamp(round_half_to_even((float) acc * scale) + zeroPoint, qmin, qmax)} with
 * {@code scale = inputScale * weightScale / outputScale} computed in float32. Sources: XNNPACK's
 * {@code src/params-init.c} ({@code xnn_init_qs8_conv_minmax_fp32_scalar_*}: the "magic bias"
 * {@code 12582912.0f} rounds to nearest even) and the {@code qs8-gemm} fp32 microkernels.
 *
 * <p>Example, worked by hand: {@code acc = 1000}, {@code M = 0.3}. Q31: {@code 0.3 = 0.6 * 2^-1},
 * so {@code m = round(0.6 * 2^31) = 1288490189}, {@code shift = -1};
 * {@code SaturatingRoundingDoublingHighMul(1000, m) = round(1000 * m / 2^31) = 600},
 * {@code RoundingDivideByPOT(600, 1) = 300}. XNNPACK: {@code 1000f * 0.3f = 300.00001f -> 300}.
 * Explained in docs/interpreter.md.
 */
public final class Requant {
  private Requant() {}

  /**
   * gemmlowp {@code SaturatingRoundingDoublingHighMul}: {@code a * b / 2^31} rounded to nearest
   * with ties toward +infinity ({@code floor((a * b + 2^30) / 2^31)}: the "nudge" of
   * {@code 1 - 2^30} for negative products and the C++ division that truncates toward zero give
   * exactly that), saturating the single overflow case {@code INT32_MIN * INT32_MIN} to
   * {@code INT32_MAX}. Equivalent to ARM's {@code VQRDMULH}.
   *
   * <p>Example: {@code saturatingRoundingDoublingHighMul(1 << 30, 1 << 30) == 1 << 29} (0.5 * 0.5
   * = 0.25 in Q31); {@code saturatingRoundingDoublingHighMul(-3, 1 << 30) == -1} (-1.5 rounds
   * up).
   */
  public static int saturatingRoundingDoublingHighMul(int a, int b) {
    if (a == b && a == Integer.MIN_VALUE) {
      return Integer.MAX_VALUE;
    }
    long ab = (long) a * (long) b;
    long nudge = ab >= 0 ? (1L << 30) : (1L - (1L << 30));
    // C++ integer division truncates toward zero, as Java's does.
    return (int) ((ab + nudge) / (1L << 31));
  }

  /**
   * gemmlowp {@code RoundingDivideByPOT}: {@code x / 2^exponent} rounded to nearest, ties away
   * from zero. {@code exponent} must be in [0, 31].
   *
   * <p>Example: {@code roundingDivideByPot(5, 1) == 3}, {@code roundingDivideByPot(-5, 1) == -3},
   * {@code roundingDivideByPot(-6, 2) == -2} (-1.5 rounds away from zero).
   */
  public static int roundingDivideByPot(int x, int exponent) {
    if (exponent < 0 || exponent > 31) {
      throw new IllegalArgumentException("exponent must be in [0, 31], got " + exponent);
    }
    int mask = (int) ((1L << exponent) - 1);
    int remainder = x & mask;
    int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
  }

  /**
   * TFLite {@code MultiplyByQuantizedMultiplier(int32 x, int32 m, int shift)} (the default,
   * double-rounding variant of {@code common.h}):
   * {@code RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x * 2^max(shift,0), m),
   * max(-shift,0))}. The left shift wraps on overflow like the C++ code does on real hardware.
   *
   * <p>Example: {@code multiplyByQuantizedMultiplier(1000, 1288490189, -1) == 300}.
   */
  public static int multiplyByQuantizedMultiplier(int x, int multiplier, int shift) {
    int leftShift = shift > 0 ? shift : 0;
    int rightShift = shift > 0 ? 0 : -shift;
    return roundingDivideByPot(
        saturatingRoundingDoublingHighMul(x * (1 << leftShift), multiplier), rightShift);
  }

  /** {@link #multiplyByQuantizedMultiplier(int, int, int)} with a {@link QuantizedMultiplier}. */
  public static int multiplyByQuantizedMultiplier(int x, QuantizedMultiplier qm) {
    return multiplyByQuantizedMultiplier(x, qm.multiplier(), qm.shift());
  }

  /**
   * TFLite {@code MultiplyByQuantizedMultiplierGreaterThanOne}:
   * {@code SaturatingRoundingDoublingHighMul(x * 2^leftShift, m)} (used by int8 SOFTMAX).
   */
  public static int multiplyByQuantizedMultiplierGreaterThanOne(
      int x, int multiplier, int leftShift) {
    return saturatingRoundingDoublingHighMul(x * (1 << leftShift), multiplier);
  }

  /**
   * TFLite {@code MultiplyByQuantizedMultiplierSmallerThanOneExp}:
   * {@code RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x, m), -leftShift)} (used by
   * int8 ADD), {@code leftShift <= 0}.
   */
  public static int multiplyByQuantizedMultiplierSmallerThanOneExp(
      int x, int multiplier, int leftShift) {
    return roundingDivideByPot(saturatingRoundingDoublingHighMul(x, multiplier), -leftShift);
  }

  /**
   * The whole reference requantization of one accumulator:
   * {@code clamp(MultiplyByQuantizedMultiplier(acc, m, shift) + zeroPoint, qmin, qmax)}.
   *
   * <p>Example: {@code requantizeReference(100, QuantizedMultiplier.of(0.3), -5, -128, 127)} is
   * {@code 25} (100 * 0.3 = 30, plus the zero point -5).
   */
  public static int requantizeReference(
      int acc, QuantizedMultiplier qm, int zeroPoint, int qmin, int qmax) {
    int v = multiplyByQuantizedMultiplier(acc, qm.multiplier(), qm.shift()) + zeroPoint;
    return Math.max(qmin, Math.min(qmax, v));
  }

  /**
   * XNNPACK's fp32 requantization of one accumulator:
   * {@code clamp(round_half_to_even((float) acc * scale) + zeroPoint, qmin, qmax)}, all in
   * float32 as the {@code qs8} microkernels compute it (the clamp at {@code qmin - zeroPoint},
   * {@code qmax - zeroPoint} happens on the float before rounding, which gives the same result).
   *
   * <p>Example: {@code requantizeXnnpack(5, 0.5f, 0, -128, 127) == 2} (2.5 rounds to even 2),
   * while the reference scheme gives 3 (the high multiply rounds 2.5 up).
   */
  public static int requantizeXnnpack(int acc, float scale, int zeroPoint, int qmin, int qmax) {
    float v = (float) acc * scale;
    float lo = (float) (qmin - zeroPoint);
    float hi = (float) (qmax - zeroPoint);
    v = Math.max(lo, Math.min(hi, v));
    return (int) Math.rint(v) + zeroPoint;
  }

  /**
   * The requantization scale XNNPACK uses, computed in float32:
   * {@code inputScale * weightScale / outputScale} (XNNPACK's {@code create_*_qs8} operators).
   */
  public static float xnnpackScale(float inputScale, float weightScale, float outputScale) {
    return inputScale * weightScale / outputScale;
  }

  /**
   * The real multiplier TFLite quantizes, computed in double:
   * {@code (double) inputScale * (double) weightScale / (double) outputScale}
   * ({@code kernel_util.cc}, {@code PopulateConvolutionQuantizationParams}).
   */
  public static double referenceMultiplier(
      float inputScale, float weightScale, float outputScale) {
    return (double) inputScale * (double) weightScale / (double) outputScale;
  }

  /**
   * {@code TfLiteRound}: C's {@code round}, to nearest with ties away from zero.
   *
   * <p>Example: {@code roundHalfAwayFromZero(-2.5) == -3.0}, {@code roundHalfAwayFromZero(2.5)
   * == 3.0}.
   */
  public static double roundHalfAwayFromZero(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    double a = Math.abs(v);
    double f = Math.floor(a);
    double r = (a - f) >= 0.5 ? f + 1 : f;
    return Math.copySign(r, v);
  }

  /**
   * The quantized activation range of TFLite's {@code CalculateActivationRangeQuantized}: with
   * {@code quantize(f) = zeroPoint + (int) TfLiteRound(f / scale)} (division in float),
   * RELU gives {@code [max(qmin, quantize(0)), qmax]}, RELU6
   * {@code [max(qmin, quantize(0)), min(qmax, quantize(6))]}, RELU_N1_TO_1
   * {@code [max(qmin, quantize(-1)), min(qmax, quantize(1))]}, NONE {@code [qmin, qmax]}.
   *
   * @return {@code {min, max}}
   */
  static int[] activationRangeReference(
      Activation act, float scale, int zeroPoint, int qmin, int qmax) {
    switch (act) {
      case NONE:
        return new int[] {qmin, qmax};
      case RELU:
        return new int[] {Math.max(qmin, quantizeRef(0f, scale, zeroPoint)), qmax};
      case RELU6:
        return new int[] {
          Math.max(qmin, quantizeRef(0f, scale, zeroPoint)),
          Math.min(qmax, quantizeRef(6f, scale, zeroPoint))
        };
      case RELU_N1_TO_1:
        return new int[] {
          Math.max(qmin, quantizeRef(-1f, scale, zeroPoint)),
          Math.min(qmax, quantizeRef(1f, scale, zeroPoint))
        };
      default:
        throw new AssertionError(act);
    }
  }

  /**
   * The quantized activation range of the XNNPACK delegate: the float bounds of the activation
   * quantized with {@code lrintf(f / scale) + zeroPoint} (ties to even), clamped to [qmin, qmax].
   */
  static int[] activationRangeXnnpack(
      Activation act, float scale, int zeroPoint, int qmin, int qmax) {
    float lo;
    float hi;
    switch (act) {
      case NONE:
        return new int[] {qmin, qmax};
      case RELU:
        lo = 0f;
        hi = Float.POSITIVE_INFINITY;
        break;
      case RELU6:
        lo = 0f;
        hi = 6f;
        break;
      case RELU_N1_TO_1:
        lo = -1f;
        hi = 1f;
        break;
      default:
        throw new AssertionError(act);
    }
    int min = clampToInt(Math.rint(lo / scale) + zeroPoint, qmin, qmax);
    int max = Float.isInfinite(hi) ? qmax : clampToInt(Math.rint(hi / scale) + zeroPoint, qmin, qmax);
    return new int[] {Math.max(qmin, min), Math.min(qmax, max)};
  }

  private static int quantizeRef(float f, float scale, int zeroPoint) {
    return zeroPoint + (int) roundHalfAwayFromZero(f / scale);
  }

  private static int clampToInt(double v, int lo, int hi) {
    return (int) Math.max(lo, Math.min(hi, v));
  }
}
