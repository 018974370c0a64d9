package quantlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import quantlab.data.Dataset;
import tech.tablesaw.api.Table;

/**
 * What the {@code report} commands share: Markdown lines printed and, with {@code --markdown},
 * written to the file as they come (so a long run leaves its figures so far), the machine
 * line, the note on a short test set, and the table of targets.
 */
final class ReportLog {
  private final PrintStream out;
  private final Path markdown;
  private final List<String> lines = new ArrayList<>();
  private final List<String[]> targets = new ArrayList<>();

  /** Prints to {@code out}; also writes to {@code markdown} unless it is null. */
  ReportLog(PrintStream out, Path markdown) {
    this.out = out;
    this.markdown = markdown;
  }

  /** Prints one Markdown line. */
  void say(String line) {
    out.println(line);
    lines.add(line);
    if (markdown != null) {
      try {
        Files.writeString(markdown, String.join("\n", lines) + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The NOTE line when {@code data} is not the full Fashion-MNIST test set. */
  void noteShortTestSet(Dataset data, int testCount) {
    if (data.isSubset() || testCount < 10000) {
      say("NOTE: not the full Fashion-MNIST test set; the targets below assume the full set.");
    }
  }

  /** {@code Machine: 2 processors, Java 17.0.15, Linux amd64; seed 1}: the caller ends it. */
  static String machine(long seed) {
    return String.format(Locale.ROOT, "Machine: %d processors, Java %s, %s %s; seed %d",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        System.getProperty("os.name"), System.getProperty("os.arch"), seed);
  }

  /** Records a target for {@link #targetsTable}. */
  void target(String what, String wanted, String measured, boolean met) {
    targets.add(new String[] {what, wanted, measured, met ? "yes" : "NO"});
  }

  /**
   * Prints the "## Targets" section, its first two columns titled {@code whatTitle} and
   * {@code wantedTitle}; returns whether every target was met.
   */
  boolean targetsTable(String whatTitle, String wantedTitle) {
    say("");
    say("## Targets");
    say("");
    say("| " + whatTitle + " | " + wantedTitle + " | measured | met |");
    say("| --- | --- | --- | --- |");
    boolean all = true;
    for (String[] t : targets) {
      say("| " + String.join(" | ", t) + " |");
      all &= t[3].equals("yes");
    }
    return all;
  }

  /** The 1- and 5-minute load averages (Linux): timings on a shared machine depend on them. */
  static String loadAverage() {
    String[] f = loadFields();
    return f == null ? "load average unknown"
        : "load average " + f[0] + " (1 min), " + f[1] + " (5 min)";
  }

  /** The 1-minute load average alone, or {@code unknown}. */
  static String loadAverage1Min() {
    String[] f = loadFields();
    return f == null ? "unknown" : f[0];
  }

  private static String[] loadFields() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** {@code t} as a Markdown table: doubles with 4 decimals, text columns left-aligned. */
  static String markdownTable(Table t) {
    StringBuilder sb = new StringBuilder("|");
    for (String c : t.columnNames()) {
      sb.append(' ').append(c).append(" |");
    }
    sb.append("\n|");
    for (int i = 0; i < t.columnCount(); i++) {
      sb.append(t.column(i).type().name().equals("STRING") ? " --- |" : " ---: |");
    }
    for (int r = 0; r < t.rowCount(); r++) {
      sb.append("\n|");
      for (int c = 0; c < t.columnCount(); c++) {
        Object v = t.column(c).get(r);
        String s = v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : String.valueOf(v);
        sb.append(' ').append(s).append(" |");
      }
    }
    return sb.toString();
  }
}
