package quantlab.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import quantlab.quant.IntFormat;
import quantlab.quant.QuantParams;

/** Reading the TFLite Micro micro_speech model (a third-party int8 file). */
class TfliteModelTest {

  static byte[] resource(String name) throws IOException {
    try (InputStream in = TfliteModelTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return in.readAllBytes();
    }
  }

  static byte[] microSpeech() throws IOException {
    return resource("micro_speech_quantized.tflite");
  }

  @Test
  void readsMicroSpeechStructure() throws IOException {
    TfliteModel m = TfliteModel.read(microSpeech());
    assertEquals(3, m.version());
    assertEquals(18800, m.fileSize());
    assertEquals(1, m.subgraphs().size());
    TfliteSubgraph g = m.subgraph();
    assertEquals(10, g.tensors().size());
    assertEquals(
        Arrays.asList("RESHAPE", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "SOFTMAX"),
        g.operators().stream().map(TfliteOperator::opName).toList());
    // Old-style opcodes: only deprecated_builtin_code is set.
    for (TfliteOpcode c : m.opcodes()) {
      assertEquals(0, c.builtinCode());
      assertTrue(c.usesDeprecatedCodeOnly());
    }
    assertEquals(4, g.operators().get(1).builtinCode()); // DEPTHWISE_CONV_2D
    assertEquals(3, g.operators().get(1).version());
    assertEquals("1.5.0", m.minRuntimeVersion().orElseThrow());
    TfliteTensor in = g.inputTensor();
    assertEquals(TensorType.INT8, in.type());
    assertArrayEquals(new int[] {1, 1960}, in.shape());
    TfliteTensor out = g.outputTensor();
    // The int8 SOFTMAX output of the spec: scale 1/256, zero point -128.
    assertEquals(1f / 256, out.quantization().orElseThrow().scale());
    assertEquals(-128, out.quantization().orElseThrow().zeroPoint());
  }

  @Test
  void depthwiseFilterIsPerChannelAlongDimension3() throws IOException {
    TfliteSubgraph g = TfliteModel.read(microSpeech()).subgraph();
    TfliteOperator dw = g.operators().get(1);
    TfliteTensor filter = g.tensor(dw.input(1));
    assertArrayEquals(new int[] {1, 10, 8, 8}, filter.shape());
    TfliteQuantization q = filter.quantization().orElseThrow();
    assertTrue(q.isPerChannel());
    assertEquals(8, q.count());
    assertEquals(3, q.quantizedDimension());
    assertArrayEquals(new long[8], q.zeroPoints());
    // int8 weights of the spec lie in [-127, 127].
    byte[] w = filter.int8s();
    assertEquals(640, w.length);
    for (byte b : w) {
      assertTrue(b >= -127, "weight code " + b);
    }
    // Bias scale = input scale * weight scale per channel (the int8 spec).
    TfliteTensor input = g.tensor(dw.input(0));
    TfliteTensor bias = g.tensor(dw.input(2));
    TfliteQuantization bq = bias.quantization().orElseThrow();
    float sIn = input.quantization().orElseThrow().scale();
    for (int c = 0; c < 8; c++) {
      assertEquals(sIn * q.scale(c), bq.scale(c), 1e-6 * bq.scale(c));
    }
    assertEquals(TensorType.INT32, bias.type());
    assertEquals(8, bias.int32s().length);
    QuantParams p = q.toQuantParams(IntFormat.int8().narrow());
    assertEquals(8, p.count());
    OpOptions.DepthwiseConv2D o = (OpOptions.DepthwiseConv2D) dw.options();
    assertEquals(Padding.SAME, o.padding());
    assertEquals(8, o.depthMultiplier());
    assertEquals(Activation.RELU, o.activation());
  }

  @Test
  void activationsHaveNoData() throws IOException {
    TfliteSubgraph g = TfliteModel.read(microSpeech()).subgraph();
    TfliteTensor relu = g.tensor("Relu");
    assertFalse(relu.hasData());
    assertEquals(0, relu.bufferSize());
    assertEquals(0, relu.data().length);
  }

  @Test
  void typedAccessorRefusesWrongType() throws IOException {
    TfliteTensor w = TfliteModel.read(microSpeech()).subgraph()
        .tensor("final_fc_weights/read/transpose");
    IllegalStateException e = assertThrows(IllegalStateException.class, w::floats);
    assertEquals("tensor 'final_fc_weights/read/transpose' is INT8, not FLOAT32", e.getMessage());
  }

  @Test
  void rejectsWrongIdentifier() throws IOException {
    byte[] b = microSpeech();
    b[4] = 'X';
    TfliteFormatException e = assertThrows(TfliteFormatException.class,
        () -> TfliteModel.read(b));
    assertEquals("header: file identifier is 'XFL3', expected 'TFL3' (not a TFLite model, or"
        + " damaged)", e.getMessage());
  }

  @Test
  void rejectsTinyAndTruncatedFiles() throws IOException {
    assertThrows(TfliteFormatException.class, () -> TfliteModel.read(new byte[3]));
    byte[] b = microSpeech();
    for (int n : new int[] {8, 16, 100, 1000, 10000, b.length - 1}) {
      byte[] cut = Arrays.copyOf(b, n);
      assertThrows(TfliteFormatException.class, () -> TfliteModel.read(cut), "length " + n);
    }
  }
}
