package quantlab.minifloat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bit pattern of every format (65,536 for float16 and bfloat16, 256 for fp8, 16 for fp4),
 * and every tie between two neighbouring values, checked against {@link Oracle}.
 */
class MiniFloatExhaustiveTest {

  static Stream<MiniFloat> formats() {
    return Stream.of(MiniFloat.FLOAT16, MiniFloat.BFLOAT16, MiniFloat.FP8_E4M3, MiniFloat.FP8_E5M2,
        MiniFloat.FP4_E2M1, MiniFloat.FP8_E4M3.saturating(), MiniFloat.FP8_E5M2.saturating(),
        MiniFloat.FLOAT16.saturating(), MiniFloat.of(4, 3), MiniFloat.of(3, 2));
  }

  @ParameterizedTest
  @MethodSource("formats")
  void decodeMatchesTheDefinition(MiniFloat f) {
    Oracle o = Oracle.of(f);
    int nans = 0;
    for (int bits = 0; bits < (1 << f.bits()); bits++) {
      double expected = o.decode(bits);
      float actual = f.decode(bits);
      if (Double.isNaN(expected)) {
        nans++;
        assertTrue(Float.isNaN(actual), hex(bits));
        assertTrue(f.isNaN(bits), hex(bits));
      } else {
        assertEquals(expected, actual, 0.0, hex(bits));
        assertEquals(expected < 0 || 1 / expected < 0, Float.floatToRawIntBits(actual) < 0,
            "sign of " + hex(bits));
        assertEquals(Double.isInfinite(expected), f.isInfinite(bits), hex(bits));
      }
    }
    // NaN patterns: IEEE has 2 * (2^m - 1), the FN formats 2 (S.1111.111), fp4 none.
    int expectedNaNs = switch (f.specials()) {
      case IEEE -> 2 * ((1 << f.mantissaBits()) - 1);
      case NAN_ONLY -> 2;
      case NONE -> 0;
    };
    assertEquals(expectedNaNs, nans);
  }

  @ParameterizedTest
  @MethodSource("formats")
  void everyPatternRoundTrips(MiniFloat f) {
    for (int bits = 0; bits < (1 << f.bits()); bits++) {
      float x = f.decode(bits);
      int back = f.encode(x);
      if (Float.isNaN(x)) {
        assertTrue(f.isNaN(back), hex(bits) + " -> " + hex(back));
      } else if (Float.isInfinite(x) && f.overflow() == Overflow.SATURATE) {
        int max = f.encode(f.maxValue());
        assertEquals(x > 0 ? max : max | (1 << (f.bits() - 1)), back, "saturated " + x);
      } else {
        assertEquals(bits, back, hex(bits) + " = " + x);
        assertEquals(Float.floatToRawIntBits(x), Float.floatToRawIntBits(f.round(x)), hex(bits));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("formats")
  void everyTieGoesToTheEvenNeighbour(MiniFloat f) {
    Oracle o = Oracle.of(f);
    List<double[]> v = o.finitePositives();
    int signBit = 1 << (f.bits() - 1);
    for (int i = 0; i + 1 < v.size(); i++) {
      double lo = v.get(i)[0];
      double hi = v.get(i + 1)[0];
      int loBits = (int) v.get(i)[1];
      int hiBits = (int) v.get(i + 1)[1];
      double mid = (lo + hi) / 2;
      float x = (float) mid;
      if (x != mid) {
        fail("midpoint of " + lo + " and " + hi + " is not a float32");
      }
      int even = (loBits & 1) == 0 ? loBits : hiBits;
      assertTrue((even & 1) == 0 && (loBits & 1) != (hiBits & 1), "one neighbour is even");
      assertEquals(even, f.encode(x), "tie " + x);
      assertEquals(signBit | even, f.encode(-x), "tie " + -x);
      assertEquals(loBits, f.encode(Math.nextDown(x)), "just below " + x);
      assertEquals(hiBits, f.encode(Math.nextUp(x)), "just above " + x);
    }
  }

  @ParameterizedTest
  @MethodSource("formats")
  void theOverflowBoundary(MiniFloat f) {
    Oracle o = Oracle.of(f);
    List<double[]> v = o.finitePositives();
    double max = v.get(v.size() - 1)[0];
    double ulp = max - v.get(v.size() - 2)[0];
    float tie = (float) (max + ulp / 2);
    float[] probes = {Math.nextDown(tie), tie, Math.nextUp(tie), Float.MAX_VALUE,
        Float.POSITIVE_INFINITY, -tie, Float.NEGATIVE_INFINITY};
    for (float x : probes) {
      Oracle.Expected want = o.expected(f, x);
      int got = f.encode(x);
      if (want.nan()) {
        assertTrue(f.isNaN(got), x + " -> " + hex(got));
      } else {
        assertEquals(want.bits(), got, f + ": " + x);
      }
    }
  }

  static String hex(int bits) {
    return "0x" + Integer.toHexString(bits);
  }
}
