package quantlab.tfref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import quantlab.quant.Shape;

/**
 * {@code QuantizeAndDequantizeV4}: the replica against TensorFlow 2.18, bit for bit, per tensor
 * and along each axis of a rank-3 tensor, with the range given or taken from the data, signed and
 * unsigned, narrow or not, HALF_TO_EVEN and HALF_UP, for several bit widths.
 */
class QuantizeAndDequantizeV4ConformanceTest {
  static final int[] BITS = {1, 2, 3, 4, 8, 16, 24, 32};
  static final RoundMode[] ROUND = {RoundMode.HALF_TO_EVEN, RoundMode.HALF_UP};

  record Run(String label, float[] x, long[] shape, QuantizeAndDequantizeV4 replica,
      Supplier<float[]> tf) {}

  @Test
  void perTensorMatchesTensorFlowBitForBit() {
    TfOracle.Batch batch = new TfOracle.Batch();
    List<Run> runs = new ArrayList<>();
    long seed = 300;
    for (int bits : BITS) {
      for (boolean signed : new boolean[] {true, false}) {
        for (boolean narrow : new boolean[] {false, true}) {
          for (RoundMode round : ROUND) {
            for (int ri = (int) (seed % 2); ri < Inputs.RANGES.length; ri += 2) {
              float[] r = Inputs.RANGES[ri];
              long qmax = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
              float step = Math.max(Math.abs(r[0]), Math.abs(r[1])) / Math.max(1, qmax);
              String label = bits + " bits " + (signed ? "signed" : "unsigned")
                  + (narrow ? " narrow " : " ") + round + " range=[" + r[0] + ", " + r[1] + "]";
              // range given: any input; NaN included
              float[] x = Inputs.nan(Inputs.forRange(r[0], r[1], step, 120, seed), seed);
              seed++;
              runs.add(new Run(label + " given", x, new long[] {x.length},
                  QuantizeAndDequantizeV4.builder().numBits(bits).signedInput(signed)
                      .narrowRange(narrow).roundMode(round).range(r[0], r[1]).build(),
                  batch.quantizeAndDequantizeV4(x, new long[] {x.length}, new float[] {r[0]},
                      new float[] {r[1]}, true, bits, signed, narrow, round, -1)));
              if (ri % 4 > 1) {
                continue;
              }
              // range from the data: finite values of this range only
              float[] d = finiteInside(r, 80, seed++);
              runs.add(new Run(label + " from data", d, new long[] {d.length},
                  QuantizeAndDequantizeV4.builder().numBits(bits).signedInput(signed)
                      .narrowRange(narrow).roundMode(round).build(),
                  batch.quantizeAndDequantizeV4(d, new long[] {d.length}, new float[] {0f},
                      new float[] {0f}, false, bits, signed, narrow, round, -1)));
            }
          }
        }
      }
    }
    check("QuantizeAndDequantizeV4 per tensor", batch, runs);
  }

  @Test
  void perAxisMatchesTensorFlowBitForBit() {
    // Shape [3, 5, 4, 7], each axis in turn, the range of each slice taken from the data (a
    // given range with an axis is rejected by TensorFlow 2.18: see rejectsWhatTensorFlowRejects).
    TfOracle.Batch batch = new TfOracle.Batch();
    List<Run> runs = new ArrayList<>();
    long[] shape = {3, 5, 4, 7};
    int size = 3 * 5 * 4 * 7;
    long seed = 900;
    for (int axis = 0; axis < 4; axis++) {
      int depth = (int) shape[axis];
      for (int bits : new int[] {1, 2, 4, 8, 16, 24}) {
        for (boolean signed : new boolean[] {true, false}) {
          for (boolean narrow : new boolean[] {false, true}) {
            for (RoundMode round : ROUND) {
              float[][] r = {{-3f, 4f}, {0.5f, 2f}, {-1e-3f, 1e-4f}};
              float[] d = finiteInside(r[(int) (seed % 3)], size, seed);
              d = java.util.Arrays.copyOf(d, size); // pad with zeros if needed
              Inputs.shuffle(d, new java.util.SplittableRandom(seed));
              seed++;
              runs.add(new Run("axis " + axis + " " + bits + " bits "
                  + (signed ? "signed" : "unsigned") + (narrow ? " narrow " : " ") + round, d,
                  shape, QuantizeAndDequantizeV4.builder().numBits(bits).signedInput(signed)
                      .narrowRange(narrow).roundMode(round).axis(axis).build(),
                  batch.quantizeAndDequantizeV4(d, shape, new float[depth], new float[depth],
                      false, bits, signed, narrow, round, axis)));
            }
          }
        }
      }
    }
    check("QuantizeAndDequantizeV4 along an axis", batch, runs);
  }

  private static void check(String op, TfOracle.Batch batch, List<Run> runs) {
    batch.run();
    Bits.Report report = new Bits.Report(op);
    for (Run run : runs) {
      int[] dims = new int[run.shape.length];
      for (int i = 0; i < dims.length; i++) {
        dims[i] = (int) run.shape[i];
      }
      report.floats(run.label, run.x, run.tf.get(), run.replica.apply(run.x, Shape.of(dims)));
    }
    report.assertNone();
  }

  /** Finite values only (a range from the data must be finite to be meaningful). */
  static float[] finiteInside(float[] r, int n, long seed) {
    float[] all = Inputs.forRange(r[0], r[1], 0, n * 2, seed);
    float[] out = new float[n];
    int k = 0;
    for (float v : all) {
      if (k < n && Float.isFinite(v) && Math.abs(v) < 1e30f) {
        out[k++] = v;
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  @Test
  void rejectsWhatTensorFlowRejects() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> QuantizeAndDequantizeV4.builder().range(2f, 1f).build().apply(new float[] {0f}));
    assertEquals("min must be <= max (TensorFlow: Invalid range), got min 2.0 > max 1.0",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> QuantizeAndDequantizeV4.builder().numBits(62).build());
    assertEquals("numBits must be in [1, 61] when signedInput is true, got 62", e.getMessage());
    TfOracleErrors.assertTensorFlowRejects(b -> b.quantizeAndDequantizeV4(new float[] {0f},
        new long[] {1}, new float[] {2f}, new float[] {1f}, true, 8, true, false,
        RoundMode.HALF_TO_EVEN, -1), "Invalid range");
    TfOracleErrors.assertTensorFlowRejects(b -> b.quantizeAndDequantizeV4(new float[] {0f},
        new long[] {1}, new float[] {0f}, new float[] {1f}, true, 62, true, false,
        RoundMode.HALF_TO_EVEN, -1), "num_bits");
    // TensorFlow 2.18 refuses a given range along an axis; so does the replica.
    e = assertThrows(IllegalArgumentException.class,
        () -> QuantizeAndDequantizeV4.builder().axis(1).range(-1f, 1f).build());
    assertEquals("a given range needs axis -1, got axis 1 (TensorFlow 2.18 rejects it:"
        + " \"input_min must be a scalar.\"); use the data's range along an axis", e.getMessage());
    TfOracleErrors.assertTensorFlowRejects(b -> b.quantizeAndDequantizeV4(new float[6],
        new long[] {2, 3}, new float[] {-1f, -1f, -1f}, new float[] {1f, 1f, 1f}, true, 8, true,
        false, RoundMode.HALF_TO_EVEN, 1), "input_min must be a scalar");
  }
}
