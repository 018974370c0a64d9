package quantlab.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each exercise of lesson 10 passes a correct answer written here by hand and rejects wrong ones. */
class Lesson10ExercisesTest {

  /** f = gamma / sqrt(variance + epsilon); wFold = f w; bFold = beta + f (b - mean). */
  static FoldedChannel fold(float[] w, float b, float gamma, float beta, float mean,
      float variance, float epsilon) {
    double f = gamma / Math.sqrt((double) variance + epsilon);
    float[] out = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = (float) (f * w[i]);
    }
    return new FoldedChannel(out, (float) (beta + f * (b - mean)));
  }

  @Test
  void foldChannel() {
    // The class comment's example: f = 3 / sqrt(4) = 1.5, w = [0.75, -1.5], b = 0.5 - 1.125.
    FoldedChannel byHand = fold(new float[] {0.5f, -1f}, 0.25f, 3f, 0.5f, 1f, 3.75f, 0.25f);
    assertEquals(new FoldedChannel(new float[] {0.75f, -1.5f}, -0.625f), byHand);
    Verdict v = Check.exercise("10.1", (FoldChannelFn) Lesson10ExercisesTest::fold);
    assertEquals(14, v.cases());
    // Forgetting epsilon: fails on the first case (sqrt(3.75) instead of sqrt(4)).
    FoldChannelFn noEpsilon = (w, b, g, be, m, var, eps) -> fold(w, b, g, be, m, var, 0f);
    String m = assertThrows(NotYet.class, () -> Check.exercise("10.1", noEpsilon)).getMessage();
    assertTrue(m.startsWith("✘ 10.1 (fold a batch norm into one channel): for w = [0.5, -1.0],"
        + " b = 0.25, gamma = 3.0"), m);
    assertTrue(m.contains("Hint: f = gamma /"), m);
    // Leaving the bias alone (only the weights folded) fails too.
    FoldChannelFn weightsOnly = (w, b, g, be, mn, var, eps) ->
        new FoldedChannel(fold(w, b, g, be, mn, var, eps).w(), b);
    assertThrows(NotYet.class, () -> Check.exercise("10.1", weightsOnly));
  }

  /** scale = max |w| / qmax over the whole tensor; per channel, the largest |rint(w / scale)|. */
  static int[] maxCodes(float[] w, int channels, int bits) {
    int qmax = (1 << (bits - 1)) - 1;
    float max = 0;
    for (float x : w) {
      max = Math.max(max, Math.abs(x));
    }
    float scale = max / qmax;
    int[] codes = new int[channels];
    for (int i = 0; i < w.length; i++) {
      codes[i % channels] = Math.max(codes[i % channels],
          Math.abs((int) Math.rint(w[i] / scale)));
    }
    return codes;
  }

  @Test
  void perTensorCodes() {
    assertEquals("[127, 5]", java.util.Arrays.toString(
        maxCodes(new float[] {0.5f, -0.01f, -0.25f, 0.02f}, 2, 8)));
    Verdict v = Check.exercise("10.2", (PerTensorCodesFn) Lesson10ExercisesTest::maxCodes);
    assertEquals(11, v.cases());
    // One scale per channel instead of per tensor: every channel reaches qmax; wrong.
    PerTensorCodesFn perChannel = (w, ch, bits) -> {
      int[] q = new int[ch];
      java.util.Arrays.fill(q, (1 << (bits - 1)) - 1);
      return q;
    };
    String m = assertThrows(NotYet.class, () -> Check.exercise("10.2", perChannel)).getMessage();
    assertTrue(m.contains("expected [127, 5] but got [127, 127]"), m);
  }

  static float[] foldedScales(float[] scales, float[] gamma, float[] variance, float epsilon) {
    float[] out = new float[scales.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = (float) (scales[c] * Math.abs(gamma[c]) / Math.sqrt((double) variance[c] + epsilon));
    }
    return out;
  }

  @Test
  void foldedScales() {
    Verdict v = Check.exercise("10.3", (FoldedScalesFn) Lesson10ExercisesTest::foldedScales);
    assertEquals(10, v.cases());
    // Without the absolute value, a negative gamma gives a negative scale: fails.
    FoldedScalesFn signed = (s, g, var, eps) -> {
      float[] out = foldedScales(s, g, var, eps);
      for (int c = 0; c < out.length; c++) {
        out[c] = Math.copySign(out[c], g[c]);
      }
      return out;
    };
    String m = assertThrows(NotYet.class, () -> Check.exercise("10.3", signed)).getMessage();
    assertTrue(m.contains("Hint: scale[c] * Math.abs(gamma[c])"), m);
  }
}
