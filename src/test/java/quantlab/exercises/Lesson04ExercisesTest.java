package quantlab.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import quantlab.lessons.YourTurn;

/** Lesson 04's exercises pass answers written here by hand and reject plausible wrong ones. */
class Lesson04ExercisesTest {

  /** max |w| of each column over qmax, zero columns 1: written from the lesson's text. */
  static float[] scalesByHand(float[] w, int rows, int cols, int bits) {
    int qmax = (1 << (bits - 1)) - 1;
    float[] s = new float[cols];
    for (int c = 0; c < cols; c++) {
      float m = 0;
      for (int i = 0; i < rows; i++) {
        m = Math.max(m, Math.abs(w[i * cols + c]));
      }
      s[c] = m == 0 ? 1f : m / qmax;
    }
    return s;
  }

  @Test
  void channelScales() {
    Verdict v = Check.exercise("04.1", (ChannelScalesFn) Lesson04ExercisesTest::scalesByHand);
    assertEquals(8, v.cases());
    // One scale per row instead of per column.
    ChannelScalesFn perRow = (w, rows, cols, bits) -> scalesByHand(w, cols, rows, bits);
    String m = assertThrows(NotYet.class, () -> Check.exercise("04.1", perRow)).getMessage();
    assertTrue(m.startsWith("✘ 04.1 (per-channel scales of a [rows, cols] kernel): for 2 x 3 "
        + "matrix"), m);
    assertTrue(m.contains("Hint: channel c is column c"), m);
    // The largest value instead of the largest magnitude: column 0 holds -0.9.
    ChannelScalesFn maxNotAbs = (w, rows, cols, bits) -> {
      float[] s = new float[cols];
      for (int c = 0; c < cols; c++) {
        float mx = 0;
        for (int i = 0; i < rows; i++) {
          mx = Math.max(mx, w[i * cols + c]);
        }
        s[c] = mx == 0 ? 1f : mx / ((1 << (bits - 1)) - 1);
      }
      return s;
    };
    assertThrows(NotYet.class, () -> Check.exercise("04.1", maxNotAbs));
    // qmax of the full range (2^(bits-1)) instead of the narrow one.
    ChannelScalesFn wideQmax = (w, rows, cols, bits) -> {
      float[] s = scalesByHand(w, rows, cols, bits);
      for (int c = 0; c < cols; c++) {
        s[c] = s[c] == 1f ? 1f : s[c] * ((1 << (bits - 1)) - 1) / (1 << (bits - 1));
      }
      return s;
    };
    assertThrows(NotYet.class, () -> Check.exercise("04.1", wideQmax));
  }

  @Test
  void mlpBytes() {
    // 4 bits by hand: 784*128/2 + 128*10/2 code bytes, 138 scales and 138 biases of 4 bytes:
    // 50176 + 640 + 552 + 552 = 51920.
    IntUnaryOperator mine = b -> 784 * 128 * b / 8 + 128 * 10 * b / 8 + 4 * 138 + 4 * 138;
    assertEquals(51920, mine.applyAsInt(4));
    assertEquals(7, Check.exercise("04.3", mine).cases());
    IntUnaryOperator noBiases = b -> 784 * 128 * b / 8 + 128 * 10 * b / 8 + 4 * 138;
    String m = assertThrows(NotYet.class, () -> Check.exercise("04.3", noBiases)).getMessage();
    assertTrue(m.contains("for bits = 2 expected 26512 but got 25960"), m);
    IntUnaryOperator perTensorScales = b -> 784 * 128 * b / 8 + 128 * 10 * b / 8 + 4 * 2
        + 4 * 138;
    assertThrows(NotYet.class, () -> Check.exercise("04.3", perTensorScales));
  }

  @Test
  void codesUsed() {
    CodesUsedFn mine = (x, bits) -> {
      float maxAbs = 0;
      for (float v : x) {
        maxAbs = Math.max(maxAbs, Math.abs(v));
      }
      float scale = maxAbs == 0 ? 1f : maxAbs / ((1 << (bits - 1)) - 1);
      Set<Integer> q = new HashSet<>();
      for (float v : x) {
        q.add((int) Math.rint(v / scale));
      }
      return q.size();
    };
    assertEquals(3, mine.codesUsed(new float[] {0.3f, -0.3f, 0.1f, 0.1f}, 3));
    assertEquals(9, Check.exercise("04.2", mine).cases());
    CodesUsedFn allCodes = (x, bits) -> (1 << bits) - 1;
    String m = assertThrows(NotYet.class, () -> Check.exercise("04.2", allCodes)).getMessage();
    assertTrue(m.contains("Hint: scale = max |x| / qmax"), m);
  }

  @Test
  void stubsSayYourTurn() {
    assertThrows(YourTurn.class, () -> Check.exercise("04.2",
        (CodesUsedFn) (x, bits) -> {
          throw new YourTurn("count them");
        }));
  }
}
