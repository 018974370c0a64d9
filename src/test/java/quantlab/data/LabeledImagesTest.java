package quantlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabeledImagesTest {
  static final List<String> NAMES = List.of("a", "b", "c");

  /** Six 1x2 images; image i has pixels (10 i, 255) and label i % 3. */
  static LabeledImages six() {
    byte[] px = new byte[12];
    byte[] lb = new byte[6];
    for (int i = 0; i < 6; i++) {
      px[2 * i] = (byte) (10 * i);
      px[2 * i + 1] = (byte) 255;
      lb[i] = (byte) (i % 3);
    }
    return LabeledImages.of(IdxArray.of(new int[] {6, 1, 2}, px), IdxArray.of(new int[] {6}, lb),
        NAMES);
  }

  @Test
  void pixelsAreScaledTo01() {
    assertArrayEquals(new float[] {20 / 255f, 1f, 30 / 255f, 1f}, six().pixels(2, 4));
    assertArrayEquals(new float[] {50 / 255f, 1f, 0f, 1f}, six().pixels(new int[] {5, 0}));
    assertEquals(255, six().pixel(3, 0, 1));
  }

  @Test
  void stratifiedTakesEqualCountsKeepingOrder() {
    LabeledImages s = six().stratified(1, 42);
    assertArrayEquals(new int[] {1, 1, 1}, s.classCounts());
    int[] labels = s.labels(0, 3);
    assertEquals(3, labels.length);
    // Chosen images stay in their original order; each image's pixel 0 is 10 x its index.
    assertEquals(true, s.pixel(0, 0, 0) < s.pixel(1, 0, 0) && s.pixel(1, 0, 0) < s.pixel(2, 0, 0));
    assertArrayEquals(s.labels(0, 3), six().stratified(1, 42).labels(0, 3));
  }

  @Test
  void labelsMustNameAClass() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LabeledImages.of(IdxArray.of(new int[] {1, 1, 1}, new byte[1]),
            IdxArray.of(new int[] {1}, new byte[] {3}), NAMES));
    assertEquals("labels[0] must be in [0, 3), got 3", e.getMessage());
  }

  @Test
  void countsMustAgree() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LabeledImages.of(IdxArray.of(new int[] {2, 1, 1}, new byte[2]),
            IdxArray.of(new int[] {1}, new byte[1]), NAMES));
    assertEquals("images and labels must have the same count, got 2 images and 1 labels",
        e.getMessage());
  }

  @Test
  void firstAndOutOfRange() {
    assertEquals(4, six().first(4).count());
    assertEquals(6, six().first(100).count());
    assertThrows(IndexOutOfBoundsException.class, () -> six().label(6));
  }
}
