package quantlab.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class QuantizerTest {

  private static Quantizer quantizer(int bits, boolean symmetric, Rounding rounding) {
    Quantizer.Builder b = Quantizer.builder().bits(bits).rounding(rounding);
    return (symmetric ? b.symmetric().narrowRange(bits > 1) : b).build();
  }

  @Test
  void twoBitExampleWorkedByHand() {
    // Range [-1, 2] over codes [-2, 1]: scale 3/3 = 1, zero point 1 over unsigned codes -> -1.
    QuantizedTensor t = Quantizer.builder().bits(2).build().quantize(new float[] {-1f, 0f, 0.4f, 2f});
    assertEquals(1f, t.params().scale(), 0f);
    assertEquals(-1, t.params().zeroPoint());
    assertArrayEquals(new int[] {-2, -1, -1, 1}, t.q());
    assertArrayEquals(new float[] {-1f, 0f, 0f, 2f}, t.dequantize(), 0f);
    assertEquals(0, t.clippedCount());
  }

  @Test
  void givenParamsClipAndCount() {
    QuantParams p = QuantParams.of(IntFormat.int4(), 0.5f, 0); // codes [-8, 7] -> [-4, 3.5]
    QuantizedTensor t = Quantizer.builder().build()
        .quantize(new float[] {-5f, -4f, 1.26f, 3.5f, 3.8f, 100f}, Shape.vector(6), p);
    assertArrayEquals(new int[] {-8, -8, 3, 7, 7, 7}, t.q());
    assertEquals(3, t.clippedCount()); // -5, 3.8 (7.6 -> 8) and 100
    assertEquals(0.5, t.clippedFraction(), 1e-12);
  }

  @Property(tries = 2000)
  void inRangeNearestRoundingErrsAtMostHalfAStep(
      @ForAll("weights") float[] x,
      @ForAll @IntRange(min = 2, max = 16) int bits,
      @ForAll boolean symmetric) {
    for (Rounding r : new Rounding[] {
      Rounding.HALF_TO_EVEN, Rounding.HALF_AWAY_FROM_ZERO, Rounding.HALF_UP}) {
      Quantizer qz = quantizer(bits, symmetric, r);
      QuantParams p = qz.paramsFor(x);
      FakeQuantized f = qz.fakeQuantize(x, Shape.vector(x.length), p);
      float scale = p.scale();
      for (int i = 0; i < x.length; i++) {
        if (x[i] >= p.minValue(0) && x[i] <= p.maxValue(0)) {
          // Half a step, plus float32 rounding of x / scale and of the product.
          double bound = scale / 2 * (1 + 1e-5) + Math.ulp(x[i]);
          assertTrue(Math.abs(f.xHat()[i] - x[i]) <= bound,
              r + " " + p + ": x=" + x[i] + " xHat=" + f.xHat()[i]);
        }
      }
    }
  }

  @Property(tries = 2000)
  void truncationErrsLessThanAStepTowardZero(
      @ForAll("weights") float[] x, @ForAll @IntRange(min = 2, max = 12) int bits) {
    Quantizer qz = quantizer(bits, true, Rounding.TRUNCATE);
    FakeQuantized f = qz.fakeQuantize(x);
    float scale = f.params().scale();
    for (int i = 0; i < x.length; i++) {
      float err = f.xHat()[i] - x[i];
      assertTrue(Math.abs(err) < scale * (1 + 1e-5) + Math.ulp(x[i]), "x=" + x[i] + " err=" + err);
      assertTrue(Math.abs(f.xHat()[i]) <= Math.abs(x[i]) * (1 + 1e-6f),
          "truncation must move toward zero: x=" + x[i] + " xHat=" + f.xHat()[i]);
    }
  }

  @Property(tries = 2000)
  void floorErrsInZeroToOneStepBelow(@ForAll("weights") float[] x) {
    Quantizer qz = Quantizer.builder().bits(6).symmetric().rounding(Rounding.FLOOR).build();
    FakeQuantized f = qz.fakeQuantize(x);
    float scale = f.params().scale();
    for (int i = 0; i < x.length; i++) {
      if (x[i] > f.params().minValue(0)) {
        double d = (double) x[i] - f.xHat()[i];
        assertTrue(d >= -Math.ulp(x[i]) && d < scale * (1 + 1e-5), "x=" + x[i] + " d=" + d);
      }
    }
  }

  @Property(tries = 2000)
  void codesAreMonotonic(
      @ForAll("weights") float[] x, @ForAll @IntRange(min = 1, max = 16) int bits,
      @ForAll("deterministic") Rounding r) {
    Quantizer qz = Quantizer.builder().bits(bits).rounding(r).build();
    QuantizedTensor t = qz.quantize(x);
    Integer[] order = new Integer[x.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(x[a], x[b]));
    for (int k = 1; k < order.length; k++) {
      assertTrue(t.q(order[k - 1]) <= t.q(order[k]),
          x[order[k - 1]] + " -> " + t.q(order[k - 1]) + " but " + x[order[k]] + " -> "
              + t.q(order[k]));
    }
  }

  @Property(tries = 2000)
  void fakeQuantizeIsIdempotent(
      @ForAll("weights") float[] x, @ForAll @IntRange(min = 2, max = 16) int bits,
      @ForAll boolean symmetric) {
    Quantizer qz = quantizer(bits, symmetric, Rounding.HALF_TO_EVEN);
    QuantParams p = qz.paramsFor(x);
    Shape s = Shape.vector(x.length);
    float[] once = qz.fakeQuantize(x, s, p).xHat();
    FakeQuantized twice = qz.fakeQuantize(once, s, p);
    assertArrayEquals(once, twice.xHat(), 0f);
    assertEquals(0, twice.clippedCount());
  }

  @Property(tries = 300)
  void perChannelIsPerTensorOnEachChannel(
      @ForAll @IntRange(min = 1, max = 5) int rows,
      @ForAll @IntRange(min = 1, max = 6) int cols,
      @ForAll @IntRange(min = 2, max = 8) int bits,
      @ForAll boolean symmetric,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] w = new float[rows * cols];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (rng.nextGaussian() * (1 + i % cols));
    }
    Quantizer perChannel = quantizer(bits, symmetric, Rounding.HALF_TO_EVEN).toBuilder()
        .perChannel(1).build();
    QuantizedTensor t = perChannel.quantize(w, Shape.of(rows, cols));
    Quantizer perTensor = quantizer(bits, symmetric, Rounding.HALF_TO_EVEN);
    for (int c = 0; c < cols; c++) {
      float[] column = new float[rows];
      for (int r = 0; r < rows; r++) {
        column[r] = w[r * cols + c];
      }
      QuantizedTensor tc = perTensor.quantize(column);
      assertEquals(tc.params().scale(), t.params().scale(c), 0f);
      assertEquals(tc.params().zeroPoint(), t.params().zeroPoint(c));
      for (int r = 0; r < rows; r++) {
        assertEquals(tc.q(r), t.q(r * cols + c));
      }
    }
  }

  @Test
  void groupsAlongTheLastAxisAreChannelsOfTheOtherAxis() {
    float[] w = new float[4 * 6];
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) rng.nextGaussian() * (1 + i / 6);
    }
    Quantizer base = Quantizer.builder().bits(4).symmetric().narrowRange(true).build();
    QuantizedTensor groups = base.toBuilder().perGroup(1, 6).build().quantize(w, Shape.of(4, 6));
    QuantizedTensor rows = base.toBuilder().perChannel(0).build().quantize(w, Shape.of(4, 6));
    assertArrayEquals(rows.q(), groups.q());
    assertArrayEquals(rows.params().scales(), groups.params().scales(), 0f);
  }

  @Test
  void stochasticRoundingIsReproducibleAndUnbiased() {
    float[] x = new float[100_000];
    Arrays.fill(x, 0.3f);
    QuantParams p = QuantParams.of(IntFormat.int8(), 1f, 0);
    Quantizer qz = Quantizer.builder().rounding(Rounding.STOCHASTIC).seed(11).build();
    float[] a = qz.fakeQuantize(x, Shape.vector(x.length), p).xHat();
    float[] b = qz.fakeQuantize(x, Shape.vector(x.length), p).xHat();
    assertArrayEquals(a, b, 0f);
    double mean = 0;
    for (float v : a) {
      assertTrue(v == 0f || v == 1f);
      mean += v;
    }
    assertEquals(0.3, mean / a.length, 0.005);
    float[] other = qz.toBuilder().seed(12).build().fakeQuantize(x, Shape.vector(x.length), p)
        .xHat();
    assertTrue(!Arrays.equals(a, other), "another seed must give other draws");
  }

  @Test
  void nanIsRejectedOrMappedToZero() {
    float[] x = {1f, Float.NaN, -1f};
    QuantParams p = QuantParams.of(IntFormat.int8(), 0.1f, 3);
    String m = assertThrows(IllegalArgumentException.class,
        () -> Quantizer.builder().build().quantize(x, Shape.vector(3), p)).getMessage();
    assertTrue(m.startsWith("x[1] is NaN"), m);
    QuantizedTensor t = Quantizer.builder().nanPolicy(NanPolicy.TO_ZERO).build()
        .quantize(x, Shape.vector(3), p);
    assertArrayEquals(new int[] {13, 3, -7}, t.q());
    assertEquals(0, t.clippedCount());
  }

  @Test
  void infinitiesClipAndCount() {
    QuantParams p = QuantParams.of(IntFormat.int8(), 0.1f, 0);
    QuantizedTensor t = Quantizer.builder().build().quantize(
        new float[] {Float.NEGATIVE_INFINITY, 0f, Float.POSITIVE_INFINITY}, Shape.vector(3), p);
    assertArrayEquals(new int[] {-128, 0, 127}, t.q());
    assertEquals(2, t.clippedCount());
    String m = assertThrows(IllegalArgumentException.class,
        () -> Quant.int8(new float[] {0f, Float.POSITIVE_INFINITY})).getMessage();
    assertTrue(m.contains("x[1] is Infinity"), m);
  }

  @Test
  void emptyInputsWork() {
    QuantizedTensor t = Quant.int8(new float[0]);
    assertEquals(0, t.size());
    assertEquals(0, t.dequantize().length);
    assertEquals(0.0, t.clippedFraction());
    assertEquals(0, Quantizer.builder().perChannel(0).build()
        .quantize(new float[0], Shape.of(0, 3)).size());
  }

  @Test
  void mismatchedShapesAreNamed() {
    assertEquals("x.length (5) does not match shape [2, 3] of size 6",
        assertThrows(IllegalArgumentException.class,
            () -> Quantizer.builder().build().quantize(new float[5], Shape.of(2, 3)))
            .getMessage());
    assertEquals("axis must be in [-2, 1] for shape [2, 3], got 2",
        assertThrows(IllegalArgumentException.class,
            () -> Quantizer.builder().perChannel(2).build().quantize(new float[6], Shape.of(2, 3)))
            .getMessage());
    assertEquals("bits must be in [1, 16], got 17",
        assertThrows(IllegalArgumentException.class, () -> Quantizer.builder().bits(17))
            .getMessage());
  }

  @Test
  void toStringReadsWell() {
    assertEquals("Quantizer{int4n, symmetric, per-channel(axis=1), HALF_TO_EVEN}",
        Quantizer.builder().bits(4).symmetric().narrowRange(true).perChannel(1)
            .rounding(Rounding.HALF_TO_EVEN).build().toString());
    assertEquals("Quantizer{int8, affine, per-tensor, STOCHASTIC(seed=5)}",
        Quantizer.builder().rounding(Rounding.STOCHASTIC).seed(5).build().toString());
  }

  @Provide
  Arbitrary<float[]> weights() {
    return Arbitraries.floats().between(-10f, 10f).array(float[].class).ofMinSize(1).ofMaxSize(64);
  }

  @Provide
  Arbitrary<Rounding> deterministic() {
    return Arbitraries.of(Rounding.HALF_TO_EVEN, Rounding.HALF_AWAY_FROM_ZERO, Rounding.HALF_UP,
        Rounding.TRUNCATE, Rounding.FLOOR);
  }
}
