package quantlab.quant;

import quantlab.quant.internal.QuantKernels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class QuantParamsTest {

  @Test
  void fromRangeWorkedByHand() {
    // scale = 4 / 255; over uint8 codes the zero point is 1.5 / (4/255) = 95.625 -> 96;
    // shifted into int8 codes: 96 - 128 = -32.
    QuantParams p = QuantParams.fromRange(IntFormat.int8(), Range.of(-1.5f, 2.5f));
    assertEquals(4f / 255f, p.scale(), 0f);
    assertEquals(-32, p.zeroPoint());
    assertEquals(-96 * (4f / 255f), p.minValue(0), 0f);
    assertEquals(159 * (4f / 255f), p.maxValue(0), 0f);
    // Unsigned codes get the same grid, with the zero point 96.
    QuantParams u = QuantParams.fromRange(IntFormat.uint8(), Range.of(-1.5f, 2.5f));
    assertEquals(p.scale(), u.scale(), 0f);
    assertEquals(96, u.zeroPoint());
  }

  @Test
  void rangesWithoutZeroAreNudgedToIncludeIt() {
    // [0.1, 0.3] over 255 steps: zero point from min is -127.5 < 0, so it is clamped to qmin and
    // the grid becomes [0, 0.2]: TensorFlow's FakeQuant behaviour.
    QuantParams p = QuantParams.fromRange(IntFormat.uint8(), Range.of(0.1f, 0.3f));
    assertEquals(0, p.zeroPoint());
    assertEquals(0f, p.minValue(0), 0f);
    assertEquals(255 * ((0.3f - 0.1f) / 255f), p.maxValue(0), 0f);
    QuantParams n = QuantParams.fromRange(IntFormat.int8(), Range.of(-3f, -1f));
    assertEquals(127, n.zeroPoint());
    assertEquals(0f, n.maxValue(0), 0f);
  }

  @Property(tries = 3000)
  void zeroIsExactlyAGridPointAndTheGridHasLevelsSteps(
      @ForAll @FloatRange(min = -1000, max = 1000) float a,
      @ForAll @FloatRange(min = -1000, max = 1000) float b,
      @ForAll @IntRange(min = 2, max = 16) int bits,
      @ForAll boolean signed,
      @ForAll boolean narrow) {
    Assume.that(a != b);
    IntFormat f = IntFormat.of(bits, signed, narrow);
    QuantParams p = QuantParams.fromRange(f, Range.of(Math.min(a, b), Math.max(a, b)));
    assertTrue(f.contains(p.zeroPoint()));
    int q0 = QuantKernels.code(0f, p.scale(), p.zeroPoint(), f.qmin(), f.qmax(),
        Rounding.HALF_TO_EVEN, null);
    assertEquals(p.zeroPoint(), q0, "0.0 must quantize to the zero point");
    assertTrue(p.minValue(0) <= 0f && p.maxValue(0) >= 0f, p.toString());
    double steps = ((double) p.maxValue(0) - p.minValue(0)) / p.scale();
    assertEquals(f.levels() - 1, steps, 1e-3 * (f.levels() - 1));
  }

  @Test
  void symmetricWorkedByHand() {
    QuantParams p = QuantParams.symmetric(IntFormat.int8().narrow(), 2.54f);
    assertEquals(2.54f / 127, p.scale(), 0f);
    assertEquals(0, p.zeroPoint());
    assertTrue(p.isSymmetric());
    QuantParams u = QuantParams.symmetric(IntFormat.uint8(), 1.27f);
    assertEquals(128, u.zeroPoint());
    assertEquals(1.27f / 127, u.scale(), 0f);
    assertEquals(1f, QuantParams.symmetric(IntFormat.int4(), 0f).scale(), 0f);
  }

  @Test
  void degenerateRangesPolicy() {
    assertEquals(1f, QuantParams.fromRange(IntFormat.int8(), Range.of(0f, 0f)).scale(), 0f);
    assertEquals(0, QuantParams.fromRange(IntFormat.int8(), Range.of(0f, 0f)).zeroPoint());
    // min == max == 0.5 is widened to [0, 0.5].
    QuantParams p = QuantParams.fromRange(IntFormat.uint8(), Range.of(0.5f, 0.5f));
    assertEquals(0.5f / 255f, p.scale(), 0f);
    assertEquals(0, p.zeroPoint());
  }

  @Test
  void perChannelFromRanges() {
    QuantParams p =
        QuantParams.fromRanges(
            IntFormat.int8().narrow(), Scheme.SYMMETRIC, Granularity.perChannel(0),
            Range.of(-1.27f, 0.5f), Range.of(-0.1f, 2.54f));
    assertArrayEquals(new float[] {1.27f / 127, 2.54f / 127}, p.scales(), 0f);
    assertArrayEquals(new int[] {0, 0}, p.zeroPoints());
    assertEquals(2, p.count());
    assertThrows(IllegalStateException.class, p::scale);
  }

  @Test
  void badArgumentsAreNamed() {
    assertEquals(
        "scale must be finite and > 0, got 0.0",
        assertThrows(IllegalArgumentException.class,
            () -> QuantParams.of(IntFormat.int8(), 0f, 0)).getMessage());
    assertEquals(
        "scale must be finite and > 0, got NaN",
        assertThrows(IllegalArgumentException.class,
            () -> QuantParams.of(IntFormat.int8(), Float.NaN, 0)).getMessage());
    assertEquals(
        "scale must be finite and > 0, got -0.5",
        assertThrows(IllegalArgumentException.class,
            () -> QuantParams.of(IntFormat.int8(), -0.5f, 0)).getMessage());
    assertEquals(
        "zeroPoint must be in [-128, 127] for int8, got 128",
        assertThrows(IllegalArgumentException.class,
            () -> QuantParams.of(IntFormat.int8(), 1f, 128)).getMessage());
    assertEquals(
        "zeroPoints[1] must be in [0, 15] for uint4, got -1",
        assertThrows(IllegalArgumentException.class,
            () -> QuantParams.of(IntFormat.unsigned(4), Granularity.perChannel(0),
                new float[] {1f, 1f}, new int[] {0, -1})).getMessage());
    assertEquals(
        "scales.length (2) must equal zeroPoints.length (1)",
        assertThrows(IllegalArgumentException.class,
            () -> QuantParams.of(IntFormat.int8(), Granularity.perChannel(0),
                new float[] {1f, 1f}, new int[] {0})).getMessage());
    assertEquals(
        "min must be <= max, got min 2.0 > max 1.0",
        assertThrows(IllegalArgumentException.class, () -> Range.of(2f, 1f)).getMessage());
    assertEquals(
        "max must be finite, got Infinity",
        assertThrows(IllegalArgumentException.class,
            () -> Range.of(0f, Float.POSITIVE_INFINITY)).getMessage());
  }

  @Test
  void paramsMustFitTheShape() {
    QuantParams p = QuantParams.of(IntFormat.int8(), Granularity.perChannel(1),
        new float[] {1f, 1f, 1f}, new int[] {0, 0, 0});
    assertEquals(3, p.layoutFor(Shape.of(4, 3)).paramCount());
    String m = assertThrows(IllegalArgumentException.class, () -> p.layoutFor(Shape.of(3, 4)))
        .getMessage();
    assertTrue(m.contains("holds 3 scales but shape [3, 4] per-channel(axis=1) needs 4"), m);
  }

  @Test
  void builderAndToBuilder() {
    QuantParams p = QuantParams.builder().format(IntFormat.int4()).scale(0.5f).zeroPoint(-2)
        .build();
    assertEquals(QuantParams.of(IntFormat.int4(), 0.5f, -2), p);
    assertEquals(QuantParams.of(IntFormat.int4(), 0.25f, -2),
        p.toBuilder().scale(0.25f).build());
    assertEquals(0, QuantParams.builder().format(IntFormat.int8()).scale(1f).build().zeroPoint());
    assertThrows(IllegalStateException.class, () -> QuantParams.builder().scale(1f).build());
    assertFalse(p.isSymmetric());
  }

  @Test
  void toStringReadsWell() {
    assertEquals("QuantParams{int8n, per-tensor, scale=0.02, zeroPoint=0}",
        QuantParams.symmetric(IntFormat.int8().narrow(), 2.54f).toString());
    assertEquals(
        "QuantParams{int4, per-channel(axis=0), 2 pairs, scale=[0.25..0.5], zeroPoint=[-1..0]}",
        QuantParams.of(IntFormat.int4(), Granularity.perChannel(0), new float[] {0.5f, 0.25f},
            new int[] {0, -1}).toString());
  }
}
