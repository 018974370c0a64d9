package quantlab.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class IntFormatTest {

  @Test
  void knownFormats() {
    assertEquals(-128, IntFormat.int8().qmin());
    assertEquals(127, IntFormat.int8().qmax());
    assertEquals(256, IntFormat.int8().levels());
    assertEquals(-127, IntFormat.int8().narrow().qmin());
    assertEquals(255, IntFormat.int8().narrow().levels());
    assertEquals(0, IntFormat.uint8().qmin());
    assertEquals(255, IntFormat.uint8().qmax());
    assertEquals(128, IntFormat.uint8().symmetricZeroPoint());
    assertEquals(-8, IntFormat.int4().qmin());
    assertEquals(7, IntFormat.int4().qmax());
    assertEquals(-32768, IntFormat.signed(16).qmin());
    assertEquals(65535, IntFormat.unsigned(16).qmax());
    assertEquals(-1, IntFormat.signed(1).qmin());
    assertEquals(0, IntFormat.signed(1).qmax());
  }

  @Property(tries = 200)
  void rangeFollowsTheFormula(
      @ForAll @IntRange(min = 2, max = 16) int bits,
      @ForAll boolean signed,
      @ForAll boolean narrow) {
    IntFormat f = IntFormat.of(bits, signed, narrow);
    long lowest = signed ? -(long) Math.pow(2, bits - 1) : 0;
    long highest = signed ? (long) Math.pow(2, bits - 1) - 1 : (long) Math.pow(2, bits) - 1;
    assertEquals(narrow ? lowest + 1 : lowest, f.qmin());
    assertEquals(highest, f.qmax());
    assertEquals((long) Math.pow(2, bits) - (narrow ? 1 : 0), f.levels());
    assertTrue(f.contains(f.qmin()) && f.contains(f.qmax()));
    assertFalse(f.contains(f.qmin() - 1) || f.contains(f.qmax() + 1));
  }

  @Test
  void namesReadWell() {
    assertEquals("int8", IntFormat.int8().toString());
    assertEquals("uint4", IntFormat.unsigned(4).toString());
    assertEquals("int8n [-127, 127]", IntFormat.int8().narrow().describe());
  }

  @Test
  void badBitsAreNamed() {
    assertEquals(
        "bits must be in [1, 16], got 0",
        assertThrows(IllegalArgumentException.class, () -> IntFormat.signed(0)).getMessage());
    assertEquals(
        "bits must be in [1, 16], got 17",
        assertThrows(IllegalArgumentException.class, () -> IntFormat.unsigned(17)).getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> IntFormat.of(1, true, true))
            .getMessage().contains("narrowRange needs bits >= 2"));
  }

  @Test
  void equalityIsByValue() {
    assertEquals(IntFormat.of(8, true, true), IntFormat.int8().narrow());
    assertEquals(IntFormat.of(8, true, true).hashCode(), IntFormat.int8().narrow().hashCode());
    assertFalse(IntFormat.int8().equals(IntFormat.uint8()));
  }
}
