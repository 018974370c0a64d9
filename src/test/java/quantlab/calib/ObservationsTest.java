package quantlab.calib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import quantlab.quant.IntFormat;
import quantlab.quant.Range;
import quantlab.quant.Scheme;
import quantlab.quant.Shape;

/** The checks and routing every calibrator shares (Observations), tested through them. */
class ObservationsTest {

  private static final List<Calibration> METHODS = List.of(
      Calibration.minMax(),
      Calibration.movingAverage(0.9),
      Calibration.percentile(90),
      Calibration.percentile(75).symmetric(),
      Calibration.mse(IntFormat.int4(), Scheme.AFFINE),
      Calibration.mse(IntFormat.signed(3).narrow(), Scheme.SYMMETRIC),
      Calibration.entropy(64, 8));

  @Test
  void nanIsRejectedWithItsIndexAndTheStateIsKept() {
    for (Calibration m : METHODS) {
      Calibrator c = m.create().observe(new float[] {-1f, 1f});
      Range before = c.range();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> c.observe(new float[] {5f, 7f, Float.NaN, 9f}));
      assertEquals("batch[2] is NaN; calibration needs finite values", e.getMessage());
      assertEquals(before, c.range(), m.toString());
      assertEquals(1, c.batchCount());
      assertEquals(2, c.valueCount());
    }
  }

  @Test
  void infinitiesAreRejected() {
    for (Calibration m : METHODS) {
      Calibrator c = m.create();
      assertEquals("batch[0] is -Infinity; calibration needs finite values",
          assertThrows(IllegalArgumentException.class,
              () -> c.observe(new float[] {Float.NEGATIVE_INFINITY})).getMessage());
      assertEquals("batch[1] is Infinity; calibration needs finite values",
          assertThrows(IllegalArgumentException.class,
              () -> c.observe(new float[] {0f, Float.POSITIVE_INFINITY})).getMessage());
    }
  }

  @Test
  void aRangeNeedsValues() {
    for (Calibration m : METHODS) {
      Calibrator c = m.create();
      assertEquals("no values observed yet: call observe(batch) before asking for a range",
          assertThrows(IllegalStateException.class, c::range).getMessage());
      c.observe(new float[0]);
      assertThrows(IllegalStateException.class, c::ranges);
      String name = m.getClass().getSimpleName() + "Calibrator";
      assertEquals(name, c.getClass().getSimpleName());
      assertTrue(c.toString().startsWith(name + "{"), c.toString());
      assertTrue(c.toString().endsWith("1 batch, 0 values, range=none}"), c.toString());
    }
  }

  @Test
  void shapesAreChecked() {
    Calibrator c = Calibration.minMax().perChannel(1).create();
    assertEquals("a per-channel(axis=1) calibration needs the batch's shape to find the "
            + "channels: call observe(batch, shape)",
        assertThrows(IllegalArgumentException.class, () -> c.observe(new float[4]))
            .getMessage());
    assertEquals("batch.length (4) does not match shape [2, 3] of size 6",
        assertThrows(IllegalArgumentException.class,
            () -> c.observe(new float[4], Shape.of(2, 3))).getMessage());
    c.observe(new float[6], Shape.of(2, 3));
    c.observe(new float[9], Shape.of(3, 3)); // another batch size, same channels: fine
    assertEquals("shape [2, 4] gives 4 ranges per-channel(axis=1) but earlier batches gave 3",
        assertThrows(IllegalArgumentException.class,
            () -> c.observe(new float[8], Shape.of(2, 4))).getMessage());
    assertEquals("this calibration is per-channel(axis=1) with 3 ranges: use ranges()",
        assertThrows(IllegalStateException.class, c::range).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Calibration.minMax().perChannel(2).create().observe(new float[6], Shape.of(2, 3)));
  }

  @Test
  void aChannelWithoutValuesHasNoRange() {
    Calibrator c = Calibration.percentile(99).perChannel(1).create();
    c.observe(new float[0], Shape.of(0, 3));
    assertThrows(IllegalStateException.class, c::ranges);
  }

  @Test
  void toStringPerTensorAndPerChannel() {
    float[] x = new float[30000];
    for (int i = 0; i < x.length; i++) {
      x[i] = -0.412f + 0.81f * i / (x.length - 1);
    }
    PercentileCalibrator c = Calibration.percentile(99.99).create();
    c.observe(x).observe(x).observe(x);
    assertEquals("PercentileCalibrator{99.99%, 3 batches, 90000 values, range=[-0.412, 0.398]}",
        c.toString());
    MinMaxCalibrator pc = Calibration.minMax().perChannel(1).create()
        .observe(new float[] {1, -2, 5, 4, 0, -7}, Shape.of(2, 3));
    assertEquals("MinMaxCalibrator{per-channel(axis=1), 1 batch, 6 values, 3 ranges, "
        + "min in [-7, 1], max in [0, 5]}", pc.toString());
  }

  /** A 2-D batch and the axis whose indices are the channels. */
  record Batches(int rows, int cols, float[][] data) {}

  @Provide
  Arbitrary<Batches> batches() {
    return Combinators.combine(Arbitraries.integers().between(1, 6),
            Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 3))
        .flatAs((rows, cols, count) -> Arbitraries.floats().between(-50f, 50f)
            .array(float[].class).ofSize(rows * cols).array(float[][].class).ofSize(count)
            .map(d -> new Batches(rows, cols, d)));
  }

  @Provide
  Arbitrary<Calibration> methods() {
    return Arbitraries.of(METHODS);
  }

  /**
   * Per-channel calibration equals per-tensor calibration applied to each channel's values
   * alone, batch by batch, for every method and along either axis of a 2-D batch.
   */
  @Property(tries = 2000)
  void perChannelEqualsPerTensorChannelByChannel(@ForAll("batches") Batches b,
      @ForAll("methods") Calibration method, @ForAll boolean alongRows) {
    int axis = alongRows ? 0 : 1;
    int channels = alongRows ? b.rows() : b.cols();
    Shape shape = Shape.of(b.rows(), b.cols());
    Range[] perChannel = method.perChannel(axis).calibrate(shape, b.data());
    assertEquals(channels, perChannel.length);
    for (int ch = 0; ch < channels; ch++) {
      Calibrator alone = method.create();
      for (float[] batch : b.data()) {
        int n = alongRows ? b.cols() : b.rows();
        float[] slice = new float[n];
        for (int k = 0; k < n; k++) {
          slice[k] = alongRows ? batch[ch * b.cols() + k] : batch[k * b.cols() + ch];
        }
        alone.observe(slice);
      }
      assertEquals(alone.range(), perChannel[ch], method + " channel " + ch);
    }
  }

  /** Negative axes count from the end, as in Shape. */
  @Test
  void negativeAxis() {
    float[] x = {1, -2, 5, 4, 0, -7};
    assertArrayEquals(Calibration.minMax().perChannel(1).calibrate(Shape.of(2, 3), x),
        Calibration.minMax().perChannel(-1).calibrate(Shape.of(2, 3), x));
  }
}
