package quantlab.interp;

/**
 * Int8 kernels, following TFLite's {@code reference/integer_ops/*.h}: accumulate
 * {@code (w - weightZeroPoint) * (x - inputZeroPoint)} in int32, add the int32 bias, requantize
 * with the chosen {@link Requantizer}. The accumulator is the same integer in every runtime;
 * only the requantization differs.
 */
final class Int8Kernels {
  private Int8Kernels() {}

  /** {@code integer_ops/fully_connected.h}: weights [units, depth], bias [units]. */
  static byte[] fullyConnected(byte[] x, int batches, int depth, int inputZeroPoint, byte[] w,
      int units, int[] weightZeroPoints, int[] bias, Requantizer rq) {
    byte[] out = new byte[batches * units];
    // Samples in tiles so that a weight row is read from memory once per tile.
    for (int b0 = 0; b0 < batches; b0 += FloatKernels.TILE) {
      int b1 = Math.min(batches, b0 + FloatKernels.TILE);
      for (int u = 0; u < units; u++) {
        int wzp = weightZeroPoints.length == 0 ? 0
            : weightZeroPoints[weightZeroPoints.length == 1 ? 0 : u];
        int wo = u * depth;
        for (int b = b0; b < b1; b++) {
          int xo = b * depth;
          int acc = 0;
          for (int d = 0; d < depth; d++) {
            acc += (w[wo + d] - wzp) * (x[xo + d] - inputZeroPoint);
          }
          if (bias != null) {
            acc += bias[u];
          }
          out[b * units + u] = (byte) rq.apply(acc, u);
        }
      }
    }
    return out;
  }

  /** {@code integer_ops/conv.h} ({@code ConvPerChannel}): filter [outC, fh, fw, inC]. */
  static byte[] conv2d(byte[] x, int[] inShape, int inputZeroPoint, byte[] w, int[] wShape,
      int[] weightZeroPoints, int[] bias, ConvGeometry g, Requantizer rq) {
    int batches = inShape[0];
    int inH = inShape[1];
    int inW = inShape[2];
    int inC = inShape[3];
    int outC = wShape[0];
    int fh = wShape[1];
    int fw = wShape[2];
    byte[] out = new byte[batches * g.outH * g.outW * outC];
    int o = 0;
    for (int b = 0; b < batches; b++) {
      for (int oy = 0; oy < g.outH; oy++) {
        for (int ox = 0; ox < g.outW; ox++) {
          int iy0 = oy * g.strideH - g.padH;
          int ix0 = ox * g.strideW - g.padW;
          for (int oc = 0; oc < outC; oc++) {
            int wzp = zp(weightZeroPoints, oc);
            int acc = 0;
            for (int ky = 0; ky < fh; ky++) {
              int iy = iy0 + g.dilationH * ky;
              if (iy < 0 || iy >= inH) {
                continue;
              }
              for (int kx = 0; kx < fw; kx++) {
                int ix = ix0 + g.dilationW * kx;
                if (ix < 0 || ix >= inW) {
                  continue;
                }
                int xi = ((b * inH + iy) * inW + ix) * inC;
                int wi = ((oc * fh + ky) * fw + kx) * inC;
                for (int ic = 0; ic < inC; ic++) {
                  acc += (w[wi + ic] - wzp) * (x[xi + ic] - inputZeroPoint);
                }
              }
            }
            if (bias != null) {
              acc += bias[oc];
            }
            out[o++] = (byte) rq.apply(acc, oc);
          }
        }
      }
    }
    return out;
  }

  /** {@code integer_ops/depthwise_conv.h}: filter [1, fh, fw, inC * depthMultiplier]. */
  static byte[] depthwiseConv2d(byte[] x, int[] inShape, int inputZeroPoint, byte[] w,
      int[] wShape, int[] weightZeroPoints, int[] bias, ConvGeometry g, int depthMultiplier,
      Requantizer rq) {
    int batches = inShape[0];
    int inH = inShape[1];
    int inW = inShape[2];
    int inC = inShape[3];
    int fh = wShape[1];
    int fw = wShape[2];
    int outC = wShape[3];
    byte[] out = new byte[batches * g.outH * g.outW * outC];
    for (int b = 0; b < batches; b++) {
      for (int oy = 0; oy < g.outH; oy++) {
        for (int ox = 0; ox < g.outW; ox++) {
          int iy0 = oy * g.strideH - g.padH;
          int ix0 = ox * g.strideW - g.padW;
          for (int ic = 0; ic < inC; ic++) {
            for (int m = 0; m < depthMultiplier; m++) {
              int oc = ic * depthMultiplier + m;
              int wzp = zp(weightZeroPoints, oc);
              int acc = 0;
              for (int ky = 0; ky < fh; ky++) {
                int iy = iy0 + g.dilationH * ky;
                if (iy < 0 || iy >= inH) {
                  continue;
                }
                for (int kx = 0; kx < fw; kx++) {
                  int ix = ix0 + g.dilationW * kx;
                  if (ix < 0 || ix >= inW) {
                    continue;
                  }
                  acc += (w[(ky * fw + kx) * outC + oc] - wzp)
                      * (x[((b * inH + iy) * inW + ix) * inC + ic] - inputZeroPoint);
                }
              }
              if (bias != null) {
                acc += bias[oc];
              }
              out[((b * g.outH + oy) * g.outW + ox) * outC + oc] = (byte) rq.apply(acc, oc);
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * {@code integer_ops/pooling.h}: MAX is the largest code; AVERAGE is the sum of in-image codes
   * divided by their count, rounded half away from zero ({@code (acc +- count/2) / count}), in
   * both modes (XNNPACK does not take int8 average pools; TFLite's own kernel rounds the same).
   */
  static byte[] pool(byte[] x, int[] inShape, ConvGeometry g, int fh, int fw, boolean max,
      int actMin, int actMax) {
    int batches = inShape[0];
    int inH = inShape[1];
    int inW = inShape[2];
    int c = inShape[3];
    byte[] out = new byte[batches * g.outH * g.outW * c];
    for (int b = 0; b < batches; b++) {
      for (int oy = 0; oy < g.outH; oy++) {
        for (int ox = 0; ox < g.outW; ox++) {
          int iy0 = oy * g.strideH - g.padH;
          int ix0 = ox * g.strideW - g.padW;
          int ky0 = Math.max(0, -iy0);
          int ky1 = Math.min(fh, inH - iy0);
          int kx0 = Math.max(0, -ix0);
          int kx1 = Math.min(fw, inW - ix0);
          for (int ch = 0; ch < c; ch++) {
            int acc = max ? -128 : 0;
            int count = 0;
            for (int ky = ky0; ky < ky1; ky++) {
              for (int kx = kx0; kx < kx1; kx++) {
                int v = x[((b * inH + iy0 + ky) * inW + ix0 + kx) * c + ch];
                acc = max ? Math.max(acc, v) : acc + v;
                count++;
              }
            }
            if (!max) {
              acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
            }
            acc = Math.max(actMin, Math.min(actMax, acc));
            out[((b * g.outH + oy) * g.outW + ox) * c + ch] = (byte) acc;
          }
        }
      }
    }
    return out;
  }

  /**
   * float32 to int8. REFERENCE ({@code reference_ops::AffineQuantize}):
   * {@code clamp(TfLiteRound(x / scale) + zeroPoint)} with the division in float. XNNPACK
   * ({@code f32-qs8-vcvt}): {@code clamp(rint(x * (1f / scale)) + zeroPoint)}.
   */
  static byte[] quantize(float[] x, float scale, int zeroPoint, Requantization mode) {
    byte[] out = new byte[x.length];
    float inv = 1.0f / scale;
    for (int i = 0; i < x.length; i++) {
      double r = mode == Requantization.REFERENCE
          ? Requant.roundHalfAwayFromZero(x[i] / scale)
          : Math.rint(Math.max(-128f - zeroPoint, Math.min(127f - zeroPoint, x[i] * inv)));
      double q = r + zeroPoint;
      out[i] = (byte) Math.max(-128, Math.min(127, q));
    }
    return out;
  }

  /**
   * int8 to float32. REFERENCE ({@code reference_ops::Dequantize}, scale held as double):
   * {@code (float) (scale * (q - zeroPoint))}; XNNPACK ({@code qs8-f32-vcvt}):
   * {@code (float) (q - zeroPoint) * scale} in float.
   */
  static float[] dequantize(byte[] q, float scale, int zeroPoint, Requantization mode) {
    float[] out = new float[q.length];
    for (int i = 0; i < q.length; i++) {
      out[i] = mode == Requantization.REFERENCE
          ? (float) ((double) scale * (q[i] - zeroPoint))
          : (float) (q[i] - zeroPoint) * scale;
    }
    return out;
  }

  /**
   * Int8 ADD with broadcasting. REFERENCE ({@code integer_ops/add.h}, prepared by
   * {@code add.cc}): inputs shifted left by 20 bits, each rescaled by its Q31 multiplier
   * {@code scale_i / (2 max(scale_1, scale_2))}, summed, then rescaled by
   * {@code 2 max(scale) / (2^20 outputScale)}. XNNPACK ({@code qs8-vadd} scalar kernel,
   * {@code xnn_init_qs8_add_minmax_scalar_params}): integer multipliers
   * {@code lrintf(scale_i / outputScale * 2^shift)} with {@code shift = 20 - exponent(max)},
   * {@code (bias + a * ma + b * mb) >> shift}, then zero point and clamp.
   */
  static byte[] add(byte[] a, int[] aShape, float aScale, int aZp, byte[] b, int[] bShape,
      float bScale, int bZp, int[] outShape, float outScale, int outZp, Activation act,
      Requantization mode) {
    int n = Shapes.count(outShape);
    byte[] out = new byte[n];
    int[] ai = Shapes.broadcastIndex(aShape, outShape);
    int[] bi = Shapes.broadcastIndex(bShape, outShape);
    if (mode == Requantization.REFERENCE) {
      int[] range = Requant.activationRangeReference(act, outScale, outZp, -128, 127);
      int leftShift = 20;
      double twiceMax = 2 * Math.max(aScale, bScale);
      QuantizedMultiplier m1 = QuantizedMultiplier.of(aScale / twiceMax);
      QuantizedMultiplier m2 = QuantizedMultiplier.of(bScale / twiceMax);
      QuantizedMultiplier mo = QuantizedMultiplier.of(twiceMax / ((1 << leftShift) * (double) outScale));
      for (int i = 0; i < n; i++) {
        int v1 = (a[ai[i]] - aZp) * (1 << leftShift);
        int v2 = (b[bi[i]] - bZp) * (1 << leftShift);
        int s1 = Requant.multiplyByQuantizedMultiplierSmallerThanOneExp(v1, m1.multiplier(), m1.shift());
        int s2 = Requant.multiplyByQuantizedMultiplierSmallerThanOneExp(v2, m2.multiplier(), m2.shift());
        int raw = Requant.multiplyByQuantizedMultiplierSmallerThanOneExp(s1 + s2, mo.multiplier(),
            mo.shift()) + outZp;
        out[i] = (byte) Math.max(range[0], Math.min(range[1], raw));
      }
      return out;
    }
    int[] range = Requant.activationRangeXnnpack(act, outScale, outZp, -128, 127);
    float aOut = aScale / outScale;
    float bOut = bScale / outScale;
    float maxScale = Math.max(aOut, bOut);
    int maxExp = (Float.floatToRawIntBits(maxScale) >>> 23) - 127;
    int shift = 20 - maxExp;
    int ma = (int) Math.rint(Float.intBitsToFloat(Float.floatToRawIntBits(aOut) + (shift << 23)));
    int mb = (int) Math.rint(Float.intBitsToFloat(Float.floatToRawIntBits(bOut) + (shift << 23)));
    int bias = (1 << (shift - 1)) - ma * aZp - mb * bZp;
    for (int i = 0; i < n; i++) {
      int acc = bias + a[ai[i]] * ma + b[bi[i]] * mb;
      int v = (acc >> shift) + outZp;
      out[i] = (byte) Math.max(range[0], Math.min(range[1], v));
    }
    return out;
  }

  static int zp(int[] zps, int channel) {
    return zps.length == 0 ? 0 : zps[zps.length == 1 ? 0 : channel];
  }
}
