package quantlab.binder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import quantlab.kernel.Kernelspec;
import quantlab.testing.Tools;

/**
 * Lesson 01 in a real browser: Debian's Jupyter Notebook server on 127.0.0.1 with a token and
 * quantlab's kernel, driven in Debian's headless Chromium by playwright-core
 * (src/it/js/binder/notebook-driver.mjs).
 */
class NotebookBrowserIT {
  static final String NOTEBOOK = "/usr/bin/jupyter-notebook";
  static final String CHROMIUM = "/usr/bin/chromium";
  static final Path JS = Path.of("src/it/js/binder");

  static Path root;
  static Process server;
  static String base;
  static String token;
  static Path log;

  @BeforeAll
  static void startServer() throws Exception {
    Tools.requireExecutable(NOTEBOOK, "apt-get install jupyter-notebook");
    Tools.requireExecutable(CHROMIUM, "apt-get install chromium");
    Tools.require(Files.isDirectory(JS.resolve("node_modules/playwright-core")),
        "playwright-core in " + JS + "/node_modules", ".ci/setup.d/60-binder-npm.sh (npm ci)");
    Tools.require(onPath("node"), "node", "apt-get install nodejs");

    root = Files.createTempDirectory("quantlab-browser-it");
    Path home = Files.createDirectories(root.resolve("home"));
    Path jupyterPath = root.resolve("jupyter");
    Path cpFile = Path.of("target/classpath.txt");
    String cp = Path.of("target/classes").toAbsolutePath() + File.pathSeparator
        + Files.readString(cpFile).strip();
    Kernelspec.writeTo(jupyterPath.resolve("kernels").resolve(Kernelspec.NAME),
        Kernelspec.json(Kernelspec.currentJava(), cp));

    Path nbDir = Files.createDirectories(root.resolve("notebooks"));
    Files.copy(BinderFixture.LESSON, nbDir.resolve("01-bits-and-precision.ipynb"));
    Files.writeString(nbDir.resolve("interrupt.ipynb"), notebookJson(List.of(
        "int before = 41;", "while (true) {}", "before + 1")));

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    byte[] t = new byte[16];
    new SecureRandom().nextBytes(t);
    token = HexFormat.of().formatHex(t);
    base = "http://127.0.0.1:" + port;
    log = root.resolve("server.log");
    ProcessBuilder pb = new ProcessBuilder(NOTEBOOK, "--no-browser", "--ip=127.0.0.1",
        "--port=" + port, "--NotebookApp.port_retries=0", "--NotebookApp.token=" + token,
        "--notebook-dir=" + nbDir).redirectErrorStream(true).redirectOutput(log.toFile());
    if ("root".equals(System.getProperty("user.name"))) {
      pb.command().add("--allow-root");   // CI containers run as root
    }
    Map<String, String> env = pb.environment();
    env.put("HOME", home.toString());
    env.put("JUPYTER_PATH", jupyterPath.toString());
    env.put("JUPYTER_DATA_DIR", home.resolve(".local/share/jupyter").toString());
    env.put("JUPYTER_CONFIG_DIR", home.resolve(".jupyter").toString());
    env.put("JUPYTER_RUNTIME_DIR", root.resolve("runtime").toString());
    server = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!ready()) {
      if (!server.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("Jupyter Notebook " + (server.isAlive() ? "did not come up in 60 s"
            : "exited with " + server.exitValue()) + ":\n"
            + BinderFixture.tail(log));
      }
      Thread.sleep(300);
    }
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      BinderFixture.destroyTree(server);
    }
    BinderFixture.deleteTree(root);
  }

  @Test
  void lessonOneRunsInTheBrowserWithChartsAndNoErrors() throws Exception {
    JsonObject r = drive("run-all", "01-bits-and-precision.ipynb",
        Path.of("target/binder/lesson01-chromium.png"));
    assertTrue(r.get("kernelIcon").getAsString().contains("kernel_idle_icon"), r.toString());
    assertTrue(r.get("kernelConnected").getAsBoolean(), r.toString());
    assertEquals("java", r.get("kernelName").getAsString(), r.toString());
    JsonArray prompts = r.getAsJsonArray("prompts");
    assertTrue(prompts.size() > 0, r.toString());
    prompts.forEach(p -> assertTrue(p.getAsString().matches("In\\[\\d+\\]:"), r.toString()));
    assertEquals(0, r.getAsJsonArray("errors").size(), "cells show errors: " + r);
    assertTrue(r.get("pngRendered").getAsInt() >= 1, "no chart rendered: " + r);
    assertTrue(Files.size(Path.of("target/binder/lesson01-chromium.png")) > 10_000);
  }

  @Test
  void interruptFromTheToolbarStopsABusyLoopAndTheKernelComesBack() throws Exception {
    JsonObject r = drive("interrupt", "interrupt.ipynb",
        Path.of("target/binder/interrupt-chromium.png"));
    assertTrue(r.get("stillBusyBeforeInterrupt").getAsBoolean(), r.toString());
    assertTrue(r.get("kernelIcon").getAsString().contains("kernel_idle_icon"), r.toString());
    JsonArray outputs = r.getAsJsonArray("outputs");
    // Run-and-select-next on the last cell appends an empty fourth cell, as in the UI.
    assertEquals(4, outputs.size(), r.toString());
    assertTrue(outputs.get(1).getAsString().startsWith("Interrupted"), r.toString());
    // State from before the interrupt survived: 41 + 1.
    assertEquals("42", outputs.get(2).getAsString(), r.toString());
    assertEquals("", outputs.get(3).getAsString(), r.toString());
  }

  static JsonObject drive(String mode, String notebook, Path screenshot) throws Exception {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("mode", mode);
    job.put("base", base);
    job.put("token", token);
    job.put("notebook", notebook);
    job.put("screenshot", screenshot.toAbsolutePath().toString());
    job.put("chromium", CHROMIUM);
    job.put("timeoutMs", 300_000);
    Path jobFile = root.resolve(mode + ".json");
    Files.writeString(jobFile, new Gson().toJson(job));
    long t0 = System.nanoTime();
    BinderFixture.Result run = BinderFixture.run(JS, new HashMap<>(), 420, "node",
        "notebook-driver.mjs", jobFile.toString());
    System.out.printf("browser %s: %.0f s%n", mode, (System.nanoTime() - t0) / 1e9);
    assertEquals(0, run.exit(), run.output() + "\n--- server log ---\n"
        + BinderFixture.tail(log));
    String line = run.output().lines().filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no RESULT line:\n" + run.output()));
    System.out.println(line.length() > 600 ? line.substring(0, 600) + "..." : line);
    return JsonParser.parseString(line.substring("RESULT ".length())).getAsJsonObject();
  }

  static boolean ready() {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(base + "/api/status?token=" + token)
          .toURL().openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(2000);
      return c.getResponseCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }

  static String notebookJson(List<String> cells) {
    Map<String, Object> nb = new LinkedHashMap<>();
    nb.put("nbformat", 4);
    nb.put("nbformat_minor", 5);
    nb.put("metadata", Map.of("kernelspec", Map.of("name", "java", "language", "java",
        "display_name", Kernelspec.DISPLAY_NAME)));
    List<Map<String, Object>> list = new java.util.ArrayList<>();
    int i = 0;
    for (String src : cells) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("id", "cell-" + i++);
      c.put("cell_type", "code");
      c.put("metadata", Map.of());
      c.put("execution_count", null);
      c.put("outputs", List.of());
      c.put("source", src);
      list.add(c);
    }
    nb.put("cells", list);
    return new Gson().newBuilder().serializeNulls().create().toJson(nb);
  }
}
