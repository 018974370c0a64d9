package quantlab.deploy;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import quantlab.tflite.TensorType;
import quantlab.tflite.TfliteFormatException;
import quantlab.tflite.TfliteModel;
import quantlab.tflite.TfliteTensor;

/**
 * Runs a {@code .tflite} file in Google's LiteRT.js ({@code @litertjs/core}, WebAssembly with
 * XNNPACK) under Node.js, from Java: the real runtime's outputs and its own timing, for notebooks
 * and JShell. Explained in lesson 08.
 *
 * <pre>{@code
 * LiteRt.Availability a = LiteRt.availability();   // available, or why not
 * if (a.available()) {
 *   LiteRt.Result r = LiteRt.standard().run(Path.of("mlp-int8.tflite"), rows);
 *   r.outputs();      // one float row per input row (int8 models with float edges dequantize)
 *   r.meanMillis();   // mean time of one inference, measured inside Node.js
 * }
 * }</pre>
 *
 * <p>What it needs: {@code node} (Node.js 18 or newer) on {@code PATH}, and a {@code node_modules}
 * folder holding {@code @litertjs/core}. The folder is, in this order: the system property
 * {@code quantlab.nodeModules}, the environment variable {@code QUANTLAB_NODE_MODULES}, or the
 * first {@code src/it/js/node_modules} found from the working directory upwards (where {@code npm
 * ci} in {@code src/it/js} installs it, as CI does; notebooks run in {@code notebooks/} or
 * {@code notebooks/solutions/}, so the search finds the project's folder from there).
 *
 * <p>Only single-input models with a float32 input: LiteRT.js tensors are float32, int32 or
 * uint8, so an int8 model must be exported with float input and output
 * ({@code TfliteWriter.builder().variant(INT8).floatInputOutput(true)}); its QUANTIZE and
 * DEQUANTIZE operators then run inside the runtime. Outputs of any numeric type come back as
 * float.
 *
 * <p>Timing: each input row is run once for the outputs; then {@code warmup} untimed runs and
 * {@code runs} timed runs cycle through the rows. A timed run is what a JavaScript caller pays
 * for one inference (create the input tensor, run, read the output, free both), measured with
 * {@code performance.now()} inside Node.js, so the process start and the Java side are not in
 * it.
 */
public final class LiteRt {
  /** System property naming the {@code node_modules} folder that holds {@code @litertjs/core}. */
  public static final String NODE_MODULES_PROPERTY = "quantlab.nodeModules";
  /** Environment variable naming the {@code node_modules} folder, if the property is unset. */
  public static final String NODE_MODULES_ENV = "QUANTLAB_NODE_MODULES";
  /** Where CI installs the npm packages, searched from the working directory upwards. */
  public static final Path PROJECT_NODE_MODULES = Path.of("src", "it", "js", "node_modules");
  /** The npm package that is LiteRT.js. */
  public static final String PACKAGE = "@litertjs/core";

  static final String NO_NODE = "node not found on PATH (install Node.js 18 or newer, e.g."
      + " apt-get install nodejs npm)";
  static final String NO_PACKAGE = "npm package " + PACKAGE + " not found; run `npm ci` in"
      + " src/it/js (or set " + NODE_MODULES_ENV + " to a node_modules folder that holds it)";

  private static final String SCRIPT = "litert-run.cjs";
  private static final Gson GSON = new Gson();

  private final Path node;
  private final Path nodeModules;
  private final int warmup;
  private final int runs;
  private final Duration timeout;

  private LiteRt(Builder b) {
    this.node = b.node;
    this.nodeModules = b.nodeModules;
    this.warmup = b.warmup;
    this.runs = b.runs;
    this.timeout = b.timeout;
  }

  /**
   * Whether LiteRT.js can run here, and if not, why.
   *
   * @param available true when node and the package were both found
   * @param reason empty when available, else what is missing and how to get it
   * @param node the {@code node} executable, or null
   * @param nodeModules the {@code node_modules} folder holding {@code @litertjs/core}, or null
   */
  public record Availability(boolean available, String reason, Path node, Path nodeModules) {
    @Override
    public String toString() {
      return available
          ? "LiteRT.js available (node " + node + ", packages in " + nodeModules + ")"
          : "LiteRT.js not available: " + reason;
    }
  }

  /**
   * What one call of {@link #run} returns.
   *
   * @param outputs one float row per input row (the model's first output, flattened)
   * @param inputShape the model's input shape, as LiteRT.js reports it
   * @param outputShape the model's first output shape
   * @param outputType the output's LiteRT.js dtype ({@code float32}, {@code int32}, {@code uint8})
   * @param meanMillis mean time of one timed inference, in milliseconds, measured inside Node.js
   * @param medianMillis median time of one timed inference
   * @param minMillis fastest timed inference
   * @param warmup untimed runs before the timed ones
   * @param runs timed runs
   * @param version the {@code @litertjs/core} version
   * @param nodeVersion the Node.js version
   */
  public record Result(float[][] outputs, int[] inputShape, int[] outputShape, String outputType,
      double meanMillis, double medianMillis, double minMillis, int warmup, int runs,
      String version, String nodeVersion) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "LiteRT.js %s (Node.js %s): %d rows %s -> %s %s;"
              + " %.4f ms per inference (mean of %d runs after %d warm-up; median %.4f, min %.4f)",
          version, nodeVersion, outputs.length, Arrays.toString(inputShape),
          Arrays.toString(outputShape), outputType, meanMillis, runs, warmup, medianMillis,
          minMillis);
    }
  }

  /** Reports whether node and the package are found, from this JVM's PATH, settings and folder. */
  public static Availability availability() {
    return availability(System.getenv("PATH"), System.getProperty(NODE_MODULES_PROPERTY),
        System.getenv(NODE_MODULES_ENV), Path.of("").toAbsolutePath());
  }

  /**
   * The same decision from explicit inputs (for tests): {@code node} on {@code path}, and the
   * package in {@code property}, else {@code env}, else {@code src/it/js/node_modules} above
   * {@code workingDir}. A property or variable naming a folder without the package is reported as
   * such, not silently replaced by the search.
   */
  static Availability availability(String path, String property, String env, Path workingDir) {
    Optional<Path> node = findOnPath("node", path);
    if (node.isEmpty()) {
      return new Availability(false, NO_NODE, null, null);
    }
    String named = property != null && !property.isBlank() ? property
        : env != null && !env.isBlank() ? env : null;
    if (named != null) {
      Path folder = Path.of(named).toAbsolutePath().normalize();
      if (!hasPackage(folder)) {
        String from = property != null && !property.isBlank() ? "system property "
            + NODE_MODULES_PROPERTY : "environment variable " + NODE_MODULES_ENV;
        return new Availability(false, "npm package " + PACKAGE + " not found in " + folder
            + " (named by " + from + ")", node.get(), null);
      }
      return new Availability(true, "", node.get(), folder);
    }
    Optional<Path> found = findNodeModules(workingDir);
    if (found.isEmpty()) {
      return new Availability(false, NO_PACKAGE, node.get(), null);
    }
    return new Availability(true, "", node.get(), found.get());
  }

  /** The first executable {@code tool} in the {@code :}-separated {@code path}, if any. */
  static Optional<Path> findOnPath(String tool, String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, tool);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The first {@code src/it/js/node_modules} holding the package, from {@code dir} upwards. */
  static Optional<Path> findNodeModules(Path dir) {
    for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      Path candidate = d.resolve(PROJECT_NODE_MODULES);
      if (hasPackage(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static boolean hasPackage(Path nodeModules) {
    return Files.isRegularFile(nodeModules.resolve("@litertjs").resolve("core")
        .resolve("package.json"));
  }

  /**
   * A runner with the defaults (10 warm-up runs, 100 timed runs, 5-minute timeout) and the
   * node and packages that {@link #availability()} finds.
   *
   * @throws LiteRtUnavailableException with the reason when LiteRT.js cannot run here
   */
  public static LiteRt standard() {
    return builder().build();
  }

  /** A builder: warm-up and timed runs, timeout, and optionally where node and the packages are. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builder of {@link LiteRt}. */
  public static final class Builder {
    private Path node;
    private Path nodeModules;
    private int warmup = 10;
    private int runs = 100;
    private Duration timeout = Duration.ofMinutes(5);

    private Builder() {}

    /** Untimed runs before the timed ones (default 10); {@code >= 0}. */
    public Builder warmup(int warmup) {
      if (warmup < 0) {
        throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
      }
      this.warmup = warmup;
      return this;
    }

    /** Timed runs whose mean is reported (default 100); {@code >= 1}. */
    public Builder runs(int runs) {
      if (runs < 1) {
        throw new IllegalArgumentException("runs must be >= 1, got " + runs);
      }
      this.runs = runs;
      return this;
    }

    /** How long one call may take before the Node.js process is stopped (default 5 minutes). */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** The {@code node} executable to use instead of the one on {@code PATH}. */
    public Builder node(Path node) {
      this.node = Objects.requireNonNull(node, "node");
      return this;
    }

    /** The {@code node_modules} folder holding {@code @litertjs/core}, instead of the search. */
    public Builder nodeModules(Path nodeModules) {
      this.nodeModules = Objects.requireNonNull(nodeModules, "nodeModules").toAbsolutePath();
      return this;
    }

    /**
     * Builds the runner.
     *
     * @throws LiteRtUnavailableException when node or the package is not found
     */
    public LiteRt build() {
      if (node == null || nodeModules == null) {
        Availability a = availability();
        if (node == null) {
          if (a.node() == null) {
            throw new LiteRtUnavailableException(a.reason());
          }
          node = a.node();
        }
        if (nodeModules == null) {
          if (!a.available()) {
            throw new LiteRtUnavailableException(a.reason());
          }
          nodeModules = a.nodeModules();
        }
      }
      if (!Files.isExecutable(node)) {
        throw new LiteRtUnavailableException("node is not an executable file: " + node);
      }
      if (!hasPackage(nodeModules)) {
        throw new LiteRtUnavailableException("npm package " + PACKAGE + " not found in "
            + nodeModules);
      }
      return new LiteRt(this);
    }
  }

  /** Runs the model file on each row of {@code inputs}; see {@link #run(byte[], float[][])}. */
  public Result run(Path model, float[][] inputs) {
    Objects.requireNonNull(model, "model");
    if (!Files.isRegularFile(model)) {
      throw new IllegalArgumentException("model must be a .tflite file, got " + model
          + " (not found)");
    }
    try {
      return run(Files.readAllBytes(model), inputs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + model, e);
    }
  }

  /**
   * Runs the model on each row of {@code inputs} (each row one sample, as many floats as the
   * model's input shape holds, e.g. 784 for {@code [1, 784]}).
   *
   * @throws IllegalArgumentException when the bytes are not a TFLite model, the model's input is
   *     not float32, or a row has the wrong length
   * @throws LiteRtException when LiteRT.js rejects the model or fails
   */
  public Result run(byte[] model, float[][] inputs) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(inputs, "inputs");
    if (inputs.length == 0) {
      throw new IllegalArgumentException("inputs must hold at least one row, got 0");
    }
    int per = checkInput(model, inputs);
    Path dir = null;
    try {
      dir = Files.createTempDirectory("quantlab-litert-");
      Path script = dir.resolve(SCRIPT);
      try (InputStream in = LiteRt.class.getResourceAsStream(SCRIPT)) {
        if (in == null) {
          throw new IllegalStateException("resource quantlab/deploy/" + SCRIPT + " is missing");
        }
        Files.copy(in, script);
      }
      Path modelFile = dir.resolve("model.tflite");
      Files.write(modelFile, model);
      ByteBuffer bb = ByteBuffer.allocate(inputs.length * per * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (float[] row : inputs) {
        for (float v : row) {
          bb.putFloat(v);
        }
      }
      Path in = dir.resolve("input.bin");
      Files.write(in, bb.array());
      Path out = dir.resolve("output.bin");
      Map<String, Object> job = new LinkedHashMap<>();
      job.put("nodeModules", nodeModules.toString());
      job.put("model", modelFile.toString());
      job.put("input", in.toString());
      job.put("count", inputs.length);
      job.put("output", out.toString());
      job.put("warmup", warmup);
      job.put("runs", runs);
      Path jobFile = dir.resolve("job.json");
      Files.writeString(jobFile, GSON.toJson(job));
      Path log = dir.resolve("log.txt");
      Process p = new ProcessBuilder(node.toString(), script.toString(), jobFile.toString())
          .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
          .start();
      p.getOutputStream().close();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new LiteRtException("LiteRT.js did not finish within " + timeout);
      }
      String text = Files.readString(log, StandardCharsets.UTF_8);
      JsonObject result = parseResult(text, p.exitValue());
      float[][] outputs = readOutputs(Files.readAllBytes(out), inputs.length);
      return toResult(result, outputs);
    } catch (IOException e) {
      throw new UncheckedIOException("LiteRT.js run failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LiteRtException("interrupted while waiting for LiteRT.js");
    } finally {
      deleteQuietly(dir);
    }
  }

  /** Checks the model's single float32 input against the rows; returns floats per row. */
  static int checkInput(byte[] model, float[][] inputs) {
    TfliteModel m;
    try {
      m = TfliteModel.read(model);
    } catch (TfliteFormatException | IllegalArgumentException e) {
      throw new IllegalArgumentException("model is not a TFLite file: " + e.getMessage(), e);
    }
    int[] ins = m.subgraph().inputs();
    if (ins.length != 1) {
      throw new IllegalArgumentException("model must have one input, got " + ins.length);
    }
    TfliteTensor t = m.subgraph().tensor(ins[0]);
    if (t.type() != TensorType.FLOAT32) {
      throw new IllegalArgumentException("model input must be FLOAT32 (LiteRT.js tensors are"
          + " float32, int32 or uint8), got " + t.type() + "; export int8 models with float"
          + " input and output (TfliteWriter ... floatInputOutput(true))");
    }
    long per = t.elementCount();
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i] == null || inputs[i].length != per) {
        throw new IllegalArgumentException("inputs[" + i + "] must hold " + per + " floats (input"
            + " shape " + Arrays.toString(t.shape()) + "), got "
            + (inputs[i] == null ? "null" : inputs[i].length));
      }
    }
    return (int) per;
  }

  /**
   * Finds the {@code RESULT {...}} line of the script's output; throws a {@link LiteRtException}
   * with the script's {@code ERROR} message (or the output's tail) otherwise.
   */
  static JsonObject parseResult(String text, int exitCode) {
    String result = null;
    String error = null;
    for (String line : text.split("\\R")) {
      if (line.startsWith("RESULT ")) {
        result = line.substring("RESULT ".length());
      } else if (line.startsWith("ERROR ") && error == null) {
        error = line.substring("ERROR ".length());
      }
    }
    if (exitCode != 0 || result == null) {
      if (error != null) {
        throw new LiteRtException(error);
      }
      throw new LiteRtException("LiteRT.js failed (exit " + exitCode + "):\n" + tail(text, 30));
    }
    try {
      return GSON.fromJson(result, JsonObject.class);
    } catch (JsonParseException e) {
      throw new LiteRtException("unreadable result from LiteRT.js: " + result);
    }
  }

  /** Splits the little-endian float32 outputs into {@code rows} equal rows. */
  static float[][] readOutputs(byte[] raw, int rows) {
    if (raw.length % 4 != 0 || (raw.length / 4) % rows != 0) {
      throw new LiteRtException("LiteRT.js wrote " + raw.length + " output bytes, not a whole"
          + " number of float32 rows for " + rows + " inputs");
    }
    ByteBuffer ob = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    int each = raw.length / 4 / rows;
    float[][] out = new float[rows][each];
    for (float[] row : out) {
      for (int k = 0; k < each; k++) {
        row[k] = ob.getFloat();
      }
    }
    return out;
  }

  static Result toResult(JsonObject r, float[][] outputs) {
    return new Result(outputs, ints(r, "inputShape"), ints(r, "outputShape"),
        r.get("outputDtype").getAsString(), number(r, "meanMs"), number(r, "medianMs"),
        number(r, "minMs"), r.get("warmup").getAsInt(), r.get("runs").getAsInt(),
        r.get("litert").getAsString(), r.get("node").getAsString());
  }

  private static double number(JsonObject r, String key) {
    return r.get(key) == null || r.get(key).isJsonNull() ? Double.NaN : r.get(key).getAsDouble();
  }

  private static int[] ints(JsonObject r, String key) {
    return GSON.fromJson(r.get(key), int[].class);
  }

  private static String tail(String s, int lines) {
    List<String> all = new ArrayList<>(List.of(s.split("\\R")));
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }

  /** The node executable used. */
  public Path node() {
    return node;
  }

  /** The {@code node_modules} folder used. */
  public Path nodeModules() {
    return nodeModules;
  }

  @Override
  public String toString() {
    return "LiteRt{node=" + node + ", nodeModules=" + nodeModules + ", warmup=" + warmup
        + ", runs=" + runs + "}";
  }
}
