package quantlab.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Lesson 06's exercises: answers written here by hand from TensorFlow's kernel source
 * (fake_quant_ops_functor.h: Nudge, FakeQuantWithMinMaxArgs and its gradient) pass; plausible
 * wrong answers fail with the hint.
 */
class Lesson06ExercisesTest {

  /** TensorFlow's Nudge and FakeQuantWithMinMaxArgs, in float32 as the C++ does it. */
  static float[] nudge(float min, float max, int bits) {
    float qmax = (1 << bits) - 1;
    float scale = (max - min) / qmax;
    float zpFromMin = 0f - min / scale;
    float zp = zpFromMin < 0f ? 0f : zpFromMin > qmax ? qmax : Math.round(zpFromMin);
    return new float[] {(0f - zp) * scale, (qmax - zp) * scale, scale};
  }

  static float fakeQuant(float x, float min, float max, int bits) {
    float[] n = nudge(min, max, bits);
    float clamped = Math.max(n[0], Math.min(n[1], x));
    return (float) Math.floor((clamped - n[0]) * (1f / n[2]) + 0.5f) * n[2] + n[0];
  }

  static float ste(float x, float min, float max, int bits) {
    float[] n = nudge(min, max, bits);
    return x >= n[0] && x <= n[1] ? 1f : 0f;
  }

  @Test
  void fakeQuantizeOneValue() {
    Verdict v = Check.exercise("06.1", (FakeQuantFn) Lesson06ExercisesTest::fakeQuant);
    assertTrue(v.cases() > 100, "cases: " + v.cases());
    // Rounding ties to even instead of up: 0.125 in [-2, 1.75] at 4 bits is 8.5 steps up from
    // -2, which TensorFlow rounds up to 9 steps (xHat = 0.25), rint down to 8 (xHat = 0).
    FakeQuantFn toEven = (x, min, max, bits) -> {
      float[] n = nudge(min, max, bits);
      float clamped = Math.max(n[0], Math.min(n[1], x));
      return (float) Math.rint((clamped - n[0]) / n[2]) * n[2] + n[0];
    };
    String m = assertThrows(NotYet.class, () -> Check.exercise("06.1", toEven)).getMessage();
    assertTrue(m.contains("x = 0.125, min = -2.0, max = 1.75, bits = 4 expected 0.25 but got "
        + "0.0"), m);
    assertTrue(m.contains("Hint: scale = (max - min) / (2^bits - 1)"), m);
    // Without the nudge: clamping into [min, max] and rounding from min.
    FakeQuantFn noNudge = (x, min, max, bits) -> {
      float scale = (max - min) / ((1 << bits) - 1);
      float clamped = Math.max(min, Math.min(max, x));
      return (float) Math.floor((clamped - min) / scale + 0.5) * scale + min;
    };
    assertThrows(NotYet.class, () -> Check.exercise("06.1", noNudge));
  }

  @Test
  void straightThroughGradient() {
    Verdict v = Check.exercise("06.2", (SteGradientFn) Lesson06ExercisesTest::ste);
    assertTrue(v.cases() > 100, "cases: " + v.cases());
    // Against the range as given: [-1, 1] at 8 bits nudges to [-0.9960785, 1.0039216] in float32
    // (zero point 127.49999 rounds to 127), so x = -1 is outside.
    SteGradientFn raw = (x, min, max, bits) -> x >= min && x <= max ? 1f : 0f;
    String m = assertThrows(NotYet.class, () -> Check.exercise("06.2", raw)).getMessage();
    assertTrue(m.contains("for x = -1.0, min = -1.0, max = 1.0, bits = 8 expected 0.0 but got "
        + "1.0"), m);
    // The ends of the nudged range pass the gradient too.
    SteGradientFn open = (x, min, max, bits) -> {
      float[] n = nudge(min, max, bits);
      return x > n[0] && x < n[1] ? 1f : 0f;
    };
    assertThrows(NotYet.class, () -> Check.exercise("06.2", open));
  }

  @Test
  void oneSgdStepThroughTheSte() {
    Verdict v = Check.exercise("06.3", (SteStepFn) (w, g, lr, min, max, bits) ->
        w - lr * g * ste(w, min, max, bits));
    assertEquals(85, v.cases());
    // Ignoring the clipping: a weight outside the range moves anyway.
    SteStepFn plain = (w, g, lr, min, max, bits) -> w - lr * g;
    assertThrows(NotYet.class, () -> Check.exercise("06.3", plain));
    // Updating xHat instead of the float weight.
    SteStepFn onXHat = (w, g, lr, min, max, bits) ->
        fakeQuant(w, min, max, bits) - lr * g * ste(w, min, max, bits);
    String m = assertThrows(NotYet.class, () -> Check.exercise("06.3", onXHat)).getMessage();
    assertTrue(m.contains("Hint: update the float weight w, not xHat"), m);
  }
}
