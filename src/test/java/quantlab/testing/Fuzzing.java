package quantlab.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * What the fuzz campaigns ({@code TfliteFuzz}, {@code IdxFuzz}) share: a tally of outcomes by
 * class and message category, a per-case time bound, a place for the bytes of a failing case,
 * and the forked JVM with a small heap that the JUnit tests run a campaign in (so that an
 * allocation driven by a hostile length shows up as an {@link OutOfMemoryError}).
 */
public final class Fuzzing {
  /** Heap of the forked campaign JVM. */
  public static final String HEAP = "-Xmx256m";

  private Fuzzing() {}

  // ---- outcomes ----------------------------------------------------------------------------

  /** Counts of outcomes: class (e.g. "read ok", "TfliteFormatException") to category to count. */
  public static final class Tally {
    private final Map<String, Map<String, Integer>> counts = new TreeMap<>();

    public void add(String outcomeClass, String category) {
      counts.computeIfAbsent(outcomeClass, k -> new TreeMap<>()).merge(category, 1, Integer::sum);
    }

    public int total(String outcomeClass) {
      return counts.getOrDefault(outcomeClass, Map.of()).values().stream()
          .mapToInt(Integer::intValue).sum();
    }

    public int total() {
      return counts.keySet().stream().mapToInt(this::total).sum();
    }

    /**
     * A Markdown table: one row per class with its count and share, then one row per category
     * (the {@code topCategories} most frequent of each class; the rest summed).
     */
    public void print(PrintStream out, int topCategories) {
      int all = total();
      out.println("| outcome | message category | cases | share |");
      out.println("| --- | --- | ---: | ---: |");
      for (var e : counts.entrySet()) {
        int n = total(e.getKey());
        out.printf(Locale.ROOT, "| **%s** | (all) | %,d | %.1f%% |%n", e.getKey(), n,
            100.0 * n / all);
        List<Map.Entry<String, Integer>> cats = new ArrayList<>(e.getValue().entrySet());
        if (cats.size() == 1 && cats.get(0).getKey().isEmpty()) {
          continue;
        }
        cats.sort((a, b) -> b.getValue() - a.getValue());
        int rest = 0;
        int restKinds = 0;
        for (int i = 0; i < cats.size(); i++) {
          if (i < topCategories) {
            out.printf(Locale.ROOT, "| | %s | %,d | |%n",
                cats.get(i).getKey().replace("|", "\\|"), cats.get(i).getValue());
          } else {
            rest += cats.get(i).getValue();
            restKinds++;
          }
        }
        if (restKinds > 0) {
          out.printf(Locale.ROOT, "| | (%d other categories) | %,d | |%n", restKinds, rest);
        }
      }
    }
  }

  private static final Pattern PREFIX = Pattern.compile(
      "^(?:\\S*: at byte \\d+: |(?:header|model(?:\\.\\w+)?|buffer \\d+|operator code \\d+"
          + "|metadata \\d+|subgraph \\d+(?:, (?:tensor|operator) \\d+(?: '[^']*'| \\([^)]*\\))?"
          + "| inputs| outputs| operators)?|operator \\d+ \\([^)]*\\)): )");
  private static final Pattern QUOTED = Pattern.compile("'[^']*'");
  private static final Pattern LIST = Pattern.compile("\\[[^\\]]*\\]");
  private static final Pattern DIMS = Pattern.compile("\\d+(?: x \\d+)+");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern NUMBER = Pattern.compile(
      "(?<![\\w.])-?\\d+(?:\\.\\d+)?(?:[eE]-?\\d+)?(?![\\w.])");

  /**
   * The message with its location prefix (file and byte, subgraph/tensor/operator) dropped and
   * names, lists and numbers replaced by placeholders, so that messages of one kind of check
   * count together: {@code "subgraph 0, tensor 7 'w': buffer index 99 is out of range [0, 12)"}
   * becomes {@code "buffer index N is out of range […)"}.
   */
  public static String category(String message) {
    if (message == null) {
      return "(no message)";
    }
    String m = message.replace('\n', ' ');
    for (int i = 0; i < 3; i++) {
      String stripped = PREFIX.matcher(m).replaceFirst("");
      if (stripped.equals(m)) {
        break;
      }
      m = stripped;
    }
    int cut = m.indexOf("truncated or corrupted (");
    if (cut >= 0) {
      int end = m.indexOf(':', cut + 24);
      int close = m.indexOf(')', cut + 24);
      int stop = end < 0 ? close : close < 0 ? end : Math.min(end, close);
      m = m.substring(0, stop < 0 ? m.length() : stop) + ")";
    }
    m = QUOTED.matcher(m).replaceAll("'…'");
    m = DIMS.matcher(m).replaceAll("N");
    m = HEX.matcher(m).replaceAll("0xN");
    m = LIST.matcher(m).replaceAll("[…]");
    m = NUMBER.matcher(m).replaceAll("N");
    return m.length() <= 100 ? m : m.substring(0, 97) + "...";
  }

  // ---- the per-case time bound ---------------------------------------------------------------

  /**
   * A daemon thread that ends the JVM (exit code 3) when one case runs longer than its bound,
   * printing the case and the stack of the thread that runs it.
   */
  public static final class Watchdog {
    private final long boundNanos;
    private final Thread worker;
    private volatile long started;
    private volatile String current;

    public Watchdog(long boundMillis) {
      this.boundNanos = TimeUnit.MILLISECONDS.toNanos(boundMillis);
      this.worker = Thread.currentThread();
      Thread t = new Thread(this::watch, "fuzz-watchdog");
      t.setDaemon(true);
      t.start();
    }

    /** Marks the start of the case described by {@code what} (seed file and case seed). */
    public void start(String what) {
      current = what;
      started = System.nanoTime();
    }

    /** Marks the end of the current case. */
    public void stop() {
      current = null;
    }

    private void watch() {
      while (true) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
        String c = current;
        if (c != null && System.nanoTime() - started > boundNanos) {
          System.out.println("FAILED: case " + c + " ran longer than "
              + TimeUnit.NANOSECONDS.toMillis(boundNanos) + " ms (a hang?); its stack:");
          for (StackTraceElement e : worker.getStackTrace()) {
            System.out.println("    at " + e);
          }
          System.out.flush();
          Runtime.getRuntime().halt(3);
        }
      }
    }
  }

  /** Saves the bytes of a failing case under {@code target/fuzz-failures/}; returns the file. */
  public static Path saveFailure(String name, byte[] bytes) {
    try {
      Path dir = Path.of("target", "fuzz-failures");
      Files.createDirectories(dir);
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      return Path.of("(not saved: " + e.getMessage() + ")");
    }
  }

  // ---- the forked JVM ---------------------------------------------------------------------

  /**
   * Runs {@code main} in a new JVM of the running JDK with the test classpath, {@link #HEAP} and
   * {@code args}, echoing its output to {@code out}; returns its exit code, or -1 when it did
   * not finish within {@code timeoutSeconds} (it is then killed).
   */
  public static int fork(Class<?> main, long timeoutSeconds, PrintStream out, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add(HEAP);
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Djava.awt.headless=true");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          out.println(line);
        }
      } catch (IOException e) {
        out.println("(output lost: " + e.getMessage() + ")");
      }
    }, "fuzz-output");
    pump.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      pump.join(5000);
      return -1;
    }
    pump.join(5000);
    return p.exitValue();
  }
}
