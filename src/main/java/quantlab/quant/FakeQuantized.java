package quantlab.quant;

/**
 * The result of fake-quantizing: {@code xHat} (real values that lie on the quantization grid), the
 * parameters used, and how many values were clipped.
 *
 * @param xHat the dequantized values, same length and shape as {@code x}
 * @param params the scale(s) and zero point(s) used
 * @param clippedCount how many values of {@code x} were outside the representable range
 */
public record FakeQuantized(float[] xHat, QuantParams params, long clippedCount) {
  /** {@code clippedCount} over the number of values (0 when empty). */
  public double clippedFraction() {
    return xHat.length == 0 ? 0 : (double) clippedCount / xHat.length;
  }

  @Override
  public String toString() {
    return "FakeQuantized{" + params + ", clipped=" + clippedCount + ", xHat="
        + Check.preview(xHat) + "}";
  }
}
