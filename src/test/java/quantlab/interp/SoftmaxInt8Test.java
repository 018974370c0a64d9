package quantlab.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SoftmaxInt8Test {
  private static final float OUT_SCALE = 1f / 256;

  @Test
  void equalInputsGiveEqualQuarters() {
    // 4 equal logits: p = 0.25 -> 0.25 * 256 - 128 = -64
    byte[] x = {7, 7, 7, 7};
    assertArrayEquals(new byte[] {-64, -64, -64, -64}, SoftmaxInt8.reference(x, 4, 0.1f, 1f));
    assertArrayEquals(new byte[] {-64, -64, -64, -64},
        SoftmaxInt8.lookupTable(x, 4, 0.1f, 1f, OUT_SCALE, -128));
  }

  @Test
  void aDominantLogitSaturates() {
    // difference 255 * 1.0: exp(-255) vanishes; p = 1 -> 256 - 128 = 128, clamped to 127
    byte[] x = {127, -128};
    assertArrayEquals(new byte[] {127, -128}, SoftmaxInt8.reference(x, 2, 1f, 1f));
    assertArrayEquals(new byte[] {127, -128},
        SoftmaxInt8.lookupTable(x, 2, 1f, 1f, OUT_SCALE, -128));
  }

  @Test
  void twoLogitsMatchTheLogistic() {
    // logits 0 and 10 codes at scale 0.1: p = 1 / (1 + e^-1) = 0.7310586 -> 187.15 -> 187 - 128
    byte[] x = {10, 0};
    byte[] ref = SoftmaxInt8.reference(x, 2, 0.1f, 1f);
    byte[] lut = SoftmaxInt8.lookupTable(x, 2, 0.1f, 1f, OUT_SCALE, -128);
    assertEquals(59, ref[0]);
    assertEquals(59, lut[0]);
    // 1 - 0.7310586 = 0.2689414 -> 68.85 -> 69 - 128 = -59
    assertEquals(-59, ref[1]);
    assertEquals(-59, lut[1]);
  }

  @Test
  void sixHundredEqualLogitsGiveZeroProbability() {
    // p = 1/600: 256/600 = 0.43 rounds to code 0 -> -128. The reference kernel's sum of 600
    // exponentials makes RoundingDivideByPOT's exponent 9 + 31 - 8 = 32 (gemmlowp allows at most
    // 31); the fuzz campaign found the IllegalArgumentException it threw (micro_speech with the
    // SOFTMAX depth mutated, micro_speech:-8872688547011572455).
    byte[] x = new byte[600];
    byte[] want = new byte[600];
    java.util.Arrays.fill(want, (byte) -128);
    assertArrayEquals(want, SoftmaxInt8.reference(x, 600, 0.1f, 1f));
    assertArrayEquals(want, SoftmaxInt8.lookupTable(x, 600, 0.1f, 1f, OUT_SCALE, -128));
    // 300 equal logits: 256/300 = 0.85 rounds to 1 -> -127 (exponent 31, the last allowed)
    byte[] y = SoftmaxInt8.reference(new byte[300], 300, 0.1f, 1f);
    assertEquals(-127, y[0]);
    assertEquals(-127, y[299]);
  }

  @Test
  void rowsAreIndependent() {
    byte[] x = {7, 7, 7, 7, 127, -128, -128, -128};
    byte[] y = SoftmaxInt8.reference(x, 4, 1f, 1f);
    assertArrayEquals(new byte[] {-64, -64, -64, -64, 127, -128, -128, -128}, y);
  }

  @Property(tries = 2000)
  void bothAlgorithmsAreWithinOneOfTheExactSoftmax(
      @ForAll @Size(min = 2, max = 12) byte[] x,
      @ForAll @FloatRange(min = 0.01f, max = 0.5f) float inputScale) {
    int n = x.length;
    byte[] ref = SoftmaxInt8.reference(x, n, inputScale, 1f);
    byte[] lut = SoftmaxInt8.lookupTable(x, n, inputScale, 1f, OUT_SCALE, -128);
    double max = Double.NEGATIVE_INFINITY;
    for (byte v : x) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (byte v : x) {
      sum += Math.exp((v - max) * inputScale);
    }
    for (int i = 0; i < n; i++) {
      double p = Math.exp((x[i] - max) * inputScale) / sum;
      double exact = Math.min(127, p * 256 - 128);
      final int k = i;
      assertTrue(Math.abs(ref[i] - exact) <= 1.0, () -> "ref[" + k + "]=" + ref[k] + " exact "
          + exact);
      assertTrue(Math.abs(lut[i] - exact) <= 1.0, () -> "lut[" + k + "]=" + lut[k] + " exact "
          + exact);
      assertTrue(Math.abs(ref[i] - lut[i]) <= 1);
    }
  }

  @Test
  void inputRadiusFollowsTheFormula() {
    // (2^5 - 1) * 2^26 / 2^leftShift: leftShift 26 -> 31
    assertEquals(31, SoftmaxInt8.calculateInputRadius(5, 26, 31));
    assertEquals(31 * 2, SoftmaxInt8.calculateInputRadius(5, 25, 31));
  }
}
