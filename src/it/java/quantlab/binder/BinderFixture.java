package quantlab.binder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import quantlab.testing.Tools;

/** Shared pieces of the Binder integration tests: Debian's Jupyter and process helpers. */
final class BinderFixture {
  static final String PYTHON = "/usr/bin/python3";
  static final String INSTALL = "apt-get install jupyter-notebook python3-nbclient "
      + "python3-nbconvert jupyter-client";
  static final Path LESSON = Path.of("notebooks/solutions/01-bits-and-precision.ipynb");

  private BinderFixture() {}

  /** Skips (or fails under QUANTLAB_NO_SKIP=1) unless Debian's python3 has nbclient. */
  static void requireNbclient() throws Exception {
    Tools.requireExecutable(PYTHON, INSTALL);
    Tools.require(run(Path.of("."), Map.of(), 60, PYTHON, "-c", "import nbclient, nbformat")
        .exit() == 0, "Python modules nbclient and nbformat under " + PYTHON, INSTALL);
  }

  /** Result of a finished process. */
  record Result(int exit, String output) {}

  /** Runs a command (stdout and stderr merged), killing it after {@code timeoutSeconds}. */
  static Result run(Path dir, Map<String, String> env, long timeoutSeconds, String... cmd)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("quantlab-binder", ".log");
    ProcessBuilder pb = new ProcessBuilder(List.of(cmd)).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        destroyTree(p);
        throw new AssertionError(String.join(" ", cmd) + " did not finish in "
            + timeoutSeconds + " s; output:\n" + tail(log));
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      destroyTree(p);
      Files.deleteIfExists(log);
    }
  }

  /** Ends a process and everything it started. */
  static void destroyTree(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  static String tail(Path log) throws IOException {
    String s = Files.readString(log, StandardCharsets.UTF_8);
    return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
  }

  /** Deletes a folder tree (best effort). */
  static void deleteTree(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
