package quantlab.interp;

/**
 * Hybrid (dynamic-range) kernels: float32 input and output, int8 weights with symmetric
 * per-tensor or per-channel scales, float32 bias. At run time the input is quantized to int8,
 * one scale (and zero point) per batch row, the int8 x int8 products are summed exactly in int32,
 * and the sum is scaled back to float:
 *
 * <pre>
 *   acc[b, c] = sum_k w[c, k] * (q[b, k] - zeroPoint[b])                   (int32, exact)
 *   y[b, c]   = act((float) acc[b, c] * inputScale[b] * weightScale[c] + bias[c])   (float32)
 * </pre>
 *
 * <p>How the input is quantized and in which order the three float factors are multiplied depend
 * on the runtime ({@link Scheme}); the accumulator is the same integer everywhere (up to the
 * input codes). Explained in docs/interpreter.md ("Hybrid operators").
 */
final class HybridKernels {
  private HybridKernels() {}

  /** How the per-row input codes are chosen. */
  enum InputQuantization {
    /**
     * TFLite {@code tensor_utils::SymmetricQuantizeFloats}: {@code range = max|x|},
     * {@code scale = range / 127f}, {@code q = clamp(round(x * (127f / range)), -127, 127)},
     * zero point 0 (round half away from zero).
     */
    TFLITE_SYMMETRIC,
    /**
     * TFLite {@code tensor_utils::AsymmetricQuantizeFloats}: range widened to hold 0,
     * {@code scale = (max - min) / 255} in double, zero point from the end with the smaller
     * error (round half away from zero), {@code q = clamp(round(zp + x * (1f / scale)))}.
     */
    TFLITE_ASYMMETRIC,
    /**
     * XNNPACK's dynamic quantization ({@code qd8}: {@code xnn_f32_qd8_asymmetric_quantization_params}
     * and {@code f32-qs8-vcvt}): all in float32, range widened to hold 0,
     * {@code m = 255f / (max - min)}, zero point from the end with the smaller error, clamped to
     * [-128, 127] and rounded half to even, {@code scale = 1f / m},
     * {@code q = rint(clamp(x * m, -128 - zp, 127 - zp)) + zp}. (Multiplying by {@code m}, not by
     * {@code 1f / scale}, matters: the two differ in the last bit for some ranges.)
     */
    XNNPACK_QD8
  }

  /** In which order {@code (float) acc}, the input scale and the weight scale are multiplied. */
  enum Product {
    /**
     * {@code (float) acc * (inputScale * weightScale)}: TFLite's {@code tensor_utils}
     * (FULLY_CONNECTED, per-tensor CONV_2D) and reference depthwise
     * ({@code reference_integer_ops::DepthwiseConvHybridPerChannel}).
     */
    SCALES_FIRST,
    /**
     * {@code ((float) acc * weightScale) * inputScale}: TFLite's
     * {@code reference_ops::HybridConvPerChannel}.
     */
    WEIGHT_THEN_INPUT,
    /**
     * {@code ((float) acc * inputScale) * weightScale}: XNNPACK's {@code qd8-f32-qc8w} GEMM and
     * TFLite's optimized {@code DepthwiseConvHybridGeneral}.
     */
    INPUT_THEN_WEIGHT
  }

  /** One runtime's arithmetic for one hybrid operator. */
  record Scheme(InputQuantization input, Product product) {}

  /** Codes, scale and zero point of each of {@code rows} input rows of {@code size} values. */
  record QuantizedRows(byte[] q, float[] scales, int[] zeroPoints) {}

  /** Quantizes each row of {@code x} (rows * size values) as {@code how} says. */
  static QuantizedRows quantizeRows(float[] x, int rows, int size, InputQuantization how) {
    byte[] q = new byte[rows * size];
    float[] scales = new float[rows];
    int[] zps = new int[rows];
    for (int r = 0; r < rows; r++) {
      int o = r * size;
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (int i = o; i < o + size; i++) {
        min = Math.min(min, x[i]);
        max = Math.max(max, x[i]);
      }
      switch (how) {
        case TFLITE_SYMMETRIC -> symmetric(x, o, size, min, max, q, scales, r);
        case TFLITE_ASYMMETRIC -> asymmetric(x, o, size, min, max, q, scales, zps, r);
        case XNNPACK_QD8 -> qd8(x, o, size, min, max, q, scales, zps, r);
        default -> throw new AssertionError(how);
      }
    }
    return new QuantizedRows(q, scales, zps);
  }

  private static void symmetric(float[] x, int o, int size, float min, float max, byte[] q,
      float[] scales, int r) {
    float range = Math.max(Math.abs(min), Math.abs(max));
    if (range == 0f) {
      scales[r] = 1f;
      return;
    }
    scales[r] = range / 127f;
    float inv = 127f / range;
    for (int i = o; i < o + size; i++) {
      double v = Requant.roundHalfAwayFromZero(x[i] * inv);
      q[i] = (byte) Math.max(-127, Math.min(127, v));
    }
  }

  private static void asymmetric(float[] x, int o, int size, float min, float max, byte[] q,
      float[] scales, int[] zps, int r) {
    double rmin = Math.min(0.0, min);
    double rmax = Math.max(0.0, max);
    if (rmin == rmax) {
      scales[r] = 1f;
      zps[r] = 0;
      return;
    }
    double scale = (rmax - rmin) / 255.0;
    double zpFromMin = -128.0 - rmin / scale;
    double zpFromMax = 127.0 - rmax / scale;
    double errorMin = 128.0 + Math.abs(rmin / scale);
    double errorMax = 127.0 + Math.abs(rmax / scale);
    double zp = errorMin < errorMax ? zpFromMin : zpFromMax;
    int nudged = zp <= -128.0 ? -128 : zp >= 127.0 ? 127
        : (int) Requant.roundHalfAwayFromZero(zp);
    scales[r] = (float) scale;
    zps[r] = nudged;
    float inv = 1.0f / scales[r];
    for (int i = o; i < o + size; i++) {
      double v = Requant.roundHalfAwayFromZero(nudged + x[i] * inv);
      q[i] = (byte) Math.max(-128, Math.min(127, v));
    }
  }

  private static void qd8(float[] x, int o, int size, float min, float max, byte[] q,
      float[] scales, int[] zps, int r) {
    float rmin = Math.min(0f, min);
    float rmax = Math.max(0f, max);
    float m = rmin == rmax ? 1f : 255f / (rmax - rmin);
    float lo = rmin * m;
    float hi = rmax * m;
    float zp = (-128f + lo) + (127f + hi) > 0f ? -128f - lo : 127f - hi;
    zp = Math.min(Math.max(zp, -128f), 127f);
    int z = (int) Math.rint(zp);
    float scale = 1f / m;
    float inv = m;
    scales[r] = scale;
    zps[r] = z;
    for (int i = o; i < o + size; i++) {
      float v = Math.min(Math.max(x[i] * inv, -128f - z), 127f - z);
      q[i] = (byte) ((int) Math.rint(v) + z);
    }
  }

  /** The float output of one accumulator. */
  static float output(int acc, float inputScale, float weightScale, float bias, Product p) {
    float y = switch (p) {
      case SCALES_FIRST -> (float) acc * (inputScale * weightScale);
      case WEIGHT_THEN_INPUT -> (float) acc * weightScale * inputScale;
      case INPUT_THEN_WEIGHT -> (float) acc * inputScale * weightScale;
    };
    return y + bias;
  }

  private static float scale(float[] scales, int c) {
    return scales.length == 1 ? scales[0] : scales[c];
  }

  /** FULLY_CONNECTED: x [batches, depth], weights [units, depth]; bias may be null. */
  static float[] fullyConnected(float[] x, int batches, int depth, byte[] w, float[] wScales,
      int units, float[] bias, Activation act, Scheme s) {
    QuantizedRows in = quantizeRows(x, batches, depth, s.input());
    float[] out = new float[batches * units];
    for (int b = 0; b < batches; b++) {
      int xo = b * depth;
      int zp = in.zeroPoints()[b];
      for (int u = 0; u < units; u++) {
        int wo = u * depth;
        int acc = 0;
        for (int d = 0; d < depth; d++) {
          acc += w[wo + d] * (in.q()[xo + d] - zp);
        }
        out[b * units + u] = act.apply(output(acc, in.scales()[b], scale(wScales, u),
            bias == null ? 0f : bias[u], s.product()));
      }
    }
    return out;
  }

  /** CONV_2D: x NHWC, filter [outC, fh, fw, inC]; one input scale per batch image. */
  static float[] conv2d(float[] x, int[] inShape, byte[] w, int[] wShape, float[] wScales,
      float[] bias, ConvGeometry g, Activation act, Scheme s) {
    int batches = inShape[0];
    int inH = inShape[1];
    int inW = inShape[2];
    int inC = inShape[3];
    int outC = wShape[0];
    int fh = wShape[1];
    int fw = wShape[2];
    QuantizedRows in = quantizeRows(x, batches, inH * inW * inC, s.input());
    byte[] q = in.q();
    float[] out = new float[batches * g.outH * g.outW * outC];
    int o = 0;
    for (int b = 0; b < batches; b++) {
      int zp = in.zeroPoints()[b];
      for (int oy = 0; oy < g.outH; oy++) {
        for (int ox = 0; ox < g.outW; ox++) {
          int iy0 = oy * g.strideH - g.padH;
          int ix0 = ox * g.strideW - g.padW;
          for (int oc = 0; oc < outC; oc++) {
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
                  acc += w[wi + ic] * (q[xi + ic] - zp);
                }
              }
            }
            out[o++] = act.apply(output(acc, in.scales()[b], scale(wScales, oc),
                bias == null ? 0f : bias[oc], s.product()));
          }
        }
      }
    }
    return out;
  }

  /** DEPTHWISE_CONV_2D: x NHWC, filter [1, fh, fw, inC * depthMultiplier]. */
  static float[] depthwiseConv2d(float[] x, int[] inShape, byte[] w, int[] wShape,
      float[] wScales, float[] bias, ConvGeometry g, int depthMultiplier, Activation act,
      Scheme s) {
    int batches = inShape[0];
    int inH = inShape[1];
    int inW = inShape[2];
    int inC = inShape[3];
    int fh = wShape[1];
    int fw = wShape[2];
    int outC = wShape[3];
    QuantizedRows in = quantizeRows(x, batches, inH * inW * inC, s.input());
    byte[] q = in.q();
    float[] out = new float[batches * g.outH * g.outW * outC];
    for (int b = 0; b < batches; b++) {
      int zp = in.zeroPoints()[b];
      for (int oy = 0; oy < g.outH; oy++) {
        for (int ox = 0; ox < g.outW; ox++) {
          int iy0 = oy * g.strideH - g.padH;
          int ix0 = ox * g.strideW - g.padW;
          for (int ic = 0; ic < inC; ic++) {
            for (int m = 0; m < depthMultiplier; m++) {
              int oc = ic * depthMultiplier + m;
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
                  acc += w[(ky * fw + kx) * outC + oc]
                      * (q[((b * inH + iy) * inW + ix) * inC + ic] - zp);
                }
              }
              out[((b * g.outH + oy) * g.outW + ox) * outC + oc] = act.apply(output(acc,
                  in.scales()[b], scale(wScales, oc), bias == null ? 0f : bias[oc],
                  s.product()));
            }
          }
        }
      }
    }
    return out;
  }

  /** True when a weight tensor has more than one scale and they are not all equal. */
  static boolean distinctScales(float[] scales) {
    for (float v : scales) {
      if (v != scales[0]) {
        return true;
      }
    }
    return false;
  }
}
