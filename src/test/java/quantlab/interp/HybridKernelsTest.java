package quantlab.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import quantlab.interp.HybridKernels.InputQuantization;
import quantlab.interp.HybridKernels.Product;
import quantlab.interp.HybridKernels.QuantizedRows;
import quantlab.interp.HybridKernels.Scheme;

/**
 * Hybrid kernels on hand-computed cases (exact int32 accumulators where every scale is 1) and
 * against a double-precision computation from the dequantized weights and the quantized input.
 */
class HybridKernelsTest {
  private static final Scheme TFLITE_ASYM =
      new Scheme(InputQuantization.TFLITE_ASYMMETRIC, Product.SCALES_FIRST);
  private static final Scheme TFLITE_SYM =
      new Scheme(InputQuantization.TFLITE_SYMMETRIC, Product.SCALES_FIRST);
  private static final Scheme QD8 =
      new Scheme(InputQuantization.XNNPACK_QD8, Product.INPUT_THEN_WEIGHT);

  // ---- input quantization, by hand ----

  @Test
  void symmetricByHand() {
    // max|x| = 1: scale 1/127, q = round(127 x) half away from zero: 63.5 -> 64, 31.75 -> 32
    QuantizedRows r = HybridKernels.quantizeRows(new float[] {0.5f, -1f, 0.25f, 0f}, 1, 4,
        InputQuantization.TFLITE_SYMMETRIC);
    assertArrayEquals(new byte[] {64, -127, 32, 0}, r.q());
    assertEquals(1f / 127, r.scales()[0]);
    assertEquals(0, r.zeroPoints()[0]);
  }

  @Test
  void asymmetricByHand() {
    // [-1, 3]: scale 4/255, zero point from min -128 + 63.75 = -64.25 (error 191.75 < 318.25)
    // -> -64; codes -64 - 63.75 = -127.75 -> -128, -64, -64 + 191.25 = 127.25 -> 127
    for (InputQuantization how : new InputQuantization[] {InputQuantization.TFLITE_ASYMMETRIC,
        InputQuantization.XNNPACK_QD8}) {
      QuantizedRows r = HybridKernels.quantizeRows(new float[] {-1f, 0f, 3f}, 1, 3, how);
      assertArrayEquals(new byte[] {-128, -64, 127}, r.q(), how.name());
      assertEquals(-64, r.zeroPoints()[0], how.name());
      assertEquals(4.0 / 255, r.scales()[0], 1e-9, how.name());
    }
  }

  @Test
  void tiesRoundDifferently() {
    // TFLite rounds half away from zero, XNNPACK half to even. Row [-0.5, 0, 254.5]: the
    // range is 255, so both scales are exactly 1; zero point -128 + 0.5 = -127.5 (the error
    // from min, 128.5, is the smaller): TFLite -> -128, XNNPACK rint -> -128. Then 0 sits on
    // -128; -0.5 -> -128.5 (TFLite rounds to -129 and clamps to -128, XNNPACK clamps -0.5 to
    // 0 before rounding); 254.5 -> 126.5: TFLite 127, XNNPACK 126 (rint(254.5) = 254).
    float[] x = {-0.5f, 0f, 254.5f};
    QuantizedRows t = HybridKernels.quantizeRows(x, 1, 3, InputQuantization.TFLITE_ASYMMETRIC);
    QuantizedRows q = HybridKernels.quantizeRows(x, 1, 3, InputQuantization.XNNPACK_QD8);
    assertEquals(1f, t.scales()[0]);
    assertEquals(1f, q.scales()[0]);
    assertEquals(-128, t.zeroPoints()[0]);
    assertEquals(-128, q.zeroPoints()[0]);
    assertArrayEquals(new byte[] {-128, -128, 127}, t.q());
    assertArrayEquals(new byte[] {-128, -128, 126}, q.q());
  }

  @Test
  void allZeroRow() {
    // TFLite special-cases an empty range (codes 0, scale 1, zero point 0); XNNPACK takes
    // scale 1 and, as (-128 + 0) + (127 + 0) < 0, the zero point from the max end: 127
    for (InputQuantization how : InputQuantization.values()) {
      QuantizedRows r = HybridKernels.quantizeRows(new float[3], 1, 3, how);
      int zp = how == InputQuantization.XNNPACK_QD8 ? 127 : 0;
      assertArrayEquals(new byte[] {(byte) zp, (byte) zp, (byte) zp}, r.q(), how.name());
      assertEquals(zp, r.zeroPoints()[0], how.name());
      assertEquals(1f, r.scales()[0], how.name());
    }
  }

  /** Every code dequantizes to within half a step of x; 0 is exact; rows are independent. */
  @Property(tries = 3000)
  void codesWithinHalfAStep(@ForAll @Size(min = 2, max = 40) float[] raw,
      @ForAll @FloatRange(min = 0.01f, max = 100f) float spread,
      @ForAll @IntRange(min = 0, max = 2) int scheme) {
    InputQuantization how = InputQuantization.values()[scheme];
    float[] x = new float[raw.length];
    for (int i = 0; i < x.length; i++) {
      float v = Float.isFinite(raw[i]) ? raw[i] % 1f : 0f;
      // no subnormal ranges: 127 / range would overflow to infinity (in TFLite as here)
      v = Math.abs(v) < 1e-6f ? 0f : v;
      x[i] = v * spread;
    }
    x[0] = 0f;
    int half = x.length / 2;
    QuantizedRows r = HybridKernels.quantizeRows(x, 2, half, how);
    for (int row = 0; row < 2; row++) {
      double s = r.scales()[row];
      int zp = r.zeroPoints()[row];
      int lo = how == InputQuantization.TFLITE_SYMMETRIC ? -127 : -128;
      for (int i = row * half; i < (row + 1) * half; i++) {
        double xHat = s * (r.q()[i] - zp);
        assertTrue(r.q()[i] >= lo, how + ": code " + r.q()[i]);
        // half a step, plus float32 rounding of x * (1 / scale) and of the scale itself
        assertTrue(Math.abs(xHat - x[i]) <= s * 0.5 * (1 + 1e-4) + 1e-30,
            how + ": x " + x[i] + " q " + r.q()[i] + " zp " + zp + " scale " + s);
      }
    }
    assertEquals(r.zeroPoints()[0], r.q()[0], how + ": 0 must map to the zero point");
  }

  // ---- kernels: exact accumulators (every scale 1) ----

  // Row [-55, 0, 200] spans 255: every scheme has input scale 1 and zero point -73, so
  // q - zp = x and the outputs are the int32 accumulators themselves.
  private static final float[] ROW = {-55f, 0f, 200f};
  private static final byte[] W = {1, -2, 3, 0, 127, -127};

  @Test
  void fullyConnectedExactAccumulators() {
    // acc0 = 1*-55 + -2*0 + 3*200 = 545; acc1 = 127*0 - 127*200 = -25400
    for (Scheme s : new Scheme[] {TFLITE_ASYM, QD8}) {
      float[] y = HybridKernels.fullyConnected(ROW, 1, 3, W, new float[] {1f}, 2, null,
          Activation.NONE, s);
      assertArrayEquals(new float[] {545f, -25400f}, y, s.toString());
    }
    // with a bias and RELU: 545 + 0.5, max(0, -25400 - 1) = 0
    float[] y = HybridKernels.fullyConnected(ROW, 1, 3, W, new float[] {1f}, 2,
        new float[] {0.5f, -1f}, Activation.RELU, QD8);
    assertArrayEquals(new float[] {545.5f, 0f}, y);
  }

  @Test
  void fullyConnectedSymmetricExact() {
    // max|x| = 127: scale 1, codes = x
    float[] row = {-127f, 0f, 100f};
    float[] y = HybridKernels.fullyConnected(row, 1, 3, W, new float[] {1f}, 2, null,
        Activation.NONE, TFLITE_SYM);
    // acc0 = -127 + 0 + 300 = 173; acc1 = 0 + 0 - 12700
    assertArrayEquals(new float[] {173f, -12700f}, y);
  }

  @Test
  void perChannelScalesAndBatchRows() {
    // two rows, each quantized on its own: row 1 is row 0 times 2, so its scale is 2 and the
    // codes are the same; per-channel weight scales 1 and 0.25
    float[] x = {-55f, 0f, 200f, -110f, 0f, 400f};
    float[] y = HybridKernels.fullyConnected(x, 2, 3, W, new float[] {1f, 0.25f}, 2, null,
        Activation.NONE, QD8);
    assertArrayEquals(new float[] {545f, -6350f, 1090f, -12700f}, y);
  }

  @Test
  void convOmitsTapsOutsideTheImage() {
    // 2x2 image [-55, 0; 100, 200] spans 255: scale 1, zero point -73. A 3x3 SAME filter
    // 1..9: only in-image taps count (a padded tap is real 0, i.e. code -73, not code 0).
    // out(0,0) = 5*-55 + 6*0 + 8*100 + 9*200 = 2325; out(0,1) = 4*-55 + 7*100 + 8*200 = 2080;
    // out(1,0) = 2*-55 + 5*100 + 6*200 = 1590; out(1,1) = 1*-55 + 4*100 + 5*200 = 1345.
    float[] x = {-55f, 0f, 100f, 200f};
    byte[] w = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    ConvGeometry g = new ConvGeometry(Graph.Padding.SAME, 2, 2, 3, 3, 1, 1, 1, 1);
    for (Scheme s : new Scheme[] {QD8, TFLITE_ASYM,
        new Scheme(InputQuantization.TFLITE_ASYMMETRIC, Product.WEIGHT_THEN_INPUT)}) {
      float[] y = HybridKernels.conv2d(x, new int[] {1, 2, 2, 1}, w, new int[] {1, 3, 3, 1},
          new float[] {1f}, null, g, Activation.NONE, s);
      assertArrayEquals(new float[] {2325f, 2080f, 1590f, 1345f}, y, s.toString());
      // the same filter as a depthwise [1, 3, 3, 1]
      float[] d = HybridKernels.depthwiseConv2d(x, new int[] {1, 2, 2, 1}, w,
          new int[] {1, 3, 3, 1}, new float[] {1f}, null, g, 1, Activation.NONE, s);
      assertArrayEquals(new float[] {2325f, 2080f, 1590f, 1345f}, d, s.toString());
    }
  }

  /** The worked example of docs/interpreter.md ("Hybrid operators"). */
  @Test
  void docsWorkedExample() {
    float[] ws = {0.5f};
    float[] bias = {0.25f, -1f};
    for (Scheme s : new Scheme[] {QD8, TFLITE_ASYM}) {
      assertArrayEquals(new float[] {272.75f, -12701f}, HybridKernels.fullyConnected(ROW, 1, 3, W,
          ws, 2, bias, Activation.NONE, s), s.toString());
    }
    QuantizedRows q = HybridKernels.quantizeRows(ROW, 1, 3, InputQuantization.TFLITE_SYMMETRIC);
    assertArrayEquals(new byte[] {-35, 0, 127}, q.q());
    float[] y = HybridKernels.fullyConnected(ROW, 1, 3, W, ws, 2, bias, Activation.NONE,
        TFLITE_SYM);
    // 346 * 200/127 * 0.5 + 0.25 and -16129 * 200/127 * 0.5 - 1, in doubles
    assertEquals(346 * 200.0 / 127 * 0.5 + 0.25, y[0], 1e-4);
    assertEquals(272.6909, y[0], 1e-4);
    assertEquals(-12701.0, y[1], 1e-3);
  }

  // ---- against doubles ----

  /**
   * Random FULLY_CONNECTED layers: the output equals, within float32 rounding, the double sum
   * of the dequantized weights times the dequantized input codes, plus the bias. The codes are
   * recomputed here from TFLite's formula for symmetric quantization. Tolerance: (float) acc is
   * exact (|acc| < 2^24), then two products and one sum in float32, each off by at most half an
   * ulp (2^-24 relative): 4 * 2^-24 * (|acc * s * ws| + |bias|).
   */
  @Test
  void fullyConnectedMatchesDoubles() {
    Random rnd = new Random(3);
    for (int trial = 0; trial < 300; trial++) {
      int depth = 1 + rnd.nextInt(50);
      int units = 1 + rnd.nextInt(8);
      float[] x = new float[depth];
      for (int i = 0; i < depth; i++) {
        x[i] = (float) (rnd.nextGaussian() * 3);
      }
      byte[] w = new byte[units * depth];
      for (int i = 0; i < w.length; i++) {
        w[i] = (byte) (rnd.nextInt(255) - 127);
      }
      float[] ws = new float[units];
      float[] bias = new float[units];
      for (int u = 0; u < units; u++) {
        ws[u] = (float) (1e-3 + rnd.nextDouble() * 0.05);
        bias[u] = (float) rnd.nextGaussian();
      }
      float[] y = HybridKernels.fullyConnected(x, 1, depth, w, ws, units, bias, Activation.NONE,
          TFLITE_SYM);
      float range = 0f;
      for (float v : x) {
        range = Math.max(range, Math.abs(v));
      }
      float s = range / 127f;
      float inv = 127f / range;
      for (int u = 0; u < units; u++) {
        double sum = 0;
        for (int d = 0; d < depth; d++) {
          long q = Math.max(-127, Math.min(127, roundHalfAway(x[d] * inv)));
          sum += ((double) w[u * depth + d] * ws[u]) * ((double) s * q);
        }
        double expected = sum + bias[u];
        double tol = 4 * Math.pow(2, -24) * (Math.abs(sum) + Math.abs(bias[u]));
        assertEquals(expected, y[u], tol, "trial " + trial + " unit " + u);
      }
    }
  }

  private static long roundHalfAway(float v) {
    return (long) Math.signum(v) * (long) Math.floor(Math.abs((double) v) + 0.5);
  }

  @Test
  void distinctScales() {
    assertTrue(HybridKernels.distinctScales(new float[] {1f, 2f}));
    assertEquals(false, HybridKernels.distinctScales(new float[] {0.5f, 0.5f}));
    assertEquals(false, HybridKernels.distinctScales(new float[] {0.5f}));
  }
}
