package quantlab.tfref;

/**
 * TensorFlow's {@code Dequantize} CPU kernel (tensorflow/core/kernels/dequantize_op.cc and
 * quantization_utils.h) with float output, per tensor, in float32 as the C++ does it.
 */
final class DequantizeOp {
  private DequantizeOp() {}

  static float[] apply(
      int[] q, float minRange, float maxRange, TfQuantType type, Mode mode, boolean narrowRange) {
    TfOps.notNull("q", q);
    TfOps.notNull("type", type);
    TfOps.notNull("mode", mode);
    for (int i = 0; i < q.length; i++) {
      if (!type.contains(q[i])) {
        throw new IllegalArgumentException(
            "q[" + i + "] must be in [" + type.lowest() + ", " + type.highest() + "] for " + type
                + ", got " + q[i]);
      }
    }
    float[] xHat = new float[q.length];
    float lowest = type.lowest();
    float highest = type.highest();
    switch (mode) {
      case MIN_COMBINED: {
        float halfRange = type.signed() ? (highest - lowest + 1) / 2.0f : 0.0f;
        float scaleFactor = Cpp.div(Cpp.sub(maxRange, minRange), highest - lowest);
        for (int i = 0; i < q.length; i++) {
          xHat[i] = Cpp.add(Cpp.mul(Cpp.add(q[i], halfRange), scaleFactor), minRange);
        }
        break;
      }
      case MIN_FIRST: {
        // QuantizedToFloatStruct and DEQUANTIZE_WITH_EIGEN
        long steps = 1L << type.bits();
        float rangeScale =
            Cpp.flush((float) (Cpp.flush((double) Cpp.sub(maxRange, minRange)) / (steps - 1.0)));
        float rangeMinRounded = Cpp.flush(maxRange) == Cpp.flush(minRange)
            ? minRange
            : Cpp.mul(Cpp.round(Cpp.div(minRange, rangeScale)), rangeScale);
        float offset = Cpp.sub(rangeMinRounded, Cpp.mul(lowest, rangeScale));
        for (int i = 0; i < q.length; i++) {
          xHat[i] = Cpp.add(offset, Cpp.mul(q[i], rangeScale));
        }
        break;
      }
      case SCALED: {
        int minOutput = type.lowest() + (narrowRange ? 1 : 0);
        float scaleFactor = type.lowest() == 0
            ? Cpp.div(maxRange, type.highest())
            : Cpp.max(Cpp.div(minRange, minOutput), Cpp.div(maxRange, type.highest()));
        for (int i = 0; i < q.length; i++) {
          xHat[i] = Cpp.mul(q[i], scaleFactor);
        }
        break;
      }
      default:
        throw new AssertionError(mode);
    }
    return xHat;
  }
}
