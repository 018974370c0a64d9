package quantlab.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import quantlab.tflite.TfliteVariant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The interpreter against Google's real TFLite runtimes: LiteRT.js (Node.js and Chromium) and
 * tfjs-tflite (Chromium).
 *
 * <p>The MLP and CNN (random weights, activation ranges calibrated on random images) are written
 * by quantlab.tflite's {@code TfliteWriter}; micro_speech comes from TFLite Micro. Any model file
 * and input set can be checked with {@link #checkInt8} and {@link #checkFloat}.
 *
 * <p>Int8 models: the XNNPACK mode equals the runtime bit for bit on every output (so top-1 is
 * identical). The reference mode differs from XNNPACK by at most one code at every
 * requantization, checked layer by layer on the same inputs; since XNNPACK mode is the runtime,
 * that bounds reference vs runtime per layer. End to end, a one-code difference in a layer can
 * grow in later layers (SOFTMAX amplifies a logit step into several probability codes), so the
 * end-to-end reference figures are reported, not bounded by 1. Float models: within 1e-5, top-1
 * identical.
 */
class RuntimeAgreementIT {
  private static final int N = 1000;
  private static final double SOFTMAX_CODE = 1.0 / 256;

  private static void report(String what, RealRuntimes.Runtime r, String mode, Agreement a) {
    System.out.println("[interp-agreement] " + what + " | " + r.label + " | " + mode + " | " + a);
  }

  /** Checks an int8 model with float edges (or int8 edges for tfjs-tflite) on {@code x}. */
  static void checkInt8(String what, RealRuntimes.Runtime r, byte[] model, float[][] x,
      int[] inputShape, double codeScale) throws Exception {
    RealRuntimes.require(r);
    float[][] grid = RealRuntimes.onInputGrid(model, x);
    RealRuntimes.Result real = RealRuntimes.run(r, model, grid, inputShape);
    Interpreter xnn = Interpreter.of(model);
    float[][] ours = xnn.runFloat(grid);
    float[][] ref = xnn.withRequantization(Requantization.REFERENCE).runFloat(grid);
    Agreement ax = Agreement.of(ours, real.outputs(), codeScale);
    Agreement ar = Agreement.of(ref, real.outputs(), codeScale);
    report(what, r, "XNNPACK mode", ax);
    report(what, r, "REFERENCE mode", ar);
    assertEquals(ax.elements(), ax.bitEqual(), what + " XNNPACK mode vs " + r.label + ": " + ax);
    assertEquals(0, ax.top1Mismatches());
    assertLayerwiseWithinOne(what, xnn, grid, inputShape);
  }

  /** Reference vs XNNPACK mode, each operator fed the same inputs: at most one code apart. */
  static void assertLayerwiseWithinOne(String what, Interpreter xnn, Object[] inputs,
      int[] inputShape) {
    int[] worst = new int[xnn.operators().size()];
    for (Object row : inputs) {
      Tensor t = row instanceof float[] ? Tensor.ofFloat(inputShape, (float[]) row)
          : Tensor.ofInt8(inputShape, (byte[]) row);
      int[] d = xnn.layerwiseCodeDifferences(t, Requantization.REFERENCE);
      for (int k = 0; k < d.length; k++) {
        worst[k] = Math.max(worst[k], d[k]);
      }
    }
    System.out.println("[interp-agreement] " + what + " | layer by layer | REFERENCE vs XNNPACK"
        + " max code difference per operator " + xnn.operators() + " = "
        + java.util.Arrays.toString(worst));
    for (int k = 0; k < worst.length; k++) {
      assertTrue(worst[k] <= 1, what + ": operator " + k + " (" + xnn.operators().get(k)
          + ") differs by " + worst[k] + " codes between the modes");
    }
  }

  static void checkFloat(String what, RealRuntimes.Runtime r, byte[] model, float[][] x,
      int[] inputShape) throws Exception {
    RealRuntimes.require(r);
    RealRuntimes.Result real = RealRuntimes.run(r, model, x, inputShape);
    float[][] ours = Interpreter.of(model).runFloat(x);
    Agreement a = Agreement.of(ours, real.outputs(), 1e-6);
    report(what, r, "float", a);
    assertTrue(a.maxAbsDiff() <= 1e-5, what + " vs " + r.label + ": " + a);
    assertEquals(0, a.top1Mismatches(), what + " vs " + r.label + ": " + a);
  }

  static RandomModels.Net mlp() {
    return new RandomModels.Net(RandomModels.mlp(), new int[] {1, 784}, 11);
  }

  static RandomModels.Net cnn() {
    return new RandomModels.Net(RandomModels.cnn(), new int[] {1, 28, 28, 1}, 12);
  }

  static float[][] images() {
    return RandomModels.uniformInputs(N, 784, 99);
  }

  static float[][] calibration() {
    return RandomModels.uniformInputs(200, 784, 98);
  }

  @ParameterizedTest
  @EnumSource(RealRuntimes.Runtime.class)
  void int8Mlp(RealRuntimes.Runtime r) throws Exception {
    checkInt8("int8 MLP (TfliteWriter)", r, mlp().written(TfliteVariant.INT8, calibration()), images(),
        new int[] {1, 784},
        SOFTMAX_CODE);
  }

  @ParameterizedTest
  @EnumSource(RealRuntimes.Runtime.class)
  void int8Cnn(RealRuntimes.Runtime r) throws Exception {
    checkInt8("int8 CNN (TfliteWriter)", r, cnn().written(TfliteVariant.INT8, calibration()),
        images(),
        new int[] {1, 28, 28, 1}, SOFTMAX_CODE);
  }

  @ParameterizedTest
  @EnumSource(RealRuntimes.Runtime.class)
  void floatMlp(RealRuntimes.Runtime r) throws Exception {
    checkFloat("float MLP (TfliteWriter)", r, mlp().written(TfliteVariant.FLOAT32, calibration()),
        images(), new int[] {1, 784});
  }

  @ParameterizedTest
  @EnumSource(RealRuntimes.Runtime.class)
  void floatCnn(RealRuntimes.Runtime r) throws Exception {
    checkFloat("float CNN (TfliteWriter)", r, cnn().written(TfliteVariant.FLOAT32, calibration()),
        images(), new int[] {1, 28, 28, 1});
  }

  /** micro_speech on random inputs: int8 edges in tfjs-tflite, float edges in LiteRT.js. */
  @ParameterizedTest
  @EnumSource(RealRuntimes.Runtime.class)
  void microSpeech(RealRuntimes.Runtime r) throws Exception {
    RealRuntimes.require(r);
    byte[] ms = InterpreterTest.microSpeech();
    Random rnd = new Random(2024);
    byte[][] q = new byte[300][1960];
    for (byte[] row : q) {
      rnd.nextBytes(row);
    }
    int[] shape = {1, 1960};
    if (r == RealRuntimes.Runtime.TFJS_TFLITE_CHROMIUM) {
      RealRuntimes.Result real = RealRuntimes.run(r, ms, q, shape);
      Interpreter xnn = Interpreter.of(ms);
      float[][] ours = toFloat(xnn.runInt8(q));
      float[][] ref = toFloat(xnn.withRequantization(Requantization.REFERENCE).runInt8(q));
      Agreement ax = Agreement.of(ours, real.outputs(), 1);
      Agreement ar = Agreement.of(ref, real.outputs(), 1);
      report("micro_speech (int8 edges)", r, "XNNPACK mode", ax);
      report("micro_speech (int8 edges)", r, "REFERENCE mode", ar);
      assertEquals(ax.elements(), ax.bitEqual(), "micro_speech XNNPACK mode: " + ax);
      assertEquals(0, ax.top1Mismatches());
      assertLayerwiseWithinOne("micro_speech (int8 edges)", xnn, q, shape);
      return;
    }
    byte[] wrapped = FloatEdges.wrap(ms);
    TensorInfo in = Interpreter.of(ms).input(0);
    float[][] x = new float[q.length][1960];
    for (int i = 0; i < q.length; i++) {
      for (int k = 0; k < 1960; k++) {
        x[i][k] = (q[i][k] - in.zeroPoint()) * in.scale();
      }
    }
    checkInt8("micro_speech (float edges)", r, wrapped, x, shape, SOFTMAX_CODE);
  }

  private static float[][] toFloat(byte[][] q) {
    float[][] r = new float[q.length][];
    for (int i = 0; i < q.length; i++) {
      r[i] = new float[q[i].length];
      for (int k = 0; k < q[i].length; k++) {
        r[i][k] = q[i][k];
      }
    }
    return r;
  }
}
