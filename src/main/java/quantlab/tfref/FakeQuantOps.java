package quantlab.tfref;

/**
 * TensorFlow's FakeQuant CPU kernels (tensorflow/core/kernels/fake_quant_ops.cc and
 * fake_quant_ops_functor.h) in float32 as the C++ does them.
 */
final class FakeQuantOps {
  private FakeQuantOps() {}

  static float[] args(float[] x, float min, float max, int numBits, boolean narrowRange) {
    TfOps.notNull("x", x);
    TfOps.checkNumBits(numBits);
    if (!(min < max)) { // checked when the kernel is built, without DAZ
      throw new IllegalArgumentException(
          "min must be < max (TensorFlow: min has to be smaller than max), got min " + min
              + " >= max " + max);
    }
    FakeQuantNudge n = FakeQuantNudge.of(min, max, numBits, narrowRange);
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = n.fakeQuantMultiply(x[i]);
    }
    return out;
  }

  static float[] vars(float[] x, float min, float max, int numBits, boolean narrowRange) {
    TfOps.notNull("x", x);
    TfOps.checkNumBits(numBits);
    float[] out = new float[x.length];
    if (Cpp.flush(min) == 0.0f && Cpp.flush(max) == 0.0f) {
      return out; // "If min and max are both zero, we should just return zero."
    }
    FakeQuantNudge n = FakeQuantNudge.of(min, max, numBits, narrowRange);
    for (int i = 0; i < x.length; i++) {
      out[i] = n.fakeQuantDivide(x[i]);
    }
    return out;
  }

  static float[] perChannel(
      float[] x, float[] min, float[] max, int numBits, boolean narrowRange) {
    TfOps.notNull("x", x);
    TfOps.notNull("min", min);
    TfOps.notNull("max", max);
    TfOps.checkNumBits(numBits);
    int depth = min.length;
    if (max.length != depth) {
      throw new IllegalArgumentException(
          "max.length (" + max.length + ") must equal min.length (" + depth + ")");
    }
    if (depth == 0 ? x.length != 0 : x.length % depth != 0) {
      throw new IllegalArgumentException(
          "x.length (" + x.length + ") must be a multiple of the channel count min.length ("
              + depth + "): the channels are the last dimension");
    }
    float[] out = new float[x.length];
    for (int c = 0; c < depth; c++) {
      if (Cpp.flush(min[c]) == 0.0f && Cpp.flush(max[c]) == 0.0f) {
        continue; // zeros
      }
      FakeQuantNudge n = FakeQuantNudge.of(min[c], max[c], numBits, narrowRange);
      for (int i = c; i < x.length; i += depth) {
        out[i] = n.fakeQuantMultiply(x[i]);
      }
    }
    return out;
  }
  /** FakeQuantWithMinMaxArgsGradient: {@code gradients * (nudgedMin <= x <= nudgedMax)}. */
  static float[] argsGradient(float[] gradients, float[] x, float min, float max, int numBits,
      boolean narrowRange) {
    checkSameLength(gradients, x);
    TfOps.checkNumBits(numBits);
    if (!(min < max)) { // checked when the kernel is built, as for the forward op
      throw new IllegalArgumentException(
          "min must be < max (TensorFlow: min has to be smaller than max), got min " + min
              + " >= max " + max);
    }
    return insideTimesGradient(gradients, x, FakeQuantNudge.of(min, max, numBits, narrowRange));
  }

  /**
   * FakeQuantWithMinMaxVarsGradient: the Args gradient for the inputs, plus the sums of the
   * gradients below {@code nudgedMin} and above {@code nudgedMax} (in element order).
   */
  static FakeQuantBackprop varsGradient(float[] gradients, float[] x, float min, float max,
      int numBits, boolean narrowRange) {
    checkSameLength(gradients, x);
    TfOps.checkNumBits(numBits);
    FakeQuantNudge n = FakeQuantNudge.of(min, max, numBits, narrowRange);
    float[] dx = insideTimesGradient(gradients, x, n);
    float dMin = 0f;
    float dMax = 0f;
    for (int i = 0; i < x.length; i++) {
      float v = Cpp.flush(x[i]);
      dMin = Cpp.add(dMin, Cpp.mul(gradients[i], Cpp.lt(v, n.nudgedMin()) ? 1f : 0f));
      dMax = Cpp.add(dMax, Cpp.mul(gradients[i], Cpp.lt(n.nudgedMax(), v) ? 1f : 0f));
    }
    return new FakeQuantBackprop(dx, dMin, dMax);
  }

  private static float[] insideTimesGradient(float[] gradients, float[] x, FakeQuantNudge n) {
    float[] dx = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      float v = Cpp.flush(x[i]);
      boolean inside = v >= n.nudgedMin() && v <= n.nudgedMax(); // false for NaN
      dx[i] = Cpp.mul(gradients[i], inside ? 1f : 0f); // so NaN or inf * 0 stays NaN, as Eigen
    }
    return dx;
  }

  private static void checkSameLength(float[] gradients, float[] x) {
    TfOps.notNull("gradients", gradients);
    TfOps.notNull("x", x);
    if (gradients.length != x.length) {
      throw new IllegalArgumentException("gradients.length (" + gradients.length
          + ") must equal x.length (" + x.length + ")");
    }
  }
}
