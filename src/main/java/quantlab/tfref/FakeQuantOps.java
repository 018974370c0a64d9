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
}
