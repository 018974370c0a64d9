package quantlab.tfref;

/** How TensorFlow's Eigen expressions round and convert floats to quantized codes. */
final class Codes {
  private Codes() {}

  /**
   * Eigen's {@code scalar_round_half_to_even_op<float>}: {@code rint} where the CPU has a
   * rounding instruction, as on x86-64 with SSE4.1.
   */
  static float halfToEven(float v) {
    return Cpp.rint(v);
  }

  /** TensorFlow's {@code scalar_round_up_op}: {@code floor(v + 0.5f)} in float32. */
  static float halfUp(float v) {
    return Cpp.floor(Cpp.add(v, 0.5f));
  }

  /**
   * {@code .template cast<T>()} of a float, as Eigen's vectorized cast does it: convert to int32
   * ({@code INT_MIN} for NaN), then saturate into the type. Only NaN reaches the saturation: the
   * kernels clamp every other value first.
   */
  static int cast(float v, TfQuantType type) {
    int i = Cpp.toInt(v);
    return i < type.lowest() ? type.lowest() : i > type.highest() ? type.highest() : i;
  }

  /**
   * {@code .template cast<int32>().template cast<T>()} (MIN_FIRST): an int32 converted to
   * {@code T} keeps its low 8 or 16 bits, so a NaN ({@code INT_MIN}) becomes code 0.
   */
  static int castInt(int v, TfQuantType type) {
    if (type.bits() == 8) {
      return type.signed() ? (byte) v : v & 0xFF;
    }
    return type.signed() ? (short) v : v & 0xFFFF;
  }
}
