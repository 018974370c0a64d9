package quantlab.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ErrorStatsTest {

  @Test
  void handComputedExample() {
    // e = [0, 0, 0, 1]: MSE = 1/4, max|e| = 1, bias = 1/4, SQNR = 10 log10(30 / 1)
    ErrorStats s = ErrorStats.of(new float[] {1, 2, 3, 4}, new float[] {1, 2, 3, 5});
    assertEquals(4, s.count());
    assertEquals(0.25, s.mse());
    assertEquals(0.5, s.rmse());
    assertEquals(1.0, s.maxAbsError());
    assertEquals(0.25, s.bias());
    assertEquals(30.0, s.sumSquaredSignal());
    assertEquals(1.0, s.sumSquaredError());
    assertEquals(14.771212547, s.sqnrDb(), 1e-9);
    assertFalse(s.hasClippedCount());
    assertEquals("ErrorStats{n=4, RMSE=5.00e-01, SQNR=14.8 dB, max|e|=1.0e+00, bias=2.5e-01}",
        s.toString());
  }

  @Test
  void negativeErrorsAndBias() {
    // e = [-0.5, 0.5, -1]: MSE = (0.25 + 0.25 + 1) / 3 = 0.5, bias = -1/3
    ErrorStats s = ErrorStats.of(new float[] {1, -1, 2}, new float[] {0.5f, -0.5f, 1});
    assertEquals(0.5, s.mse(), 1e-15);
    assertEquals(-1.0 / 3, s.bias(), 1e-15);
    assertEquals(1.0, s.maxAbsError());
    // signal 1 + 1 + 4 = 6, noise 1.5: 10 log10(4) = 6.0206 dB
    assertEquals(6.020599913, s.sqnrDb(), 1e-9);
  }

  @Test
  void clippedCountFromAQuantizedTensor() {
    float[] x = {-1f, 0f, 0.5f, 1f, 5f};
    QuantParams p = QuantParams.fromRange(IntFormat.int8(), Range.of(-1f, 1f));
    QuantizedTensor t = Quant.quantize(x, p);
    ErrorStats s = ErrorStats.of(x, t);
    assertEquals(1, s.clippedCount()); // only 5 lies beyond [-1, 1]
    assertEquals(0.2, s.clippedFraction());
    // 5 is clipped to the top code, scale * (127 - zeroPoint) = maxValue
    assertEquals(5 - p.maxValue(0), s.maxAbsError(), 1e-6);
    assertTrue(s.toString().endsWith(", clipped=1 (20.00%)}"), s.toString());
  }

  @Test
  void clippedCountFromAFakeQuantization() {
    float[] x = {-3f, 0f, 3f, 0.25f};
    Quantizer q = Quantizer.builder().bits(4).symmetric().build();
    QuantParams p = q.paramsFor(Range.of(-1f, 1f));
    ErrorStats s = ErrorStats.of(x, q.fakeQuantize(x, Shape.vector(4), p));
    assertEquals(2, s.clippedCount());
    assertEquals(0.5, s.clippedFraction());
  }

  @Test
  void givenClippedCountIsChecked() {
    float[] x = {1, 2};
    assertEquals(2, ErrorStats.of(x, x, 2).clippedCount());
    assertEquals("clippedCount must be in [0, 2], got 3",
        assertThrows(IllegalArgumentException.class, () -> ErrorStats.of(x, x, 3))
            .getMessage());
    assertThrows(IllegalStateException.class, () -> ErrorStats.of(x, x).clippedCount());
  }

  @Test
  void emptyInputs() {
    ErrorStats s = ErrorStats.of(new float[0], new float[0], 0);
    assertEquals(0, s.count());
    assertEquals(0, s.mse());
    assertEquals(0, s.maxAbsError());
    assertEquals(0, s.bias());
    assertEquals(Double.POSITIVE_INFINITY, s.sqnrDb());
    assertEquals(0, s.clippedFraction());
    assertEquals(0, s.histogram().total());
    assertEquals("ErrorStats{n=0, RMSE=0.00e+00, SQNR=+inf dB, max|e|=0.0e+00, bias=0.0e+00, "
        + "clipped=0 (0.00%)}", s.toString());
  }

  @Test
  void sqnrSpecialCases() {
    assertEquals(Double.POSITIVE_INFINITY,
        ErrorStats.of(new float[] {1, 2}, new float[] {1, 2}).sqnrDb());
    assertEquals(Double.POSITIVE_INFINITY,
        ErrorStats.of(new float[] {0, 0}, new float[] {0, 0}).sqnrDb());
    ErrorStats zeroSignal = ErrorStats.of(new float[] {0, 0}, new float[] {0, 0.1f});
    assertEquals(Double.NEGATIVE_INFINITY, zeroSignal.sqnrDb());
    assertTrue(zeroSignal.toString().contains("SQNR=-inf dB"), zeroSignal.toString());
  }

  @Test
  void rejectsMismatchedLengthsAndNonFiniteValues() {
    assertEquals("x.length (3) must equal xHat.length (4)",
        assertThrows(IllegalArgumentException.class,
            () -> ErrorStats.of(new float[3], new float[4])).getMessage());
    assertEquals("x[1] is NaN; error statistics need finite values",
        assertThrows(IllegalArgumentException.class,
            () -> ErrorStats.of(new float[] {0, Float.NaN}, new float[2])).getMessage());
    assertEquals("xHat[0] is Infinity; error statistics need finite values",
        assertThrows(IllegalArgumentException.class,
            () -> ErrorStats.of(new float[1], new float[] {Float.POSITIVE_INFINITY}))
            .getMessage());
  }

  @Test
  void histogramSpansTheLargestError() {
    // e = [-1, 0, 0, 1]: 41 bins over [-1, 1]; -1 in the first, the zeros in the middle (20),
    // 1 (== hi) in the last
    ErrorStats s = ErrorStats.of(new float[] {1, 1, 1, 1}, new float[] {0, 1, 1, 2});
    ValueHistogram h = s.histogram();
    assertEquals(41, h.bins());
    assertEquals(-1, h.lo());
    assertEquals(1, h.hi());
    long[] expected = new long[41];
    expected[0] = 1;
    expected[20] = 2;
    expected[40] = 1;
    assertArrayEquals(expected, h.counts());
  }

  @Test
  void errorHistogramWithChosenBins() {
    ValueHistogram h = ErrorStats.errorHistogram(
        new float[] {0, 0, 0, 0}, new float[] {-0.6f, -0.2f, 0.3f, 2f}, 2, -0.5, 0.5);
    assertArrayEquals(new long[] {1, 1}, h.counts());
    assertEquals(1, h.underflow());
    assertEquals(1, h.overflow());
  }

  /** xHat = x (1 + d) makes e = d x, so SQNR = 10 log10(1 / d^2) = -20 log10 |d|. */
  @Provide
  Arbitrary<float[]> signals() {
    return Arbitraries.floats().between(-1e3f, 1e3f).array(float[].class).ofMinSize(1)
        .ofMaxSize(64);
  }

  @Provide
  Arbitrary<float[]> smallSignals() {
    return Arbitraries.floats().between(-10f, 10f).array(float[].class).ofMinSize(1)
        .ofMaxSize(100);
  }

  @Provide
  Arbitrary<Double> magnitudes() {
    return Arbitraries.doubles().between(1e-3, 0.5).ofScale(6);
  }

  @Property(tries = 2000)
  void sqnrOfARelativeError(@ForAll("signals") float[] x,
      @ForAll("magnitudes") double magnitude, @ForAll boolean negative) {
    double d = negative ? -magnitude : magnitude;
    boolean anyNonZero = false;
    float[] xHat = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      xHat[i] = (float) (x[i] * (1 + d));
      anyNonZero |= Math.abs(x[i]) > 1e-3f;
    }
    if (!anyNonZero) {
      return; // a signal of (almost) only zeros has no meaningful relative error
    }
    // float rounding of xHat adds at most 2^-24 |xHat| per value, relative 2^-24 (1 + d) / d
    // <= 1.2e-4 of the error for d >= 1e-3, i.e. at most 0.001 dB
    assertEquals(-20 * Math.log10(Math.abs(d)), ErrorStats.of(x, xHat).sqnrDb(), 1e-3);
  }

  /**
   * Round-to-nearest makes |e| <= scale / 2 for values inside the representable range. With
   * parameters from x's own range every value is inside, or (affine parameters are nudged so
   * that 0 is a code, which moves the ends by up to half a step) less than half a step outside,
   * where it rounds to the end code: |e| <= scale / 2 for all of x.
   */
  @Property(tries = 2000)
  void roundToNearestErrorIsAtMostHalfAStep(
      @ForAll("smallSignals") float[] x, @ForAll @IntRange(min = 2, max = 12) int bits,
      @ForAll boolean symmetric, @ForAll("nearest") Rounding rounding) {
    Quantizer q = Quantizer.builder().bits(bits).scheme(symmetric ? Scheme.SYMMETRIC
        : Scheme.AFFINE).rounding(rounding).build();
    FakeQuantized f = q.fakeQuantize(x);
    ErrorStats s = ErrorStats.of(x, f);
    double scale = f.params().scale();
    // float32 arithmetic (x / scale, then (q - z) * scale) adds a few ulps of |x|
    double slack = 4 * Math.ulp((float) Range.of(x).maxAbs());
    assertTrue(s.maxAbsError() <= scale / 2 + slack,
        () -> "max|e| " + s.maxAbsError() + " > scale/2 " + scale / 2 + " for " + q);
  }

  @Provide
  Arbitrary<Rounding> nearest() {
    return Arbitraries.of(Rounding.HALF_TO_EVEN, Rounding.HALF_AWAY_FROM_ZERO, Rounding.HALF_UP);
  }

  /** Uniform data fills each step evenly, so e is uniform on [-scale/2, scale/2]: RMSE = scale / sqrt(12). */
  @Test
  void rmseOfUniformDataIsScaleOverSqrt12() {
    SplittableRandom rng = new SplittableRandom(42);
    float[] x = new float[100_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (rng.nextDouble() * 2 - 1);
    }
    for (int bits : new int[] {4, 8}) {
      Quantizer q = Quantizer.builder().bits(bits).build();
      FakeQuantized f = q.fakeQuantize(x);
      double scale = f.params().scale();
      ErrorStats s = ErrorStats.of(x, f);
      double expected = scale / Math.sqrt(12);
      assertEquals(expected, s.rmse(), 0.1 * expected, "bits " + bits);
      assertTrue(s.maxAbsError() <= scale / 2 + 4 * Math.ulp(1f));
      // bias of round-to-nearest on uniform data is close to 0 relative to the step
      assertTrue(Math.abs(s.bias()) < 0.01 * scale, "bias " + s.bias());
    }
  }
}
