package quantlab.kernel;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import quantlab.testing.Tools;

/**
 * Runs Python (Debian's /usr/bin/python3 with jupyter_client, nbclient, jupyter_kernel_test)
 * against quantlab's kernel, installed as kernelspec "java" in a temporary JUPYTER_PATH.
 */
public final class KernelHarness {
  public static final String PYTHON = "/usr/bin/python3";
  static final String INSTALL = "apt-get install jupyter-notebook python3-nbclient "
      + "python3-nbconvert jupyter-client python3-jupyter-kernel-test";
  static final Path SCRIPTS = Path.of("src/it/python");

  private KernelHarness() {}

  /** Skips (or fails under QUANTLAB_NO_SKIP=1) unless Debian's Jupyter packages are there. */
  public static void requireJupyter() {
    Tools.requireExecutable(PYTHON, INSTALL);
    Tools.require(canImport("jupyter_client") && canImport("nbclient")
        && canImport("jupyter_kernel_test"), "Python modules jupyter_client, nbclient and "
        + "jupyter_kernel_test under " + PYTHON, INSTALL);
  }

  private static boolean canImport(String module) {
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import " + module)
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** The classpath the kernel runs with: target/classes plus target/classpath.txt. */
  static String kernelClasspath() throws IOException {
    Path cpFile = Path.of("target/classpath.txt");
    if (Files.exists(cpFile)) {
      return Path.of("target/classes").toAbsolutePath() + File.pathSeparator
          + Files.readString(cpFile).strip();
    }
    return Kernelspec.currentClasspath();
  }

  /** A temporary Jupyter path holding the kernelspec "java". */
  static Path jupyterPath() throws IOException {
    Path dir = Files.createTempDirectory("quantlab-it-jupyter");
    Kernelspec.writeTo(dir.resolve("kernels").resolve(Kernelspec.NAME),
        Kernelspec.json(Kernelspec.currentJava(), kernelClasspath()));
    return dir;
  }

  /** Result of a Python run. */
  public record Run(int exit, String stdout, String stderr) {
    public JsonObject json() {
      String[] lines = stdout.strip().split("\n");
      return JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
    }
  }

  /** Runs {@code python3 args...} in src/it/python with JUPYTER_PATH set. */
  public static Run python(long timeoutSeconds, String... args) throws Exception {
    return python(timeoutSeconds, java.util.Map.of(), args);
  }

  /** Like {@link #python(long, String...)}, with extra environment variables for the kernel. */
  public static Run python(long timeoutSeconds, java.util.Map<String, String> env,
      String... args) throws Exception {
    Path jp = jupyterPath();
    List<String> cmd = new ArrayList<>();
    cmd.add(PYTHON);
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("kernel-it", ".out");
    Path err = Files.createTempFile("kernel-it", ".err");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(SCRIPTS.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("JUPYTER_PATH", jp.toString());
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("python " + String.join(" ", args) + " timed out after "
          + timeoutSeconds + " s; stderr:\n" + Files.readString(err));
    }
    Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
    System.out.println(r.stdout());
    if (!r.stderr().isBlank()) {
      System.err.println(r.stderr());
    }
    return r;
  }
}
