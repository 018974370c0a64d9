package quantlab.tfref;

/**
 * TensorFlow's quantization ops, replicated in pure Java so that their results match TensorFlow
 * 2.18's CPU kernels bit for bit (checked against TensorFlow itself by the tests in
 * {@code src/test/java/quantlab/tfref}; see docs/tensorflow-conformance.md). Each method names
 * the TensorFlow op and attributes it mirrors; arithmetic is float32 in TensorFlow's order.
 *
 * <pre>{@code
 * TfQuantized t = TfOps.quantizeV2(new float[] {-1.5f, -0.2f, 0f, 0.3f, 0.77f, 1.2f, 2.5f},
 *     -1.5f, 2.5f, TfQuantType.QINT8, Mode.SCALED, RoundMode.HALF_TO_EVEN, false);
 * // q = [-76, -10, 0, 15, 39, 61, 127], outputMin = -2.519685, outputMax = 2.5
 * float[] xHat = TfOps.dequantize(t, Mode.SCALED, false);
 * }</pre>
 *
 * <p>TensorFlow runs its kernels with subnormal floats flushed to zero (FTZ/DAZ), and so do these
 * replicas: a result below {@link Float#MIN_NORMAL} in magnitude becomes 0.
 *
 * <p>Where quantlab's own quantizer ({@code quantlab.quant}) behaves differently on purpose
 * (NaN, an empty range), these replicas still do what TensorFlow does. Explained in lesson 08.
 */
public final class TfOps {
  /** {@code QuantizeV2}'s default {@code ensure_minimum_range}. */
  public static final float DEFAULT_ENSURE_MINIMUM_RANGE = 0.01f;

  private TfOps() {}

  /**
   * {@code QuantizeV2} per tensor with the default {@code ensure_minimum_range = 0.01}.
   *
   * <p>First the range is made to hold 0 and to be at least 1% wide:
   * {@code min' = min(0, min)}, {@code max' = max(0, max, min' + 0.01 * max(1, |min|, |max|))}.
   * Then, with {@code lo}/{@code hi} the type's lowest/highest code:
   *
   * <pre>
   *   MIN_COMBINED  q = round((clamp(x) - min') * (hi - lo) / (max' - min') - (hi - lo + 1) / 2)  (signed)
   *                 q = trunc((clamp(x) - min') * (hi - lo) / (max' - min') + 0.5)             (unsigned)
   *   MIN_FIRST     q = clamp(round(x * s) - round(min' * s) + lo, lo, hi),  s = (2^bits - 1) / (max' - min')
   *   SCALED        s = min(lo' / min', hi / max'),  q = round(clamp(x, lo' / s, hi / s) * s)
   * </pre>
   *
   * <p>where {@code lo' = lo + 1} under narrow range (SCALED only; the other modes ignore
   * {@code narrowRange}). The output range is {@code [min', max']}, or {@code [lo' / s, hi / s]}
   * for SCALED. HALF_TO_EVEN is accepted only with SCALED, as in TensorFlow.
   *
   * <p>A NaN in {@code x} has no defined code in TensorFlow (C++ leaves a NaN's conversion to
   * int undefined; TensorFlow 2.18 gives the lowest code or 0 depending on the element's
   * position). Here it is always 0 in MIN_FIRST mode (as TensorFlow) and the lowest code
   * otherwise. Infinities clamp like any value outside the range.
   *
   * <p>Example: SCALED, HALF_TO_EVEN, qint8, range [-1.5, 2.5], inputs {@code {-1.5, -0.2, 0,
   * 0.3, 0.77, 1.2, 2.5}} give codes {@code {-76, -10, 0, 15, 39, 61, 127}} and the output range
   * {@code [-2.519685, 2.5]} ({@code s = 127 / 2.5 = 50.8}).
   */
  public static TfQuantized quantizeV2(
      float[] x, float min, float max, TfQuantType type, Mode mode, RoundMode roundMode,
      boolean narrowRange) {
    return QuantizeV2Op.apply(
        x, min, max, type, mode, roundMode, narrowRange, DEFAULT_ENSURE_MINIMUM_RANGE);
  }

  /** {@code QuantizeV2} with an explicit {@code ensure_minimum_range} (TensorFlow's default: 0.01). */
  public static TfQuantized quantizeV2(
      float[] x, float min, float max, TfQuantType type, Mode mode, RoundMode roundMode,
      boolean narrowRange, float ensureMinimumRange) {
    return QuantizeV2Op.apply(x, min, max, type, mode, roundMode, narrowRange, ensureMinimumRange);
  }

  /**
   * {@code Dequantize} to float32, per tensor:
   *
   * <pre>
   *   MIN_COMBINED  xHat = (q + (hi - lo + 1) / 2) * (max - min) / (hi - lo) + min   (no half range if unsigned)
   *   MIN_FIRST     xHat = (round(min / s) * s - lo * s) + q * s,   s = (max - min) / (2^bits - 1)
   *   SCALED        xHat = q * s,   s = max / hi (unsigned) or max(min / lo', max / hi) (signed)
   * </pre>
   *
   * <p>Example: the codes of the {@link #quantizeV2} example, {@code {-76, -10, 0, 15, 39, 61,
   * 127}} with range {@code [-2.519685, 2.5]}, SCALED, give {@code s = 0.01968504} and
   * {@code xHat = {-1.496063, -0.19685039, 0.0, 0.2952756, 0.7677165, 1.2007874, 2.5}}.
   */
  public static float[] dequantize(
      int[] q, float min, float max, TfQuantType type, Mode mode, boolean narrowRange) {
    return DequantizeOp.apply(q, min, max, type, mode, narrowRange);
  }

  /** {@code Dequantize} of what {@link #quantizeV2} returned, with its output range. */
  public static float[] dequantize(TfQuantized quantized, Mode mode, boolean narrowRange) {
    notNull("quantized", quantized);
    return DequantizeOp.apply(
        quantized.q(), quantized.outputMin(), quantized.outputMax(), quantized.type(), mode,
        narrowRange);
  }

  /**
   * {@code FakeQuantWithMinMaxArgs}: with {@link FakeQuantNudge} {@code n} of {@code [min, max]},
   * {@code xHat = floor((clamp(x, n.nudgedMin, n.nudgedMax) - n.nudgedMin) * n.invScale
   * - n.quantZero + 0.5) * n.scale}. Needs {@code min < max} and {@code numBits} in [2, 16].
   *
   * <p>Example: {@code fakeQuantWithMinMaxArgs(new float[] {-2f, 0.1f, 1f}, -1.5f, 2.5f, 8,
   * false)} gives {@code {-1.5058825, 0.09411766, 1.0039216}} (scale {@code 4/255}, zero
   * point 96: {@code -2} clamps to {@code -96 * scale}).
   */
  public static float[] fakeQuantWithMinMaxArgs(
      float[] x, float min, float max, int numBits, boolean narrowRange) {
    return FakeQuantOps.args(x, min, max, numBits, narrowRange);
  }

  /**
   * {@code FakeQuantWithMinMaxVars}: as {@link #fakeQuantWithMinMaxArgs} but divides by
   * {@code n.scale} instead of multiplying by {@code n.invScale} (the two differ in the last bit
   * for some inputs), and returns zeros when {@code min == max == 0}. Any other range is taken
   * as is, even {@code min >= max}, as TensorFlow does.
   */
  public static float[] fakeQuantWithMinMaxVars(
      float[] x, float min, float max, int numBits, boolean narrowRange) {
    return FakeQuantOps.vars(x, min, max, numBits, narrowRange);
  }

  /**
   * {@code FakeQuantWithMinMaxVarsPerChannel}: the channels are the last dimension, so element
   * {@code i} belongs to channel {@code i % min.length}; each channel is fake-quantized as
   * {@link #fakeQuantWithMinMaxArgs} with its own range, and a channel with
   * {@code min == max == 0} gives zeros.
   */
  public static float[] fakeQuantWithMinMaxVarsPerChannel(
      float[] x, float[] min, float[] max, int numBits, boolean narrowRange) {
    return FakeQuantOps.perChannel(x, min, max, numBits, narrowRange);
  }

  /**
   * {@code FakeQuantWithMinMaxArgsGradient}: the straight-through estimator with clipping. With
   * {@link FakeQuantNudge} {@code n} of {@code [min, max]},
   * {@code dL/dx = dL/dy * (n.nudgedMin <= x <= n.nudgedMax ? 1 : 0)}: the staircase's gradient
   * (0 almost everywhere) is replaced by 1 inside the <em>nudged</em> range, both ends included,
   * and 0 outside. Needs {@code min < max}. Explained in lesson 06.
   *
   * <p>Example: {@code fakeQuantWithMinMaxArgsGradient(new float[] {1, 1, 1, 1}, new float[]
   * {-1f, -0.9960785f, 0.3f, 1.0039216f}, -1f, 1f, 8, false)} gives {@code {0, 1, 1, 1}}: in
   * float32 {@code 1 / (2/255f) = 127.49999}, so the zero point rounds to 127 and the range
   * [-1, 1] nudges to {@code [-127 * 2/255, 128 * 2/255] = [-0.9960785, 1.0039216]}: {@code x =
   * min = -1} itself is outside.
   */
  public static float[] fakeQuantWithMinMaxArgsGradient(
      float[] gradients, float[] x, float min, float max, int numBits, boolean narrowRange) {
    return FakeQuantOps.argsGradient(gradients, x, min, max, numBits, narrowRange);
  }

  /**
   * {@code FakeQuantWithMinMaxVarsGradient}: {@link #fakeQuantWithMinMaxArgsGradient} for the
   * inputs, plus {@code dL/dmin = sum of dL/dy where x < nudgedMin} and {@code dL/dmax = sum of
   * dL/dy where x > nudgedMax} (summed in element order; TensorFlow's vectorized sum may round
   * differently when the sum is inexact). Any range is taken as is, as TensorFlow does.
   * Explained in lesson 06.
   *
   * <p>Example: gradients {@code {1, 2, 3}} at {@code x = {-2, 0.3, 5}}, range [-1, 1], 8 bits:
   * {@code wrtInput = {0, 2, 0}}, {@code wrtMin = 1}, {@code wrtMax = 3}.
   */
  public static FakeQuantBackprop fakeQuantWithMinMaxVarsGradient(
      float[] gradients, float[] x, float min, float max, int numBits, boolean narrowRange) {
    return FakeQuantOps.varsGradient(gradients, x, min, max, numBits, narrowRange);
  }

  /**
   * {@code QuantizeAndDequantizeV4} per tensor with the range given, signed codes, full range,
   * HALF_TO_EVEN; {@link QuantizeAndDequantizeV4#builder()} has every other setting.
   *
   * <p>Example: {@code quantizeAndDequantizeV4(new float[] {-1f, 0.5f, 3f}, -1f, 2f, 8)} gives
   * {@code {-1.007874, 0.503937, 2.0}} ({@code scale = 127/2 = 63.5}; {@code -1 * 63.5} rounds
   * to the even {@code -64}, and {@code 3} clamps to 2).
   */
  public static float[] quantizeAndDequantizeV4(float[] x, float min, float max, int numBits) {
    return QuantizeAndDequantizeV4.builder().numBits(numBits).range(min, max).build().apply(x);
  }

  static void checkNumBits(int numBits) {
    if (numBits < 2 || numBits > 16) {
      throw new IllegalArgumentException("numBits must be in [2, 16], got " + numBits);
    }
  }

  static <T> T notNull(String name, T value) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }
}
