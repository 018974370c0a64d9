package quantlab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ClaimTest {
  @Test
  void verdictsByHand() {
    assertEquals("TRUE", Claim.verdict(2.0, 1.0));      // twice as fast
    assertEquals("FALSE", Claim.verdict(1.0, 2.0));     // twice as slow
    assertEquals("NOT SHOWN", Claim.verdict(1.0, 1.05));
    assertEquals("NOT SHOWN", Claim.verdict(1.05, 1.0));
    assertEquals("TRUE", Claim.verdict(1.0, 0.9));      // 1 / 0.9 = 1.11 >= 1.1
    assertEquals("NOT SHOWN", Claim.verdict(1.0, 0.92)); // 1.087
    assertEquals("FALSE", Claim.verdict(1.0, 1.11));    // 0.9009 <= 0.90909
    assertEquals("NOT SHOWN", Claim.verdict(1.0, 1.09));
    assertEquals("TRUE", Claim.verdict(3.0, 0.0));      // needs nothing at all
  }

  @Test
  void theQatExample() {
    Claim c = new Claim("QAT trains faster", "float epoch", 2640, "QAT epoch", 4320, "ms");
    assertEquals(4320.0 / 2640, c.ratio(), 1e-12);
    assertEquals("FALSE", c.verdict());
    assertEquals("1.64x float epoch (4,320 vs 2,640 ms)", c.measured());
    assertEquals("QAT trains faster: QAT epoch is 1.64x float epoch (4,320 vs 2,640 ms) -> FALSE",
        c.toString());
  }

  @Test
  void fractionalValuesPrintWithTheirDigits() {
    Claim c = new Claim("int8 faster", "float32", 0.1072, "int8", 0.1639, "ms");
    assertEquals("1.53x float32 (0.1639 vs 0.1072 ms)", c.measured());
  }

  @Test
  void badValuesAreNamed() {
    assertEquals("baselineValue must be a finite value > 0, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> Claim.verdict(0, 1)).getMessage());
    assertEquals("candidateValue must be a finite value >= 0, got NaN",
        assertThrows(IllegalArgumentException.class, () -> Claim.verdict(1, Double.NaN))
            .getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new Claim("c", "b", 1, "x", -1, "ms"));
  }

  @Property(tries = 3000)
  void swappingTheTwoSwapsTrueAndFalse(
      @ForAll @DoubleRange(min = 0.001, max = 1000) @Scale(6) double a,
      @ForAll @DoubleRange(min = 0.001, max = 1000) @Scale(6) double b) {
    String ab = Claim.verdict(a, b);
    String ba = Claim.verdict(b, a);
    double gain = a / b;
    // Away from the band's edges (where a / b and 1 / (b / a) may differ in the last bit).
    if (Math.abs(gain - 1.1) > 1e-9 && Math.abs(gain - 1 / 1.1) > 1e-9) {
      assertEquals(ab.equals("TRUE") ? "FALSE" : ab.equals("FALSE") ? "TRUE" : "NOT SHOWN", ba);
    }
  }

  @Property(tries = 3000)
  void scalingBothKeepsTheVerdict(
      @ForAll @DoubleRange(min = 0.001, max = 1000) @Scale(6) double a,
      @ForAll @DoubleRange(min = 0.001, max = 1000) @Scale(6) double b) {
    double gain = a / b;
    if (Math.abs(gain - 1.1) > 1e-9 && Math.abs(gain - 1 / 1.1) > 1e-9) {
      assertEquals(Claim.verdict(a, b), Claim.verdict(a * 1024, b * 1024));
    }
  }

  @Test
  void tableHasOneRowPerClaim() {
    Table t = Claims.table("Verdicts", List.of(
        new Claim("QAT trains faster", "float epoch", 2640, "QAT epoch", 4320, "ms"),
        new Claim("int8 is smaller", "float32 file", 408_000, "int8 file", 106_928, "bytes")));
    assertEquals(2, t.rowCount());
    assertEquals(List.of("claim", "candidate", "measured", "ratio", "verdict"), t.columnNames());
    assertEquals("FALSE", t.stringColumn("verdict").get(0));
    assertEquals("TRUE", t.stringColumn("verdict").get(1));
    assertEquals("0.26", t.stringColumn("ratio").get(1));
    assertEquals("0.26x float32 file (106,928 vs 408,000 bytes)",
        t.stringColumn("measured").get(1));
  }
}
