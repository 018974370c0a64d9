package quantlab.interp;

/**
 * Float32 kernels, written like TFLite's {@code reference_ops} (NHWC layout, sums in float in
 * the natural loop order). Real runtimes (XNNPACK) sum in another order and may fuse multiply and
 * add, so float outputs agree with them within rounding, not bit for bit.
 */
final class FloatKernels {
  private FloatKernels() {}

  /** out[b, u] = act(sum_d x[b, d] * w[u, d] + bias[u]); {@code reference_ops::FullyConnected}. */
  static float[] fullyConnected(float[] x, int batches, int depth, float[] w, int units,
      float[] bias, Activation act) {
    float[] out = new float[batches * units];
    // Samples in tiles of 8 so that a weight row is read from memory once per tile (same sums,
    // same order per output as the plain loop).
    for (int b0 = 0; b0 < batches; b0 += TILE) {
      int b1 = Math.min(batches, b0 + TILE);
      for (int u = 0; u < units; u++) {
        int wo = u * depth;
        for (int b = b0; b < b1; b++) {
          int xo = b * depth;
          float acc = 0f;
          for (int d = 0; d < depth; d++) {
            acc += x[xo + d] * w[wo + d];
          }
          if (bias != null) {
            acc += bias[u];
          }
          out[b * units + u] = act.apply(acc);
        }
      }
    }
    return out;
  }

  static final int TILE = 8;

  /** {@code reference_ops::Conv}: filter [outC, fh, fw, inC]. */
  static float[] conv2d(float[] x, int[] inShape, float[] w, int[] wShape, float[] bias,
      ConvGeometry g, Activation act) {
    int batches = inShape[0];
    int inH = inShape[1];
    int inW = inShape[2];
    int inC = inShape[3];
    int outC = wShape[0];
    int fh = wShape[1];
    int fw = wShape[2];
    float[] out = new float[batches * g.outH * g.outW * outC];
    int o = 0;
    for (int b = 0; b < batches; b++) {
      for (int oy = 0; oy < g.outH; oy++) {
        for (int ox = 0; ox < g.outW; ox++) {
          int iy0 = oy * g.strideH - g.padH;
          int ix0 = ox * g.strideW - g.padW;
          for (int oc = 0; oc < outC; oc++) {
            float acc = 0f;
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
                  acc += x[xi + ic] * w[wi + ic];
                }
              }
            }
            if (bias != null) {
              acc += bias[oc];
            }
            out[o++] = act.apply(acc);
          }
        }
      }
    }
    return out;
  }

  /** {@code reference_ops::DepthwiseConv}: filter [1, fh, fw, inC * depthMultiplier]. */
  static float[] depthwiseConv2d(float[] x, int[] inShape, float[] w, int[] wShape, float[] bias,
      ConvGeometry g, int depthMultiplier, Activation act) {
    int batches = inShape[0];
    int inH = inShape[1];
    int inW = inShape[2];
    int inC = inShape[3];
    int fh = wShape[1];
    int fw = wShape[2];
    int outC = wShape[3];
    float[] out = new float[batches * g.outH * g.outW * outC];
    for (int b = 0; b < batches; b++) {
      for (int oy = 0; oy < g.outH; oy++) {
        for (int ox = 0; ox < g.outW; ox++) {
          int iy0 = oy * g.strideH - g.padH;
          int ix0 = ox * g.strideW - g.padW;
          for (int ic = 0; ic < inC; ic++) {
            for (int m = 0; m < depthMultiplier; m++) {
              int oc = ic * depthMultiplier + m;
              float acc = 0f;
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
                  acc += x[((b * inH + iy) * inW + ix) * inC + ic] * w[(ky * fw + kx) * outC + oc];
                }
              }
              if (bias != null) {
                acc += bias[oc];
              }
              out[((b * g.outH + oy) * g.outW + ox) * outC + oc] = act.apply(acc);
            }
          }
        }
      }
    }
    return out;
  }

  /** {@code reference_ops::AveragePool} / {@code MaxPool}: only in-image taps count. */
  static float[] pool(float[] x, int[] inShape, ConvGeometry g, int fh, int fw, boolean max,
      Activation act) {
    int batches = inShape[0];
    int inH = inShape[1];
    int inW = inShape[2];
    int c = inShape[3];
    float[] out = new float[batches * g.outH * g.outW * c];
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
            float acc = max ? Float.NEGATIVE_INFINITY : 0f;
            int count = 0;
            for (int ky = ky0; ky < ky1; ky++) {
              for (int kx = kx0; kx < kx1; kx++) {
                float v = x[((b * inH + iy0 + ky) * inW + ix0 + kx) * c + ch];
                acc = max ? Math.max(acc, v) : acc + v;
                count++;
              }
            }
            float r = max ? acc : acc / count;
            out[((b * g.outH + oy) * g.outW + ox) * c + ch] = act.apply(r);
          }
        }
      }
    }
    return out;
  }

  /** {@code reference_ops::Softmax} (float) over the last dimension of size {@code depth}. */
  static float[] softmax(float[] x, int depth, float beta) {
    float[] out = new float[x.length];
    for (int o = 0; o < x.length; o += depth) {
      float max = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < depth; c++) {
        max = Math.max(max, x[o + c]);
      }
      float sum = 0f;
      for (int c = 0; c < depth; c++) {
        float e = (float) Math.exp((x[o + c] - max) * beta);
        out[o + c] = e;
        sum += e;
      }
      for (int c = 0; c < depth; c++) {
        out[o + c] = out[o + c] / sum;
      }
    }
    return out;
  }

  /** Broadcasting element-wise ADD with a fused activation. */
  static float[] add(float[] a, int[] aShape, float[] b, int[] bShape, int[] outShape,
      Activation act) {
    int n = Shapes.count(outShape);
    float[] out = new float[n];
    int[] ai = Shapes.broadcastIndex(aShape, outShape);
    int[] bi = Shapes.broadcastIndex(bShape, outShape);
    for (int i = 0; i < n; i++) {
      out[i] = act.apply(a[ai[i]] + b[bi[i]]);
    }
    return out;
  }
}
