package quantlab.tfref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * NaN inputs where TensorFlow's result is not defined, so the replica documents a choice instead
 * of copying one (see docs/tensorflow-conformance.md, "Documented differences"). Every other
 * NaN case (FakeQuant, QuantizeAndDequantizeV4 with a given range) is in the bit-exact
 * conformance tests.
 */
class NanConformanceTest {
  /**
   * QuantizeV2 converts NaN to an integer, which C++ leaves undefined. TensorFlow 2.18 on x86-64
   * gives the lowest code on its vectorized path and 0 on its scalar path (tails of the tensor,
   * and some round modes), so a NaN's code depends on its position. MIN_FIRST always gives 0.
   * The replica gives MIN_FIRST's 0 and otherwise the lowest code, whatever the position; every
   * non-NaN element must still match bit for bit.
   */
  @Test
  void quantizeV2OfNaNIsTheLowestCodeOrZeroInTensorFlow() {
    TfOracle.Batch batch = new TfOracle.Batch();
    List<Object[]> runs = new ArrayList<>();
    for (TfQuantType type : TfQuantType.values()) {
      for (Object[] mr : QuantizeV2ConformanceTest.MODES) {
        for (boolean narrow : new boolean[] {false, true}) {
          for (int n : new int[] {1, 7, 8, 9, 31, 64, 1000}) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
              x[i] = i % 3 == 0 ? Float.NaN : i * 0.01f;
            }
            runs.add(new Object[] {type + " " + mr[0] + " " + mr[1] + (narrow ? " narrow" : "")
                + " n=" + n, x, type, mr[0], mr[1], narrow, batch.quantizeV2(
                    x, -1f, 2f, type, (Mode) mr[0], (RoundMode) mr[1], narrow, 0.01f)});
          }
        }
      }
    }
    batch.run();
    Bits.Report others = new Bits.Report("QuantizeV2 of the non-NaN neighbours of NaN");
    int nan = 0;
    int tfZero = 0;
    for (Object[] run : runs) {
      float[] x = (float[]) run[1];
      TfQuantType type = (TfQuantType) run[2];
      Mode mode = (Mode) run[3];
      @SuppressWarnings("unchecked")
      int[] tf = ((Supplier<TfQuantized>) run[6]).get().q();
      int[] me = TfOps.quantizeV2(x, -1f, 2f, type, mode, (RoundMode) run[4], (Boolean) run[5])
          .q();
      int[] tfOthers = tf.clone();
      for (int i = 0; i < x.length; i++) {
        if (Float.isNaN(x[i])) {
          nan++;
          int expected = mode == Mode.MIN_FIRST ? 0 : type.lowest();
          assertEquals(expected, me[i], run[0] + " replica code of NaN at " + i);
          assertTrue(tf[i] == type.lowest() || tf[i] == 0,
              run[0] + ": TensorFlow's code of NaN at " + i + " is " + tf[i]
                  + "; the documented outcomes are the lowest code or 0");
          tfZero += tf[i] == 0 && type.lowest() != 0 ? 1 : 0;
          tfOthers[i] = me[i];
        }
      }
      others.codes((String) run[0], x, tfOthers, me);
    }
    others.assertNone();
    System.out.println("[tfref] QuantizeV2 of NaN: " + nan + " NaN codes, TensorFlow gave 0 for "
        + tfZero + " of them on signed types (the lowest code otherwise)");
  }

  /**
   * QuantizeAndDequantizeV4 without a given range takes min and max of the data with Eigen's
   * reductions, whose NaN handling depends on where the NaN sits (TensorFlow then outputs all
   * NaN, or a range that is neither with nor without the NaN). The replica skips NaN when it
   * finds the range. Both output NaN for a NaN element.
   */
  @Test
  void quantizeAndDequantizeV4SkipsNaNWhenTakingTheRangeFromData() {
    TfOracle.Batch batch = new TfOracle.Batch();
    List<Object[]> runs = new ArrayList<>();
    for (int n : new int[] {1, 5, 8, 9, 33, 100}) {
      for (int nanAt : new int[] {0, n / 2, n - 1}) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
          x[i] = -1f + i * 0.37f;
        }
        x[nanAt] = Float.NaN;
        runs.add(new Object[] {"n=" + n + " NaN at " + nanAt, x, nanAt,
            batch.quantizeAndDequantizeV4(x, new long[] {n}, new float[] {0}, new float[] {0},
                false, 8, true, false, RoundMode.HALF_TO_EVEN, -1)});
      }
    }
    batch.run();
    QuantizeAndDequantizeV4 qdq = QuantizeAndDequantizeV4.builder().build();
    int tfDiffers = 0;
    for (Object[] run : runs) {
      float[] x = (float[]) run[1];
      int nanAt = (Integer) run[2];
      @SuppressWarnings("unchecked")
      float[] tf = ((Supplier<float[]>) run[3]).get();
      float[] me = qdq.apply(x);
      assertTrue(Float.isNaN(tf[nanAt]) && Float.isNaN(me[nanAt]), run[0] + ": NaN stays NaN");
      // the replica's range is the data's without the NaN
      float[] rest = new float[x.length - 1];
      for (int i = 0, k = 0; i < x.length; i++) {
        if (i != nanAt) {
          rest[k++] = x[i];
        }
      }
      float[] expected = qdq.apply(rest);
      for (int i = 0, k = 0; i < x.length; i++) {
        if (i != nanAt) {
          assertTrue(Bits.same(expected[k], me[i]), run[0] + " at " + i);
          tfDiffers += Bits.same(tf[i], me[i]) ? 0 : 1;
          k++;
        }
      }
    }
    System.out.println("[tfref] QuantizeAndDequantizeV4 with NaN in the data: TensorFlow's"
        + " (undefined) result differs from the NaN-skipping replica at " + tfDiffers
        + " elements");
  }
}
