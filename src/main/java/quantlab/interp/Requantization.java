package quantlab.interp;

/**
 * How the interpreter turns int32 accumulators back into int8 codes. Both follow real runtimes
 * exactly; they differ by at most one code, on ties and near-ties.
 *
 * <p>Example: {@code acc = 5}, multiplier 0.5: REFERENCE gives 3 (2.5 rounds away from zero),
 * XNNPACK gives 2 (2.5 rounds to even). See {@link Requant}; explained in docs/interpreter.md.
 */
public enum Requantization {
  /**
   * TFLite reference kernels and TFLite Micro: Q31 fixed-point multiplier and shift (gemmlowp),
   * fixed-point int8 SOFTMAX.
   */
  REFERENCE,
  /**
   * XNNPACK, the CPU path of desktop TFLite, LiteRT.js and tfjs-tflite: float32 multiply, round
   * half to even; int8 SOFTMAX through TFLite's optimized float lookup table.
   */
  XNNPACK
}
