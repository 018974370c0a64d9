package quantlab.quant;

import java.util.SplittableRandom;

/**
 * The inner loops of quantize, dequantize and fake-quantize over a run of values that share one
 * scale and zero point. Public so that benchmarks and exporters can call them on their own arrays;
 * most code should use {@link Quantizer} or {@link Quant}.
 *
 * <p>Arithmetic is float32, as in TensorFlow Lite: {@code v = x / scale} is one float division,
 * rounded by {@link Rounding}, then {@code zeroPoint} is added and the code clamped. Each
 * quantize method returns how many values fell outside {@code [qmin, qmax]} and were clipped.
 */
public final class QuantKernels {
  private QuantKernels() {}

  /**
   * The code of one value: {@code clamp(round(x / scale)
   * + zeroPoint, qmin, qmax)}. NaN must be handled by the caller.
   *
   * <p>Example: {@code code(0.3f, 0.1f, 0, -8, 7, Rounding.HALF_TO_EVEN, null)} is {@code 3}.
   */
  public static int code(
      float x, float scale, int zeroPoint, int qmin, int qmax, Rounding rounding,
      SplittableRandom rng) {
    double t = rounding.round(x / scale, rng) + zeroPoint;
    return t < qmin ? qmin : t > qmax ? qmax : (int) t;
  }

  /**
   * Quantizes {@code x[from..to)} into {@code q[from..to)}.
   *
   * @return how many values were clipped to {@code qmin} or {@code qmax}
   * @throws IllegalArgumentException for a NaN under {@link NanPolicy#REJECT}, naming its index
   */
  public static long quantize(
      float[] x, int from, int to, float scale, int zeroPoint, int qmin, int qmax,
      Rounding rounding, SplittableRandom rng, NanPolicy nanPolicy, int[] q) {
    long clipped = 0;
    for (int i = from; i < to; i++) {
      float v = x[i];
      if (v != v) {
        q[i] = nan(i, zeroPoint, nanPolicy);
        continue;
      }
      double t = rounding.round(v / scale, rng) + zeroPoint;
      if (t < qmin) {
        q[i] = qmin;
        clipped++;
      } else if (t > qmax) {
        q[i] = qmax;
        clipped++;
      } else {
        q[i] = (int) t;
      }
    }
    return clipped;
  }

  /**
   * Quantizes {@code x[from..to)} into bytes for formats of at most 8 bits; an unsigned code
   * {@code q} is stored as {@code (byte) q}, the raw 8-bit pattern TFLite's uint8 tensors use.
   *
   * @return how many values were clipped
   */
  public static long quantize(
      float[] x, int from, int to, float scale, int zeroPoint, int qmin, int qmax,
      Rounding rounding, SplittableRandom rng, NanPolicy nanPolicy, byte[] q) {
    if (qmin < -128 || qmax > 255) {
      throw new IllegalArgumentException(
          "byte output holds codes of at most 8 bits, got [" + qmin + ", " + qmax + "]");
    }
    long clipped = 0;
    for (int i = from; i < to; i++) {
      float v = x[i];
      if (v != v) {
        q[i] = (byte) nan(i, zeroPoint, nanPolicy);
        continue;
      }
      double t = rounding.round(v / scale, rng) + zeroPoint;
      if (t < qmin) {
        q[i] = (byte) qmin;
        clipped++;
      } else if (t > qmax) {
        q[i] = (byte) qmax;
        clipped++;
      } else {
        q[i] = (byte) (int) t;
      }
    }
    return clipped;
  }

  /** {@code xHat[i] = scale * (q[i] - zeroPoint)} for {@code i} in {@code [from, to)}. */
  public static void dequantize(
      int[] q, int from, int to, float scale, int zeroPoint, float[] xHat) {
    for (int i = from; i < to; i++) {
      xHat[i] = (float) (q[i] - zeroPoint) * scale;
    }
  }

  /**
   * Dequantizes byte codes; {@code unsigned} reads each byte as {@code 0..255} (uint8 tensors),
   * otherwise as {@code -128..127}.
   */
  public static void dequantize(
      byte[] q, int from, int to, float scale, int zeroPoint, boolean unsigned, float[] xHat) {
    if (unsigned) {
      for (int i = from; i < to; i++) {
        xHat[i] = (float) ((q[i] & 0xFF) - zeroPoint) * scale;
      }
    } else {
      for (int i = from; i < to; i++) {
        xHat[i] = (float) (q[i] - zeroPoint) * scale;
      }
    }
  }

  /**
   * {@code xHat[i] = scale * (q(x[i]) - zeroPoint)}, quantize and dequantize in one pass.
   *
   * @return how many values were clipped
   */
  public static long fakeQuantize(
      float[] x, int from, int to, float scale, int zeroPoint, int qmin, int qmax,
      Rounding rounding, SplittableRandom rng, NanPolicy nanPolicy, float[] xHat) {
    long clipped = 0;
    for (int i = from; i < to; i++) {
      float v = x[i];
      int q;
      if (v != v) {
        q = nan(i, zeroPoint, nanPolicy);
      } else {
        double t = rounding.round(v / scale, rng) + zeroPoint;
        if (t < qmin) {
          q = qmin;
          clipped++;
        } else if (t > qmax) {
          q = qmax;
          clipped++;
        } else {
          q = (int) t;
        }
      }
      xHat[i] = (float) (q - zeroPoint) * scale;
    }
    return clipped;
  }

  private static int nan(int i, int zeroPoint, NanPolicy nanPolicy) {
    if (nanPolicy == NanPolicy.REJECT) {
      throw new IllegalArgumentException(
          "x[" + i + "] is NaN; quantizing rejects NaN (NanPolicy.TO_ZERO maps it to 0.0)");
    }
    return zeroPoint;
  }
}
