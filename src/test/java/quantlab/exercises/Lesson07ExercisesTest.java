package quantlab.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each exercise of lesson 07 passes a correct answer written here by hand and rejects wrong ones. */
class Lesson07ExercisesTest {

  /** float32 to float16 by hand, for normal float16 values: rebias, keep 10 bits, round to even. */
  static int float16(float x) {
    int b = Float.floatToIntBits(x);
    int sign = (b >>> 31) << 15;
    int exp = ((b >>> 23) & 0xFF) - 127 + 15;
    int mant = b & 0x7FFFFF;
    int top = mant >>> 13;
    int rest = mant & 0x1FFF;
    if (rest > 0x1000 || (rest == 0x1000 && (top & 1) == 1)) {
      top++;
    }
    if (top == 0x400) { // the carry moves into the exponent
      top = 0;
      exp++;
    }
    return sign | (exp << 10) | top;
  }

  @Test
  void handWrittenFloat16MatchesKnownPatterns() {
    // IEEE 754 binary16 patterns from the standard's examples, not from quantlab.
    assertEquals(0x3C00, float16(1f));
    assertEquals(0xC000, float16(-2f));
    assertEquals(0x2E66, float16(0.1f));
    assertEquals(0x7BFF, float16(65504f));
    assertEquals(0x0400, float16(0x1p-14f));
    assertEquals(0x3C00, float16(1f - 0x1p-12f)); // tie between 0x3BFF and 0x3C00: even wins
  }

  @Test
  void float16Bits() {
    Verdict v = Check.exercise("07.1", (Float16BitsFn) Lesson07ExercisesTest::float16);
    assertTrue(v.cases() >= 90, v.toString());
    // Truncating the mantissa instead of rounding: 0.1 has dropped bits 0x1999... > half.
    Float16BitsFn truncating = x -> {
      int b = Float.floatToIntBits(x);
      return ((b >>> 31) << 15) | ((((b >>> 23) & 0xFF) - 112) << 10) | ((b & 0x7FFFFF) >>> 13);
    };
    String m = assertThrows(NotYet.class, () -> Check.exercise("07.1", truncating)).getMessage();
    assertTrue(m.startsWith("✘ 07.1 (float16 bits of a float32 weight): for x = "), m);
    assertTrue(m.contains("Hint: take Float.floatToIntBits(x)"), m);
    // Rounding ties up instead of to even fails on 1 + 2^-11.
    Float16BitsFn tiesUp = x -> {
      int b = Float.floatToIntBits(x);
      int bits = ((b >>> 31) << 15) | ((((b >>> 23) & 0xFF) - 112) << 10);
      return bits + ((b & 0x7FFFFF) + 0x1000 >>> 13);
    };
    String t = assertThrows(NotYet.class, () -> Check.exercise("07.1", tiesUp)).getMessage();
    assertTrue(t.contains("for x = 1.0004883 (float32 bits 0x3f801000) expected 0x3c00 but got"
        + " 0x3c01"), t);
  }

  static float[] dequantize(byte[] q, int[] shape, float[] scales, int dim) {
    int stride = 1;
    for (int d = dim + 1; d < shape.length; d++) {
      stride *= shape[d];
    }
    float[] xHat = new float[q.length];
    for (int i = 0; i < q.length; i++) {
      xHat[i] = scales[(i / stride) % shape[dim]] * q[i];
    }
    return xHat;
  }

  @Test
  void perChannelDequantize() {
    assertArrayEquals(new float[] {0.5f, 1f, 0.75f, 1f},
        dequantize(new byte[] {1, 2, 3, 4}, new int[] {2, 2}, new float[] {0.5f, 0.25f}, 0));
    assertEquals(10, Check.exercise("07.2",
        (PerChannelDequantizeFn) Lesson07ExercisesTest::dequantize).cases());
    // Using the channel index as if the quantized dimension were always the last one.
    PerChannelDequantizeFn lastAxis = (q, shape, scales, dim) -> {
      float[] x = new float[q.length];
      for (int i = 0; i < q.length; i++) {
        x[i] = scales[i % scales.length] * q[i];
      }
      return x;
    };
    String m = assertThrows(NotYet.class, () -> Check.exercise("07.2", lastAxis)).getMessage();
    assertTrue(m.startsWith("✘ 07.2 (dequantize per-channel int8 weights): for q = [1, 2, 3, 4],"
        + " shape = [2, 2], scales = [0.5, 0.25], quantizedDimension = 0 expected"
        + " [0.5, 1.0, 0.75, 1.0] but got [0.5, 0.5, 1.5, 1.0]"), m);
  }

  @Test
  void biasCodes() {
    BiasCodesFn mine = (bias, sIn, sW) -> {
      int[] q = new int[bias.length];
      for (int c = 0; c < q.length; c++) {
        float s = sIn * sW[c];
        float v = bias[c] / s;
        q[c] = (int) (v < 0 ? -Math.round(-(double) v) : Math.round((double) v));
      }
      return q;
    };
    assertEquals(7, Check.exercise("07.3", mine).cases());
    BiasCodesFn halfUp = (bias, sIn, sW) -> {
      int[] q = new int[bias.length];
      for (int c = 0; c < q.length; c++) {
        q[c] = Math.round(bias[c] / (sIn * sW[c]));
      }
      return q;
    };
    String m = assertThrows(NotYet.class, () -> Check.exercise("07.3", halfUp)).getMessage();
    // -0.3125 / 0.125 = -2.5: half away from zero gives -3, Math.round gives -2.
    assertTrue(m.contains("expected [3, -3, 0, 16] but got [3, -2, 0, 16]"), m);
    BiasCodesFn noInputScale = (bias, sIn, sW) -> {
      int[] q = new int[bias.length];
      for (int c = 0; c < q.length; c++) {
        q[c] = Math.round(bias[c] / sW[c]);
      }
      return q;
    };
    assertThrows(NotYet.class, () -> Check.exercise("07.3", noInputScale));
  }
}
