package quantlab.quant;

/**
 * The short way in: one call for the common cases, with {@link #builder()} one step away for full
 * control.
 *
 * <pre>{@code
 * QuantizedTensor t = Quant.int8(weights);     // affine int8 from the weights' own min and max
 * float[] xHat = t.dequantize();               // back to real values, on the grid
 * ErrorStats e = ErrorStats.of(weights, xHat); // how much was lost
 * }</pre>
 *
 * <p>Example: {@code Quant.int8(new float[] {-1f, 0f, 0.5f, 1f})} gives
 * {@code QuantizedTensor{int8 [4], scale=0.0078431, zeroPoint=-1, clipped=0, q=[-128, -1, 63,
 * 126]}}: in float32, {@code 1 / scale} is 127.49999, so the zero point rounds to -1, not 0. Lesson 01 starts here.
 */
public final class Quant {
  private Quant() {}

  /** Affine int8 over {@code x}'s own [min, max], rounding half away from zero (as TFLite). */
  public static QuantizedTensor int8(float[] x) {
    return affine(x, 8);
  }

  /** Affine int4 ([-8, 7]) over {@code x}'s own [min, max]. */
  public static QuantizedTensor int4(float[] x) {
    return affine(x, 4);
  }

  /** Affine signed codes of {@code bits} bits over {@code x}'s own [min, max]. */
  public static QuantizedTensor affine(float[] x, int bits) {
    return Quantizer.builder().bits(bits).build().quantize(x);
  }

  /**
   * Symmetric signed codes of {@code bits} bits, narrow range (int8 is [-127, 127], zero point 0),
   * with {@code scale = max|x| / qmax}: TFLite's weight format.
   */
  public static QuantizedTensor symmetric(float[] x, int bits) {
    return Quantizer.builder().bits(bits).narrowRange(bits > 1).symmetric().build().quantize(x);
  }

  /**
   * Symmetric narrow-range codes with one scale per row of {@code w} (rows are the channels).
   * Use {@link #builder()} with {@code perChannel(axis)} for other layouts.
   */
  public static QuantizedTensor perChannel(float[][] w, int bits) {
    Check.notNull("w", w);
    int cols = w.length == 0 ? 0 : w[0].length;
    float[] flat = new float[w.length * cols];
    for (int r = 0; r < w.length; r++) {
      if (w[r].length != cols) {
        throw new IllegalArgumentException(
            "w must be rectangular: w[" + r + "].length is " + w[r].length + ", w[0].length is "
                + cols);
      }
      System.arraycopy(w[r], 0, flat, r * cols, cols);
    }
    return Quantizer.builder().bits(bits).narrowRange(bits > 1).symmetric().perChannel(0).build()
        .quantize(flat, Shape.of(w.length, cols));
  }

  /** Quantizes with given parameters (per tensor), rounding half away from zero. */
  public static QuantizedTensor quantize(float[] x, QuantParams params) {
    return Quantizer.builder().build()
        .quantize(x, Shape.vector(Check.notNull("x", x).length), params);
  }

  /** {@code xHat = scale * (q - zeroPoint)}. */
  public static float[] dequantize(QuantizedTensor t) {
    return Check.notNull("t", t).dequantize();
  }

  /** Affine fake quantization with {@code bits} bits over {@code x}'s own range: {@code xHat}. */
  public static float[] fakeQuantize(float[] x, int bits) {
    return Quantizer.builder().bits(bits).build().fakeQuantize(x).xHat();
  }

  /** Fake quantization with given per-tensor parameters, rounding half away from zero. */
  public static float[] fakeQuantize(float[] x, QuantParams params) {
    return Quantizer.builder().build()
        .fakeQuantize(x, Shape.vector(Check.notNull("x", x).length), params).xHat();
  }

  /** The builder with every setting: bits, signedness, scheme, granularity, rounding. */
  public static Quantizer.Builder builder() {
    return Quantizer.builder();
  }
}
