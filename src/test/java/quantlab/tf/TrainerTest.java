package quantlab.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import quantlab.quant.Shape;

class TrainerTest {
  @Test
  void glorotStaysWithinItsLimitAndFillsIt() {
    // Dense [784, 128]: limit = sqrt(6 / 912) = 0.0811107
    float[] w = Trainer.glorot(Shape.of(784, 128), new SplittableRandom(3));
    double limit = Math.sqrt(6.0 / 912);
    double max = 0;
    double sum = 0;
    for (float v : w) {
      max = Math.max(max, Math.abs(v));
      sum += v;
    }
    assertTrue(max <= limit, "max " + max);
    assertTrue(max > 0.99 * limit, "max " + max);
    assertEquals(0, sum / w.length, 0.002); // uniform on a symmetric interval
  }

  @Test
  void glorotOfConvUsesReceptiveField() {
    // Conv [3, 3, 8, 16]: fans 72 and 144, limit = sqrt(6 / 216) = 0.1666667
    float[] w = Trainer.glorot(Shape.of(3, 3, 8, 16), new SplittableRandom(3));
    double max = 0;
    for (float v : w) {
      max = Math.max(max, Math.abs(v));
    }
    assertTrue(max <= Math.sqrt(6.0 / 216) && max > 0.95 * Math.sqrt(6.0 / 216), "max " + max);
  }

  @Test
  void glorotIsReproducibleFromTheSeed() {
    assertArrayEquals(Trainer.glorot(Shape.of(10, 4), new SplittableRandom(7)),
        Trainer.glorot(Shape.of(10, 4), new SplittableRandom(7)));
  }

  @Test
  void builderRejectsBadSettingsNamingThem() {
    assertEquals("epochs must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> Trainer.builder().epochs(0)).getMessage());
    assertEquals("learningRate must be > 0, got NaN", assertThrows(IllegalArgumentException.class,
        () -> Trainer.builder().learningRate(Float.NaN)).getMessage());
  }

  @Test
  void architecturesCountTheirParameters() {
    assertEquals(784 * 128 + 128 + 128 * 10 + 10, Architecture.MLP.parameterCount());
    assertEquals(9 * 16 + 16 + 9 * 16 * 32 + 32 + 1568 * 64 + 64 + 64 * 10 + 10,
        Architecture.CNN.parameterCount());
  }
}
