package quantlab.tfref;

/**
 * TensorFlow's {@code QuantizeV2} CPU kernel (tensorflow/core/kernels/quantize_op.cc and
 * quantization_utils.h), per tensor, step by step in float32 as the C++ does it.
 */
final class QuantizeV2Op {
  private QuantizeV2Op() {}

  static TfQuantized apply(
      float[] x, float inputMin, float inputMax, TfQuantType type, Mode mode, RoundMode roundMode,
      boolean narrowRange, float ensureMinimumRange) {
    TfOps.notNull("x", x);
    TfOps.notNull("type", type);
    TfOps.notNull("mode", mode);
    TfOps.notNull("roundMode", roundMode);
    if (roundMode == RoundMode.HALF_UP) {
      throw new IllegalArgumentException(
          "roundMode must be HALF_AWAY_FROM_ZERO or HALF_TO_EVEN for QuantizeV2, got HALF_UP");
    }
    if (roundMode == RoundMode.HALF_TO_EVEN && mode != Mode.SCALED) {
      throw new IllegalArgumentException(
          "roundMode HALF_TO_EVEN is only supported for mode SCALED (as in TensorFlow), got mode "
              + mode);
    }
    if (Cpp.lt(inputMax, inputMin)) {
      throw new IllegalArgumentException(
          "max must be >= min (TensorFlow: input_max_range must be larger than input_min_range),"
              + " got min " + inputMin + " > max " + inputMax);
    }
    // Widen the range to hold 0 and to be at least ensure_minimum_range wide (relative).
    float minRange = Cpp.min(0.0f, inputMin);
    float epsilon = Cpp.mul(
        Cpp.max(1.0f, Cpp.max(Math.abs(inputMin), Math.abs(inputMax))), ensureMinimumRange);
    float maxRange = Cpp.max(0.0f, Cpp.max(inputMax, Cpp.add(minRange, epsilon)));
    int[] q = new int[x.length];
    switch (mode) {
      case MIN_COMBINED:
        minCombined(x, minRange, maxRange, type, q);
        break;
      case MIN_FIRST:
        minFirst(x, minRange, maxRange, type, q);
        break;
      case SCALED:
        return scaled(x, minRange, maxRange, type, roundMode, narrowRange, q);
      default:
        throw new AssertionError(mode);
    }
    return new TfQuantized(type, q, minRange, maxRange);
  }

  /**
   * {@code ((clamp(x) - min) * scaleFactor - halfRange).round()} for signed types and
   * {@code ((clamp(x) - min) * scaleFactor + 0.5f)} truncated for unsigned ones.
   */
  private static void minCombined(
      float[] x, float minRange, float maxRange, TfQuantType type, int[] q) {
    // (double(hi) - double(lo)) / (max - min): a double quotient of a float difference
    double width = Cpp.flush((double) Cpp.sub(maxRange, minRange));
    float scaleFactor =
        Cpp.flush((float) (((double) type.highest() - (double) type.lowest()) / width));
    float halfRange = type.signed() ? (float) ((type.highest() - (double) type.lowest() + 1) / 2.0)
        : 0.0f;
    for (int i = 0; i < x.length; i++) {
      float c = Cpp.max(Cpp.min(x[i], maxRange), minRange);
      float v = Cpp.mul(Cpp.sub(c, minRange), scaleFactor);
      q[i] = type.signed()
          ? Codes.cast(Cpp.round(Cpp.sub(v, halfRange)), type)
          : Codes.cast(Cpp.add(v, 0.5f), type);
    }
  }

  /** quantization_utils.h's {@code QUANTIZE_WITH_EIGEN} with a {@code FloatToQuantizedStruct}. */
  private static void minFirst(
      float[] x, float minRange, float maxRange, TfQuantType type, int[] q) {
    long steps = 1L << type.bits();
    float rangeScale = Cpp.flush(maxRange) == Cpp.flush(minRange)
        ? 0.0f
        : Cpp.flush((float) ((steps - 1.0) / Cpp.flush((double) Cpp.sub(maxRange, minRange))));
    float rangeMinScaled = Cpp.round(Cpp.mul(minRange, rangeScale));
    float lowest = type.lowest();
    float offset = Cpp.sub(rangeMinScaled, lowest);
    float lower = Cpp.max(lowest, -2.147483648e+09f);
    float upper = Cpp.min((float) type.highest(), +2.147483520e+09f);
    for (int i = 0; i < x.length; i++) {
      float v = Cpp.sub(Cpp.round(Cpp.mul(x[i], rangeScale)), offset);
      v = Cpp.min(Cpp.max(v, lower), upper);
      q[i] = Codes.castInt(Cpp.toInt(v), type);
    }
  }

  /**
   * One scale for both sides, {@code min(lowest' / min, highest / max)}, where {@code lowest'}
   * is one above the lowest code under narrow range; the range returned is what the codes
   * reach: {@code [lowest' / scale, highest / scale]}.
   */
  private static TfQuantized scaled(
      float[] x, float minRange, float maxRange, TfQuantType type, RoundMode roundMode,
      boolean narrowRange, int[] q) {
    int minOutput = type.lowest() + (narrowRange ? 1 : 0);
    int maxOutput = type.highest();
    float fromMin = Cpp.lt(0f, Cpp.mul(minOutput, minRange))
        ? Cpp.div(minOutput, minRange) : Float.MAX_VALUE;
    float fromMax = Cpp.lt(0f, Cpp.mul(maxOutput, maxRange))
        ? Cpp.div(maxOutput, maxRange) : Float.MAX_VALUE;
    float scaleFactor = Cpp.min(fromMin, fromMax);
    float lo = Cpp.div(minOutput, scaleFactor);
    float hi = Cpp.div(maxOutput, scaleFactor);
    for (int i = 0; i < x.length; i++) {
      float v = Cpp.mul(Cpp.max(Cpp.min(x[i], hi), lo), scaleFactor);
      float r = roundMode == RoundMode.HALF_TO_EVEN ? Codes.halfToEven(v) : Cpp.round(v);
      q[i] = Codes.cast(r, type);
    }
    return new TfQuantized(type, q, lo, hi);
  }
}
