package quantlab.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
  static final List<String> ABC = List.of("a", "b", "c");

  @Test
  void countsPairsByHand() {
    // true:      0 0 1 1 1 2
    // predicted: 0 1 1 1 0 2
    ConfusionMatrix m = ConfusionMatrix.of(ABC, new int[] {0, 0, 1, 1, 1, 2},
        new int[] {0, 1, 1, 1, 0, 2});
    assertEquals(1, m.count(0, 0));
    assertEquals(1, m.count(0, 1));
    assertEquals(2, m.count(1, 1));
    assertEquals(1, m.count(1, 0));
    assertEquals(1, m.count(2, 2));
    assertEquals(0, m.count(2, 0));
    assertEquals(6, m.total());
    assertEquals(4.0 / 6, m.accuracy(), 1e-12);
    assertArrayEquals(new double[] {0.5, 2.0 / 3, 1.0}, m.perClassAccuracy(), 1e-12);
    assertEquals(3, m.support(1));
  }

  @Test
  void unseenClassHasNanAccuracy() {
    ConfusionMatrix m = ConfusionMatrix.of(ABC, new int[] {0}, new int[] {0});
    assertTrue(Double.isNaN(m.perClassAccuracy()[2]));
    assertEquals(1.0, m.accuracy());
  }

  @Test
  void rejectsLabelOutOfRangeNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.of(ABC, new int[] {0, 3}, new int[] {0, 0}));
    assertEquals("labels[1] and predicted[1] must be in [0, 3), got 3 and 0", e.getMessage());
  }

  @Test
  void rejectsLengthMismatch() {
    assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.of(ABC, new int[] {0}, new int[] {0, 1}));
  }

  @Test
  void countsAreCopied() {
    ConfusionMatrix m = ConfusionMatrix.of(ABC, new int[] {0}, new int[] {0});
    m.counts()[0][0] = 99;
    assertEquals(1, m.count(0, 0));
    assertEquals(m, ConfusionMatrix.of(ABC, new int[] {0}, new int[] {0}));
  }

  @Test
  void evaluationReadsWell() {
    Evaluation e = new Evaluation(ConfusionMatrix.of(ABC, new int[] {0, 1}, new int[] {0, 0}));
    assertEquals("Evaluation{accuracy=0.5000 on 2 images}", e.toString());
  }

  @Test
  void argMaxIsTheFirstLargestScore() {
    assertEquals(1, ConfusionMatrix.argMax(new float[] {0.1f, 0.7f, 0.2f, 0.7f}));
    assertEquals(0, ConfusionMatrix.argMax(new float[] {-3f}));
    assertEquals(2, ConfusionMatrix.argMax(new float[] {-5f, -4f, -1f}));
    assertEquals("scores must not be empty", assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.argMax(new float[0])).getMessage());
  }
}
