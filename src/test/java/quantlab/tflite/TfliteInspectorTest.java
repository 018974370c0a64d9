package quantlab.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** {@link TfliteInspector#channels}: per-channel parameters and code ranges, worked by hand. */
class TfliteInspectorTest {

  /** 3 inputs in [0, 1] -> 2 outputs; weights [[1, -2, 4], [0.5, 0, 0]], biases [0.1, -0.2]. */
  private static TfliteModel int8(boolean perChannel) {
    TfliteModelSpec spec = TfliteModelSpec.builder().name("t").input(1, 3).inputRange(0f, 1f)
        .layer(TfliteLayerSpec.fullyConnected(2, new float[] {1f, -2f, 4f, 0.5f, 0f, 0f},
            new float[] {0.1f, -0.2f}).name("fc").outputRange(-1f, 5f))
        .build();
    return TfliteModel.read(TfliteWriter.builder().variant(TfliteVariant.INT8)
        .perChannelFullyConnected(perChannel).build().toBytes(spec));
  }

  @Test
  void perChannelWeights() {
    Table t = TfliteInspector.of(int8(true)).channels("fc/weights");
    assertEquals(List.of("channel", "scale", "zero_point", "q_min", "q_max", "xhat_min",
        "xhat_max"), t.columnNames());
    assertEquals(2, t.rowCount());
    assertTrue(t.name().contains("per channel along dimension 0"), t.name());
    // Row 0: max |w| = 4, scale 4/127; -2 / (4/127) = -63.5 rounds away from zero to -64.
    assertEquals(4f / 127, t.floatColumn("scale").get(0), 0);
    assertEquals(0L, t.longColumn("zero_point").get(0));
    assertEquals(-64L, t.longColumn("q_min").get(0));
    assertEquals(127L, t.longColumn("q_max").get(0));
    assertEquals((4f / 127) * -64f, t.floatColumn("xhat_min").get(0), 0);
    assertEquals(4.0, t.floatColumn("xhat_max").get(0), 1e-6);
    // Row 1: max |w| = 0.5; codes 127, 0, 0.
    assertEquals(0.5f / 127, t.floatColumn("scale").get(1), 0);
    assertEquals(0L, t.longColumn("q_min").get(1));
    assertEquals(127L, t.longColumn("q_max").get(1));
    assertEquals(0.5, t.floatColumn("xhat_max").get(1), 1e-6);
    // Printed with six significant digits: 4/127 = 0.0314960..., -64 * 4/127 = -2.015748...
    String printed = t.print();
    assertTrue(printed.contains("0.0314961"), printed);
    assertTrue(printed.contains("-2.01575"), printed);
    assertTrue(printed.contains("0.00393701"), printed); // 0.5 / 127
  }

  @Test
  void significantDigits() {
    TfliteInspector.SignificantDigits f = new TfliteInspector.SignificantDigits(6);
    assertEquals("0.000743031", f.format(7.430306868627667e-4));
    assertEquals("4", f.format(4.0));
    assertEquals("-2.5", f.format(-2.5));
    assertEquals("1.23457e-07", f.format(1.2345678e-7));
    assertEquals("0", f.format(0.0));
  }

  @Test
  void biasesActivationsAndPerTensor() {
    TfliteInspector in = TfliteInspector.of(int8(true));
    Table bias = in.channels("fc/bias");
    // Input scale 1/255; bias scale 1/255 * 4/127 (float32); 0.1 / that = 809.6 -> 810.
    float biasScale = (1f / 255) * (4f / 127);
    assertEquals(biasScale, bias.floatColumn("scale").get(0), 0);
    assertEquals(Math.round(0.1f / biasScale), bias.longColumn("q_min").get(0));
    assertEquals(810L, bias.longColumn("q_max").get(0));
    // The input activation: one scale, no data, so no code columns.
    Table input = in.channels(in.model().subgraph().inputTensor().name());
    assertEquals(List.of("channel", "scale", "zero_point"), input.columnNames());
    assertEquals(1f / 255, input.floatColumn("scale").get(0), 0);
    assertEquals(-128L, input.longColumn("zero_point").get(0));
    // Per tensor: one row over all six weights, scale 4/127.
    Table w = TfliteInspector.of(int8(false)).channels("fc/weights");
    assertEquals(1, w.rowCount());
    assertTrue(w.name().endsWith("per tensor"), w.name());
    assertEquals(-64L, w.longColumn("q_min").get(0));
    assertEquals(127L, w.longColumn("q_max").get(0));
  }

  @Test
  void floatTensorHasNoChannels() {
    TfliteModelSpec spec = TfliteModelSpec.builder().name("t").input(1, 3)
        .layer(TfliteLayerSpec.fullyConnected(2, new float[6], new float[2]).name("fc")).build();
    TfliteInspector in = TfliteInspector.of(TfliteModel.read(
        TfliteWriter.toBytes(spec, TfliteVariant.FLOAT32)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> in.channels("fc/weights"));
    assertEquals("tensor 'fc/weights' has no quantization scales (type FLOAT32)", e.getMessage());
  }
}
