package quantlab.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import quantlab.quant.Quantizer;
import quantlab.quant.Shape;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class TablesTest {

  @Test
  void weightStatsWorkedByHand() {
    Map<String, float[]> v = new LinkedHashMap<>();
    v.put("w", new float[] {1f, -3f});
    v.put("b", new float[] {0.5f});
    Table t = Tables.weightStats(v, Map.of("w", Shape.of(1, 2)));
    assertEquals(2, t.rowCount());
    assertEquals("w", t.stringColumn("layer").get(0));
    assertEquals("[1, 2]", t.stringColumn("shape").get(0));
    assertEquals("[1]", t.stringColumn("shape").get(1));
    assertEquals(-3, t.doubleColumn("min").get(0), 0);
    assertEquals(-1, t.doubleColumn("mean").get(0), 0);
    assertEquals(2, t.doubleColumn("std").get(0), 1e-12);
    assertEquals(3, t.doubleColumn("max |w|").get(0), 0);
    assertTrue(t.print().contains("max |w|"));
  }

  @Test
  void quantErrorsHasARowPerLayerAndSetting() {
    Map<String, float[]> v = new LinkedHashMap<>();
    float[] w = new float[64];
    for (int i = 0; i < w.length; i++) {
      w[i] = (i % 8) * (1 + i / 8) / 10f; // columns with different ranges
    }
    v.put("k", w);
    Map<String, Quantizer> q = new LinkedHashMap<>();
    q.put("int4 per-tensor", Quantizer.builder().bits(4).symmetric().build());
    q.put("int4 per-channel", Quantizer.builder().bits(4).symmetric().perChannel(0).build());
    Table t = Tables.quantErrors(v, Map.of("k", Shape.of(8, 8)), q);
    assertEquals(2, t.rowCount());
    assertTrue(t.doubleColumn("SQNR (dB)").get(1) > t.doubleColumn("SQNR (dB)").get(0),
        t.print());
  }

  @Test
  void roundedPrintsFewerDigitsAndKeepsValues() {
    Table t = Table.create("sweep", IntColumn.create("bits", 8, 4),
        DoubleColumn.create("accuracy_drop", 0.0006000000000000449, -0.00019999999999997797),
        DoubleColumn.create("weight_sqnr_db", 32.517052189559735, 7.0));
    Table r = Tables.rounded(t, 4);
    assertEquals("0.0006", r.doubleColumn("accuracy_drop").getString(0));
    assertEquals("-0.0002", r.doubleColumn("accuracy_drop").getString(1));
    assertEquals("32.5171", r.doubleColumn("weight_sqnr_db").getString(0));
    assertEquals("7.0000", r.doubleColumn("weight_sqnr_db").getString(1));
    assertEquals("8", r.intColumn("bits").getString(0));
    assertEquals(0.0006000000000000449, r.doubleColumn("accuracy_drop").get(0), 0);
    // The original keeps printing every digit.
    assertEquals("32.517052189559735", t.doubleColumn("weight_sqnr_db").getString(0));
    assertEquals("sweep", r.name());
    assertEquals("33", Tables.rounded(t, 0).doubleColumn("weight_sqnr_db").getString(0));
    assertThrows(IllegalArgumentException.class, () -> Tables.rounded(t, -1));
  }
}
