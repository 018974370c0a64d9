package quantlab.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantlab.interp.Interpreter;
import quantlab.interp.InterpreterBenchmark;
import quantlab.testing.Tools;
import quantlab.tflite.TfliteModel;
import quantlab.tflite.TfliteOperator;
import quantlab.tflite.TfliteQuantization;
import quantlab.tflite.TfliteModelSpec;
import quantlab.tflite.TfliteVariant;
import quantlab.tflite.TfliteWriter;

/**
 * {@link LiteRt} against quantlab's interpreter: an int8 MLP (float edges) in LiteRT.js equals
 * the interpreter's XNNPACK mode bit for bit (docs/deployment.md), a float32 MLP agrees within
 * float rounding, and the timing fields describe the runs asked for.
 */
class LiteRtIT {
  private static final int N = 200;
  private static LiteRt liteRt;

  @TempDir Path tmp;

  @BeforeAll
  static void needsNodeAndThePackage() {
    LiteRt.Availability a = LiteRt.availability();
    Tools.require(a.available(), "LiteRT.js in Node.js (" + a.reason() + ")",
        "apt-get install nodejs npm; cd src/it/js && npm ci");
    liteRt = LiteRt.builder().warmup(5).runs(50).build();
  }

  private static TfliteModelSpec spec() {
    return InterpreterBenchmark.mlp(64, 3);
  }

  /** Rows whose values are codes of the model's input QUANTIZE, so no rounding tie can differ. */
  private static float[][] onInputGrid(byte[] int8Model, int n) {
    TfliteModel m = TfliteModel.read(int8Model);
    TfliteOperator first = m.subgraph().operator(0);
    assertEquals("QUANTIZE", first.opName());
    TfliteQuantization q = m.subgraph().tensor(first.output(0)).quantization().orElseThrow();
    SplittableRandom rnd = new SplittableRandom(17);
    float[][] x = new float[n][784];
    for (float[] row : x) {
      for (int i = 0; i < row.length; i++) {
        int code = rnd.nextInt(-128, 128);
        row[i] = (float) ((code - q.zeroPoint()) * (double) q.scale());
      }
    }
    return x;
  }

  @Test
  void int8EqualsTheInterpreterInXnnpackModeBitForBit() throws Exception {
    byte[] int8 = TfliteWriter.builder().variant(TfliteVariant.INT8).floatInputOutput(true)
        .build().toBytes(spec());
    Path file = Files.write(tmp.resolve("mlp-int8.tflite"), int8);
    float[][] x = onInputGrid(int8, N);
    LiteRt.Result r = liteRt.run(file, x);
    float[][] ours = Interpreter.load(file).runFloat(x);
    assertEquals(N, r.outputs().length);
    int equal = 0;
    for (int i = 0; i < N; i++) {
      assertEquals(ours[i].length, r.outputs()[i].length);
      for (int k = 0; k < ours[i].length; k++) {
        if (Float.floatToIntBits(ours[i][k]) == Float.floatToIntBits(r.outputs()[i][k])) {
          equal++;
        }
      }
    }
    System.out.println("[litert] int8 MLP 784-64-10: " + equal + " of " + N * 10
        + " outputs bit-equal to the interpreter (XNNPACK mode); " + r);
    assertEquals(N * 10, equal);
    assertArrayEquals(new int[] {1, 784}, r.inputShape());
    assertArrayEquals(new int[] {1, 10}, r.outputShape());
    assertEquals("float32", r.outputType());
  }

  @Test
  void float32AgreesWithTheInterpreterAndTimingDescribesTheRuns() {
    byte[] f32 = TfliteWriter.toBytes(spec(), TfliteVariant.FLOAT32);
    SplittableRandom rnd = new SplittableRandom(5);
    float[][] x = new float[N][784];
    for (float[] row : x) {
      for (int i = 0; i < row.length; i++) {
        row[i] = (float) rnd.nextDouble();
      }
    }
    LiteRt.Result r = liteRt.run(f32, x);
    float[][] ours = Interpreter.of(f32).runFloat(x);
    double worst = 0;
    for (int i = 0; i < N; i++) {
      for (int k = 0; k < 10; k++) {
        worst = Math.max(worst, Math.abs(ours[i][k] - r.outputs()[i][k]));
      }
    }
    System.out.println("[litert] float32 MLP 784-64-10: max |difference| " + worst + "; " + r);
    assertTrue(worst <= 1e-5, "max |difference| " + worst);
    assertEquals(50, r.runs());
    assertEquals(5, r.warmup());
    assertTrue(r.minMillis() > 0 && r.minMillis() <= r.medianMillis()
        && r.minMillis() <= r.meanMillis(), r.toString());
    assertTrue(r.version().matches("\\d+\\.\\d+\\.\\d+.*"), r.version());
  }

  @Test
  void aBrokenPackageIsATypedErrorWithNodesMessage() throws Exception {
    Path core = Files.createDirectories(tmp.resolve("nm/@litertjs/core"));
    Files.writeString(core.resolve("package.json"), "{\"version\": \"0.0.0\"}");
    LiteRt broken = LiteRt.builder().nodeModules(tmp.resolve("nm")).runs(1).build();
    byte[] f32 = TfliteWriter.toBytes(spec(), TfliteVariant.FLOAT32);
    LiteRtException e = assertThrows(LiteRtException.class,
        () -> broken.run(f32, new float[][] {new float[784]}));
    System.out.println("[litert] broken package: " + e.getMessage().lines().findFirst().orElse(""));
    assertTrue(e.getMessage().startsWith("LiteRT.js failed: "), e.getMessage());
    assertTrue(e.getMessage().contains("dist/index.js"), e.getMessage());
  }
}
