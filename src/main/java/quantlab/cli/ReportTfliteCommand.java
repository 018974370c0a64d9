package quantlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import quantlab.data.Dataset;
import quantlab.data.FashionMnist;
import quantlab.data.LabeledImages;
import quantlab.deploy.LiteRt;
import quantlab.deploy.TfliteExport;
import quantlab.interp.Interpreter;
import quantlab.interp.Requantization;
import quantlab.interp.Tensor;
import quantlab.interp.UnsupportedModelException;
import quantlab.quant.Range;
import quantlab.tf.ConfusionMatrix;
import quantlab.tf.Architecture;
import quantlab.tf.Knobs;
import quantlab.tf.Model;
import quantlab.tf.ModelCache;
import quantlab.tflite.TfliteModelSpec;
import quantlab.tflite.TfliteVariant;

/**
 * {@code quantlab report tflite}: exports the trained MLP and CNN (from the model cache, trained
 * first if absent) in the four TFLite variants and measures, on the Fashion-MNIST test set, the
 * file sizes against float32, the accuracy of each file in the Java interpreter (XNNPACK and
 * REFERENCE requantization) against the float TensorFlow model, and the MLP's interpreter speed
 * at batch 1 and 256 against TensorFlow Java float32. Figures in docs/deployment.md.
 */
@Command(
    name = "tflite",
    mixinStandardHelpOptions = true,
    description = "Export the trained MLP and CNN to .tflite (four variants) and print sizes,"
        + " interpreter accuracies against the float TF model, and MLP speed against"
        + " TensorFlow Java.")
public final class ReportTfliteCommand implements Callable<Integer> {
  @Option(names = "--seed", description = "Training seed (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--mlp-epochs", description = "MLP epochs (default: ${DEFAULT-VALUE}).")
  int mlpEpochs = 10;

  @Option(names = "--cnn-epochs", description = "CNN epochs (default: ${DEFAULT-VALUE}).")
  int cnnEpochs = 8;

  @Option(names = "--calibration-images",
      description = "Training images for activation calibration (default: ${DEFAULT-VALUE}).")
  int calibrationImages = 1000;

  @Option(names = "--seconds",
      description = "Seconds per speed case, after as long a warm-up (default: ${DEFAULT-VALUE}).")
  double seconds = 3;

  @Option(names = "--skip-cnn", description = "Leave out the CNN (faster).")
  boolean skipCnn;

  @Option(names = "--markdown", description = "Also write the figures as Markdown to this file.")
  Path markdown;

  PrintStream out = System.out;
  private ReportLog log;

  @Override
  public Integer call() throws IOException {
    long start = System.nanoTime();
    log = new ReportLog(out, markdown);
    Dataset data = FashionMnist.load();
    LabeledImages test = Knobs.limit(data.test());
    log.say("# quantlab report tflite");
    log.say("");
    log.say(String.format(Locale.ROOT, "Data: %s; testing on %d images; calibration on the first %d"
        + " training images (min-max).", data, test.count(), calibrationImages));
    log.noteShortTestSet(data, test.count());
    log.say(ReportLog.machine(seed) + "; load average at start " + ReportLog.loadAverage1Min()
        + " (shared machine: speed figures vary with it).");
    float[][] x = rows(test);
    ModelCache cache = ModelCache.standard();
    for (Architecture arch : skipCnn ? List.of(Architecture.MLP)
        : List.of(Architecture.MLP, Architecture.CNN)) {
      int epochs = arch == Architecture.MLP ? mlpEpochs : cnnEpochs;
      try (Model m = cache.getOrTrain(arch, seed, epochs, data)) {
        section(arch, m, data, test, x);
      }
    }
    log.targetsTable("target", "wanted");
    log.say("");
    log.say(String.format(Locale.ROOT, "Wall time: %.0f s.", (System.nanoTime() - start) / 1e9));
    return 0;
  }

  private void section(Architecture arch, Model m, Dataset data, LabeledImages test,
      float[][] x) {
    double tfAcc = m.evaluate(test).accuracy();
    Map<String, Range> ranges = TfliteExport.calibrate(m, data.train(), calibrationImages);
    TfliteModelSpec spec = TfliteExport.spec(m, ranges);
    log.say("");
    log.say(String.format(Locale.ROOT, "## %s (%s epochs, seed %d): TensorFlow float accuracy %.4f",
        arch, m.info().get("epochs"), seed, tfAcc));
    log.say("");
    log.say("Activation ranges: " + ranges);
    log.say("");
    log.say("| file | bytes | of float32 | interpreter XNNPACK | REFERENCE | vs TF float (points) |");
    log.say("| --- | ---: | ---: | ---: | ---: | ---: |");
    byte[] f32 = TfliteExport.toBytes(spec, TfliteVariant.FLOAT32, false, true);
    String name = arch.name().toLowerCase(Locale.ROOT);
    record Case(String label, TfliteVariant v, boolean perChannelFc) {}
    List<Case> cases = List.of(new Case("float32", TfliteVariant.FLOAT32, true),
        new Case("float16", TfliteVariant.FLOAT16, true),
        new Case("dynamic-range", TfliteVariant.DYNAMIC_RANGE, true),
        new Case("int8, per-channel FC", TfliteVariant.INT8, true),
        new Case("int8, per-tensor FC", TfliteVariant.INT8, false));
    double worstInt8Drop = 0;
    for (Case c : cases) {
      byte[] bytes = TfliteExport.toBytes(spec, c.v(), true, c.perChannelFc());
      double ratio = (double) bytes.length / f32.length;
      String xnn;
      String ref;
      String drop;
      try {
        Interpreter it = Interpreter.of(bytes);
        double a = accuracy(it, x, test);
        // int8 and hybrid (dynamic-range) files compute differently in the two modes
        boolean twoModes = c.v() == TfliteVariant.INT8 || c.v() == TfliteVariant.DYNAMIC_RANGE;
        double r = twoModes
            ? accuracy(it.withRequantization(Requantization.REFERENCE), x, test) : a;
        xnn = String.format(Locale.ROOT, "%.4f", a);
        ref = twoModes ? String.format(Locale.ROOT, "%.4f", r) : "(same)";
        double d = Math.max(tfAcc - a, tfAcc - r);
        drop = String.format(Locale.ROOT, "%+.2f / %+.2f", 100 * (a - tfAcc), 100 * (r - tfAcc));
        if (c.v() == TfliteVariant.INT8) {
          worstInt8Drop = Math.max(worstInt8Drop, Math.abs(tfAcc - a));
          worstInt8Drop = Math.max(worstInt8Drop, Math.abs(tfAcc - r));
        }
      } catch (UnsupportedModelException e) {
        xnn = "not run";
        ref = "not run";
        drop = "(interpreter: " + e.getMessage() + ")";
      }
      log.say(String.format(Locale.ROOT, "| %s-%s | %,d | %.1f%% | %s | %s | %s |", name, c.label(),
          bytes.length, 100 * ratio, xnn, ref, drop));
      if (c.v() == TfliteVariant.INT8) {
        log.target(arch + " " + c.label() + " size", "<= 26% of float32",
            String.format(Locale.ROOT, "%.1f%%", 100 * ratio), ratio <= 0.26);
      } else if (c.v() == TfliteVariant.FLOAT16) {
        log.target(arch + " float16 size", "<= 52% of float32",
            String.format(Locale.ROOT, "%.1f%%", 100 * ratio), ratio <= 0.52);
      }
    }
    log.target(arch + " int8 accuracy in the interpreter (both FC granularities,"
        + " both modes)", "within 0.5 points of TF float",
        String.format(Locale.ROOT, "worst %.2f points", 100 * worstInt8Drop),
        worstInt8Drop <= 0.005);
    if (arch == Architecture.MLP) {
      speed(m, spec, test, x);
    }
  }

  private void speed(Model m, TfliteModelSpec spec, LabeledImages test, float[][] x) {
    log.say("");
    log.say(String.format(Locale.ROOT, "### MLP speed (median latency at batch 1, throughput at"
        + " batch 256; %.1f s per case after warm-up)", seconds));
    log.say("");
    log.say("| runtime | latency b=1 (us) | time vs TF | throughput b=256 (images/s) | rate vs TF |");
    log.say("| --- | ---: | ---: | ---: | ---: |");
    float[][] batch = Arrays.copyOf(x, 256);
    double[] tf = measure(i -> m.logits(test, i, i + 1), () -> m.logits(test, 0, 256), x.length);
    row("TensorFlow Java 1.1.0 float32", tf, tf);
    Interpreter f32 = Interpreter.of(TfliteExport.toBytes(spec, TfliteVariant.FLOAT32, false,
        true));
    Interpreter i8 = Interpreter.of(TfliteExport.toBytes(spec, TfliteVariant.INT8, true, true));
    for (Object[] c : new Object[][] {{"interpreter float32", f32},
        {"interpreter int8 XNNPACK mode", i8},
        {"interpreter int8 REFERENCE mode", i8.withRequantization(Requantization.REFERENCE)}}) {
      Interpreter it = (Interpreter) c[1];
      double[] r = measure(i -> it.run(Tensor.ofFloat(new int[] {1, 784}, x[i])),
          () -> it.runFloat(batch), x.length);
      row((String) c[0], r, tf);
    }
    liteRtSpeed(spec, x);
  }

  /** LiteRT.js float32 vs int8 (float edges) on the same rows, in one Node.js process. */
  private void liteRtSpeed(TfliteModelSpec spec, float[][] x) {
    log.say("");
    LiteRt.Availability a = LiteRt.availability();
    if (!a.available()) {
      log.say("LiteRT.js: " + a + ". Its speed is not measured in this run.");
      return;
    }
    log.say("### MLP in LiteRT.js (batch 1; float32 and int8 files measured in the same Node.js"
        + " process, their timed runs taking turns)");
    log.say("");
    Path dir = null;
    try {
      dir = Files.createTempDirectory("quantlab-report-litert");
      Path f32 = dir.resolve("mlp-float32.tflite");
      Path i8 = dir.resolve("mlp-int8.tflite");
      Files.write(f32, TfliteExport.toBytes(spec, TfliteVariant.FLOAT32, true, true));
      Files.write(i8, TfliteExport.toBytes(spec, TfliteVariant.INT8, true, true));
      float[][] rows = Arrays.copyOf(x, Math.min(x.length, 1000));
      List<LiteRt.Result> r = LiteRt.builder().warmup(200).runs(3000).build()
          .runAll(List.of(f32, i8), rows);
      log.say("| file | median ms per inference | mean ms | time vs float32 (median) |");
      log.say("| --- | ---: | ---: | ---: |");
      String[] names = {"float32", "int8 (float input/output)"};
      for (int k = 0; k < 2; k++) {
        log.say(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.2fx |", names[k],
            r.get(k).medianMillis(), r.get(k).meanMillis(),
            r.get(k).medianMillis() / r.get(0).medianMillis()));
      }
      log.say("");
      log.say("Runtime: LiteRT.js " + r.get(0).version() + " on Node.js " + r.get(0).nodeVersion()
          + " (WASM with XNNPACK), 3,000 timed runs per file after 200 warm-up runs.");
    } catch (IOException | RuntimeException e) {
      log.say("LiteRT.js run failed: " + e.getMessage());
    } finally {
      if (dir != null) {
        try (var files = Files.list(dir)) {
          for (Path p : files.toList()) {
            Files.deleteIfExists(p);
          }
          Files.deleteIfExists(dir);
        } catch (IOException e) {
          // a temp folder left behind is harmless
        }
      }
    }
  }

  private void row(String name, double[] r, double[] tf) {
    log.say(String.format(Locale.ROOT, "| %s | %.1f | %.2fx | %,.0f | %.2fx |", name, r[0],
        r[0] / tf[0], r[1], r[1] / tf[1]));
  }

  /** {median latency in microseconds, images per second at batch 256}. */
  private double[] measure(java.util.function.IntConsumer single, Runnable batch256, int n) {
    long budget = (long) (seconds * 1e9);
    long end = System.nanoTime() + budget;
    int k = 0;
    while (System.nanoTime() < end) {
      single.accept(k++ % n);
      batch256.run();
    }
    List<Long> times = new ArrayList<>();
    end = System.nanoTime() + budget;
    while (System.nanoTime() < end || times.size() < 10) {
      int i = k++ % n;
      long t0 = System.nanoTime();
      single.accept(i);
      times.add(System.nanoTime() - t0);
    }
    long[] s = times.stream().mapToLong(Long::longValue).sorted().toArray();
    int batches = 0;
    long t0 = System.nanoTime();
    end = t0 + budget;
    while (System.nanoTime() < end || batches < 3) {
      batch256.run();
      batches++;
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    return new double[] {s[s.length / 2] / 1e3, batches * 256 / elapsed};
  }

  private static double accuracy(Interpreter it, float[][] x, LabeledImages test) {
    int right = 0;
    for (int from = 0; from < x.length; from += 1000) {
      float[][] part = Arrays.copyOfRange(x, from, Math.min(x.length, from + 1000));
      float[][] y = it.runFloat(part);
      for (int i = 0; i < y.length; i++) {
        right += ConfusionMatrix.argMax(y[i]) == test.label(from + i) ? 1 : 0;
      }
    }
    return (double) right / x.length;
  }


  private static float[][] rows(LabeledImages images) {
    int per = images.imageSize();
    float[] all = images.pixels(0, images.count());
    float[][] r = new float[images.count()][per];
    for (int i = 0; i < r.length; i++) {
      System.arraycopy(all, i * per, r[i], 0, per);
    }
    return r;
  }



}
