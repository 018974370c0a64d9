package quantlab.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import quantlab.lessons.YourTurn;

/** Each exercise passes a correct answer written here by hand and rejects a wrong one. */
class CheckTest {

  @Test
  void levelsOfABitWidth() {
    Verdict v = Check.exercise("01.1", (IntUnaryOperator) b -> (int) Math.pow(2, b));
    assertEquals("✔ 01.1 passed: all 16 cases right (number of codes of a bit width)",
        v.toString());
    NotYet wrong = assertThrows(NotYet.class,
        () -> Check.exercise("01.1", (IntUnaryOperator) b -> 2 * b));
    // 2 * 1 = 2 is right for one bit; 2 * 3 = 6 is the first wrong answer (8 codes).
    assertTrue(wrong.getMessage().startsWith(
        "✘ 01.1 (number of codes of a bit width): for bits = 3 expected 8 but got 6. Hint:"),
        wrong.getMessage());
  }

  @Test
  void packedBytes() {
    Check.exercise("01.2", (IntUnaryOperator) b -> (int) Math.ceil(784 * 128 * b / 8.0));
    assertThrows(NotYet.class, () -> Check.exercise("01.2", (IntUnaryOperator) b -> 784 * 128));
  }

  @Test
  void quantizeOneValue() {
    QuantizeFn mine = (x, scale, zp, qmin, qmax) -> {
      double v = x / scale;
      long r = v < 0 ? -Math.round(-v) : Math.round(v); // ties away from zero
      return (int) Math.max(qmin, Math.min(qmax, r + zp));
    };
    assertEquals(47, Check.exercise("02.1", mine).cases());
    QuantizeFn halfUp = (x, scale, zp, qmin, qmax) ->
        (int) Math.max(qmin, Math.min(qmax, Math.round(x / scale) + zp));
    String m = assertThrows(NotYet.class, () -> Check.exercise("02.1", halfUp)).getMessage();
    // -0.25 / 0.5 = -0.5: half up gives 0, half away from zero gives -1.
    assertTrue(m.contains("for x = -0.25, scale = 0.5, zeroPoint = 0, qmin = -8, qmax = 7 expected -1"
        + " but got 0"), m);
    QuantizeFn noClamp = (x, scale, zp, qmin, qmax) -> (int) Math.rint(x / scale) + zp;
    assertThrows(NotYet.class, () -> Check.exercise("02.1", noClamp));
  }

  @Test
  void dequantizeOneCode() {
    Check.exercise("02.2", (DequantizeFn) (q, scale, zp) -> scale * (q - zp));
    assertThrows(NotYet.class,
        () -> Check.exercise("02.2", (DequantizeFn) (q, scale, zp) -> scale * q - zp));
  }

  @Test
  void roundingModes() {
    Check.exercise("03.1", (DoubleUnaryOperator) Math::rint);
    Check.exercise("03.2", (DoubleUnaryOperator) v -> (double) (long) v);
    assertThrows(NotYet.class, () -> Check.exercise("03.1", (DoubleUnaryOperator) v ->
        (double) Math.round(v)));
    assertThrows(NotYet.class, () -> Check.exercise("03.2", (DoubleUnaryOperator) Math::floor));
  }

  @Test
  void sqnrInDecibels() {
    SqnrFn mine = (x, xHat) -> {
      double signal = 0;
      double noise = 0;
      for (int i = 0; i < x.length; i++) {
        signal += (double) x[i] * x[i];
        noise += ((double) xHat[i] - x[i]) * ((double) xHat[i] - x[i]);
      }
      return 10 * Math.log10(signal / noise);
    };
    assertEquals(12, Check.exercise("03.3", mine).cases());
    assertThrows(NotYet.class, () -> Check.exercise("03.3", (SqnrFn) (x, xHat) ->
        20 * Math.log10(x.length)));
  }

  @Test
  void stubsAndMistakesAreReportedClearly() {
    YourTurn t = assertThrows(YourTurn.class, () -> Check.exercise("01.1",
        (IntUnaryOperator) b -> {
          throw new YourTurn("each extra bit doubles the number of codes");
        }));
    assertTrue(t.getMessage().startsWith("Your turn!"));
    NotYet crash = assertThrows(NotYet.class,
        () -> Check.exercise("01.1", (IntUnaryOperator) b -> 1 / (b - b)));
    assertTrue(crash.getMessage().contains("your code threw java.lang.ArithmeticException"));
    assertEquals("exercise 01.1 expects a IntUnaryOperator, got String",
        assertThrows(IllegalArgumentException.class, () -> Check.exercise("01.1", "x"))
            .getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Check.exercise("9.9", "x"))
        .getMessage().startsWith("no exercise '9.9'; there are [01.1"));
  }

  @Test
  void messagesNeverShowSolutionCode() {
    for (Exercise<?> e : Exercises.all()) {
      assertFalse(e.toString().contains("return"), e.toString());
      assertTrue(e.caseCount() > 0, e.id());
    }
  }
}
