package quantlab.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Lesson 08's exercises pass correct answers written here by hand and reject plausible wrong ones. */
class Lesson08ExercisesTest {

  /** MIN_COMBINED for quint8, in float as TensorFlow computes it. */
  static final QuantizeV2Fn MIN_COMBINED = (x, min, max) -> {
    float c = Math.max(min, Math.min(max, x));
    float scale = (float) (255.0 / (max - min));
    return (int) ((c - min) * scale + 0.5f);
  };

  @Test
  void minCombinedCode() {
    // By hand: [-1, 1] spreads 2.0 over 255 steps, scale 127.5; 0.0 -> 1 * 127.5 + 0.5 = 128,
    // which stands for -1 + 128 * 2 / 255 = 0.0039, not 0: MIN_COMBINED does not nudge.
    assertEquals(128, MIN_COMBINED.q(0f, -1f, 1f));
    assertEquals(128, Lesson08Exercises.minCombined(0f, -1f, 1f));
    assertEquals(0, Lesson08Exercises.minCombined(-3f, -1f, 1f));
    assertEquals(255, Lesson08Exercises.minCombined(7f, -1f, 1f));
    Verdict v = Check.exercise("08.1", MIN_COMBINED);
    assertTrue(v.cases() >= 50, v.toString());
  }

  @Test
  void minCombinedWrongAnswersFailWithTheHint() {
    // Lesson 02's nudged affine map (zero point so that 0.0 is exact) is not what the op does.
    QuantizeV2Fn nudged = (x, min, max) -> {
      float scale = (max - min) / 255f;
      int zp = Math.round(-min / scale);
      return Math.max(0, Math.min(255, Math.round(x / scale) + zp));
    };
    NotYet e = assertThrows(NotYet.class, () -> Check.exercise("08.1", nudged));
    assertTrue(e.getMessage().contains("Hint: clamp x into [min, max]"), e.getMessage());
    QuantizeV2Fn noClamp = (x, min, max) -> (int) ((x - min) * (255f / (max - min)) + 0.5f);
    String m = assertThrows(NotYet.class, () -> Check.exercise("08.1", noClamp)).getMessage();
    assertTrue(m.contains("for x = -3.0, min = -1.0, max = 1.0 expected 0"), m);
    QuantizeV2Fn floor = (x, min, max) ->
        (int) ((Math.max(min, Math.min(max, x)) - min) * (255f / (max - min)));
    assertThrows(NotYet.class, () -> Check.exercise("08.1", floor));
  }

  static final ScaledRangeFn SCALED = (min, max, narrow) -> {
    float lowest = narrow ? -127 : -128;
    float s = Math.min(lowest / min, 127f / max);
    return new float[] {lowest / s, 127f / s};
  };

  @Test
  void scaledRange() {
    // TensorFlow itself (docs/tensorflow-conformance.md, /work/shared/notes/tf-java.md) reported
    // [-2.519685, 2.5] for [-1.5, 2.5]: s = min(128 / 1.5, 127 / 2.5) = 50.8.
    assertArrayEquals(new float[] {-2.519685f, 2.5f}, Lesson08Exercises.scaled(-1.5f, 2.5f, false),
        1e-6f);
    // narrow range: s = min(127 / 1.5, 50.8) = 50.8 still; -127 / 50.8 = -2.5
    assertArrayEquals(new float[] {-2.5f, 2.5f}, Lesson08Exercises.scaled(-1.5f, 2.5f, true),
        1e-6f);
    // [-2.5, 1.5]: s = min(128 / 2.5, 127 / 1.5) = 51.2; range [-2.5, 127 / 51.2 = 2.48046875]
    assertArrayEquals(new float[] {-2.5f, 2.48046875f},
        Lesson08Exercises.scaled(-2.5f, 1.5f, false), 1e-6f);
    Verdict v = Check.exercise("08.2", SCALED);
    assertEquals(52, v.cases());
  }

  @Test
  void scaledRangeWrongAnswersFail() {
    ScaledRangeFn givenRange = (min, max, narrow) -> new float[] {min, max};
    NotYet e = assertThrows(NotYet.class, () -> Check.exercise("08.2", givenRange));
    assertTrue(e.getMessage().contains("for min = -1.5, max = 2.5, narrowRange = false expected "
        + "[-2.519685, 2.5] but got [-1.5, 2.5]"), e.getMessage());
    ScaledRangeFn ignoresNarrow = (min, max, narrow) -> SCALED.range(min, max, false);
    assertThrows(NotYet.class, () -> Check.exercise("08.2", ignoresNarrow));
    ScaledRangeFn maxAbs = (min, max, narrow) -> {
      float m = Math.max(-min, max);
      return new float[] {-m, m};
    };
    assertThrows(NotYet.class, () -> Check.exercise("08.2", maxAbs));
  }

  static final ClaimVerdictFn VERDICT = (base, cand) -> {
    double speedup = base / cand;
    return speedup >= 1.1 ? "TRUE" : speedup <= 1 / 1.1 ? "FALSE" : "NOT SHOWN";
  };

  @Test
  void claimVerdict() {
    assertEquals("FALSE", VERDICT.verdict(2.64, 4.32));
    Verdict v = Check.exercise("08.3", VERDICT);
    assertTrue(v.cases() >= 40, v.toString());
  }

  @Test
  void claimVerdictWrongAnswersFail() {
    ClaimVerdictFn noBand = (base, cand) -> cand < base ? "TRUE" : "FALSE";
    String m = assertThrows(NotYet.class, () -> Check.exercise("08.3", noBand)).getMessage();
    assertTrue(m.contains("for baselineMillis = 1.0, candidateMillis = 1.05 expected NOT SHOWN"
        + " but got FALSE"), m);
    assertTrue(m.contains("Hint: speedup = baselineMillis / candidateMillis"), m);
    ClaimVerdictFn backwards = (base, cand) -> VERDICT.verdict(cand, base);
    assertThrows(NotYet.class, () -> Check.exercise("08.3", backwards));
  }
}
