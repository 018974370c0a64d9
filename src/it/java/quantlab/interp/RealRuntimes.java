package quantlab.interp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import quantlab.testing.Tools;

/**
 * Runs any {@code .tflite} model on any set of inputs in Google's real TFLite runtimes, through
 * the Node.js scripts in {@code src/it/js}: LiteRT.js in Node.js, LiteRT.js in headless Chromium
 * and tfjs-tflite in headless Chromium (Debian's {@code /usr/bin/chromium} driven by
 * playwright-core).
 */
final class RealRuntimes {
  private RealRuntimes() {}

  static final Path JS = Path.of("src", "it", "js").toAbsolutePath();
  static final String CHROMIUM = "/usr/bin/chromium";

  enum Runtime {
    LITERT_NODE("LiteRT.js 2.5.3 in Node.js"),
    LITERT_CHROMIUM("LiteRT.js 2.5.3 in Chromium"),
    TFJS_TFLITE_CHROMIUM("tfjs-tflite 0.0.1-alpha.10 in Chromium");

    final String label;

    Runtime(String label) {
      this.label = label;
    }
  }

  /** Outputs (one row per input sample, as float32) and the runtime's total run time. */
  record Result(float[][] outputs, double millis) {}

  /** Skips (or fails under QUANTLAB_NO_SKIP=1) unless node, the npm packages and Chromium exist. */
  static void require(Runtime r) {
    Tools.require(onPath("node"), "node (Node.js 18 or newer)", "apt-get install nodejs npm");
    Tools.requireFile(JS.resolve("node_modules/@litertjs/core/package.json").toString(),
        "cd src/it/js && npm ci (see .ci/setup.d/50-interp-npm.sh)");
    if (r != Runtime.LITERT_NODE) {
      Tools.requireExecutable(CHROMIUM, "apt-get install chromium");
    }
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs {@code model} on each row of {@code inputs} ({@code float[][]} for float32 inputs or
   * {@code byte[][]} of int8 codes, the latter only in tfjs-tflite).
   */
  static Result run(Runtime r, byte[] model, Object[] inputs, int[] inputShape)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("quantlab-runtime-");
    try {
      Path modelFile = dir.resolve("model.tflite");
      Files.write(modelFile, model);
      boolean int8 = inputs instanceof byte[][];
      int per = Shapes.count(inputShape);
      ByteBuffer bb = ByteBuffer.allocate(inputs.length * per * (int8 ? 1 : 4))
          .order(ByteOrder.LITTLE_ENDIAN);
      for (Object row : inputs) {
        if (int8) {
          bb.put((byte[]) row);
        } else {
          for (float v : (float[]) row) {
            bb.putFloat(v);
          }
        }
      }
      Path in = dir.resolve("input.bin");
      Files.write(in, bb.array());
      Path out = dir.resolve("output.bin");
      String runtime = r == Runtime.TFJS_TFLITE_CHROMIUM ? "tfjs-tflite" : "litert";
      String job = String.format(Locale.ROOT,
          "{\"runtime\": \"%s\", \"model\": \"%s\", \"input\": \"%s\", \"inputType\": \"%s\","
              + " \"inputShape\": %s, \"count\": %d, \"output\": \"%s\", \"chromium\": \"%s\"}",
          runtime, modelFile, in, int8 ? "int8" : "float32",
          java.util.Arrays.toString(inputShape), inputs.length, out, CHROMIUM);
      Path jobFile = dir.resolve("job.json");
      Files.writeString(jobFile, job);
      String script = r == Runtime.LITERT_NODE ? "litert-node.cjs" : "browser-run.mjs";
      ProcessBuilder pb = new ProcessBuilder("node", script, jobFile.toString())
          .directory(JS.toFile()).redirectErrorStream(true);
      Process p = pb.start();
      byte[] log = p.getInputStream().readAllBytes();
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(r.label + " timed out");
      }
      String text = new String(log, StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("RESULT (\\{.*\\})").matcher(text);
      if (p.exitValue() != 0 || !m.find()) {
        throw new IllegalStateException(r.label + " failed (exit " + p.exitValue() + "):\n"
            + tail(text));
      }
      Matcher ms = Pattern.compile("\"ms\":([0-9.eE+-]+)").matcher(m.group(1));
      double millis = ms.find() ? Double.parseDouble(ms.group(1)) : Double.NaN;
      ByteBuffer ob = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
      int total = ob.remaining() / 4;
      int each = total / inputs.length;
      float[][] rows = new float[inputs.length][each];
      for (float[] row : rows) {
        for (int k = 0; k < each; k++) {
          row[k] = ob.getFloat();
        }
      }
      return new Result(rows, millis);
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  private static String tail(String s) {
    List<String> lines = new ArrayList<>(List.of(s.split("\n")));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /**
   * Inputs on the int8 input grid of a model whose first operator quantizes its float input:
   * {@code x' = (clamp(round(x / scale) + zeroPoint) - zeroPoint) * scale}, so that every
   * runtime's QUANTIZE gives back the same codes.
   */
  static float[][] onInputGrid(byte[] model, float[][] x) {
    Graph g = TfliteGraphReader.read(model);
    Graph.Node first = g.nodes.get(0);
    if (first.op() != Graph.Op.QUANTIZE) {
      return x;
    }
    Graph.TensorSpec q = g.tensor(first.outputs()[0]);
    float s = q.scale();
    int zp = q.zeroPoint();
    float[][] r = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      r[i] = new float[x[i].length];
      for (int k = 0; k < x[i].length; k++) {
        long code = Math.max(-128, Math.min(127, Math.round(x[i][k] / s) + zp));
        r[i][k] = (code - zp) * s;
      }
    }
    return r;
  }
}
