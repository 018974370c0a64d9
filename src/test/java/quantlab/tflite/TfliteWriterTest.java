package quantlab.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write, read back, and compare every field with what the spec says, derived by hand or from the
 * TFLite specification (never from the writer's own code).
 */
class TfliteWriterTest {

  static TfliteModel write(TfliteModelSpec spec, TfliteWriter w) {
    return TfliteModel.read(w.toBytes(spec));
  }

  static TfliteModel write(TfliteModelSpec spec, TfliteVariant v) {
    return TfliteModel.read(TfliteWriter.toBytes(spec, v));
  }

  static List<String> ops(TfliteModel m) {
    return m.subgraph().operators().stream().map(o -> o.opName() + " v" + o.version()).toList();
  }

  static TfliteTensor in(TfliteModel m, TfliteOperator op, int i) {
    return m.subgraph().tensor(op.input(i));
  }

  static TfliteTensor out(TfliteModel m, TfliteOperator op) {
    return m.subgraph().tensor(op.output(0));
  }

  /** max |x| over the values of channel {@code c} of a tensor whose channel axis is the last. */
  static float maxAbsLastAxis(float[] w, int channels, int c) {
    float m = 0;
    for (int i = c; i < w.length; i += channels) {
      m = Math.max(m, Math.abs(w[i]));
    }
    return m;
  }

  /** max |x| over channel {@code c} of a tensor whose channel axis is the first. */
  static float maxAbsFirstAxis(float[] w, int channels, int c) {
    int per = w.length / channels;
    float m = 0;
    for (int i = c * per; i < (c + 1) * per; i++) {
      m = Math.max(m, Math.abs(w[i]));
    }
    return m;
  }

  static int roundHalfAway(double v) {
    return (int) (Math.signum(v) * Math.floor(Math.abs(v) + 0.5));
  }

  // ---- float32 ----------------------------------------------------------------------------

  @Test
  void float32RoundTripKeepsEveryField() {
    TfliteModelSpec spec = Specs.cnn();
    TfliteModel m = write(spec, TfliteVariant.FLOAT32);
    assertEquals(3, m.version());
    assertEquals("quantlab", m.description());
    assertEquals("cnn", m.subgraph().name());
    assertEquals(List.of("CONV_2D v1", "DEPTHWISE_CONV_2D v2", "MAX_POOL_2D v1", "ADD v1",
        "ADD v1", "AVERAGE_POOL_2D v1", "CONV_2D v1", "RESHAPE v1", "FULLY_CONNECTED v1",
        "SOFTMAX v1"), ops(m));
    // DEPTHWISE_CONV_2D v2 (dilation) needs runtime 1.12.0, the newest of these.
    assertEquals("1.12.0", m.minRuntimeVersion().orElseThrow());
    // Both opcode fields are filled.
    for (TfliteOpcode c : m.opcodes()) {
      assertEquals(c.builtinCode(), c.deprecatedBuiltinCode(), c.toString());
    }
    TfliteSubgraph g = m.subgraph();
    int[][] shapes = {{1, 12, 12, 4}, {1, 12, 12, 8}, {1, 6, 6, 8}, {1, 6, 6, 8}, {1, 6, 6, 8},
        {1, 3, 3, 8}, {1, 1, 1, 6}, {1, 6}, {1, 10}, {1, 10}};
    for (int i = 0; i < shapes.length; i++) {
      TfliteTensor o = out(m, g.operator(i));
      assertArrayEquals(shapes[i], o.shape(), "output of layer " + i);
      assertEquals(TensorType.FLOAT32, o.type());
      assertFalse(o.hasData());
      assertTrue(o.quantization().isEmpty());
    }
    TfliteTensor input = g.inputTensor();
    assertEquals("input", input.name());
    assertArrayEquals(new int[] {1, 12, 12, 1}, input.shape());
    assertEquals(g.operator(9).output(0), g.outputs()[0]);

    // Layer 0: CONV_2D SAME, RELU, filters [4, 3, 3, 1], data exactly the spec's floats.
    TfliteOperator conv = g.operator(0);
    assertEquals(input.index(), conv.input(0));
    TfliteTensor w0 = in(m, conv, 1);
    assertEquals("conv_0/weights", w0.name());
    assertArrayEquals(new int[] {4, 3, 3, 1}, w0.shape());
    assertArrayEquals(Specs.random(36, 5, 0.5f), w0.floats());
    assertArrayEquals(Specs.random(4, 6, 0.1f), in(m, conv, 2).floats());
    assertEquals(new OpOptions.Conv2D(Padding.SAME, 1, 1, 1, 1, Activation.RELU),
        conv.options());
    // Layer 1: dilated depthwise, multiplier 2, filters [1, 3, 3, 8].
    TfliteOperator dw = g.operator(1);
    assertArrayEquals(new int[] {1, 3, 3, 8}, in(m, dw, 1).shape());
    assertEquals(new OpOptions.DepthwiseConv2D(Padding.SAME, 1, 1, 2, 2, 2, Activation.NONE),
        dw.options());
    assertEquals(new OpOptions.Pool2D(Padding.VALID, 2, 2, 2, 2, Activation.NONE),
        g.operator(2).options());
    // ADD of a [8] constant with RELU6, then the residual ADD of layer 2's output.
    TfliteOperator add = g.operator(3);
    assertArrayEquals(new int[] {8}, in(m, add, 1).shape());
    assertArrayEquals(Specs.random(8, 9, 1f), in(m, add, 1).floats());
    assertEquals(new OpOptions.Add(Activation.RELU6), add.options());
    TfliteOperator residual = g.operator(4);
    assertEquals(g.operator(3).output(0), residual.input(0));
    assertEquals(g.operator(2).output(0), residual.input(1));
    assertEquals(new OpOptions.Pool2D(Padding.SAME, 2, 2, 3, 3, Activation.NONE),
        g.operator(5).options());
    // A conv without bias gets a zero bias.
    assertArrayEquals(new float[6], in(m, g.operator(6), 2).floats());
    // RESHAPE: option and shape tensor both say [1, -1].
    TfliteOperator reshape = g.operator(7);
    assertArrayEquals(new int[] {1, -1}, ((OpOptions.Reshape) reshape.options()).newShape());
    assertArrayEquals(new int[] {1, -1}, in(m, reshape, 1).int32s());
    TfliteOperator fc = g.operator(8);
    assertArrayEquals(new int[] {10, 6}, in(m, fc, 1).shape());
    assertEquals(new OpOptions.FullyConnected(Activation.NONE, false, false, 0), fc.options());
    assertEquals(new OpOptions.Softmax(0.5f), g.operator(9).options());
  }

  @Test
  void buffersAreAlignedAndSentinelIsEmpty() {
    for (TfliteVariant v : TfliteVariant.values()) {
      byte[] bytes = TfliteWriter.toBytes(Specs.cnn(), v);
      assertEquals("TFL3", new String(bytes, 4, 4, StandardCharsets.US_ASCII));
      TfliteModel m = TfliteModel.read(bytes);
      assertEquals(0, m.bufferSize(0), v + ": buffer 0 must be the empty sentinel");
      for (TfliteTensor t : m.subgraph().tensors()) {
        if (t.hasData()) {
          assertEquals(0, t.dataOffset() % 16, v + ": " + t.name() + " at " + t.dataOffset());
          assertTrue(t.bufferIndex() > 0);
        } else {
          assertEquals(0, t.bufferIndex());
        }
      }
      byte[] runtime = m.metadata().get(TfliteModel.MIN_RUNTIME_VERSION);
      assertEquals(16, runtime.length);
    }
  }

  // ---- float16 ----------------------------------------------------------------------------

  @Test
  void float16StoresHalfWeightsFollowedByDequantize() {
    TfliteModel m = write(Specs.cnn(), TfliteVariant.FLOAT16);
    TfliteSubgraph g = m.subgraph();
    // 9 float constants (4 weights, 4 biases, 1 ADD constant), each with its DEQUANTIZE v3.
    long dequantize = g.operators().stream().filter(o -> o.opName().equals("DEQUANTIZE"))
        .peek(o -> assertEquals(3, o.version())).count();
    assertEquals(9, dequantize);
    assertEquals("1.15.0", m.minRuntimeVersion().orElseThrow());
    for (TfliteOperator op : g.operators()) {
      if (op.opName().equals("DEQUANTIZE")) {
        TfliteTensor h = in(m, op, 0);
        TfliteTensor f = out(m, op);
        assertEquals(TensorType.FLOAT16, h.type());
        assertEquals(TensorType.FLOAT32, f.type());
        assertFalse(f.hasData());
        assertEquals(h.name() + "_dequantized", f.name());
        assertArrayEquals(h.shape(), f.shape());
        // The consumer comes after its DEQUANTIZE.
        int consumer = g.operators().stream().filter(o -> Arrays.stream(o.inputs())
            .anyMatch(i -> i == f.index())).findFirst().orElseThrow().index();
        assertTrue(consumer > op.index());
      }
    }
    TfliteTensor w = g.tensor("conv_0/weights");
    assertEquals(TensorType.FLOAT16, w.type());
    assertEquals(36 * 2, w.bufferSize());
    float[] expected = Specs.random(36, 5, 0.5f);
    float[] got = w.float16s();
    for (int i = 0; i < expected.length; i++) {
      // Half precision keeps 11 significant bits: relative error <= 2^-11.
      assertEquals(expected[i], got[i], Math.abs(expected[i]) * 0x1p-11f + 0x1p-25f);
    }
  }

  // ---- dynamic range ----------------------------------------------------------------------

  @Test
  void dynamicRangeQuantizesLargeWeightsSymmetricPerTensorForFullyConnected() {
    TfliteModel m = write(Specs.mlp(), TfliteVariant.DYNAMIC_RANGE);
    TfliteSubgraph g = m.subgraph();
    assertEquals(List.of("FULLY_CONNECTED v9", "FULLY_CONNECTED v9", "SOFTMAX v1"), ops(m));
    assertEquals("2.3.0", m.minRuntimeVersion().orElseThrow());
    TfliteOperator fc = g.operator(0);
    assertEquals(new OpOptions.FullyConnected(Activation.RELU, false, true, 0), fc.options());
    assertEquals(TensorType.FLOAT32, in(m, fc, 0).type());
    assertEquals(TensorType.FLOAT32, out(m, fc).type());
    TfliteTensor w = in(m, fc, 1);
    assertEquals(TensorType.INT8, w.type());
    float[] x = Specs.random(128 * 784, 1, 0.1f);
    float maxAbs = maxAbsFirstAxis(x, 1, 0);
    TfliteQuantization q = w.quantization().orElseThrow();
    assertEquals(1, q.count());
    assertEquals(maxAbs / 127, q.scale());
    assertEquals(0, q.zeroPoint());
    byte[] codes = w.int8s();
    for (int i = 0; i < x.length; i++) {
      assertEquals(roundHalfAway(x[i] / q.scale()), codes[i], "weight " + i);
    }
    TfliteTensor b = in(m, fc, 2);
    assertEquals(TensorType.FLOAT32, b.type());
    assertArrayEquals(Specs.random(128, 2, 0.1f), b.floats());
  }

  @Test
  void dynamicRangeQuantizesConvolutionsPerChannelAndKeepsSmallWeightsFloat() {
    // With the converter's threshold of 1024 values, every weight of the small CNN stays float.
    TfliteModel small = write(Specs.cnn(), TfliteVariant.DYNAMIC_RANGE);
    assertTrue(small.subgraph().tensors().stream()
        .noneMatch(t -> t.type() == TensorType.INT8));
    TfliteModel m = write(Specs.cnn(), TfliteWriter.builder()
        .variant(TfliteVariant.DYNAMIC_RANGE).minElementsForWeights(0).build());
    assertEquals(List.of("CONV_2D v5", "DEPTHWISE_CONV_2D v6", "MAX_POOL_2D v1", "ADD v1",
        "ADD v1", "AVERAGE_POOL_2D v1", "CONV_2D v5", "RESHAPE v1", "FULLY_CONNECTED v9",
        "SOFTMAX v1"), ops(m));
    assertEquals("2.4.0", m.minRuntimeVersion().orElseThrow());
    TfliteTensor dw = m.subgraph().tensor("depthwise_1/weights");
    TfliteQuantization q = dw.quantization().orElseThrow();
    assertEquals(8, q.count());
    assertEquals(3, q.quantizedDimension());
    float[] x = Specs.random(72, 7, 0.5f);
    for (int c = 0; c < 8; c++) {
      assertEquals(maxAbsLastAxis(x, 8, c) / 127, q.scale(c), "channel " + c);
    }
    TfliteQuantization cq = m.subgraph().tensor("conv_0/weights").quantization().orElseThrow();
    assertEquals(4, cq.count());
    assertEquals(0, cq.quantizedDimension());
  }

  // ---- int8 -------------------------------------------------------------------------------

  @Test
  void int8FollowsTheSpecification() {
    TfliteModel m = write(Specs.cnn(), TfliteVariant.INT8);
    assertEquals(List.of(), Int8SpecCheck.violations(m));
    assertEquals(List.of("CONV_2D v3", "DEPTHWISE_CONV_2D v3", "MAX_POOL_2D v2", "ADD v2",
        "ADD v2", "AVERAGE_POOL_2D v2", "CONV_2D v3", "RESHAPE v1", "FULLY_CONNECTED v4",
        "SOFTMAX v2"), ops(m));
    assertEquals("1.14.0", m.minRuntimeVersion().orElseThrow());
    TfliteSubgraph g = m.subgraph();
    TfliteTensor input = g.inputTensor();
    assertEquals(TensorType.INT8, input.type());
    assertEquals(TensorType.INT8, g.outputTensor().type());
    // Input range [0, 1]: scale 1/255, zero point -128.
    assertEquals(1f / 255, input.quantization().orElseThrow().scale());
    assertEquals(-128, input.quantization().orElseThrow().zeroPoint());
    // Layer 1 output range [-2, 6]: scale 8/255; zero point -128 + 2 / (8/255) = -128 + 63.75,
    // rounded to -64.
    TfliteQuantization q1 = g.tensor("depthwise_1/output").quantization().orElseThrow();
    assertEquals(8f / 255, q1.scale());
    assertEquals(-64, q1.zeroPoint());
    // SOFTMAX output fixed by the spec.
    TfliteQuantization sm = g.outputTensor().quantization().orElseThrow();
    assertEquals(1f / 256, sm.scale());
    assertEquals(-128, sm.zeroPoint());
    // Pools and reshape keep the parameters coming in.
    assertEquals(q1, g.tensor("max_pool_2/output").quantization().orElseThrow());

    // Depthwise filters: per channel along dimension 3, codes round(w / (max|w_c| / 127)).
    TfliteTensor w = g.tensor("depthwise_1/weights");
    TfliteQuantization wq = w.quantization().orElseThrow();
    assertEquals(3, wq.quantizedDimension());
    float[] x = Specs.random(72, 7, 0.5f);
    byte[] codes = w.int8s();
    for (int i = 0; i < x.length; i++) {
      float scale = maxAbsLastAxis(x, 8, i % 8) / 127;
      assertEquals(scale, wq.scale(i % 8));
      assertEquals(roundHalfAway(x[i] / scale), codes[i], "filter value " + i);
    }
    // Its bias: int32 at input_scale * weight_scale, codes round(b / scale).
    TfliteTensor b = g.tensor("depthwise_1/bias");
    TfliteQuantization bq = b.quantization().orElseThrow();
    float inScale = g.tensor("conv_0/output").quantization().orElseThrow().scale();
    assertEquals(4f / 255, inScale);
    float[] bias = Specs.random(8, 8, 0.1f);
    int[] bcodes = b.int32s();
    for (int c = 0; c < 8; c++) {
      assertEquals(inScale * wq.scale(c), bq.scale(c));
      // The converter divides in float32, then rounds half away from zero.
      assertEquals(roundHalfAway(bias[c] / bq.scale(c)), bcodes[c], "bias " + c);
    }
    // Conv filters [out, h, w, in]: per channel along dimension 0.
    TfliteQuantization cq = g.tensor("conv_0/weights").quantization().orElseThrow();
    float[] cx = Specs.random(36, 5, 0.5f);
    for (int c = 0; c < 4; c++) {
      assertEquals(maxAbsFirstAxis(cx, 4, c) / 127, cq.scale(c));
    }
    assertEquals(0, cq.quantizedDimension());
    // The ADD constant is int8 with its own range.
    TfliteTensor k = g.tensor("add_3/constant");
    assertEquals(TensorType.INT8, k.type());
  }

  @Test
  void int8WithFloatInputAndOutputQuantizesAtTheEdges() {
    TfliteModel m = write(Specs.mlp(), TfliteWriter.builder().variant(TfliteVariant.INT8)
        .floatInputOutput(true).build());
    assertEquals(List.of("QUANTIZE v1", "FULLY_CONNECTED v4", "FULLY_CONNECTED v4",
        "SOFTMAX v2", "DEQUANTIZE v2"), ops(m));
    TfliteSubgraph g = m.subgraph();
    assertEquals(TensorType.FLOAT32, g.inputTensor().type());
    assertEquals(TensorType.FLOAT32, g.outputTensor().type());
    assertEquals("input", g.inputTensor().name());
    assertEquals("output", g.outputTensor().name());
    TfliteTensor q = out(m, g.operator(0));
    assertEquals(TensorType.INT8, q.type());
    assertEquals(List.of(), Int8SpecCheck.violations(m));
    // Per-channel FULLY_CONNECTED by default: 128 scales along dimension 0.
    TfliteQuantization wq = g.tensor("dense_0/weights").quantization().orElseThrow();
    assertEquals(128, wq.count());
    assertEquals(0, wq.quantizedDimension());
  }

  @Test
  void int8PerTensorFullyConnectedHasOneScale() {
    TfliteModel m = write(Specs.mlp(), TfliteWriter.builder().variant(TfliteVariant.INT8)
        .perChannelFullyConnected(false).build());
    assertEquals(List.of(), Int8SpecCheck.violations(m));
    TfliteQuantization wq = m.subgraph().tensor("dense_0/weights").quantization().orElseThrow();
    assertEquals(1, wq.count());
    assertEquals(maxAbsFirstAxis(Specs.random(128 * 784, 1, 0.1f), 1, 0) / 127, wq.scale());
    TfliteQuantization bq = m.subgraph().tensor("dense_0/bias").quantization().orElseThrow();
    assertEquals(1, bq.count());
    assertEquals(wq.scale() * (1f / 255), bq.scale());
  }

  @Test
  void microSpeechPassesTheSameSpecificationCheck() throws IOException {
    assertEquals(List.of(), Int8SpecCheck.violations(TfliteModel.read(
        TfliteModelTest.microSpeech())));
  }

  @Test
  void int8NeedsRanges() {
    TfliteModelSpec noInput = TfliteModelSpec.builder().input(1, 4)
        .layer(TfliteLayerSpec.fullyConnected(2, new float[8], null).outputRange(-1f, 1f)).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TfliteWriter.toBytes(noInput, TfliteVariant.INT8));
    assertEquals("int8 export needs the input range: set inputRange(min, max) on the spec",
        e.getMessage());
    TfliteModelSpec noLayer = TfliteModelSpec.builder().input(1, 4).inputRange(0f, 1f)
        .layer(TfliteLayerSpec.fullyConnected(2, new float[8], null)).build();
    e = assertThrows(IllegalArgumentException.class,
        () -> TfliteWriter.toBytes(noLayer, TfliteVariant.INT8));
    assertEquals("int8 export needs the output range of layer 0 (FULLY_CONNECTED 'dense_0'):"
        + " set outputRange(min, max)", e.getMessage());
    // The float variants do not need ranges.
    assertNotNull(TfliteWriter.toBytes(noInput, TfliteVariant.FLOAT32));
  }

  // ---- spec checks and files --------------------------------------------------------------

  @Test
  void specRejectsLayersThatDoNotFit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TfliteModelSpec.builder().input(1, 28, 28, 3)
            .layer(TfliteLayerSpec.conv2d(8, 3, 3, 1, new float[72], null)).build());
    assertEquals("layer 0 (CONV_2D 'conv_0'): filters expect 1 input channels, the input"
        + " [1, 28, 28, 3] has 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TfliteModelSpec.builder()
        .input(1, 10).layer(TfliteLayerSpec.fullyConnected(2, new float[6], null)).build());
    assertEquals("layer 0 (FULLY_CONNECTED 'dense_0'): input [1, 10] has 10 values, not a"
        + " multiple of the weights' in = 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TfliteLayerSpec.fullyConnected(2, new float[] {1, 2, Float.NaN, 4}, null));
    assertEquals("weights[2] must be finite, got NaN", e.getMessage());
  }

  @Test
  void writesFilesAtomically(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("sub/mlp.tflite");
    TfliteWriter.write(Specs.mlp(), TfliteVariant.FLOAT16, file);
    TfliteWriter.write(Specs.mlp(), TfliteVariant.INT8, file); // replaces it
    assertArrayEquals(TfliteWriter.toBytes(Specs.mlp(), TfliteVariant.INT8),
        Files.readAllBytes(file));
    try (Stream<Path> s = Files.list(file.getParent())) {
      assertEquals(List.of(file), s.toList(), "no temporary file may be left behind");
    }
  }

  @Test
  void identicalQuantizationVectorsAreWrittenOnce() {
    byte[] bytes = TfliteWriter.toBytes(Specs.mlp(), TfliteVariant.INT8);
    org.tensorflow.lite.schema.SubGraph g = org.tensorflow.lite.schema.Model
        .getRootAsModel(java.nio.ByteBuffer.wrap(bytes)).subgraphs(0);
    // Where each per-channel zero-point vector starts in the file, by its length.
    java.util.Map<Integer, java.util.Set<Integer>> starts = new java.util.TreeMap<>();
    int perChannelTensors = 0;
    for (int i = 0; i < g.tensorsLength(); i++) {
      org.tensorflow.lite.schema.QuantizationParameters q = g.tensors(i).quantization();
      if (q != null && q.zeroPointLength() > 1) {
        perChannelTensors++;
        starts.computeIfAbsent(q.zeroPointLength(), k -> new java.util.TreeSet<>())
            .add(q.zeroPointAsByteBuffer().position());
      }
    }
    // Weights and bias of each layer (128 and 10 channels) carry all-zero zero points: four
    // tensors, two vectors in the file.
    assertEquals(4, perChannelTensors);
    assertEquals(java.util.Map.of(128, 1, 10, 1), java.util.Map.of(
        128, starts.get(128).size(), 10, starts.get(10).size()));
    // and the reader still gives every tensor its own zero points
    TfliteModel m = TfliteModel.read(bytes);
    long tensorsWithZeroPoints = m.subgraphs().get(0).tensors().stream()
        .filter(t -> t.quantization().map(q -> q.zeroPoints().length == 128).orElse(false))
        .count();
    assertEquals(2, tensorsWithZeroPoints);
  }

  @Test
  void sizesMeetTheTargetsForTheMlp() {
    TfliteModelSpec mlp = Specs.mlp();
    double f32 = TfliteWriter.toBytes(mlp, TfliteVariant.FLOAT32).length;
    double f16 = TfliteWriter.toBytes(mlp, TfliteVariant.FLOAT16).length;
    double i8 = TfliteWriter.builder().variant(TfliteVariant.INT8)
        .perChannelFullyConnected(false).build().toBytes(mlp).length;
    double i8PerChannel = TfliteWriter.toBytes(mlp, TfliteVariant.INT8).length;
    double i8PerChannelFloatEdges = TfliteWriter.builder().variant(TfliteVariant.INT8)
        .floatInputOutput(true).build().toBytes(mlp).length;
    double dr = TfliteWriter.toBytes(mlp, TfliteVariant.DYNAMIC_RANGE).length;
    // 784*128 + 128*10 weights: 4 bytes each in float32, 2 in float16, 1 in int8.
    assertTrue(f16 / f32 <= 0.52, "float16 / float32 = " + f16 / f32);
    assertTrue(i8 / f32 <= 0.26, "int8 / float32 = " + i8 / f32);
    // Per channel: 138 scales for the weights and 138 for the biases, one shared all-zero
    // zero-point vector per layer.
    assertTrue(i8PerChannel / f32 <= 0.26, "int8 per channel / float32 = " + i8PerChannel / f32);
    assertTrue(i8PerChannelFloatEdges / f32 <= 0.26,
        "int8 per channel, float edges / float32 = " + i8PerChannelFloatEdges / f32);
    assertTrue(dr / f32 <= 0.26, "dynamic range / float32 = " + dr / f32);
  }
}
