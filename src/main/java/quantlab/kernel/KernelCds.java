package quantlab.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A Class Data Sharing (CDS) archive of the JDK classes the kernel loads (JShell and javac, AWT
 * and Java2D, ImageIO, ...), so the kernel JVM maps them pre-parsed instead of loading them: it
 * saved about 1.1 s of the 5.5 s of CPU from kernel start to the first cell here (see
 * docs/kernel.md).
 *
 * <p>The archive holds JDK classes only, never quantlab's or a library's, so it does not depend
 * on the classpath (JDK 17 cannot archive classes of a classpath that has a directory such as
 * {@code target/classes} in it) and stays valid until the JDK changes: its file name carries a
 * hash of the JDK's home, version and {@code lib/modules}, so another JDK gets its own archive.
 * It lives in the user's cache ({@code $XDG_CACHE_HOME/quantlab}, else
 * {@code ~/.cache/quantlab}). It is made once by {@code ./quantlab kernel install} (and
 * {@code notebook}, {@code run-notebooks}): a training run of the kernel's start-up and a chart
 * records the classes loaded ({@code -XX:DumpLoadedClassList}), then {@code java -Xshare:dump}
 * writes the archive. The kernelspec names it with {@code -XX:SharedArchiveFile} only when it
 * exists; a JVM given a missing or unusable archive runs without CDS, silently
 * ({@code -Xlog:cds=off}). {@code -Dquantlab.kernel.cds=false} turns it off at install.
 */
public final class KernelCds {
  private KernelCds() {}

  /** The folder holding the archives. */
  static Path cacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("quantlab");
  }

  /** True unless {@code -Dquantlab.kernel.cds=false}. */
  static boolean enabled() {
    return Boolean.parseBoolean(System.getProperty("quantlab.kernel.cds", "true"));
  }

  /**
   * The archive file for the JDK at {@code javaHome} (which need not exist): {@code
   * kernel-jdk-HASH.jsa}, the hash over the home, the running JVM's version and the size and
   * modification time of {@code lib/modules} (the JDK's class image).
   */
  static Path archiveFor(Path dir, Path javaHome) throws IOException {
    Path modules = javaHome.resolve("lib").resolve("modules");
    String key = javaHome.toAbsolutePath().normalize() + "|" + System.getProperty("java.vm.version")
        + "|" + (Files.exists(modules) ? Files.size(modules) + "|"
            + Files.getLastModifiedTime(modules).toMillis() : "no-modules");
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return dir.resolve("kernel-jdk-" + HexFormat.of().formatHex(h, 0, 8) + ".jsa");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JVM flags that use the archive of the running JDK when it exists, else none. */
  static List<String> jvmFlags() {
    if (!enabled()) {
      return List.of();
    }
    try {
      return jvmFlags(archiveFor(cacheDir(), Path.of(System.getProperty("java.home"))));
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The flags that use {@code archive}, or none when it does not exist. */
  static List<String> jvmFlags(Path archive) {
    return Files.isRegularFile(archive)
        ? List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off") : List.of();
  }

  /**
   * Makes the archive of the running JDK unless it exists; returns it, or null when it cannot
   * be made (the kernel then starts without it). Takes a training run of the kernel (about
   * 10 s of CPU) and prints one line to stderr when it does.
   *
   * @param classpath the kernel's classpath, for the training run
   */
  static Path ensure(String classpath) {
    if (!enabled()) {
      return null;
    }
    try {
      Path dir = cacheDir();
      Path javaHome = Path.of(System.getProperty("java.home"));
      Path archive = archiveFor(dir, javaHome);
      if (Files.isRegularFile(archive)) {
        return archive;
      }
      System.err.println("quantlab kernel: making a class-data archive of the JDK classes the "
          + "kernel uses (once per JDK, 10-60 s) in " + dir);
      Files.createDirectories(dir);
      Path list = Files.createTempFile(dir, "kernel-classes", ".lst");
      Path tmp = dir.resolve(archive.getFileName() + ".tmp" + ProcessHandle.current().pid());
      try {
        String java = javaHome.resolve("bin").resolve(
            System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows")
                ? "java.exe" : "java").toString();
        run(List.of(java, "-Xshare:off", "-XX:DumpLoadedClassList=" + list,
            "-Djava.awt.headless=true", "-XX:+UseSerialGC", "-cp", classpath,
            KernelCds.class.getName()), 600);
        run(List.of(java, "-Xshare:dump", "-XX:SharedClassListFile=" + list,
            "-XX:SharedArchiveFile=" + tmp, "-XX:+UseSerialGC"), 600);
        if (!Files.isRegularFile(tmp)) {
          throw new IOException("java -Xshare:dump wrote no archive");
        }
        Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(list);
        Files.deleteIfExists(tmp);
      }
      removeOthers(dir, archive);
      return archive;
    } catch (IOException | RuntimeException e) {
      System.err.println("quantlab kernel: no class-data archive (" + e.getMessage()
          + "); the kernel starts without it, about 1 s of CPU slower");
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Archives of other (older) JDKs: removed, they can never be used again. */
  private static void removeOthers(Path dir, Path keep) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "kernel-jdk-*.jsa")) {
      for (Path p : ds) {
        if (!p.equals(keep)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void run(List<String> cmd, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("quantlab-cds", ".log");
    try {
      Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(cmd.get(1) + " run timed out after " + timeoutSeconds + " s");
      }
      if (p.exitValue() != 0) {
        List<String> lines = Files.readAllLines(log);
        throw new IOException(String.join(" ", cmd.subList(0, 2)) + " exited with "
            + p.exitValue() + ": " + String.join(File.separator.equals("/") ? "\n" : "\r\n",
                lines.subList(Math.max(0, lines.size() - 5), lines.size())));
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /**
   * The training run: what a kernel does from start to its first chart (JShell with the
   * startup imports, a cell that builds an XYChart, its PNG, the chart warm-up).
   */
  public static void main(String[] args) {
    try (CellEvaluator ev = CellEvaluator.create(List.of())) {
      ev.eval("1 + 1", 1);
      Object chart = ev.eval("var c = new XYChart(600, 400); c.setTitle(\"sin\");\n"
          + "double[] xs = new double[200], ys = new double[200];\n"
          + "for (int i = 0; i < 200; i++) { xs[i] = i / 20.0; ys[i] = Math.sin(xs[i]); }\n"
          + "c.addSeries(\"sin\", xs, ys);\nc", 2).value();
      Rendering.chartPng((org.knowm.xchart.internal.chartpart.Chart<?, ?>) chart);
      WarmUp.run();
    }
    System.exit(0);
  }
}
