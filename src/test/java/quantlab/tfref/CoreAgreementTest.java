package quantlab.tfref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import quantlab.quant.IntFormat;
import quantlab.quant.QuantParams;
import quantlab.quant.Quantizer;
import quantlab.quant.Range;
import quantlab.quant.Rounding;
import quantlab.quant.Shape;

/**
 * quantlab's core ({@code quantlab.quant}) against TensorFlow's FakeQuant: where they agree bit
 * for bit (the nudged grid of {@link QuantParams#fromRange}), where they agree within one code
 * step ({@link Quantizer}'s rounding of {@code x / scale}), and where they differ on purpose
 * (an empty range, NaN).
 */
class CoreAgreementTest {
  static final int CHANNELS = 400;

  /** Random ranges holding 0 (as FakeQuant expects), of many widths and offsets. */
  static float[][] ranges(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] out = new float[CHANNELS][];
    for (int c = 0; c < CHANNELS; c++) {
      double width = Math.pow(10, -4 + 8 * r.nextDouble());
      double f = c % 10 == 0 ? 0 : c % 10 == 1 ? 1 : r.nextDouble(); // share of the range below 0
      out[c] = new float[] {(float) (-width * f), (float) (width * (1 - f))};
    }
    return out;
  }

  /**
   * {@code QuantParams.fromRange} gives TensorFlow's nudged grid: the real values of the lowest
   * and highest code, {@code (qmin - zeroPoint) * scale} and {@code (qmax - zeroPoint) * scale},
   * equal FakeQuant's outputs for -infinity and +infinity, bit for bit, for every bit width,
   * narrow or not, signed or unsigned codes.
   */
  @Test
  void fromRangeReproducesFakeQuantNudgedGridBitForBit() {
    TfOracle.Batch batch = new TfOracle.Batch();
    List<Object[]> runs = new ArrayList<>();
    for (int bits = 2; bits <= 16; bits++) {
      for (boolean narrow : new boolean[] {false, true}) {
        float[][] ranges = ranges(bits * 2 + (narrow ? 1 : 0));
        float[] min = new float[CHANNELS];
        float[] max = new float[CHANNELS];
        float[] x = new float[3 * CHANNELS]; // rows: -inf, +inf, 0
        for (int c = 0; c < CHANNELS; c++) {
          min[c] = ranges[c][0];
          max[c] = ranges[c][1];
          x[c] = Float.NEGATIVE_INFINITY;
          x[CHANNELS + c] = Float.POSITIVE_INFINITY;
        }
        runs.add(new Object[] {bits, narrow, ranges,
            batch.fakeQuantPerChannel(x, min, max, bits, narrow)});
      }
    }
    batch.run();
    Bits.Report report = new Bits.Report("QuantParams.fromRange grid vs FakeQuant");
    for (Object[] run : runs) {
      int bits = (Integer) run[0];
      boolean narrow = (Boolean) run[1];
      float[][] ranges = (float[][]) run[2];
      @SuppressWarnings("unchecked")
      float[] tf = ((Supplier<float[]>) run[3]).get();
      for (boolean signed : new boolean[] {true, false}) {
        for (int c = 0; c < CHANNELS; c++) {
          QuantParams p = QuantParams.fromRange(
              IntFormat.of(bits, signed, narrow), Range.of(ranges[c][0], ranges[c][1]));
          String label = bits + " bits" + (narrow ? " narrow " : " ")
              + (signed ? "signed" : "unsigned") + " range=[" + ranges[c][0] + ", "
              + ranges[c][1] + "]";
          report.value(label + " lowest code", tf[c], p.minValue(0));
          report.value(label + " highest code", tf[CHANNELS + c], p.maxValue(0));
          report.value(label + " zero", tf[2 * CHANNELS + c], 0f);
        }
      }
    }
    report.assertNone();
  }

  /**
   * {@link Quantizer} with {@code QuantParams.fromRange} and {@link Rounding#HALF_UP} against
   * FakeQuantWithMinMaxVars: within one code step everywhere, though not always bit-exact. The
   * core computes {@code q = round(x / scale) + zeroPoint}; FakeQuant computes
   * {@code floor((clamp(x) - nudgedMin) / scale - quantZero + 0.5)}: the subtraction of
   * {@code nudgedMin} rounds in float32 before the division, so a value within an ulp or so of a
   * tie can round to the neighbouring code.
   */
  @Test
  void quantizerIsWithinOneStepOfFakeQuantVars() {
    TfOracle.Batch batch = new TfOracle.Batch();
    List<Object[]> runs = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(11);
    for (int bits = 2; bits <= 16; bits++) {
      for (boolean narrow : new boolean[] {false, true}) {
        for (int k = 0; k < 6; k++) {
          float[] range = ranges(bits * 100 + k)[r.nextInt(CHANNELS)];
          QuantParams p = QuantParams.fromRange(IntFormat.of(bits, true, narrow),
              Range.of(range[0], range[1]));
          boolean ties = k % 2 == 1; // half the cases with values on and next to ties
          float[] x = Inputs.forRange(
              range[0], range[1], ties ? p.scale() : 0f, 400, bits * 1000 + k);
          for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
              x[i] = 0f; // the core quantizer takes finite x (NaN: see nanIsRejected...)
            }
          }
          runs.add(new Object[] {(ties ? "ties " : "random ") + bits + " bits"
              + (narrow ? " narrow" : "") + " range=[" + range[0] + ", " + range[1] + "]", x, p,
              batch.fakeQuantVars(x, range[0], range[1], bits, narrow)});
        }
      }
    }
    batch.run();
    long[] total = new long[2]; // random, ties
    long[] exact = new long[2];
    String firstDifference = null;
    for (Object[] run : runs) {
      float[] x = (float[]) run[1];
      QuantParams p = (QuantParams) run[2];
      @SuppressWarnings("unchecked")
      float[] tf = ((Supplier<float[]>) run[3]).get();
      float[] core = Quantizer.builder().format(p.format()).rounding(Rounding.HALF_UP).build()
          .fakeQuantize(x, Shape.vector(x.length), p).xHat();
      int kind = ((String) run[0]).startsWith("ties") ? 1 : 0;
      for (int i = 0; i < x.length; i++) {
        total[kind]++;
        if (Bits.same(tf[i], core[i])) {
          exact[kind]++;
          continue;
        }
        // both outputs are (code relative to zero) * scale in float32: recover the codes
        long kTf = Math.round(tf[i] / (double) p.scale());
        long kCore = Math.round(core[i] / (double) p.scale());
        assertTrue(Math.abs(kTf - kCore) <= 1, run[0] + " x=" + Bits.describe(x[i]) + ": TF "
            + Bits.describe(tf[i]) + " (code " + kTf + "), core " + Bits.describe(core[i])
            + " (code " + kCore + ")");
        if (firstDifference == null) {
          firstDifference = run[0] + " x=" + Bits.describe(x[i]) + ": TF " + tf[i] + ", core "
              + core[i];
        }
      }
    }
    System.out.printf("[tfref] core Quantizer vs FakeQuantWithMinMaxVars: random data %d of %d"
        + " values bit-identical (%.3f%%), tie-rich data %d of %d (%.3f%%), the rest one code"
        + " apart; e.g. %s%n", exact[0], total[0], 100.0 * exact[0] / total[0], exact[1],
        total[1], 100.0 * exact[1] / total[1], firstDifference);
    assertTrue(exact[0] >= total[0] * 0.999,
        "on random data nearly all values agree exactly: " + exact[0] + "/" + total[0]);
  }

  /**
   * Documented difference: for a range of width 0 TensorFlow divides by zero (FakeQuantVars
   * gives NaN for every input, or zeros when {@code min == max == 0}) where
   * {@code QuantParams.fromRange} widens the range to hold 0.
   */
  @Test
  void emptyRangesDifferOnPurpose() {
    float[] x = {-1f, 0f, 0.3f, 0.7f, 2f};
    TfOracle.Batch batch = new TfOracle.Batch();
    Supplier<float[]> one = batch.fakeQuantVars(x, 1f, 1f, 8, false);
    Supplier<float[]> zero = batch.fakeQuantVars(x, 0f, 0f, 8, false);
    batch.run();
    for (float v : one.get()) {
      assertTrue(Float.isNaN(v), "TensorFlow: range [1, 1] gives NaN, got " + v);
    }
    for (float v : zero.get()) {
      assertEquals(0f, v, "TensorFlow: range [0, 0] gives zeros");
    }
    // the replica mirrors TensorFlow (bit-exact tests cover it), the core does not:
    QuantParams p = QuantParams.fromRange(IntFormat.int8(), Range.of(1f, 1f));
    assertEquals(1f / 255, p.scale()); // widened to [0, 1]
    QuantParams z = QuantParams.fromRange(IntFormat.int8(), Range.of(0f, 0f));
    assertEquals(1f, z.scale());
    float[] core = Quantizer.builder().rounding(Rounding.HALF_UP).build()
        .fakeQuantize(x, Shape.vector(x.length), z).xHat();
    assertEquals(1f, core[3], "core: 0.7 with scale 1 rounds to 1.0 where TensorFlow gives 0");
  }

  /**
   * Documented difference: FakeQuant passes NaN through; the core quantizer rejects it by
   * default (or, with NanPolicy.TO_ZERO, maps it to 0.0).
   */
  @Test
  void nanIsRejectedByTheCoreAndPassedThroughByTensorFlow() {
    float[] x = {0.5f, Float.NaN};
    TfOracle.Batch batch = new TfOracle.Batch();
    Supplier<float[]> tf = batch.fakeQuantVars(x, -1f, 1f, 8, false);
    batch.run();
    assertTrue(Float.isNaN(tf.get()[1]));
    assertTrue(Float.isNaN(TfOps.fakeQuantWithMinMaxVars(x, -1f, 1f, 8, false)[1]));
    QuantParams p = QuantParams.fromRange(IntFormat.int8(), Range.of(-1f, 1f));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Quantizer.builder().build().fakeQuantize(x, Shape.vector(2), p));
    assertEquals("x[1] is NaN; quantizing rejects NaN (NanPolicy.TO_ZERO maps it to 0.0)",
        e.getMessage());
  }
}
