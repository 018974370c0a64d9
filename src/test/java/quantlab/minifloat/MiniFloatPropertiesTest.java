package quantlab.minifloat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random float32 values, encoded by each format, against the brute-force nearest search of
 * {@link Oracle}: any bit pattern, values across the format's range, values at and beside the
 * midpoints between neighbouring values (ties), and values among the subnormals.
 */
class MiniFloatPropertiesTest {
  private static final Oracle F16 = Oracle.of(MiniFloat.FLOAT16);
  private static final Oracle BF16 = Oracle.of(MiniFloat.BFLOAT16);
  private static final Oracle E4M3 = Oracle.of(MiniFloat.FP8_E4M3);
  private static final Oracle E5M2 = Oracle.of(MiniFloat.FP8_E5M2);
  private static final Oracle E2M1 = Oracle.of(MiniFloat.FP4_E2M1);

  @Property(tries = 5000)
  void float16PicksTheNearest(@ForAll("float16") float x) {
    check(MiniFloat.FLOAT16, F16, x);
  }

  @Property(tries = 5000)
  void bfloat16PicksTheNearest(@ForAll("bfloat16") float x) {
    check(MiniFloat.BFLOAT16, BF16, x);
  }

  @Property(tries = 5000)
  void e4m3PicksTheNearest(@ForAll("e4m3") float x) {
    check(MiniFloat.FP8_E4M3, E4M3, x);
    check(MiniFloat.FP8_E4M3.saturating(), E4M3, x);
  }

  @Property(tries = 5000)
  void e5m2PicksTheNearest(@ForAll("e5m2") float x) {
    check(MiniFloat.FP8_E5M2, E5M2, x);
    check(MiniFloat.FP8_E5M2.saturating(), E5M2, x);
  }

  @Property(tries = 3000)
  void e2m1PicksTheNearest(@ForAll("e2m1") float x) {
    check(MiniFloat.FP4_E2M1, E2M1, x);
  }

  @Property(tries = 3000)
  void roundIsIdempotentAndNeverFurtherThanHalfAStep(@ForAll("float16") float x) {
    float r = MiniFloat.FLOAT16.round(x);
    assertEquals(Float.floatToRawIntBits(r),
        Float.floatToRawIntBits(MiniFloat.FLOAT16.round(r)));
    if (Float.isFinite(r) && r != 0) {
      // |r - x| <= half the gap to r's neighbour on x's side: at most 2^-11 relative for normals.
      double err = Math.abs((double) r - x);
      assertTrue(err <= Math.max(Math.abs(r) * 0x1p-11, 0x1p-25), x + " -> " + r);
    }
  }

  private static void check(MiniFloat f, Oracle o, float x) {
    Oracle.Expected want = o.expected(f, x);
    int got = f.encode(x);
    if (want.nan()) {
      assertTrue(f.isNaN(got), f + ": " + x + " -> 0x" + Integer.toHexString(got));
    } else {
      assertEquals(want.bits(), got, () -> f + ": " + x + " (" + Float.toHexString(x) + ")");
    }
  }

  @Provide
  Arbitrary<Float> float16() {
    return around(MiniFloat.FLOAT16);
  }

  @Provide
  Arbitrary<Float> bfloat16() {
    return around(MiniFloat.BFLOAT16);
  }

  @Provide
  Arbitrary<Float> e4m3() {
    return around(MiniFloat.FP8_E4M3);
  }

  @Provide
  Arbitrary<Float> e5m2() {
    return around(MiniFloat.FP8_E5M2);
  }

  @Provide
  Arbitrary<Float> e2m1() {
    return around(MiniFloat.FP4_E2M1);
  }

  /** Mixes any float, floats within twice the range, floats near midpoints, and tiny floats. */
  static Arbitrary<Float> around(MiniFloat f) {
    float[] v = f.finiteValues();
    Arbitrary<Float> anyBits = Arbitraries.integers().map(Float::intBitsToFloat)
        .filter(x -> !Float.isNaN(x));
    float limit = f.maxValue() > Float.MAX_VALUE / 2 ? Float.MAX_VALUE : 2 * f.maxValue();
    Arbitrary<Float> inRange = magnitudesUpTo(limit);
    Arbitrary<Float> nearTies = Combinators.combine(
            Arbitraries.integers().between(0, v.length - 2),
            Arbitraries.integers().between(-3, 3),
            Arbitraries.of(true, false))
        .as((i, steps, midpoint) -> {
          float x = midpoint ? (float) (((double) v[i] + v[i + 1]) / 2) : v[i];
          for (int k = 0; k < Math.abs(steps); k++) {
            x = steps > 0 ? Math.nextUp(x) : Math.nextDown(x);
          }
          return x;
        });
    float tiny = 4 * f.minNormal();
    Arbitrary<Float> subnormals = magnitudesUpTo(tiny);
    return Arbitraries.frequencyOf(
        Tuple.of(2, anyBits), Tuple.of(3, inRange), Tuple.of(4, nearTies), Tuple.of(1, subnormals));
  }

  /** Floats of either sign with magnitude in [0, limit], uniform over bit patterns. */
  static Arbitrary<Float> magnitudesUpTo(float limit) {
    return Combinators.combine(
            Arbitraries.integers().between(0, Float.floatToIntBits(limit)),
            Arbitraries.of(true, false))
        .as((bits, negative) -> {
          float x = Float.intBitsToFloat(bits);
          return negative ? -x : x;
        });
  }
}
