package quantlab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of this package in one go (1 fork, 3 warmup and 5 measured iterations of
 * 1 s, one thread), writes JMH's JSON result, then prints the ratios against the targets.
 *
 * <p>Usage: {@code BenchMain [result.json] [JMH options...]}; JMH options given here (for
 * example {@code -f 3 -i 10}, or through Maven {@code -Dbench.args="-f 3 -i 10"}) override the
 * defaults. Targets, for quantize and for dequantize:
 * quantlab faster than TensorFlow as a Java user pays for it (ratio below 1), within 1.5x of
 * TensorFlow's kernel alone, and within 3x of a plain copy of the 16 M floats.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args)
      throws RunnerException, CommandLineOptionException, IOException {
    List<String> rest = new ArrayList<>();
    for (String a : args) {
      // Maven passes -Dbench.args="-f 3 -i 10" as one argument: split it on blanks.
      for (String part : a.trim().split("\\s+")) {
        if (!part.isEmpty()) {
          rest.add(part);
        }
      }
    }
    Path json = Path.of("jmh-result.json");
    if (!rest.isEmpty() && rest.get(0).endsWith(".json")) {
      json = Path.of(rest.remove(0));
    }
    CommandLineOptions cmd = new CommandLineOptions(rest.toArray(new String[0]));
    OptionsBuilder b = new OptionsBuilder();
    b.parent(cmd);
    if (cmd.getIncludes().isEmpty()) {
      b.include("^quantlab\\.bench\\.[A-Za-z]+Bench\\.");
    }
    if (!cmd.getForkCount().hasValue()) {
      b.forks(1);
    }
    if (!cmd.getWarmupIterations().hasValue()) {
      b.warmupIterations(3);
    }
    if (!cmd.getWarmupTime().hasValue()) {
      b.warmupTime(TimeValue.seconds(1));
    }
    if (!cmd.getMeasurementIterations().hasValue()) {
      b.measurementIterations(5);
    }
    if (!cmd.getMeasurementTime().hasValue()) {
      b.measurementTime(TimeValue.seconds(1));
    }
    if (!cmd.getThreads().hasValue()) {
      b.threads(1);
    }
    if (!cmd.getJvmArgs().hasValue()) {
      List<String> jvm = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
      if (Runtime.version().feature() >= 22) {
        jvm.add("--enable-native-access=ALL-UNNAMED");
      }
      b.jvmArgs(jvm.toArray(new String[0]));
    }
    b.addProfiler(CpuTimeProfiler.class);
    b.timeUnit(TimeUnit.MILLISECONDS);
    b.resultFormat(ResultFormatType.JSON);
    b.result(json.toString());

    String loadBefore = loadAverage();
    Collection<RunResult> results = new Runner(b.build()).run();
    String summary = summary(results, loadBefore, loadAverage(), json);
    System.out.println();
    System.out.print(summary);
    Path txt = json.resolveSibling(json.getFileName().toString().replace(".json", "-summary.txt"));
    Files.writeString(txt, summary, StandardCharsets.UTF_8);
  }

  /** The compact table the lead engineer reads at the end of a run. */
  static String summary(
      Collection<RunResult> results, String loadBefore, String loadAfter, Path json) {
    Map<String, double[]> ms = new LinkedHashMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark().replace("quantlab.bench.", "");
      String rounding = r.getParams().getParam("rounding");
      if (rounding != null) {
        name += "[" + rounding + "]";
      }
      org.openjdk.jmh.results.Result<?> cpu = r.getSecondaryResults().get("cpu.ms/op");
      ms.put(name, new double[] {
          r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(),
          cpu == null ? Double.NaN : cpu.getScore()});
    }
    StringBuilder s = new StringBuilder();
    s.append("== quantlab vs TensorFlow, 16 M floats, int8 per tensor, one thread ==\n");
    s.append(String.format(Locale.ROOT, "JDK %s (%s), %s, %d CPUs%n",
        System.getProperty("java.version"), System.getProperty("java.vm.name"), cpuModel(),
        Runtime.getRuntime().availableProcessors()));
    s.append("load average before: ").append(loadBefore).append("; after: ").append(loadAfter)
        .append('\n');
    s.append(String.format(Locale.ROOT, "%-52s %9s %9s %10s%n",
        "benchmark", "ms/op", "+-99.9%", "cpu ms/op"));
    ms.forEach((k, v) -> s.append(String.format(Locale.ROOT, "%-52s %9.2f %9.2f %10.2f%n", k,
        v[0], Double.isNaN(v[1]) ? 0.0 : v[1], v[2])));
    s.append('\n');
    s.append("Ratios of wall-clock means (JMH score) and, in brackets, of CPU time per op:\n");
    s.append(String.format(Locale.ROOT, "%-11s %-32s %7s %7s %8s  %s%n",
        "op", "ratio", "wall", "(cpu)", "target", "result (wall)"));
    ratios(s, ms, "quantize", "QuantlabBench.quantize[HALF_TO_EVEN]");
    ratios(s, ms, "dequantize", "QuantlabBench.dequantize");
    s.append("Targets: faster than TF as a Java user pays (< 1), within 1.5x of TF's kernel\n"
        + "alone, within 3x of System.arraycopy of the same 16 M floats.\n");
    s.append("JMH JSON: ").append(json.toAbsolutePath()).append('\n');
    return s.toString();
  }

  private static void ratios(StringBuilder s, Map<String, double[]> ms, String op, String mine) {
    ratio(s, ms, op, mine, "TfBench." + op + "JavaUser", "quantlab / TF as Java user", 1.0,
        true);
    ratio(s, ms, op, mine, "TfBench." + op + "Kernel", "quantlab / TF kernel alone", 1.5, false);
    ratio(s, ms, op, mine, "CopyBench.copyFloats", "quantlab / copy of 16 M floats", 3.0, false);
  }

  private static void ratio(StringBuilder s, Map<String, double[]> ms, String op, String num,
      String den, String label, double target, boolean strict) {
    double[] a = ms.get(num);
    double[] b = ms.get(den);
    if (a == null || b == null) {
      s.append(String.format(Locale.ROOT, "%-11s %-32s %7s %7s %8s  %s%n", op, label, "-", "-",
          (strict ? "< " : "<= ") + target, "not run"));
      return;
    }
    double r = a[0] / b[0];
    boolean met = strict ? r < target : r <= target;
    s.append(String.format(Locale.ROOT, "%-11s %-32s %7.2f %7s %8s  %s%n", op, label, r,
        String.format(Locale.ROOT, "(%.2f)", a[2] / b[2]), (strict ? "< " : "<= ") + target,
        met ? "met" : "MISSED"));
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return String.join(" ", Arrays.copyOf(f, 3));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }
}
