package quantlab.kernel;

import com.google.gson.GsonBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Jupyter kernelspec of quantlab's kernel: name {@code java}, language {@code java},
 * {@code interrupt_mode: message}, and an argv running this JDK's {@code java} headless with
 * quantlab's classpath. Installing writes {@code kernels/java/kernel.json} under a Jupyter data
 * directory; installing again replaces it. When this JDK's {@link KernelCds} archive exists,
 * the argv also names it ({@code -XX:SharedArchiveFile}).
 */
public final class Kernelspec {
  /** The kernel name notebooks refer to (as IJava's). */
  public static final String NAME = "java";
  /** The name shown in Jupyter's kernel menu. */
  public static final String DISPLAY_NAME = "Java (quantlab)";

  private Kernelspec() {}

  /** The kernel.json content for {@code classpath} (entries joined by the path separator). */
  public static Map<String, Object> json(String javaExecutable, String classpath) {
    return json(javaExecutable, classpath, false);
  }

  /**
   * The kernel.json content; {@code quickStart} adds {@code -XX:TieredStopAtLevel=1} (C1 only):
   * cells compile and charts show sooner, but hot numeric loops run about 5x slower (measured:
   * quantizing 100k floats 200 times, 162 ms with C2, 836 ms with C1 only).
   */
  public static Map<String, Object> json(String javaExecutable, String classpath,
      boolean quickStart) {
    List<String> argv = new ArrayList<>();
    argv.add(javaExecutable);
    argv.add("-Djava.awt.headless=true");
    argv.add("-XX:+UseSerialGC");
    if (quickStart) {
      argv.add("-XX:TieredStopAtLevel=1");
    }
    if (javaExecutable.equals(currentJava())) {
      argv.addAll(KernelCds.jvmFlags()); // the JDK classes pre-parsed, when the archive exists
    }
    if (Runtime.version().feature() >= 22) {
      argv.add("--enable-native-access=ALL-UNNAMED");
    }
    argv.add("-cp");
    argv.add(classpath);
    argv.add(KernelMain.class.getName());
    argv.add("{connection_file}");
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("argv", argv);
    spec.put("display_name", DISPLAY_NAME);
    spec.put("language", "java");
    spec.put("interrupt_mode", "message");
    spec.put("env", Map.of("TF_CPP_MIN_LOG_LEVEL", "2"));
    spec.put("metadata", Map.of("debugger", false));
    return spec;
  }

  /** The {@code java} of the running JDK. */
  public static String currentJava() {
    String exe = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows")
        ? "java.exe" : "java";
    return Path.of(System.getProperty("java.home"), "bin", exe).toString();
  }

  /** The classpath of the running JVM, entries made absolute. */
  public static String currentClasspath() {
    List<String> out = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!e.isBlank()) {
        out.add(Path.of(e).toAbsolutePath().normalize().toString());
      }
    }
    return String.join(File.pathSeparator, out);
  }

  /** Writes {@code kernel.json} into {@code dir} (created; replaced when present). */
  public static Path writeTo(Path dir, Map<String, Object> spec) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("kernel.json");
    Files.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
        .create().toJson(spec) + "\n");
    return file;
  }

  /**
   * The user's Jupyter data directory: {@code $JUPYTER_DATA_DIR}, else
   * {@code ~/.local/share/jupyter} (Linux, honouring {@code $XDG_DATA_HOME}),
   * {@code ~/Library/Jupyter} (macOS), {@code %APPDATA%\jupyter} (Windows).
   */
  public static Path userDataDir() {
    String env = System.getenv("JUPYTER_DATA_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    Path home = Path.of(System.getProperty("user.home"));
    if (os.startsWith("mac")) {
      return home.resolve("Library/Jupyter");
    }
    if (os.startsWith("windows")) {
      String appdata = System.getenv("APPDATA");
      return appdata != null ? Path.of(appdata, "jupyter") : home.resolve("AppData/Roaming/jupyter");
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share"))
        .resolve("jupyter");
  }

  /** Installs into {@code dataDir/kernels/java}; returns the kernel.json written. */
  public static Path install(Path dataDir) throws IOException {
    return install(dataDir, false);
  }

  /**
   * Installs, with {@code -XX:TieredStopAtLevel=1} when {@code quickStart}; first makes the
   * {@link KernelCds} class-data archive of this JDK when it does not exist yet (once per JDK,
   * 10-60 s; {@code -Dquantlab.kernel.cds=false} skips it).
   */
  public static Path install(Path dataDir, boolean quickStart) throws IOException {
    return install(dataDir, quickStart, true);
  }

  /** Installs; makes the class-data archive first only when {@code makeArchive}. */
  static Path install(Path dataDir, boolean quickStart, boolean makeArchive) throws IOException {
    String classpath = currentClasspath();
    if (makeArchive) {
      KernelCds.ensure(classpath);
    }
    return writeTo(dataDir.resolve("kernels").resolve(NAME),
        json(currentJava(), classpath, quickStart));
  }

  /** Removes {@code dataDir/kernels/java}; returns whether it existed. */
  public static boolean remove(Path dataDir) throws IOException {
    Path dir = dataDir.resolve("kernels").resolve(NAME);
    if (!Files.exists(dir)) {
      return false;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    return true;
  }
}
