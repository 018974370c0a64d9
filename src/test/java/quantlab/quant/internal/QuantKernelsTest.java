package quantlab.quant.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import quantlab.quant.IntFormat;
import quantlab.quant.NanPolicy;
import quantlab.quant.Rounding;
import org.junit.jupiter.api.Test;

/**
 * The fast path of {@link QuantKernels} (blocks, SIMD-friendly float arithmetic) must give the
 * same codes and clip counts as the generic per-element loop, bit for bit, for every input.
 */
class QuantKernelsTest {

  private static final Rounding[] NEAREST = {Rounding.HALF_TO_EVEN, Rounding.HALF_AWAY_FROM_ZERO};

  /**
   * Random floats of all kinds: ordinary values, exact ties of {@code x / scale}, values near
   * the clipping edges, NaN, infinities, signed zeros, huge and subnormal values.
   */
  private static float[] nastyData(SplittableRandom rng, int n, float scale, int lo, int hi) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      int kind = rng.nextInt(20);
      float v;
      switch (kind) {
        case 0: v = (rng.nextInt(lo - 3, hi + 4) + 0.5f) * scale; break; // a tie (exact if 2^k)
        case 1: v = rng.nextInt(lo - 3, hi + 4) * scale; break;          // an integer step
        case 2: v = Math.nextUp((rng.nextInt(lo - 2, hi + 3) + 0.5f) * scale); break;
        case 3: v = Math.nextDown((rng.nextInt(lo - 2, hi + 3) + 0.5f) * scale); break;
        case 4: v = rng.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY; break;
        case 5: v = rng.nextBoolean() ? 0f : -0f; break;
        case 6: v = (float) (rng.nextDouble(-1, 1) * 1e30); break;
        case 7: v = Float.MIN_VALUE * rng.nextInt(-1000, 1000); break;
        case 8: v = (float) rng.nextDouble(-0.5, 0.5) * scale; break;
        default: v = (float) (rng.nextGaussian() * (hi - lo) * 0.3 * scale); break;
      }
      x[i] = v;
    }
    return x;
  }

  private static void sprinkleNaN(SplittableRandom rng, float[] x, int count) {
    for (int k = 0; k < count; k++) {
      x[rng.nextInt(x.length)] = Float.NaN;
    }
  }

  @Property(tries = 2000)
  void intCodesMatchTheGenericLoop(
      @ForAll @IntRange(min = 2, max = 16) int bits,
      @ForAll boolean signed,
      @ForAll @IntRange(min = 0, max = 3000) int length,
      @ForAll @IntRange(min = -12, max = 6) int scaleExp,
      @ForAll boolean powerOfTwoScale,
      @ForAll boolean withNaN,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    IntFormat fmt = IntFormat.of(bits, signed, false);
    int zeroPoint = rng.nextInt(fmt.qmin(), fmt.qmax() + 1);
    float scale = (float) Math.scalb(powerOfTwoScale ? 1.0 : rng.nextDouble(0.5, 1.0), scaleExp);
    float[] x = nastyData(rng, length, scale, fmt.qmin() - zeroPoint, fmt.qmax() - zeroPoint);
    if (withNaN && length > 0) {
      sprinkleNaN(rng, x, 1 + rng.nextInt(3));
    }
    int from = length == 0 ? 0 : rng.nextInt(Math.min(length, 40));
    for (Rounding r : NEAREST) {
      int[] fast = new int[length];
      int[] slow = new int[length];
      long cFast = QuantKernels.quantize(x, from, length, scale, zeroPoint, fmt.qmin(),
          fmt.qmax(), r, null, NanPolicy.TO_ZERO, fast);
      long cSlow = QuantKernels.quantizeGeneric(x, from, length, scale, zeroPoint, fmt.qmin(),
          fmt.qmax(), r, null, NanPolicy.TO_ZERO, slow);
      assertArrayEquals(slow, fast, () -> r + " " + fmt + " zeroPoint " + zeroPoint);
      assertEquals(cSlow, cFast, () -> r + " clipped count");
    }
  }

  @Property(tries = 2000)
  void byteCodesMatchTheGenericLoop(
      @ForAll @IntRange(min = 1, max = 8) int bits,
      @ForAll boolean signed,
      @ForAll boolean narrow,
      @ForAll @IntRange(min = 0, max = 3000) int length,
      @ForAll @IntRange(min = -12, max = 6) int scaleExp,
      @ForAll boolean powerOfTwoScale,
      @ForAll boolean withNaN,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    IntFormat fmt = IntFormat.of(bits, signed, narrow && bits > 1);
    int zeroPoint = rng.nextInt(fmt.qmin(), fmt.qmax() + 1);
    float scale = (float) Math.scalb(powerOfTwoScale ? 1.0 : rng.nextDouble(0.5, 1.0), scaleExp);
    float[] x = nastyData(rng, length, scale, fmt.qmin() - zeroPoint, fmt.qmax() - zeroPoint);
    if (withNaN && length > 0) {
      sprinkleNaN(rng, x, 1 + rng.nextInt(3));
    }
    for (Rounding r : NEAREST) {
      byte[] fast = new byte[length];
      byte[] slow = new byte[length];
      long cFast = QuantKernels.quantize(x, 0, length, scale, zeroPoint, fmt.qmin(),
          fmt.qmax(), r, null, NanPolicy.TO_ZERO, fast);
      long cSlow = QuantKernels.quantizeGeneric(x, 0, length, scale, zeroPoint, fmt.qmin(),
          fmt.qmax(), r, null, NanPolicy.TO_ZERO, slow);
      assertArrayEquals(slow, fast, () -> r + " " + fmt + " zeroPoint " + zeroPoint);
      assertEquals(cSlow, cFast, () -> r + " clipped count");
    }
  }

  @Test
  void longRunOfTiesRoundsAsTheModeSays() {
    // v = k + 0.5 for k in [-1100, 1100): each a tie; expected codes from the rule, worked in
    // double (exact here): ties to even = Math.rint, ties away = sign * floor(|v| + 0.5).
    int n = 2200;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (i - 1100) + 0.5f;
    }
    assertTrue(QuantKernels.fastPathApplies(0, n, 0, -32768, 32767, Rounding.HALF_TO_EVEN));
    int[] even = new int[n];
    int[] away = new int[n];
    assertEquals(0, QuantKernels.quantize(x, 0, n, 1f, 0, -32768, 32767,
        Rounding.HALF_TO_EVEN, null, NanPolicy.REJECT, even));
    assertEquals(0, QuantKernels.quantize(x, 0, n, 1f, 0, -32768, 32767,
        Rounding.HALF_AWAY_FROM_ZERO, null, NanPolicy.REJECT, away));
    for (int i = 0; i < n; i++) {
      double v = x[i];
      assertEquals((int) Math.rint(v), even[i], "even, v = " + v);
      assertEquals((int) (Math.signum(v) * Math.floor(Math.abs(v) + 0.5)), away[i], "away, v = " + v);
    }
    assertEquals(2, even[1102]); // 2.5 -> 2
    assertEquals(3, away[1102]); // 2.5 -> 3
    assertEquals(-3, away[1097]); // -2.5 -> -3
  }

  @Test
  void clippingAndInfinitiesAreCountedOnTheFastPath() {
    // 3000 values, int8, scale 1: every third value is out of range or infinite.
    int n = 3000;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = switch (i % 6) {
        case 0 -> 200f;                      // -> 127, clipped
        case 1 -> Float.NEGATIVE_INFINITY;   // -> -128, clipped
        case 2 -> 127.4f;                    // -> 127, not clipped
        case 3 -> 127.5f;                    // -> 128 (even) -> 127, clipped
        case 4 -> -128.5f;                   // -> -128 (even), not clipped
        default -> -3.2f;                    // -> -3
      };
    }
    byte[] q = new byte[n];
    long clipped = QuantKernels.quantize(x, 0, n, 1f, 0, -128, 127, Rounding.HALF_TO_EVEN, null,
        NanPolicy.REJECT, q);
    assertEquals(3 * n / 6, clipped);
    assertArrayEquals(new byte[] {127, -128, 127, 127, -128, -3}, java.util.Arrays.copyOf(q, 6));
    assertEquals(-3, q[n - 1]);
  }

  @Test
  void nanOnTheFastPathFollowsThePolicy() {
    float[] x = new float[5000];
    java.util.Arrays.fill(x, 1.25f);
    x[4321] = Float.NaN;
    byte[] q = new byte[x.length];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> QuantKernels.quantize(x, 0, x.length, 0.5f, 3, -128, 127, Rounding.HALF_TO_EVEN,
            null, NanPolicy.REJECT, q));
    assertTrue(e.getMessage().startsWith("x[4321] is NaN"), e.getMessage());
    int[] qi = new int[x.length];
    assertEquals(0, QuantKernels.quantize(x, 0, x.length, 0.5f, 3, -128, 127,
        Rounding.HALF_AWAY_FROM_ZERO, null, NanPolicy.TO_ZERO, qi));
    assertEquals(3, qi[4321]);      // NaN -> the zero point
    assertEquals(3 + 3, qi[0]);     // 1.25 / 0.5 = 2.5 -> 3 (away), + zero point 3
  }

  @Test
  void fastPathIsTakenOnlyWhereItIsExact() {
    assertTrue(QuantKernels.fastPathApplies(0, 100, 0, -128, 127, Rounding.HALF_TO_EVEN));
    assertTrue(QuantKernels.fastPathApplies(0, 100, 0, -128, 127, Rounding.HALF_AWAY_FROM_ZERO));
    assertFalse(QuantKernels.fastPathApplies(0, 100, 0, -128, 127, Rounding.HALF_UP));
    assertFalse(QuantKernels.fastPathApplies(0, 100, 0, -128, 127, Rounding.STOCHASTIC));
    assertFalse(QuantKernels.fastPathApplies(0, 10, 0, -128, 127, Rounding.HALF_TO_EVEN));
    // A zero point far outside the codes would need |f| beyond what the float trick rounds.
    assertFalse(QuantKernels.fastPathApplies(0, 100, 5_000_000, -128, 127,
        Rounding.HALF_TO_EVEN));
  }
}
