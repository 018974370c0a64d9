package quantlab.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The test-model generators used by the runtime checks produce sensible models. */
class RandomModelsTest {

  @Test
  void int8CnnTracksTheFloatCnn() {
    RandomModels.Net net = new RandomModels.Net(RandomModels.cnn(), new int[] {1, 28, 28, 1}, 1);
    float[][] calib = RandomModels.uniformInputs(64, 784, 2);
    Interpreter f = Interpreter.of(net.floatModel(false));
    Interpreter q = Interpreter.of(net.int8Model(calib));
    assertEquals(java.util.List.of("QUANTIZE", "CONV_2D", "MAX_POOL_2D", "DEPTHWISE_CONV_2D",
        "CONV_2D", "AVERAGE_POOL_2D", "RESHAPE", "FULLY_CONNECTED", "SOFTMAX", "DEQUANTIZE"),
        q.operators());
    float[][] x = RandomModels.uniformInputs(50, 784, 3);
    float[][] pf = f.runFloat(x);
    float[][] pq = q.runFloat(x);
    double maxDiff = 0;
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < 10; k++) {
        maxDiff = Math.max(maxDiff, Math.abs(pf[i][k] - pq[i][k]));
      }
    }
    // a quantized copy of the float model: probabilities close, not equal
    assertTrue(maxDiff < 0.2, "max probability difference " + maxDiff);
  }

  @Test
  void floatEdgesKeepTheInt8Results() throws IOException {
    byte[] ms = InterpreterTest.microSpeech();
    Interpreter inner = Interpreter.of(ms);
    Interpreter wrapped = Interpreter.of(FloatEdges.wrap(ms));
    assertEquals(DataType.FLOAT32, wrapped.input(0).type());
    TensorInfo in = inner.input(0);
    byte[] q = new byte[1960];
    new Random(5).nextBytes(q);
    float[] x = new float[1960];
    for (int i = 0; i < q.length; i++) {
      x[i] = (q[i] - in.zeroPoint()) * in.scale();
    }
    byte[] expected = inner.runInt8(new byte[][] {q})[0];
    float[] got = wrapped.runFloat(new float[][] {x})[0];
    for (Requantization mode : Requantization.values()) {
      float[] g = wrapped.withRequantization(mode).runFloat(new float[][] {x})[0];
      byte[] e = inner.withRequantization(mode).runInt8(new byte[][] {q})[0];
      for (int k = 0; k < 4; k++) {
        assertEquals(e[k], Math.round(g[k] * 256) - 128);
      }
    }
    assertEquals(expected[0], Math.round(got[0] * 256) - 128);
    assertArrayEquals(new int[] {1, 4}, wrapped.output(0).shape());
  }

  @Test
  void writtenInt8CnnRunsAndTracksTheWrittenFloatCnn() {
    RandomModels.Net net = new RandomModels.Net(RandomModels.cnn(), new int[] {1, 28, 28, 1}, 1);
    float[][] calib = RandomModels.uniformInputs(64, 784, 2);
    Interpreter f = Interpreter.of(net.written(quantlab.tflite.TfliteVariant.FLOAT32, calib));
    Interpreter q = Interpreter.of(net.written(quantlab.tflite.TfliteVariant.INT8, calib));
    assertEquals(DataType.FLOAT32, q.input(0).type());
    float[][] x = RandomModels.uniformInputs(50, 784, 3);
    float[][] pf = f.runFloat(x);
    float[][] pq = q.runFloat(x);
    float[][] mine = Interpreter.of(net.floatModel(false)).runFloat(x);
    double maxDiff = 0;
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < 10; k++) {
        maxDiff = Math.max(maxDiff, Math.abs(pf[i][k] - pq[i][k]));
        // the writer's float model is the same network as the test builder's
        assertEquals(mine[i][k], pf[i][k], 1e-6f);
      }
    }
    assertTrue(maxDiff < 0.2, "max probability difference " + maxDiff);
  }

  @Test
  void float16VariantRunsLikeTheFloatModel() {
    RandomModels.Net net = new RandomModels.Net(RandomModels.mlp(), new int[] {1, 784}, 4);
    float[][] calib = RandomModels.uniformInputs(16, 784, 2);
    Interpreter f32 = Interpreter.of(net.written(quantlab.tflite.TfliteVariant.FLOAT32, calib));
    Interpreter f16 = Interpreter.of(net.written(quantlab.tflite.TfliteVariant.FLOAT16, calib));
    // the float16 DEQUANTIZEs are folded into constants
    assertEquals(f32.operators(), f16.operators());
    float[][] x = RandomModels.uniformInputs(20, 784, 3);
    float[][] a = f32.runFloat(x);
    float[][] b = f16.runFloat(x);
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < 10; k++) {
        // float16 weights carry 11 significant bits: probabilities move by well under 1e-2
        assertEquals(a[i][k], b[i][k], 1e-2f);
      }
    }
  }
}
