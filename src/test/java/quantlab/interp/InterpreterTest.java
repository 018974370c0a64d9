package quantlab.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.TensorType;
import quantlab.tflite.TfliteFormatException;

class InterpreterTest {

  static byte[] microSpeech() throws IOException {
    try (InputStream in =
        InterpreterTest.class.getResourceAsStream("micro_speech_quantized.tflite")) {
      return in.readAllBytes();
    }
  }

  @Test
  void microSpeechLoadsAndDescribesItself() throws IOException {
    Interpreter it = Interpreter.of(microSpeech());
    assertEquals(List.of("RESHAPE", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "SOFTMAX"),
        it.operators());
    TensorInfo in = it.input(0);
    assertEquals(DataType.INT8, in.type());
    assertArrayEquals(new int[] {1, 1960}, in.shape());
    TensorInfo out = it.output(0);
    assertArrayEquals(new int[] {1, 4}, out.shape());
    assertEquals(1f / 256, out.scale());
    assertEquals(-128, out.zeroPoint());
  }

  @Test
  void microSpeechRunsInBothModesOnRandomInputs() throws IOException {
    Interpreter xnn = Interpreter.of(microSpeech());
    Interpreter ref = xnn.withRequantization(Requantization.REFERENCE);
    Random rnd = new Random(42);
    byte[][] batch = new byte[20][1960];
    for (byte[] row : batch) {
      rnd.nextBytes(row);
    }
    byte[][] a = xnn.runInt8(batch);
    byte[][] b = ref.runInt8(batch);
    int differ = 0;
    for (int i = 0; i < batch.length; i++) {
      assertEquals(4, a[i].length);
      // softmax output: probabilities (q + 128) / 256 sum to about 1
      int sum = 0;
      for (int k = 0; k < 4; k++) {
        sum += a[i][k] + 128;
        differ += a[i][k] != b[i][k] ? 1 : 0;
      }
      assertTrue(Math.abs(sum - 256) <= 4, "probabilities sum to " + sum + "/256");
    }
    // batch run equals one-by-one runs
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(a[i], xnn.run(Tensor.ofInt8(new int[] {1, 1960}, batch[i])).bytes());
    }
    assertTrue(differ < 80, "the two modes should mostly agree, " + differ + " of 80 differ");
  }

  @Test
  void fullyConnectedTraceIsAWorkedExample() {
    Interpreter it = Interpreter.of(InterpreterOpsTest.int8Fc())
        .withRequantization(Requantization.REFERENCE);
    Tensor x = Tensor.ofInt8(new int[] {1, 2}, new byte[] {1, 3});
    NeuronTrace t = it.trace(x, 0, 0);
    // derived by hand in InterpreterOpsTest.int8FullyConnectedByHand
    assertArrayEquals(new int[] {1, 3}, t.inputs());
    assertArrayEquals(new int[] {4, 0}, t.weights());
    assertArrayEquals(new int[] {8, 0}, t.products());
    assertEquals(8, t.sum());
    assertEquals(12, t.bias());
    assertEquals(20, t.accumulator());
    assertEquals(0.125, t.realMultiplier());
    assertEquals(new QuantizedMultiplier(1 << 30, -2), t.multiplier());
    assertEquals(3, t.referenceScaled());
    assertEquals(6, t.referenceQ());
    assertEquals(5, t.xnnpackQ());
    assertEquals(6, t.q());
    assertEquals(3.0, t.xHat());
    assertArrayEquals(new int[] {-128, 127}, t.clamp());
    String s = t.toString();
    assertTrue(s.contains("FULLY_CONNECTED (operator 0), output [0, 0]"), s);
    assertTrue(s.contains("RoundingDivideByPOT(10, 2) = 3"), s);
    assertTrue(s.contains("round half to even 2"), s);
    assertEquals(5, it.withRequantization(Requantization.XNNPACK).trace(x, 0, 0).q());
  }

  @Test
  void traceAgreesWithTheRunOnMicroSpeech() throws IOException {
    Interpreter it = Interpreter.of(microSpeech());
    byte[] in = new byte[1960];
    new Random(7).nextBytes(in);
    Tensor x = Tensor.ofInt8(new int[] {1, 1960}, in);
    // operator 2 (FULLY_CONNECTED) feeds SOFTMAX; its trace must reproduce what the run computed,
    // checked through the int32 products: the sum of products + bias = accumulator
    for (int unit = 0; unit < 4; unit++) {
      NeuronTrace t = it.trace(x, 2, unit);
      int s = 0;
      for (int p : t.products()) {
        s += p;
      }
      assertEquals(t.accumulator(), s + t.bias());
      assertTrue(Math.abs(t.referenceQ() - t.xnnpackQ()) <= 1);
    }
    NeuronTrace dw = it.trace(x, 1, 123);
    assertEquals("DEPTHWISE_CONV_2D", dw.operator());
    assertEquals(4, dw.outputCoordinates().length);
  }

  @Test
  void traceRejectsOtherOperatorsAndBadIndices() throws IOException {
    Interpreter it = Interpreter.of(microSpeech());
    Tensor x = Tensor.ofInt8(new int[] {1, 1960}, new byte[1960]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> it.trace(x, 3, 0));
    assertEquals("operator 3 is SOFTMAX; trace steps through FULLY_CONNECTED, CONV_2D and"
        + " DEPTHWISE_CONV_2D", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> it.trace(x, 2, 4));
    assertEquals("outputIndex must be in [0, 4) for operator 2 (FULLY_CONNECTED), got 4",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> it.trace(x, 9, 0));
    assertEquals("operatorIndex must be in [0, 4), got 9", e.getMessage());
  }

  @Test
  void unsupportedOperatorIsNamedWithItsIndex() {
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 2);
    int y = b.floatTensor("y", 1, 2);
    int z = b.floatTensor("z", 2);
    b.op(ModelBuilder.RESHAPE, 1, new int[] {x}, new int[] {y}, ModelBuilder.reshape(1, 2));
    b.op(43 /* SQUEEZE */, 1, new int[] {y}, new int[] {z}, null);
    UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
        () -> Interpreter.of(b.build(new int[] {x}, new int[] {z})));
    assertEquals(1, e.operatorIndex());
    assertTrue(e.getMessage().startsWith("operator 1 (SQUEEZE, version 1): operator not"
        + " supported; the interpreter runs ADD, AVERAGE_POOL_2D, CONV_2D"), e.getMessage());
  }

  @Test
  void unsupportedTypeIsNamed() {
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 2);
    int y = b.tensorOfType("y16", TensorType.INT16, 1, 2);
    b.op(ModelBuilder.QUANTIZE, 1, new int[] {x}, new int[] {y}, null);
    UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
        () -> Interpreter.of(b.build(new int[] {x}, new int[] {y})));
    assertEquals("operator 0 (QUANTIZE, version 1): output 'y16' INT16 [1, 2] has type INT16;"
        + " the interpreter computes with FLOAT32 and INT8 tensors", e.getMessage());
  }

  @Test
  void hybridFullyConnectedRuns() {
    // x = [-55, 200], weights [1, 2] (scale 0.5, per tensor), no bias.
    // XNNPACK (qd8): the row spans 255, input scale 1, zero point -73, codes x - 73:
    //   acc = 1 * -55 + 2 * 200 = 345 -> 345 * 1 * 0.5 = 172.5
    // REFERENCE, symmetric (asymmetric_quantize_inputs not set): scale 200/127, codes
    //   round(-55 * 0.635) = -35 and 127: acc = -35 + 254 = 219 -> 219 * 200/127 * 0.5 = 172.4409
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 2);
    int w = b.constInt8("w", new int[] {1, 2}, new byte[] {1, 2}, new float[] {0.5f}, 0);
    int y = b.floatTensor("y", 1, 1);
    b.op(ModelBuilder.FULLY_CONNECTED, 3, new int[] {x, w, -1}, new int[] {y},
        ModelBuilder.fc(ModelBuilder.NONE));
    Interpreter it = Interpreter.of(b.build(new int[] {x}, new int[] {y}));
    float[][] in = {{-55f, 200f}};
    assertEquals(172.5f, it.runFloat(in)[0][0]);
    assertEquals(219 * 200.0 / 127 * 0.5,
        it.withRequantization(Requantization.REFERENCE).runFloat(in)[0][0], 1e-4);
    // with asymmetric_quantize_inputs, REFERENCE quantizes like XNNPACK here (scale 1, zero
    // point -73): 172.5 in both modes
    ModelBuilder a = new ModelBuilder();
    int xa = a.floatTensor("x", 1, 2);
    int wa = a.constInt8("w", new int[] {1, 2}, new byte[] {1, 2}, new float[] {0.5f}, 0);
    int ya = a.floatTensor("y", 1, 1);
    a.op(ModelBuilder.FULLY_CONNECTED, 9, new int[] {xa, wa, -1}, new int[] {ya},
        ModelBuilder.fcAsymmetricInputs(ModelBuilder.NONE));
    Interpreter asym = Interpreter.of(a.build(new int[] {xa}, new int[] {ya}));
    assertEquals(172.5f, asym.runFloat(in)[0][0]);
    assertEquals(172.5f, asym.withRequantization(Requantization.REFERENCE).runFloat(in)[0][0]);
  }

  /**
   * DYNAMIC_RANGE files written by {@code TfliteWriter} (every weighted layer hybrid) run in both
   * modes, and their top-1 agrees with the FLOAT32 file of the same network on 500 random
   * images. These random networks give flat outputs (top probability 0.2 to 0.35), so near-ties
   * are common; measured (2026-11-28): MLP 485/500 in both modes, CNN 498/500, and every
   * disagreement is a near-tie of the float model (its two probabilities within 0.0083). The
   * assertions: at least 95% agree, and a disagreement only where float32's top two
   * probabilities are within 0.02.
   */
  @Test
  void dynamicRangeFilesAgreeWithFloat() {
    float[][] calibration = RandomModels.uniformInputs(100, 784, 98);
    float[][] images = RandomModels.uniformInputs(500, 784, 97);
    for (RandomModels.Net net : List.of(
        new RandomModels.Net(RandomModels.mlp(), new int[] {1, 784}, 11),
        new RandomModels.Net(RandomModels.cnn(), new int[] {1, 28, 28, 1}, 12))) {
      byte[] f32 = quantlab.tflite.TfliteWriter.toBytes(net.spec(calibration),
          quantlab.tflite.TfliteVariant.FLOAT32);
      byte[] dr = quantlab.tflite.TfliteWriter.builder()
          .variant(quantlab.tflite.TfliteVariant.DYNAMIC_RANGE).minElementsForWeights(0).build()
          .toBytes(net.spec(calibration));
      float[][] expected = Interpreter.of(f32).runFloat(images);
      for (Requantization mode : Requantization.values()) {
        float[][] got = Interpreter.of(dr).withRequantization(mode).runFloat(images);
        int agree = 0;
        float worstGap = 0f;
        for (int i = 0; i < images.length; i++) {
          int want = argMax(expected[i]);
          int have = argMax(got[i]);
          agree += have == want ? 1 : 0;
          worstGap = Math.max(worstGap, expected[i][want] - expected[i][have]);
        }
        System.out.println("[hybrid] " + net.layers.size() + "-layer net, " + mode
            + ": top-1 agrees with float32 on " + agree + "/" + images.length
            + ", largest float32 probability gap where they differ " + worstGap);
        assertTrue(agree >= 0.95 * images.length, mode + ": " + agree + "/" + images.length);
        assertTrue(worstGap < 0.02f, mode + ": a disagreement where float32 was not near a tie,"
            + " gap " + worstGap);
      }
    }
  }

  private static int argMax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      best = v[i] > v[best] ? i : best;
    }
    return best;
  }

  @Test
  void hybridDepthwiseNeedsPerChannelScales() {
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 3, 3, 2);
    int w = b.constInt8("w", new int[] {1, 3, 3, 2}, new byte[18], new float[] {0.5f}, 3);
    int y = b.floatTensor("y", 1, 3, 3, 2);
    b.op(ModelBuilder.DEPTHWISE_CONV_2D, 6, new int[] {x, w, -1}, new int[] {y},
        ModelBuilder.depthwise(true, 1, 1, 1, ModelBuilder.NONE));
    UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
        () -> Interpreter.of(b.build(new int[] {x}, new int[] {y})));
    assertEquals("operator 0 (DEPTHWISE_CONV_2D, version 6): hybrid DEPTHWISE_CONV_2D: weights"
        + " 'w' INT8 [1, 3, 3, 2] have 1 scale(s); TFLite's hybrid depthwise kernel needs one per"
        + " output channel (2)", e.getMessage());
  }

  @Test
  void intWeightsUnderAnInt8InputAreStillChecked() {
    // an int8 operator with float weights names what it needs
    ModelBuilder b = new ModelBuilder();
    int x = b.int8Tensor("x", 0.5f, 0, 1, 2);
    int w = b.constFloat("w", new int[] {1, 2}, new float[] {1f, 2f});
    int y = b.int8Tensor("y", 0.5f, 0, 1, 1);
    b.op(ModelBuilder.FULLY_CONNECTED, 4, new int[] {x, w, -1}, new int[] {y},
        ModelBuilder.fc(ModelBuilder.NONE));
    UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
        () -> Interpreter.of(b.build(new int[] {x}, new int[] {y})));
    assertEquals("operator 0 (FULLY_CONNECTED, version 4): weights 'w' FLOAT32 [1, 2] do not"
        + " match the INT8 input (an int8 operator needs INT8 weights)", e.getMessage());
  }

  @Test
  void notAModel() {
    // the quantlab.tflite reader reports malformed files
    TfliteFormatException e = assertThrows(TfliteFormatException.class,
        () -> Interpreter.of("hello, this is not a flatbuffer".getBytes()));
    assertTrue(e.getMessage().contains("expected 'TFL3'"), e.getMessage());
  }

  @Test
  void wrongInputTypeOrShape() throws IOException {
    Interpreter it = Interpreter.of(microSpeech());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> it.run(Tensor.ofFloat(new int[] {1, 1960}, new float[1960])));
    assertEquals("input 0 'Reshape_1' must be INT8, got FLOAT32", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> it.run(Tensor.ofInt8(new int[] {1, 10}, new byte[10])));
    assertEquals("input 0 'Reshape_1' must have shape [1, 1960] (any batch size), got [1, 10]",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> it.runFloat(new float[1][1960]));
    assertEquals("model input 'Reshape_1' is INT8, so call runInt8 instead", e.getMessage());
  }

  @Test
  void tensorValuesAreCopied() {
    byte[] q = {1, 2, 3};
    Tensor t = Tensor.ofInt8(new int[] {1, 3}, q);
    q[0] = 99;
    assertEquals(1, t.bytes()[0]);
    t.bytes()[1] = 99;
    assertEquals(2, t.bytes()[1]);
    assertEquals("Tensor{INT8 [1, 3] [1, 2, 3]}", t.toString());
    assertEquals(2, t.argMax());
  }
}
