package quantlab.interp;

import java.util.Arrays;
import java.util.Locale;

/**
 * The integer arithmetic of one output element of an int8 FULLY_CONNECTED, CONV_2D or
 * DEPTHWISE_CONV_2D operator, step by step, in both requantization schemes:
 *
 * <pre>
 *   acc  = sum_k (w[k] - weightZeroPoint) * (x[k] - inputZeroPoint) + bias
 *   REFERENCE: q = clamp(RoundingDivideByPOT(SRDHM(acc * 2^max(shift,0), m), max(-shift,0))
 *                        + zeroPoint, qmin, qmax)
 *   XNNPACK:   q = clamp(rint((float) acc * scale) + zeroPoint, qmin, qmax)
 * </pre>
 *
 * <p>Get one from {@link Interpreter#trace(Tensor, int, int)}; {@link #toString()} prints it as a
 * worked example. Immutable. Explained in docs/interpreter.md.
 */
public final class NeuronTrace {
  private final String operator;
  private final int operatorIndex;
  private final int outputIndex;
  private final int[] outputCoordinates;
  private final String[] termLabels;
  private final int[] x;
  private final int[] w;
  private final int inputZeroPoint;
  private final int weightZeroPoint;
  private final int[] products;
  private final int sum;
  private final int bias;
  private final int accumulator;
  private final double realMultiplier;
  private final QuantizedMultiplier multiplier;
  private final int highMul;
  private final int referenceScaled;
  private final int referenceQ;
  private final int[] referenceClamp;
  private final float xnnpackScale;
  private final float xnnpackProduct;
  private final int xnnpackQ;
  private final int[] xnnpackClamp;
  private final int zeroPoint;
  private final float outputScale;
  private final Requantization mode;
  private final int q;

  NeuronTrace(String operator, int operatorIndex, int outputIndex, int[] outputCoordinates,
      String[] termLabels, int[] x, int[] w, int inputZeroPoint, int weightZeroPoint, int bias,
      Requantizer reference, Requantizer xnnpack, int channel, float outputScale,
      Requantization mode) {
    this.operator = operator;
    this.operatorIndex = operatorIndex;
    this.outputIndex = outputIndex;
    this.outputCoordinates = outputCoordinates.clone();
    this.termLabels = termLabels.clone();
    this.x = x.clone();
    this.w = w.clone();
    this.inputZeroPoint = inputZeroPoint;
    this.weightZeroPoint = weightZeroPoint;
    this.products = new int[x.length];
    int s = 0;
    for (int k = 0; k < x.length; k++) {
      products[k] = (w[k] - weightZeroPoint) * (x[k] - inputZeroPoint);
      s += products[k];
    }
    this.sum = s;
    this.bias = bias;
    this.accumulator = s + bias;
    int c = reference.qm.length == 1 ? 0 : channel;
    this.realMultiplier = reference.real[c];
    this.multiplier = reference.qm[c];
    int leftShift = Math.max(multiplier.shift(), 0);
    this.highMul = Requant.saturatingRoundingDoublingHighMul(
        accumulator * (1 << leftShift), multiplier.multiplier());
    this.referenceScaled = Requant.multiplyByQuantizedMultiplier(accumulator, multiplier);
    this.referenceQ = reference.apply(accumulator, channel);
    this.referenceClamp = new int[] {reference.min, reference.max};
    this.xnnpackScale = xnnpack.xnnScale[c];
    this.xnnpackProduct = (float) accumulator * xnnpackScale;
    this.xnnpackQ = xnnpack.apply(accumulator, channel);
    this.xnnpackClamp = new int[] {xnnpack.min, xnnpack.max};
    this.zeroPoint = reference.zeroPoint;
    this.outputScale = outputScale;
    this.mode = mode;
    this.q = mode == Requantization.REFERENCE ? referenceQ : xnnpackQ;
  }

  /** The operator name, e.g. {@code FULLY_CONNECTED}. */
  public String operator() {
    return operator;
  }

  public int operatorIndex() {
    return operatorIndex;
  }

  /** The flat index of the traced element in the operator's output. */
  public int outputIndex() {
    return outputIndex;
  }

  /** Its coordinates: {@code [batch, unit]} or {@code [batch, y, x, channel]}. */
  public int[] outputCoordinates() {
    return outputCoordinates.clone();
  }

  /** The int8 input codes that enter the sum (taps outside the image are left out). */
  public int[] inputs() {
    return x.clone();
  }

  /** The int8 weight codes, in the same order as {@link #inputs()}. */
  public int[] weights() {
    return w.clone();
  }

  public int inputZeroPoint() {
    return inputZeroPoint;
  }

  public int weightZeroPoint() {
    return weightZeroPoint;
  }

  /** The int32 terms {@code (w - weightZeroPoint) * (x - inputZeroPoint)}. */
  public int[] products() {
    return products.clone();
  }

  /** The sum of the products, before the bias. */
  public int sum() {
    return sum;
  }

  /** The int32 bias (0 when the operator has none). */
  public int bias() {
    return bias;
  }

  /** {@code sum + bias}: the accumulator that is requantized. */
  public int accumulator() {
    return accumulator;
  }

  /** {@code inputScale * weightScale / outputScale} in double. */
  public double realMultiplier() {
    return realMultiplier;
  }

  /** The Q31 multiplier and shift of the reference scheme. */
  public QuantizedMultiplier multiplier() {
    return multiplier;
  }

  /** The reference result before the zero point: {@code MultiplyByQuantizedMultiplier(acc)}. */
  public int referenceScaled() {
    return referenceScaled;
  }

  /** The reference scheme's output code. */
  public int referenceQ() {
    return referenceQ;
  }

  /** The float32 scale of the XNNPACK scheme. */
  public float xnnpackScale() {
    return xnnpackScale;
  }

  /** The XNNPACK scheme's output code. */
  public int xnnpackQ() {
    return xnnpackQ;
  }

  public int zeroPoint() {
    return zeroPoint;
  }

  /** {@code {qmin, qmax}} of the fused activation in the interpreter's mode. */
  public int[] clamp() {
    return (mode == Requantization.REFERENCE ? referenceClamp : xnnpackClamp).clone();
  }

  /** The output code in the interpreter's mode (what {@link Interpreter#run} produced). */
  public int q() {
    return q;
  }

  /** The dequantized output {@code outputScale * (q - zeroPoint)}. */
  public double xHat() {
    return outputScale * (double) (q - zeroPoint);
  }

  public Requantization mode() {
    return mode;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s (operator %d), output %s (flat index %d)%n",
        operator, operatorIndex, Arrays.toString(outputCoordinates), outputIndex));
    sb.append(String.format(Locale.ROOT,
        "  sum over %d terms of (w - (%d)) * (x - (%d)):%n", x.length, weightZeroPoint,
        inputZeroPoint));
    int n = x.length;
    for (int k = 0; k < n; k++) {
      if (n > 8 && k == 5) {
        sb.append(String.format(Locale.ROOT, "    ... %d more terms ...%n", n - 7));
        k = n - 2;
      }
      sb.append(String.format(Locale.ROOT, "    %-14s w=%4d  x=%4d  (%4d) * (%4d) = %7d%n",
          termLabels[k], w[k], x[k], w[k] - weightZeroPoint, x[k] - inputZeroPoint,
          products[k]));
    }
    sb.append(String.format(Locale.ROOT, "  sum             = %d%n", sum));
    sb.append(String.format(Locale.ROOT, "  + bias %-8d = %d   (int32 accumulator)%n", bias,
        accumulator));
    sb.append(String.format(Locale.ROOT,
        "  real multiplier M = inputScale * weightScale / outputScale = %.10g%n",
        realMultiplier));
    int shift = multiplier.shift();
    sb.append(String.format(Locale.ROOT,
        "  REFERENCE (gemmlowp): M = m * 2^(shift-31), m = %d (Q31 %.9f), shift = %d%n",
        multiplier.multiplier(), multiplier.multiplier() / (double) (1L << 31), shift));
    sb.append(String.format(Locale.ROOT,
        "    SaturatingRoundingDoublingHighMul(%d * 2^%d, m) = %d%n", accumulator,
        Math.max(shift, 0), highMul));
    sb.append(String.format(Locale.ROOT, "    RoundingDivideByPOT(%d, %d) = %d%n", highMul,
        Math.max(-shift, 0), referenceScaled));
    sb.append(String.format(Locale.ROOT, "    + zeroPoint %d = %d, clamp to [%d, %d] -> q = %d%n",
        zeroPoint, referenceScaled + zeroPoint, referenceClamp[0], referenceClamp[1],
        referenceQ));
    sb.append(String.format(Locale.ROOT,
        "  XNNPACK (float32):    (float) %d * %.9g f = %.9g -> round half to even %d%n",
        accumulator, xnnpackScale, xnnpackProduct, (long) Math.rint(xnnpackProduct)));
    sb.append(String.format(Locale.ROOT, "    + zeroPoint %d, clamp to [%d, %d] -> q = %d%n",
        zeroPoint, xnnpackClamp[0], xnnpackClamp[1], xnnpackQ));
    sb.append(String.format(Locale.ROOT,
        "  output (%s mode) q = %d, xHat = %.7g * (%d - (%d)) = %.7g", mode, q, outputScale, q,
        zeroPoint, xHat()));
    return sb.toString();
  }
}
