package quantlab.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class QuantizedMultiplierTest {

  @Test
  void handWorkedValues() {
    // 0.3 = 0.6 * 2^-1, round(0.6 * 2^31) = round(1288490188.8) = 1288490189
    assertEquals(new QuantizedMultiplier(1288490189, -1), QuantizedMultiplier.of(0.3));
    // 1.0 = 0.5 * 2^1
    assertEquals(new QuantizedMultiplier(1 << 30, 1), QuantizedMultiplier.of(1.0));
    assertEquals(new QuantizedMultiplier(1 << 30, 0), QuantizedMultiplier.of(0.5));
    assertEquals(new QuantizedMultiplier(0, 0), QuantizedMultiplier.of(0.0));
  }

  @Test
  void mantissaRoundingUpToTwoPow31IsFixedUp() {
    // q = 1 - 2^-40 rounds to 2^31: halved to 2^30 and the shift grows by one
    assertEquals(new QuantizedMultiplier(1 << 30, 1), QuantizedMultiplier.of(1 - Math.pow(2, -40)));
  }

  @Test
  void tinyMultipliersFlushToZero() {
    // 2^-40 = 0.5 * 2^-39: shift -39 < -31
    assertEquals(new QuantizedMultiplier(0, 0), QuantizedMultiplier.of(Math.pow(2, -40)));
    // 2^-32 = 0.5 * 2^-31 is still kept
    assertEquals(new QuantizedMultiplier(1 << 30, -31), QuantizedMultiplier.of(Math.pow(2, -32)));
  }

  @Test
  void rejectsNegativeAndNan() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> QuantizedMultiplier.of(-0.5));
    assertEquals("real multiplier must be finite and >= 0, got -0.5", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> QuantizedMultiplier.of(Double.NaN));
  }

  @Test
  void printsReadably() {
    assertEquals(
        "QuantizedMultiplier{multiplier=1288490189 (Q31 0.600000000), shift=-1, real=0.300000000}",
        QuantizedMultiplier.of(0.3).toString());
  }

  @Property(tries = 5000)
  void mantissaIsNormalisedAndCloseToTheRealValue(
      @ForAll @DoubleRange(min = 1e-9, max = 1000) @Scale(12) double real) {
    QuantizedMultiplier m = QuantizedMultiplier.of(real);
    assertTrue(m.multiplier() >= (1 << 30), () -> m.toString());
    assertTrue(Math.abs(m.realValue() - real) <= real * Math.pow(2, -31), () -> m + " " + real);
  }
}
