package quantlab.quant;

import quantlab.quant.internal.QuantKernels;
import java.util.Arrays;

/**
 * Integer codes {@code q} of a tensor together with the {@link QuantParams} that map them back to
 * real values, and how many values were clipped on the way in. Immutable.
 *
 * <p>Example: {@code Quant.int8(new float[] {-1f, 0f, 0.5f, 1f})} holds codes
 * {@code [-128, -1, 63, 126]} with {@code scale = 0.007843138} and {@code zeroPoint = -1};
 * {@code dequantize()} gives {@code [-0.9960785, 0.0, 0.5019608, 0.9960785]}.
 */
public final class QuantizedTensor {
  private final Shape shape;
  private final QuantParams params;
  private final int[] q;
  private final long clipped;

  QuantizedTensor(Shape shape, QuantParams params, int[] q, long clipped) {
    this.shape = shape;
    this.params = params;
    this.q = q;
    this.clipped = clipped;
  }

  /**
   * Wraps codes produced elsewhere (a file, a packed buffer); checks each code is within the
   * format and the parameters fit the shape.
   */
  public static QuantizedTensor of(Shape shape, QuantParams params, int[] q) {
    Check.notNull("shape", shape);
    Check.notNull("params", params);
    Check.notNull("q", q);
    Check.shapeMatches("q", q.length, shape);
    params.layoutFor(shape);
    IntFormat f = params.format();
    for (int i = 0; i < q.length; i++) {
      if (!f.contains(q[i])) {
        throw new IllegalArgumentException(
            "q[" + i + "] must be in [" + f.qmin() + ", " + f.qmax() + "] for " + f + ", got "
                + q[i]);
      }
    }
    return new QuantizedTensor(shape, params, q.clone(), 0);
  }

  public Shape shape() {
    return shape;
  }

  public QuantParams params() {
    return params;
  }

  public IntFormat format() {
    return params.format();
  }

  public int bits() {
    return params.bits();
  }

  /** Number of codes. */
  public int size() {
    return q.length;
  }

  /** Code {@code i}. */
  public int q(int i) {
    return q[i];
  }

  /** A copy of all codes. */
  public int[] q() {
    return q.clone();
  }

  /**
   * The codes as bytes, one per code, as TFLite stores int8 and uint8 tensors: {@code (byte) q},
   * so a uint8 code 200 is the byte {@code -56} (bit pattern {@code 0xC8}). Codes of fewer bits
   * take one byte each too; {@link quantlab.pack.BitPacking} packs them densely.
   *
   * <p>Example: int8 codes {@code [-128, -1, 63, 126]} give the bytes {@code [-128, -1, 63,
   * 126]}; uint8 codes {@code [0, 255]} give {@code [0, -1]}.
   *
   * @throws IllegalStateException if the codes take more than 8 bits
   */
  public byte[] toBytes() {
    if (params.bits() > 8) {
      throw new IllegalStateException(
          "toBytes needs codes of at most 8 bits, this tensor's are " + params.format());
    }
    byte[] b = new byte[q.length];
    for (int i = 0; i < q.length; i++) {
      b[i] = (byte) q[i];
    }
    return b;
  }

  /** How many values were outside the representable range and were clipped. */
  public long clippedCount() {
    return clipped;
  }

  /** {@link #clippedCount()} over the number of values (0 when empty). */
  public double clippedFraction() {
    return q.length == 0 ? 0 : (double) clipped / q.length;
  }

  /** {@code xHat = scale * (q - zeroPoint)} for every code, with each code's own parameters. */
  public float[] dequantize() {
    float[] xHat = new float[q.length];
    params.layoutFor(shape).forEachRun(
        (from, to, p) ->
            QuantKernels.dequantize(q, from, to, params.scale(p), params.zeroPoint(p), xHat));
    return xHat;
  }

  /** How many bits the codes take when packed densely: {@code size() * bits()}. */
  public long packedBits() {
    return (long) q.length * params.bits();
  }

  /**
   * {@code QuantizedTensor{int8 [4], scale=0.0078431, zeroPoint=-1, clipped=0, q=[-128, -1, 63,
   * 126]}}; long tensors show their first and last codes.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("QuantizedTensor{").append(params.format()).append(' ')
        .append(shape).append(", ");
    if (params.count() > 1) {
      sb.append(params.granularity()).append(", ");
    }
    sb.append(params.describeValues());
    sb.append(", clipped=").append(clipped);
    if (clipped > 0) {
      sb.append(String.format(java.util.Locale.ROOT, " (%.2f%%)", 100 * clippedFraction()));
    }
    sb.append(", q=");
    if (q.length <= 8) {
      sb.append(Arrays.toString(q));
    } else {
      sb.append('[').append(q[0]).append(", ").append(q[1]).append(", ").append(q[2])
          .append(", ..., ").append(q[q.length - 1]).append(']');
    }
    return sb.append('}').toString();
  }
}
