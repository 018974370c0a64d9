package quantlab.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoundingTest {

  @ParameterizedTest(name = "{0}: even {1}, away {2}, up {3}, trunc {4}, floor {5}")
  @CsvSource({
    " 2.5,  2,  3,  3,  2,  2",
    "-2.5, -2, -3, -2, -2, -3",
    " 3.5,  4,  4,  4,  3,  3",
    "-3.5, -4, -4, -3, -3, -4",
    " 2.7,  3,  3,  3,  2,  2",
    "-2.7, -3, -3, -3, -2, -3",
    " 0.5,  0,  1,  1,  0,  0",
    "-0.5,  0, -1,  0,  0, -1",
    " 0.0,  0,  0,  0,  0,  0",
  })
  void table(double v, double even, double away, double up, double trunc, double floor) {
    assertEquals(even, Rounding.HALF_TO_EVEN.round(v), 0.0);
    assertEquals(away, Rounding.HALF_AWAY_FROM_ZERO.round(v), 0.0);
    assertEquals(up, Rounding.HALF_UP.round(v), 0.0);
    assertEquals(trunc, Rounding.TRUNCATE.round(v), 0.0);
    assertEquals(floor, Rounding.FLOOR.round(v), 0.0);
  }

  @Test
  void largestDoubleBelowOneHalfRoundsDown() {
    // 0.49999999999999994 + 0.5 rounds to 1.0 in double: the naive floor(v + 0.5) gets this wrong.
    double v = Math.nextDown(0.5);
    assertEquals(0.0, Rounding.HALF_AWAY_FROM_ZERO.round(v), 0.0);
    assertEquals(0.0, Rounding.HALF_UP.round(v), 0.0);
    assertEquals(-0.0, Rounding.HALF_AWAY_FROM_ZERO.round(-v), 0.0);
  }

  @Property(tries = 5000)
  void nearestModesAreWithinOneHalf(@ForAll @DoubleRange(min = -1e6, max = 1e6) double v) {
    for (Rounding r : new Rounding[] {
      Rounding.HALF_TO_EVEN, Rounding.HALF_AWAY_FROM_ZERO, Rounding.HALF_UP}) {
      double q = r.round(v);
      assertEquals(Math.rint(q), q, 0.0, r + " gave a non-integer");
      assertTrue(Math.abs(q - v) <= 0.5, r + ": |" + q + " - " + v + "| > 0.5");
    }
  }

  @Property(tries = 5000)
  void directedModesErrInOneDirection(@ForAll @DoubleRange(min = -1e6, max = 1e6) double v) {
    double t = Rounding.TRUNCATE.round(v);
    assertTrue(Math.abs(t) <= Math.abs(v) && Math.abs(v - t) < 1, "truncate " + v + " -> " + t);
    double f = Rounding.FLOOR.round(v);
    assertTrue(f <= v && v - f < 1, "floor " + v + " -> " + f);
  }

  @Test
  void stochasticIsReproducibleAndUnbiased() {
    double v = 2.3;
    SplittableRandom a = new SplittableRandom(7);
    SplittableRandom b = new SplittableRandom(7);
    double sum = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      double q = Rounding.STOCHASTIC.round(v, a);
      assertEquals(q, Rounding.STOCHASTIC.round(v, b), 0.0);
      assertTrue(q == 2.0 || q == 3.0, "got " + q);
      sum += q;
    }
    // Mean of Bernoulli(0.3) + 2 over n draws: standard error sqrt(0.21 / n) ~ 0.001.
    assertEquals(v, sum / n, 0.005);
  }

  @Test
  void stochasticNeedsARandomSource() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Rounding.STOCHASTIC.round(1.5))
            .getMessage().contains("rng"));
  }

  @Test
  void biasAndNearestFlags() {
    assertTrue(Rounding.HALF_TO_EVEN.isUnbiased());
    assertTrue(Rounding.STOCHASTIC.isUnbiased());
    assertFalse(Rounding.TRUNCATE.isUnbiased());
    assertTrue(Rounding.HALF_UP.isNearest());
    assertFalse(Rounding.FLOOR.isNearest());
  }
}
