package quantlab.tfref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code QuantizeV2} and {@code Dequantize}: the replica against TensorFlow 2.18, bit for bit, for
 * every type x mode x round mode x narrow range, over {@link Inputs#RANGES} and several
 * {@code ensure_minimum_range} values.
 */
class QuantizeV2ConformanceTest {
  /** The (mode, round mode) pairs TensorFlow accepts. */
  static final Object[][] MODES = {
    {Mode.MIN_COMBINED, RoundMode.HALF_AWAY_FROM_ZERO},
    {Mode.MIN_FIRST, RoundMode.HALF_AWAY_FROM_ZERO},
    {Mode.SCALED, RoundMode.HALF_AWAY_FROM_ZERO},
    {Mode.SCALED, RoundMode.HALF_TO_EVEN},
  };

  static final float[] ENSURE_MINIMUM_RANGES = {0.01f, 0.0f, 1e-5f};

  record Case(String label, float[] x, float min, float max, TfQuantType type, Mode mode,
      RoundMode roundMode, boolean narrow, float ensure) {}

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    long seed = 1;
    for (TfQuantType type : TfQuantType.values()) {
      for (Object[] mr : MODES) {
        for (boolean narrow : new boolean[] {false, true}) {
          for (float ensure : ENSURE_MINIMUM_RANGES) {
            for (int ri = 0; ri < Inputs.RANGES.length; ri++) {
              float[] r = Inputs.RANGES[ri];
              if (ensure != 0.01f && ri % 3 != 0) {
                continue; // the other ensure_minimum_range values on a third of the ranges
              }
              if (ensure == 0f && !(r[0] < r[1])) {
                continue; // an empty range and no widening divide 0 by 0: see the NaN test
              }
              Mode mode = (Mode) mr[0];
              float lo = Math.min(0f, r[0]);
              float hi = Math.max(0f, r[1]);
              float step = mode == Mode.SCALED
                  ? Math.max(-lo / Math.max(1, -type.lowest()), hi / type.highest())
                  : (hi - lo) / (type.highest() - type.lowest());
              float[] x = Inputs.forRange(r[0], r[1], step, ensure == 0.01f ? 300 : 60, seed++);
              cases.add(new Case(type + " " + mode + " " + mr[1] + (narrow ? " narrow" : "")
                  + " ensure=" + ensure + " range=[" + r[0] + ", " + r[1] + "]", x, r[0], r[1],
                  type, mode, (RoundMode) mr[1], narrow, ensure));
            }
          }
        }
      }
    }
    return cases;
  }

  @Test
  void quantizeV2MatchesTensorFlowBitForBit() {
    List<Case> cases = cases();
    TfOracle.Batch batch = new TfOracle.Batch();
    List<Supplier<TfQuantized>> tf = new ArrayList<>();
    for (Case c : cases) {
      tf.add(batch.quantizeV2(c.x, c.min, c.max, c.type, c.mode, c.roundMode, c.narrow, c.ensure));
    }
    batch.run();
    Bits.Report report = new Bits.Report("QuantizeV2");
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      TfQuantized expected = tf.get(i).get();
      TfQuantized actual = TfOps.quantizeV2(
          c.x, c.min, c.max, c.type, c.mode, c.roundMode, c.narrow, c.ensure);
      report.codes(c.label, c.x, expected.q(), actual.q());
      report.value(c.label + " output_min", expected.outputMin(), actual.outputMin());
      report.value(c.label + " output_max", expected.outputMax(), actual.outputMax());
    }
    report.assertNone();
  }

  @Test
  void dequantizeMatchesTensorFlowBitForBit() {
    TfOracle.Batch batch = new TfOracle.Batch();
    List<Object[]> runs = new ArrayList<>();
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    for (TfQuantType type : TfQuantType.values()) {
      for (Mode mode : Mode.values()) {
        for (boolean narrow : new boolean[] {false, true}) {
          for (int ri = narrow ? 1 : 0; ri < Inputs.RANGES.length; ri += 2) {
            float[] range = Inputs.RANGES[ri];
            // every code of 8-bit types, a spread of 16-bit ones, with the range as given (not
            // only ranges QuantizeV2 would return): Dequantize takes any range.
            int n = type.bits() == 8 ? 256 : 2000;
            int[] q = new int[n];
            for (int i = 0; i < n; i++) {
              q[i] = type.bits() == 8 || i < 2 ? (i < 2 ? (i == 0 ? type.lowest() : type.highest())
                  : type.lowest() + i) : type.lowest() + r.nextInt(type.highest() - type.lowest() + 1);
            }
            if (type.bits() == 8) {
              for (int i = 0; i < n; i++) {
                q[i] = type.lowest() + i;
              }
            }
            String label = type + " " + mode + (narrow ? " narrow" : "") + " range=[" + range[0]
                + ", " + range[1] + "]";
            runs.add(new Object[] {label, q, range, type, mode, narrow,
                batch.dequantize(q, range[0], range[1], type, mode, narrow)});
          }
        }
      }
    }
    batch.run();
    Bits.Report report = new Bits.Report("Dequantize");
    for (Object[] run : runs) {
      int[] q = (int[]) run[1];
      float[] range = (float[]) run[2];
      @SuppressWarnings("unchecked")
      float[] expected = ((Supplier<float[]>) run[6]).get();
      float[] actual = TfOps.dequantize(
          q, range[0], range[1], (TfQuantType) run[3], (Mode) run[4], (Boolean) run[5]);
      report.floats((String) run[0], null, expected, actual);
    }
    report.assertNone();
  }

  @Test
  void quantizeThenDequantizeRoundTripMatches() {
    // The learner's path: QuantizeV2's codes and output range fed to Dequantize.
    TfOracle.Batch batch = new TfOracle.Batch();
    List<Object[]> runs = new ArrayList<>();
    long seed = 99;
    for (TfQuantType type : TfQuantType.values()) {
      for (Object[] mr : MODES) {
        for (boolean narrow : new boolean[] {false, true}) {
          float[] x = Inputs.forRange(-1.5f, 2.5f, 0, 100, seed++);
          TfQuantized t = TfOps.quantizeV2(
              x, -1.5f, 2.5f, type, (Mode) mr[0], (RoundMode) mr[1], narrow);
          runs.add(new Object[] {type + " " + mr[0] + " " + mr[1] + (narrow ? " narrow" : ""), t,
              mr[0], narrow, batch.dequantize(
                  t.q(), t.outputMin(), t.outputMax(), type, (Mode) mr[0], narrow)});
        }
      }
    }
    batch.run();
    Bits.Report report = new Bits.Report("QuantizeV2 then Dequantize");
    for (Object[] run : runs) {
      TfQuantized t = (TfQuantized) run[1];
      @SuppressWarnings("unchecked")
      float[] expected = ((Supplier<float[]>) run[4]).get();
      report.floats((String) run[0], null, expected,
          TfOps.dequantize(t, (Mode) run[2], (Boolean) run[3]));
    }
    report.assertNone();
  }

  @Test
  void theFieldNoteExampleIsReproduced() {
    // From docs/notes: TensorFlow gave these codes and range for SCALED, HALF_TO_EVEN, qint8.
    TfQuantized t = TfOps.quantizeV2(new float[] {-1.5f, -0.2f, 0f, 0.3f, 0.77f, 1.2f, 2.5f},
        -1.5f, 2.5f, TfQuantType.QINT8, Mode.SCALED, RoundMode.HALF_TO_EVEN, false);
    assertEquals(List.of(-76, -10, 0, 15, 39, 61, 127),
        java.util.Arrays.stream(t.q()).boxed().toList());
    assertEquals(-2.519685f, t.outputMin());
    assertEquals(2.5f, t.outputMax());
  }

  @Test
  void rejectsWhatTensorFlowRejects() {
    float[] x = {0f, 1f};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TfOps.quantizeV2(x, 2f, 1f, TfQuantType.QINT8, Mode.SCALED,
            RoundMode.HALF_TO_EVEN, false));
    assertEquals("max must be >= min (TensorFlow: input_max_range must be larger than"
        + " input_min_range), got min 2.0 > max 1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TfOps.quantizeV2(x, -1f, 1f, TfQuantType.QINT8, Mode.MIN_COMBINED,
            RoundMode.HALF_TO_EVEN, false));
    assertEquals("roundMode HALF_TO_EVEN is only supported for mode SCALED (as in TensorFlow),"
        + " got mode MIN_COMBINED", e.getMessage());
    TfOracleErrors.assertTensorFlowRejects(b -> b.quantizeV2(x, 2f, 1f, TfQuantType.QINT8,
        Mode.SCALED, RoundMode.HALF_TO_EVEN, false, 0.01f), "input_max_range must be larger");
    TfOracleErrors.assertTensorFlowRejects(b -> b.quantizeV2(x, -1f, 1f, TfQuantType.QINT8,
        Mode.MIN_COMBINED, RoundMode.HALF_TO_EVEN, false, 0.01f), "HALF_TO_EVEN");
  }
}
