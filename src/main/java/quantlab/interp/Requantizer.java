package quantlab.interp;

/**
 * The requantization of one operator's output (per tensor or per output channel), precomputed
 * for one {@link Requantization} mode, with the fused activation's clamp.
 */
final class Requantizer {
  final Requantization mode;
  final double[] real;
  final QuantizedMultiplier[] qm;
  final float[] xnnScale;
  final int zeroPoint;
  final int min;
  final int max;

  /**
   * @param inputScale the input activation scale
   * @param weightScales one scale (per tensor) or one per output channel
   */
  Requantizer(Requantization mode, float inputScale, float[] weightScales, float outputScale,
      int outputZeroPoint, Activation act) {
    this.mode = mode;
    int n = weightScales.length;
    real = new double[n];
    qm = new QuantizedMultiplier[n];
    xnnScale = new float[n];
    for (int c = 0; c < n; c++) {
      real[c] = Requant.referenceMultiplier(inputScale, weightScales[c], outputScale);
      qm[c] = QuantizedMultiplier.of(real[c]);
      xnnScale[c] = Requant.xnnpackScale(inputScale, weightScales[c], outputScale);
    }
    zeroPoint = outputZeroPoint;
    int[] range = mode == Requantization.REFERENCE
        ? Requant.activationRangeReference(act, outputScale, outputZeroPoint, -128, 127)
        : Requant.activationRangeXnnpack(act, outputScale, outputZeroPoint, -128, 127);
    min = range[0];
    max = range[1];
  }

  int apply(int acc, int channel) {
    int c = qm.length == 1 ? 0 : channel;
    if (mode == Requantization.REFERENCE) {
      QuantizedMultiplier q = qm[c];
      int v = Requant.multiplyByQuantizedMultiplier(acc, q.multiplier(), q.shift()) + zeroPoint;
      return Math.max(min, Math.min(max, v));
    }
    return Requant.requantizeXnnpack(acc, xnnScale[c], zeroPoint, min, max);
  }
}
