package quantlab.quant.internal;

import java.util.SplittableRandom;
import quantlab.quant.NanPolicy;
import quantlab.quant.Rounding;

/**
 * The inner loops of quantize, dequantize and fake-quantize over a run of values that share one
 * scale and zero point. Internal: public so that quantlab's other packages, exporters and the
 * benchmarks can call them on their own arrays; learners and most code use {@link
 * quantlab.quant.Quantizer}, {@link quantlab.quant.Quant} and {@link quantlab.quant.QuantParams}.
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
    if (fastPathApplies(from, to, zeroPoint, qmin, qmax, rounding)) {
      long clipped = quantizeFast(x, from, to, scale, zeroPoint, qmin, qmax, rounding, q, null);
      if (clipped >= 0) {
        return clipped;
      }
    }
    return quantizeGeneric(x, from, to, scale, zeroPoint, qmin, qmax, rounding, rng, nanPolicy, q);
  }

  static long quantizeGeneric(
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
    if (fastPathApplies(from, to, zeroPoint, qmin, qmax, rounding)) {
      long clipped = quantizeFast(x, from, to, scale, zeroPoint, qmin, qmax, rounding, null, q);
      if (clipped >= 0) {
        return clipped;
      }
    }
    return quantizeGeneric(x, from, to, scale, zeroPoint, qmin, qmax, rounding, rng, nanPolicy, q);
  }

  static long quantizeGeneric(
      float[] x, int from, int to, float scale, int zeroPoint, int qmin, int qmax,
      Rounding rounding, SplittableRandom rng, NanPolicy nanPolicy, byte[] q) {
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

  // ---------------------------------------------------------------------------------------------
  // The fast path: round to nearest (ties to even or away from zero), per run, long runs.
  //
  // It gives the same codes and clip count as the loops above, bit for bit, but is written so that
  // HotSpot's C2 (JDK 17 included) turns its main loop into SIMD code: only float arithmetic,
  // Math.min/max/abs, no branch, no float-to-int conversion, and every array in that loop indexed
  // by the same i from 0. It works on blocks of BLOCK values:
  //   1. copy the block of x into t (System.arraycopy; JDK 17 does not vectorize a loop that reads
  //      x[base + i] and writes t[i]),
  //   2. SIMD loop: f = x / scale (the same float division as the generic loop), clamp f to
  //      [a - 1, b + 1] with a = qmin - zeroPoint and b = qmax - zeroPoint, round with the magic
  //      number M = 1.5 * 2^23 (f + M rounds f to an integer, ties to even, when |f| < 2^22), clamp
  //      to [a, b], count clipped values as |r - c| (0 or 1) in a per-lane float counter, and
  //      store c + M, whose float bits are 0x4B400000 + c,
  //   3. scalar loop: code = bits - 0x4B400000 + zeroPoint, stored into the int[] or byte[].
  // NaN passes through min/max/abs as NaN, so a NaN anywhere turns a lane counter into NaN; the
  // caller then redoes the whole run with the generic loop, which applies the NaN policy.
  // Checked against the generic loop in QuantKernelsTest; measured in docs/benchmarks.md.
  // ---------------------------------------------------------------------------------------------

  /** Values per block of the fast path: 4 KB of floats, so a block stays in the L1 cache. */
  static final int BLOCK = 1024;

  /** Shorter runs use the generic loop (the block set-up would cost more than it saves). */
  static final int FAST_MIN_LENGTH = 64;

  /** 1.5 * 2^23: {@code (f + MAGIC) - MAGIC} is f rounded half to even for |f| < 2^22. */
  private static final float MAGIC = 12582912f;

  /** {@code Float.floatToRawIntBits(MAGIC)}; its low 22 bits are 0. */
  private static final int MAGIC_BITS = 0x4B400000;

  /** {@code 0.5 - 2^-25}, the largest float below one half. */
  private static final float BELOW_HALF = 0.49999997f;

  /** Whether {@link #quantizeFast} handles this run. */
  static boolean fastPathApplies(
      int from, int to, int zeroPoint, int qmin, int qmax, Rounding rounding) {
    if (rounding != Rounding.HALF_TO_EVEN && rounding != Rounding.HALF_AWAY_FROM_ZERO) {
      return false;
    }
    if (to - from < FAST_MIN_LENGTH) {
      return false;
    }
    // a - 1 and b + 1 must be exact floats far below 2^22, so the rounding trick holds.
    long a = (long) qmin - zeroPoint;
    long b = (long) qmax - zeroPoint;
    return a >= -(1 << 20) && b <= (1 << 20);
  }

  /**
   * The fast path; writes into {@code qi} or {@code qb} (the other is null).
   *
   * @return how many values were clipped, or -1 if the run holds a NaN (nothing is decided then:
   *     the caller must redo the run with the generic loop)
   */
  static long quantizeFast(
      float[] x, int from, int to, float scale, int zeroPoint, int qmin, int qmax,
      Rounding rounding, int[] qi, byte[] qb) {
    final float a = qmin - zeroPoint;
    final float b = qmax - zeroPoint;
    final float below = a - 1;
    final float above = b + 1;
    final boolean away = rounding == Rounding.HALF_AWAY_FROM_ZERO;
    final float[] t = new float[BLOCK];
    final float[] clippedPerLane = new float[BLOCK];
    for (int base = from; base < to; base += BLOCK) {
      final int n = Math.min(BLOCK, to - base);
      System.arraycopy(x, base, t, 0, n);
      if (away) {
        roundHalfAwayBlock(t, n, scale, below, above, a, b, clippedPerLane);
      } else {
        roundHalfEvenBlock(t, n, scale, below, above, a, b, clippedPerLane);
      }
      if (qb != null) {
        for (int i = 0; i < n; i++) {
          qb[base + i] = (byte) (Float.floatToRawIntBits(t[i]) - MAGIC_BITS + zeroPoint);
        }
      } else {
        for (int i = 0; i < n; i++) {
          qi[base + i] = Float.floatToRawIntBits(t[i]) - MAGIC_BITS + zeroPoint;
        }
      }
    }
    // Each lane counts at most one value per block, so it stays an exact integer in a float
    // while the run is shorter than 2^24 blocks (2^34 values).
    double clipped = 0;
    for (float c : clippedPerLane) {
      clipped += c;
    }
    return Double.isNaN(clipped) ? -1 : (long) clipped;
  }

  /** Step 2 of the fast path, ties to even: t[i] becomes MAGIC + clamp(rint(t[i] / scale)). */
  private static void roundHalfEvenBlock(
      float[] t, int n, float scale, float below, float above, float a, float b,
      float[] clippedPerLane) {
    for (int i = 0; i < n; i++) {
      float f = Math.min(Math.max(t[i] / scale, below), above);
      float r = (f + MAGIC) - MAGIC;
      float c = Math.min(Math.max(r, a), b);
      clippedPerLane[i] += Math.abs(r - c);
      t[i] = c + MAGIC;
    }
  }

  /**
   * Step 2 of the fast path, ties away from zero: rounds to even first, then moves the ties that
   * went toward zero one step away. With {@code e = f - r} (exact), a tie has {@code |e| = 0.5},
   * and it went toward zero when {@code e} and {@code f} have the same sign.
   */
  private static void roundHalfAwayBlock(
      float[] t, int n, float scale, float below, float above, float a, float b,
      float[] clippedPerLane) {
    for (int i = 0; i < n; i++) {
      float f = Math.min(Math.max(t[i] / scale, below), above);
      float r = (f + MAGIC) - MAGIC;
      float e = f - r;
      // 1 when |e| == 0.5 exactly, else 0: |e| - (0.5 - 2^-25) is 2^-25 or at most 0.
      float tie = Math.max(0f, Math.abs(e) - BELOW_HALF) * 33554432f;
      // 1 when e and f have the same sign; at a tie |e * f| >= 0.25.
      float towardZero = Math.min(Math.max(e * f, 0f) * 4f, 1f);
      r += 2f * e * tie * towardZero;
      float c = Math.min(Math.max(r, a), b);
      clippedPerLane[i] += Math.abs(r - c);
      t[i] = c + MAGIC;
    }
  }

  private static int nan(int i, int zeroPoint, NanPolicy nanPolicy) {
    if (nanPolicy == NanPolicy.REJECT) {
      throw new IllegalArgumentException(
          "x[" + i + "] is NaN; quantizing rejects NaN (NanPolicy.TO_ZERO maps it to 0.0)");
    }
    return zeroPoint;
  }
}
