package quantlab.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class HistogramTest {

  @Test
  void countsBinsUnderflowAndOverflow() {
    ValueHistogram h = ValueHistogram.of(new float[] {0f, 1f, 1.5f, 4f, -1f, 9f}, 4, 0, 4);
    assertArrayEquals(new double[] {0, 1, 2, 3, 4}, h.edges());
    // 0 -> bin 0; 1 and 1.5 -> bin 1; 4 (== hi) -> last bin; -1 under; 9 over
    assertArrayEquals(new long[] {1, 2, 0, 1}, h.counts());
    assertEquals(1, h.underflow());
    assertEquals(1, h.overflow());
    assertEquals(4, h.inRange());
    assertEquals(6, h.total());
    assertEquals(1.0, h.binWidth());
    assertEquals(2.5, h.center(2));
    assertEquals("ValueHistogram{4 bins over [0.000, 4.000], 6 values, under=1, over=1}",
        h.toString());
  }

  @Test
  void ownRangeHasNoUnderOrOverflow() {
    ValueHistogram h = ValueHistogram.of(new float[] {-2f, 0f, 2f}, 2);
    assertEquals(-2, h.lo());
    assertEquals(2, h.hi());
    assertArrayEquals(new long[] {1, 2}, h.counts());
    ValueHistogram huge = ValueHistogram.of(new float[] {1e30f}, 1);
    assertTrue(huge.lo() < 1e30f && huge.hi() > 1e30f);
    ValueHistogram same = ValueHistogram.of(new float[] {3f, 3f}, 3);
    assertEquals(2.5, same.lo());
    assertEquals(3.5, same.hi());
    assertArrayEquals(new long[] {0, 2, 0}, same.counts());
    assertEquals(0, ValueHistogram.of(new float[0], 5).total());
  }

  @Test
  void infinitiesCountAsUnderAndOverflow() {
    ValueHistogram h = ValueHistogram.of(
        new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 0.5f}, 1, 0, 1);
    assertEquals(1, h.underflow());
    assertEquals(1, h.overflow());
    assertEquals(1, h.count(0));
  }

  @Test
  void rejectsBadArguments() {
    assertEquals("bins must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class,
            () -> ValueHistogram.of(new float[] {1f}, 0, 0, 1)).getMessage());
    assertEquals("lo and hi must be finite with lo < hi, got lo 1.0, hi 1.0",
        assertThrows(IllegalArgumentException.class,
            () -> ValueHistogram.of(new float[] {1f}, 3, 1, 1)).getMessage());
    assertEquals("values[1] is NaN; a histogram needs numbers",
        assertThrows(IllegalArgumentException.class,
            () -> ValueHistogram.of(new float[] {1f, Float.NaN}, 3, 0, 1)).getMessage());
    assertEquals("counts[1] must be >= 0, got -2",
        assertThrows(IllegalArgumentException.class,
            () -> ValueHistogram.ofCounts(0, 1, new long[] {1, -2}, 0, 0)).getMessage());
    assertThrows(IndexOutOfBoundsException.class,
        () -> ValueHistogram.ofCounts(0, 1, new long[] {1}, 0, 0).count(1));
  }

  @Test
  void countsAreCopied() {
    long[] c = {1, 2};
    ValueHistogram h = ValueHistogram.ofCounts(0, 1, c, 0, 0);
    c[0] = 99;
    h.counts()[1] = 99;
    assertArrayEquals(new long[] {1, 2}, h.counts());
    assertEquals(h, ValueHistogram.ofCounts(0, 1, new long[] {1, 2}, 0, 0));
  }

  /** Every value lands where the definition says: edge(b) <= v < edge(b + 1), v == hi last. */
  @Property(tries = 2000)
  void binsFollowTheDefinition(
      @ForAll @Size(max = 50) float[] raw, @ForAll @IntRange(min = 1, max = 16) int bins) {
    float[] values = new float[raw.length];
    for (int i = 0; i < raw.length; i++) {
      values[i] = Float.isNaN(raw[i]) ? 0f : Math.max(-8f, Math.min(8f, raw[i] % 8f));
    }
    double lo = -4;
    double hi = 4;
    long[] expected = new long[bins];
    long under = 0;
    long over = 0;
    for (float v : values) {
      if (v < lo) {
        under++;
      } else if (v > hi) {
        over++;
      } else {
        // brute force: walk up the edges lo + (b + 1) * width
        int b = 0;
        while (b < bins - 1 && v >= lo + (b + 1) * ((hi - lo) / bins)) {
          b++;
        }
        expected[b]++;
      }
    }
    ValueHistogram h = ValueHistogram.of(values, bins, lo, hi);
    assertEquals(values.length, h.total());
    assertEquals(under, h.underflow());
    assertEquals(over, h.overflow());
    assertArrayEquals(expected, h.counts());
  }

  @Provide
  Arbitrary<float[]> finiteArrays() {
    return Arbitraries.floats().between(-Float.MAX_VALUE, Float.MAX_VALUE)
        .array(float[].class).ofMinSize(1).ofMaxSize(100);
  }

  @Property(tries = 1000)
  void ownRangeHoldsEveryFiniteValue(@ForAll("finiteArrays") float[] values) {
    ValueHistogram h = ValueHistogram.of(values, 7);
    assertEquals(0, h.underflow());
    assertEquals(0, h.overflow());
    assertEquals(values.length, h.inRange());
  }
}
