package quantlab.tfref;

/**
 * TensorFlow's {@code Nudge} (tensorflow/core/kernels/fake_quant_ops_functor.h): how the FakeQuant
 * ops move {@code [min, max]} so that 0.0 falls exactly on a code. In float32:
 *
 * <pre>
 *   scale          = (max - min) / (quantMax - quantMin)
 *   invScale       = (quantMax - quantMin) / (max - min)
 *   zeroPointFromMin = quantMin - min / scale
 *   zeroPoint      = clamp(std::round(zeroPointFromMin), quantMin, quantMax)
 *   nudgedMin      = (quantMin - zeroPoint) * scale
 *   nudgedMax      = (quantMax - zeroPoint) * scale
 *   quantZero      = floor(-nudgedMin * invScale + 0.5)
 * </pre>
 *
 * <p>with {@code quantMin = narrowRange ? 1 : 0} and {@code quantMax = 2^numBits - 1}.
 *
 * <p>Example: {@code FakeQuantNudge.of(-1.5f, 2.5f, 8, false)} has {@code scale = 0.015686275}
 * (4/255), {@code zeroPoint = 96} (from 95.62499), {@code nudgedMin = -1.5058825} and
 * {@code nudgedMax = 2.4941177}. Explained in lesson 08.
 */
public record FakeQuantNudge(
    int quantMin, int quantMax, float scale, float invScale, int zeroPoint, float nudgedMin,
    float nudgedMax, float quantZero) {

  /** The nudge of {@code [min, max]} for {@code numBits} in [2, 16]. */
  public static FakeQuantNudge of(float min, float max, int numBits, boolean narrowRange) {
    TfOps.checkNumBits(numBits);
    int quantMin = narrowRange ? 1 : 0;
    int quantMax = (1 << numBits) - 1;
    float qminF = quantMin;
    float qmaxF = quantMax;
    float scale = Cpp.div(Cpp.sub(max, min), qmaxF - qminF);
    float invScale = Cpp.div(qmaxF - qminF, Cpp.sub(max, min));
    float zeroPointFromMin = Cpp.sub(qminF, Cpp.div(min, scale));
    int zeroPoint;
    if (Cpp.lt(zeroPointFromMin, qminF)) {
      zeroPoint = quantMin;
    } else if (Cpp.lt(qmaxF, zeroPointFromMin)) {
      zeroPoint = quantMax;
    } else {
      // static_cast<uint16>(std::round(z)); a NaN z converts to 0 on x86-64.
      zeroPoint = Cpp.toInt(Cpp.round(zeroPointFromMin)) & 0xFFFF;
    }
    float nudgedMin = Cpp.mul(qminF - zeroPoint, scale);
    float nudgedMax = Cpp.mul(qmaxF - zeroPoint, scale);
    float quantZero = Cpp.floor(Cpp.add(Cpp.mul(-nudgedMin, invScale), 0.5f));
    return new FakeQuantNudge(
        quantMin, quantMax, scale, invScale, zeroPoint, nudgedMin, nudgedMax, quantZero);
  }

  /** {@code clamp(x, nudgedMin, nudgedMax) - nudgedMin}, with std::min/max NaN behaviour. */
  float clampShifted(float x) {
    return Cpp.sub(Cpp.max(Cpp.min(x, nudgedMax), nudgedMin), nudgedMin);
  }

  /** FakeQuantWithMinMaxArgs and ...PerChannel: multiply by {@code invScale}. */
  float fakeQuantMultiply(float x) {
    return Cpp.mul(
        Cpp.floor(Cpp.add(Cpp.sub(Cpp.mul(clampShifted(x), invScale), quantZero), 0.5f)), scale);
  }

  /** FakeQuantWithMinMaxVars: divide by {@code scale}. */
  float fakeQuantDivide(float x) {
    return Cpp.mul(
        Cpp.floor(Cpp.add(Cpp.sub(Cpp.div(clampShifted(x), scale), quantZero), 0.5f)), scale);
  }
}
