package quantlab.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ParamLayoutTest {

  private static int[] indices(Shape shape, Granularity g) {
    ParamLayout layout = ParamLayout.of(shape, g);
    int[] out = new int[shape.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = layout.paramIndex(i);
    }
    return out;
  }

  @Test
  void worksOutSmallShapesByHand() {
    Shape s = Shape.of(2, 3);
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, indices(s, Granularity.perTensor()));
    assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, indices(s, Granularity.perChannel(1)));
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, indices(s, Granularity.perChannel(0)));
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, indices(s, Granularity.perGroup(1, 3)));
    // Shape [4, 2], groups of 2 along axis 0: rows {0,1} and {2,3}, separately per column.
    assertArrayEquals(
        new int[] {0, 1, 0, 1, 2, 3, 2, 3}, indices(Shape.of(4, 2), Granularity.perGroup(0, 2)));
    assertEquals(4, ParamLayout.of(Shape.of(4, 2), Granularity.perGroup(0, 2)).paramCount());
  }

  @Property(tries = 500)
  void runsCoverEveryElementOnceWithItsOwnParam(
      @ForAll @IntRange(min = 1, max = 5) int a,
      @ForAll @IntRange(min = 1, max = 6) int b,
      @ForAll @IntRange(min = 1, max = 4) int c,
      @ForAll @IntRange(min = 0, max = 2) int axis,
      @ForAll @IntRange(min = 0, max = 2) int kind) {
    Shape shape = Shape.of(a, b, c);
    Granularity g =
        kind == 0
            ? Granularity.perTensor()
            : kind == 1 ? Granularity.perChannel(axis) : Granularity.perGroup(axis, 1);
    ParamLayout layout = ParamLayout.of(shape, g);
    int[] seen = new int[shape.size()];
    List<Integer> params = new ArrayList<>();
    layout.forEachRun(
        (from, to, p) -> {
          for (int i = from; i < to; i++) {
            seen[i]++;
            assertEquals(layout.paramIndex(i), p, "element " + i);
          }
          params.add(p);
        });
    for (int i = 0; i < seen.length; i++) {
      assertEquals(1, seen[i], "element " + i + " visited " + seen[i] + " times");
    }
    params.forEach(p -> assertEquals(true, p >= 0 && p < layout.paramCount()));
  }

  @Test
  void groupMustDivideTheAxis() {
    assertEquals(
        "groupSize 32 must divide dim(0) = 784 of shape [784, 128]",
        assertThrows(
                IllegalArgumentException.class,
                () -> ParamLayout.of(Shape.of(784, 128), Granularity.perGroup(0, 32)))
            .getMessage());
    assertEquals(
        "groupSize must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> Granularity.perGroup(0, 0))
            .getMessage());
  }
}
