package quantlab.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapeTest {

  @Test
  void sizeStridesAndAxes() {
    Shape s = Shape.of(2, 3, 4);
    assertEquals(24, s.size());
    assertEquals(3, s.rank());
    assertEquals(12, s.stride(0));
    assertEquals(4, s.stride(1));
    assertEquals(1, s.stride(2));
    assertEquals(4, s.dim(-1));
    assertEquals(Shape.of(2, 1, 4), s.withDim(1, 1));
    assertEquals("[2, 3, 4]", s.toString());
    assertEquals(1, Shape.of().size());
    assertEquals(0, Shape.of(3, 0).size());
  }

  @Test
  void dimsAreCopied() {
    int[] d = {2, 3};
    Shape s = Shape.of(d);
    d[0] = 9;
    assertArrayEquals(new int[] {2, 3}, s.dims());
  }

  @Test
  void badInputsAreNamed() {
    assertEquals(
        "axis must be in [-2, 1] for shape [2, 3], got 2",
        assertThrows(IllegalArgumentException.class, () -> Shape.of(2, 3).dim(2)).getMessage());
    assertEquals(
        "dims[1] must be >= 0, got -3 in [2, -3]",
        assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -3)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Shape.of(1 << 16, 1 << 16));
  }
}
