package quantlab.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import quantlab.quant.Shape;

class WeightsTest {
  @Test
  void valuesMustFitTheShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Weights("dense1_kernel", Shape.of(2, 3), new float[5]));
    assertEquals("values.length must be 6 for shape [2, 3], got 5", e.getMessage());
  }

  @Test
  void namesTellLayerAndKind() {
    Weights w = new Weights("dense1_kernel", Shape.of(1, 2), new float[] {-0.5f, 0.25f});
    assertTrue(w.isKernel());
    assertEquals("dense1", w.layer());
    assertEquals("Weights{dense1_kernel [1, 2], min=-0.5000, max=0.2500}", w.toString());
    assertEquals("dense1", new Weights("dense1_bias", Shape.of(1), new float[1]).layer());
  }
}
