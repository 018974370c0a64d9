package quantlab.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TensorTest {

  @Test
  void argMaxOfARowCountsFromTheRowStart() {
    Tensor t = Tensor.ofFloat(new int[] {2, 3}, new float[] {0.1f, 0.7f, 0.2f, 0.9f, 0.9f, 0f});
    assertEquals(3, t.argMax());
    assertEquals(1, t.argMax(0, 3));
    assertEquals(0, t.argMax(3, 6)); // ties: the first
    Tensor codes = Tensor.ofInt8(new int[] {1, 3}, new byte[] {-128, 5, -1});
    assertEquals(1, codes.argMax());
    assertEquals("argMax needs 0 <= from < to <= 6, got from 4, to 4",
        assertThrows(IndexOutOfBoundsException.class, () -> t.argMax(4, 4)).getMessage());
  }
}
