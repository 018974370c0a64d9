package quantlab.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each exercise of lesson 05 passes a correct answer written here by hand and rejects wrong ones. */
class Lesson05ExercisesTest {

  static int accumulate(int[] x, int zp, int[] w, int bias) {
    int acc = bias;
    for (int k = 0; k < x.length; k++) {
      acc += (x[k] - zp) * w[k];
    }
    return acc;
  }

  @Test
  void accumulatorOfAnInt8DotProduct() {
    assertEquals(24, Check.exercise("05.1", (AccumulatorFn) Lesson05ExercisesTest::accumulate)
        .cases());
    // Forgetting the zero point: wrong as soon as it is not 0.
    String m = assertThrows(NotYet.class, () -> Check.exercise("05.1",
        (AccumulatorFn) (x, zp, w, bias) -> accumulate(x, 0, w, bias))).getMessage();
    assertTrue(m.startsWith("✘ 05.1 (int32 accumulator of an int8 dot product): for x = ["), m);
    assertTrue(m.contains("Hint: subtract the input zero point"), m);
    // Adding it instead of subtracting, or leaving out the bias.
    assertThrows(NotYet.class, () -> Check.exercise("05.1",
        (AccumulatorFn) (x, zp, w, bias) -> accumulate(x, -zp, w, bias)));
    assertThrows(NotYet.class, () -> Check.exercise("05.1",
        (AccumulatorFn) (x, zp, w, bias) -> accumulate(x, zp, w, 0)));
  }

  /** QuantizeMultiplier by repeated halving and doubling, rounding with Math.round. */
  static int[] quantizeMultiplier(double m, boolean fixUp, boolean truncate) {
    int shift = 0;
    double q = m;
    while (q >= 1) {
      q /= 2;
      shift++;
    }
    while (q < 0.5) {
      q *= 2;
      shift--;
    }
    long mult = truncate ? (long) (q * 2147483648.0) : Math.round(q * 2147483648.0);
    if (fixUp && mult == 2147483648L) {
      mult /= 2;
      shift++;
    }
    return new int[] {(int) mult, shift};
  }

  @Test
  void multiplierAsQ31AndShift() {
    Check.exercise("05.2", (MultiplierFn) m -> quantizeMultiplier(m, true, false));
    // 0.3 = 0.6 * 2^-1; round(0.6 * 2^31) = 1288490189 (1288490188.8 truncates to ...88).
    String m = assertThrows(NotYet.class, () -> Check.exercise("05.2",
        (MultiplierFn) x -> quantizeMultiplier(x, true, true))).getMessage();
    assertTrue(m.contains("for M = 0.3 expected [1288490189, -1] but got [1288490188, -1]"), m);
    // Without the fix-up, 1 - 2^-40 rounds to 2^31, which wraps to a negative int.
    m = assertThrows(NotYet.class, () -> Check.exercise("05.2",
        (MultiplierFn) x -> quantizeMultiplier(x, false, false))).getMessage();
    assertTrue(m.contains("expected [1073741824, 1] but got [-2147483648, 0]"), m);
    assertTrue(m.contains("Hint: shift = Math.getExponent(M) + 1"), m);
  }

  /** The reference arithmetic, written with floorDiv and an explicit half-away rounding. */
  static int requantize(int acc, int multiplier, int shift, int zp, boolean clamp) {
    long high = Math.floorDiv((long) acc * multiplier + (1L << 30), 1L << 31);
    long scaled = high;
    if (shift < 0) {
      long d = 1L << -shift;
      long r = (Math.abs(high) + d / 2) / d;
      scaled = high < 0 ? -r : r;
    }
    long q = scaled + zp;
    return clamp ? (int) Math.max(-128, Math.min(127, q)) : (int) q;
  }

  @Test
  void requantizeWithTheReferenceArithmetic() {
    assertEquals(73, Check.exercise("05.3", (RequantizeFn) (acc, m, s, zp) ->
        requantize(acc, m, s, zp, true)).cases());
    // One rounding of acc * M instead of two: 5 * 0.25 = 1.25 -> 1, the reference gives 2.
    String msg = assertThrows(NotYet.class, () -> Check.exercise("05.3",
        (RequantizeFn) (acc, m, s, zp) -> (int) Math.max(-128, Math.min(127,
            Math.round(acc * (m * Math.pow(2, s - 31))) + zp)))).getMessage();
    assertTrue(msg.contains("for acc = 5, multiplier = 1073741824, shift = -1, zeroPoint = 0"
        + " expected 2 but got 1"), msg);
    // No clamp.
    assertThrows(NotYet.class, () -> Check.exercise("05.3", (RequantizeFn) (acc, m, s, zp) ->
        requantize(acc, m, s, zp, false)));
  }
}
