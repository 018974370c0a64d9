package quantlab.tfref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code FakeQuantWithMinMaxArgs}, {@code FakeQuantWithMinMaxVars} and
 * {@code FakeQuantWithMinMaxVarsPerChannel}: the replica against TensorFlow 2.18, bit for bit,
 * for num_bits 2..16, narrow range on and off, over {@link Inputs#RANGES} (NaN inputs included;
 * see {@link Bits} for the NaN policy).
 */
class FakeQuantConformanceTest {
  /** Ranges beyond {@link Inputs#RANGES} that only the Vars ops accept: min > max. */
  static final float[][] REVERSED = {{1f, -1f}, {0.5f, 0.25f}};

  static float step(float[] r, int bits, boolean narrow) {
    return (r[1] - r[0]) / ((1 << bits) - 1 - (narrow ? 1 : 0));
  }

  @Test
  void argsAndVarsMatchTensorFlowBitForBit() {
    TfOracle.Batch batch = new TfOracle.Batch();
    List<Object[]> runs = new ArrayList<>();
    long seed = 1000;
    for (int bits = 2; bits <= 16; bits++) {
      for (boolean narrow : new boolean[] {false, true}) {
        List<float[]> ranges = new ArrayList<>(List.of(Inputs.RANGES));
        ranges.addAll(List.of(REVERSED));
        for (int ri = 0; ri < ranges.size(); ri++) {
          float[] r = ranges.get(ri);
          if (bits % 4 != 0 && bits != 2 && ri % 3 != bits % 3) {
            continue; // every range for 2, 4, 8, 12, 16 bits, a third of them for the others
          }
          float[] x = Inputs.nan(Inputs.forRange(r[0], r[1], step(r, bits, narrow), 250, seed),
              seed);
          seed++;
          String label = bits + " bits" + (narrow ? " narrow" : "") + " range=[" + r[0] + ", "
              + r[1] + "]";
          if (r[0] < r[1]) { // Args rejects min >= max
            runs.add(new Object[] {"Args " + label, x, r, bits, narrow,
                batch.fakeQuantArgs(x, r[0], r[1], bits, narrow)});
          }
          runs.add(new Object[] {"Vars " + label, x, r, bits, narrow,
              batch.fakeQuantVars(x, r[0], r[1], bits, narrow)});
        }
      }
    }
    batch.run();
    Bits.Report args = new Bits.Report("FakeQuantWithMinMaxArgs");
    Bits.Report vars = new Bits.Report("FakeQuantWithMinMaxVars");
    for (Object[] run : runs) {
      String label = (String) run[0];
      float[] x = (float[]) run[1];
      float[] r = (float[]) run[2];
      int bits = (Integer) run[3];
      boolean narrow = (Boolean) run[4];
      @SuppressWarnings("unchecked")
      float[] expected = ((Supplier<float[]>) run[5]).get();
      if (label.startsWith("Args")) {
        args.floats(label, x, expected,
            TfOps.fakeQuantWithMinMaxArgs(x, r[0], r[1], bits, narrow));
      } else {
        vars.floats(label, x, expected,
            TfOps.fakeQuantWithMinMaxVars(x, r[0], r[1], bits, narrow));
      }
    }
    args.assertNone();
    vars.assertNone();
  }

  @Test
  void perChannelMatchesTensorFlowBitForBit() {
    // One channel per range of Inputs.RANGES (the last dimension), 200 rows.
    int depth = Inputs.RANGES.length;
    int rows = 200;
    float[] min = new float[depth];
    float[] max = new float[depth];
    TfOracle.Batch batch = new TfOracle.Batch();
    List<Object[]> runs = new ArrayList<>();
    long seed = 5000;
    for (int bits = 2; bits <= 16; bits++) {
      for (boolean narrow : new boolean[] {false, true}) {
        float[] x = new float[rows * depth];
        for (int c = 0; c < depth; c++) {
          float[] r = Inputs.RANGES[c];
          min[c] = r[0];
          max[c] = r[1];
          float[] v = Inputs.forRange(r[0], r[1], step(r, bits, narrow), rows, seed++);
          for (int i = 0; i < rows; i++) {
            x[i * depth + c] = v[i % v.length];
          }
        }
        x = Inputs.nan(x, seed++);
        runs.add(new Object[] {bits + " bits" + (narrow ? " narrow" : ""), x, bits, narrow,
            batch.fakeQuantPerChannel(x, min, max, bits, narrow)});
      }
    }
    // a single channel and a rank-1 style [1, d] input
    float[] one = Inputs.forRange(-0.7f, 1.3f, 2f / 255, 300, 42);
    runs.add(new Object[] {"1 channel", one, 8, false,
        batch.fakeQuantPerChannel(one, new float[] {-0.7f}, new float[] {1.3f}, 8, false)});
    batch.run();
    Bits.Report report = new Bits.Report("FakeQuantWithMinMaxVarsPerChannel");
    for (Object[] run : runs) {
      float[] x = (float[]) run[1];
      boolean single = "1 channel".equals(run[0]);
      @SuppressWarnings("unchecked")
      float[] expected = ((Supplier<float[]>) run[4]).get();
      float[] actual = TfOps.fakeQuantWithMinMaxVarsPerChannel(x,
          single ? new float[] {-0.7f} : min, single ? new float[] {1.3f} : max,
          (Integer) run[2], (Boolean) run[3]);
      report.floats((String) run[0], x, expected, actual);
    }
    report.assertNone();
  }

  @Test
  void rejectsWhatTensorFlowRejects() {
    float[] x = {0f, 1f};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TfOps.fakeQuantWithMinMaxArgs(x, 1f, 1f, 8, false));
    assertEquals("min must be < max (TensorFlow: min has to be smaller than max), got min 1.0"
        + " >= max 1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TfOps.fakeQuantWithMinMaxVars(x, -1f, 1f, 17, false));
    assertEquals("numBits must be in [2, 16], got 17", e.getMessage());
    TfOracleErrors.assertTensorFlowRejects(
        b -> b.fakeQuantArgs(x, 1f, 1f, 8, false), "min has to be smaller than max");
    TfOracleErrors.assertTensorFlowRejects(
        b -> b.fakeQuantVars(x, -1f, 1f, 17, false), "num_bits");
    TfOracleErrors.assertTensorFlowRejects(
        b -> b.fakeQuantVars(x, -1f, 1f, 1, false), "num_bits");
  }
}
