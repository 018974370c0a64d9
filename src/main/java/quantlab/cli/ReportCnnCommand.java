package quantlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import quantlab.deploy.TfliteEvaluation;
import quantlab.deploy.TfliteExport;
import quantlab.interp.Interpreter;
import quantlab.interp.Requantization;
import quantlab.ptq.ActivationCalibration;
import quantlab.ptq.BatchNormFolding;
import quantlab.ptq.ChannelSpread;
import quantlab.ptq.LayerQuant;
import quantlab.ptq.Ptq;
import quantlab.ptq.PtqResult;
import quantlab.quant.Granularity;
import quantlab.quant.Quantizer;
import quantlab.quant.Range;
import quantlab.quant.Rounding;
import quantlab.tf.ConfusionMatrix;
import quantlab.tf.ActivationQuant;
import quantlab.tf.Architecture;
import quantlab.tf.EpochResult;
import quantlab.tf.Knobs;
import quantlab.tf.LayerSpec;
import quantlab.tf.Model;
import quantlab.tf.ModelCache;
import quantlab.tf.ProgressBarListener;
import quantlab.tf.Trainer;
import quantlab.tf.TrainingListener;
import quantlab.tflite.TfliteModelSpec;
import quantlab.tflite.TfliteVariant;

/**
 * {@code quantlab report cnn}: the CNN with batch norm ({@link Architecture#CNN_BN}) and without
 * ({@link Architecture#CNN}), trained in the same run; the batch norms folded into the
 * convolutions ({@link BatchNormFolding}) and checked against the batch-norm model; each conv
 * kernel's per-channel ranges before and after folding ({@link ChannelSpread}); weight-only PTQ
 * per tensor against per channel at 8 down to 3 bits, with int8 activations at 8 bits, on the
 * folded model and on the CNN without batch norm; and the folded model as an int8 TFLite file in
 * the Java interpreter (and LiteRT.js when Node.js is there). Figures in docs/ptq.md; the lesson
 * is lesson 10.
 */
@Command(
    name = "cnn",
    mixinStandardHelpOptions = true,
    description = "Train the CNN with and without batch norm, fold the batch norms, and print "
        + "per-channel ranges, per-tensor vs per-channel PTQ accuracy, the int8 TFLite file's "
        + "accuracy and the epoch times.")
public final class ReportCnnCommand implements Callable<Integer> {
  @Option(names = "--seed", description = "Training seed (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--epochs", description = "Epochs for both CNNs (default: ${DEFAULT-VALUE}).")
  int epochs = 8;

  @Option(names = "--calibration-images",
      description = "Training images for activation calibration (default: ${DEFAULT-VALUE}).")
  int calibrationImages = 1000;

  @Option(names = "--cached", description = "Load the models from the model cache (training and "
      + "caching them first when absent) instead of training them in this run; the epoch times "
      + "are then those recorded when they were trained.")
  boolean cached;

  @Option(names = "--markdown", description = "Also write the figures as Markdown to this file.")
  Path markdown;

  @Option(names = "--no-progress",
      description = "One line per epoch instead of a progress bar (for logs).")
  boolean noProgress;

  PrintStream out = System.out;
  private ReportLog log;

  static final int[] BITS = {8, 6, 5, 4, 3};

  @Override
  public Integer call() throws IOException {
    long start = System.nanoTime();
    log = new ReportLog(out, markdown);
    Dataset data = FashionMnist.load();
    LabeledImages train = Knobs.limit(data.train());
    LabeledImages test = Knobs.limit(data.test());
    log.say("# quantlab report cnn");
    log.say("");
    log.say(String.format(Locale.ROOT, "Data: %s; training on %d images, testing on %d.", data,
        train.count(), test.count()));
    log.noteShortTestSet(data, test.count());
    log.say(ReportLog.machine(seed) + "; " + ReportLog.loadAverage() + ".");

    // 1. Both models, trained in this run (or from the cache).
    Map<Architecture, List<EpochResult>> seen = new LinkedHashMap<>();
    Map<Architecture, Model> models = new LinkedHashMap<>();
    for (Architecture arch : List.of(Architecture.CNN_BN, Architecture.CNN)) {
      List<EpochResult> rs = new ArrayList<>();
      models.put(arch, model(arch, data, train, test, rs));
      seen.put(arch, rs);
    }
    Model bn = models.get(Architecture.CNN_BN);
    Model cnn = models.get(Architecture.CNN);
    training(seen);

    // 2. Folding.
    try (Model folded = BatchNormFolding.fold(bn)) {
      double bnAcc = bn.evaluate(test).accuracy();
      double foldedAcc = folded.evaluate(test).accuracy();
      double cnnAcc = cnn.evaluate(test).accuracy();
      folding(bn, folded, test, bnAcc, foldedAcc);
      log.target("CNN_BN float test accuracy", ">= 0.90",
          String.format(Locale.ROOT, "%.4f after %d epochs", bnAcc, seen.get(
              Architecture.CNN_BN).size()), bnAcc >= 0.90);

      // 3. Per-channel ranges.
      spreads(bn, folded, cnn);

      // 4. PTQ: per tensor vs per channel, weights only, then int8 activations.
      Map<String, Model> compared = new LinkedHashMap<>();
      compared.put("CNN_BN folded", folded);
      compared.put("CNN_BN unfolded (TF's kernels, before folding)", bn);
      compared.put("CNN (no batch norm)", cnn);
      Map<String, Double> floats = Map.of("CNN_BN folded", foldedAcc,
          "CNN_BN unfolded (TF's kernels, before folding)", bnAcc, "CNN (no batch norm)", cnnAcc);
      double[] gaps8 = weightOnly(compared, floats, test);
      double[] convGaps = convOnly(compared, test);
      double[] int8 = fullInt8(folded, cnn, train, test, foldedAcc, cnnAcc);
      log.target("CNN_BN folded, int8 per-channel weights + int8 activations",
          "within 0.5 points of float", String.format(Locale.ROOT, "%.4f (drop %.2f points)",
              int8[1], 100 * (foldedAcc - int8[1])), foldedAcc - int8[1] <= 0.005);

      // 5. The folded model as an int8 TFLite file.
      double fileAcc = tflite(bn, folded, train, test, foldedAcc);
      log.target("CNN_BN int8 TFLite file (folded, per-channel conv) in the interpreter",
          "within 0.5 points of TF float", String.format(Locale.ROOT, "%.4f (%+.2f points)",
              fileAcc, 100 * (fileAcc - bnAcc)), bnAcc - fileAcc <= 0.005);

      log.say("");
      log.say("## Figures: the per-tensor vs per-channel gap after folding");
      log.say("");
      log.say("| figure | measured |");
      log.say("| --- | ---: |");
      log.say(String.format(Locale.ROOT, "| folded CNN_BN, int8 weights only: per-channel minus "
          + "per-tensor accuracy | %+.2f points |", 100 * gaps8[0]));
      log.say(String.format(Locale.ROOT, "| folded CNN_BN, int8 weights + int8 activations: "
          + "per-channel minus per-tensor | %+.2f points |", 100 * (int8[1] - int8[0])));
      log.say(String.format(Locale.ROOT, "| folded CNN_BN, 4-bit weights only: per-channel minus "
          + "per-tensor | %+.2f points |", 100 * gaps8[1]));
      log.say(String.format(Locale.ROOT, "| folded CNN_BN, only the conv kernels quantized: "
          + "per-channel minus per-tensor at 8 / 4 / 3 bits | %+.2f / %+.2f / %+.2f points |",
          100 * convGaps[0], 100 * convGaps[1], 100 * convGaps[2]));
      log.say(String.format(Locale.ROOT, "| CNN without batch norm, only the conv kernels: "
          + "per-channel minus per-tensor at 8 / 4 / 3 bits | %+.2f / %+.2f / %+.2f points |",
          100 * convGaps[3], 100 * convGaps[4], 100 * convGaps[5]));
      log.say(String.format(Locale.ROOT, "| CNN without batch norm, int8 weights only: "
          + "per-channel minus per-tensor | %+.2f points |", 100 * gaps8[2]));
      log.say(String.format(Locale.ROOT, "| CNN without batch norm, 4-bit weights only: "
          + "per-channel minus per-tensor | %+.2f points |", 100 * gaps8[3]));
    } finally {
      bn.close();
      cnn.close();
    }
    boolean all = log.targetsTable("figure", "target");
    log.say("");
    log.say(String.format(Locale.ROOT, "Whole report: %.1f s; at the end, %s.",
        (System.nanoTime() - start) / 1e9, ReportLog.loadAverage()));
    if (markdown != null) {
      out.println("(written to " + markdown + ")");
    }
    return all ? 0 : 1;
  }

  private Model model(Architecture arch, Dataset data, LabeledImages train, LabeledImages test,
      List<EpochResult> seen) throws IOException {
    TrainingListener listener = noProgress
        ? r -> System.err.println(arch + " " + r) : new ProgressBarListener();
    if (cached) {
      Model m = ModelCache.standard().getOrTrain(arch, seed, epochs, data, listener);
      seen.addAll(recorded(m));
      return m;
    }
    return Trainer.builder().epochs(epochs).seed(seed).listener(seen::add).listener(listener)
        .build().train(arch, train, test);
  }

  /** The epochs a cached model's properties recorded ({@code epochN=loss=... seconds=...}). */
  static List<EpochResult> recorded(Model m) {
    List<EpochResult> rs = new ArrayList<>();
    int n = Integer.parseInt(m.info().getOrDefault("epochs", "0"));
    for (int e = 1; e <= n; e++) {
      String line = m.info().get("epoch" + e);
      if (line == null) {
        continue;
      }
      Map<String, Double> f = new LinkedHashMap<>();
      for (String kv : line.trim().split("\\s+")) {
        String[] p = kv.split("=");
        f.put(p[0], Double.parseDouble(p[1]));
      }
      rs.add(new EpochResult(e, n, f.get("loss"), f.get("train"), f.get("test"),
          f.get("seconds")));
    }
    return rs;
  }

  private void training(Map<Architecture, List<EpochResult>> seen) {
    List<EpochResult> a = seen.get(Architecture.CNN_BN);
    List<EpochResult> b = seen.get(Architecture.CNN);
    log.say("");
    log.say("## Training: CNN_BN (conv - batch norm - ReLU, twice) and CNN (no batch norm), "
        + "Adam 0.001, batch 128" + (cached ? " (from the model cache: times as recorded then)"
        : " (both trained in this run)"));
    log.say("");
    log.say("| epoch | CNN_BN loss | CNN_BN test accuracy | CNN_BN seconds | CNN loss | "
        + "CNN test accuracy | CNN seconds |");
    log.say("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      log.say(String.format(Locale.ROOT, "| %d | %s | %s |", i + 1, cells(a, i), cells(b, i)));
    }
    double ma = a.stream().mapToDouble(EpochResult::seconds).average().orElse(Double.NaN);
    double mb = b.stream().mapToDouble(EpochResult::seconds).average().orElse(Double.NaN);
    log.say("");
    log.say(String.format(Locale.ROOT, "Mean epoch: CNN_BN %.2f s, CNN %.2f s; CNN_BN / CNN = "
        + "%.2fx (the batch norms' statistics, moving averages and gradients).", ma, mb, ma / mb));
  }

  private static String cells(List<EpochResult> rs, int i) {
    if (i >= rs.size()) {
      return " | | ";
    }
    EpochResult r = rs.get(i);
    return String.format(Locale.ROOT, "%.4f | %.4f | %.2f", r.loss(), r.testAccuracy(),
        r.seconds());
  }

  private void folding(Model bn, Model folded, LabeledImages test, double bnAcc,
      double foldedAcc) {
    double worstAbs = 0;
    double worstRel = 0;
    for (int from = 0; from < test.count(); from += 1000) {
      int to = Math.min(test.count(), from + 1000);
      float[] a = bn.logits(test, from, to);
      float[] b = folded.logits(test, from, to);
      for (int i = 0; i < a.length; i++) {
        double d = Math.abs(a[i] - b[i]);
        worstAbs = Math.max(worstAbs, d);
        worstRel = Math.max(worstRel, d / Math.max(1, Math.abs(a[i])));
      }
    }
    log.say("");
    log.say("## Folding the batch norms into the convolutions (Jacob et al. 2018, section 3.2)");
    log.say("");
    log.say("f[c] = gamma[c] / sqrt(movingVariance[c] + epsilon); wFold = f * w; bFold = beta + "
        + "f * (b - movingMean).");
    log.say("");
    log.say("| batch norm | channels | f smallest | f largest | f largest / smallest |");
    log.say("| --- | ---: | ---: | ---: | ---: |");
    for (LayerSpec.BatchNorm b : bn.architecture().batchNorms()) {
      float[] f = BatchNormFolding.factors(bn.weights(b.name() + "_gamma").values(),
          bn.weights(b.name() + "_variance").values(), b.epsilon());
      ChannelSpread s = new ChannelSpread(b.name(), f);
      log.say(String.format(Locale.ROOT, "| %s (after %s) | %d | %.4g | %.4g | %.2f |", b.name(),
          bn.architecture().normalizedBy(b).name(), f.length, s.maxAbs()[s.narrowest()],
          s.maxAbs()[s.widest()], s.ratio()));
    }
    log.say("");
    log.say("| model | test accuracy |");
    log.say("| --- | ---: |");
    log.say(String.format(Locale.ROOT, "| CNN_BN in TensorFlow (batch norms with moving averages) "
        + "| %.4f |", bnAcc));
    log.say(String.format(Locale.ROOT, "| folded CNN in TensorFlow (conv + bias + ReLU) | %.4f |",
        foldedAcc));
    log.say("");
    log.say(String.format(Locale.ROOT, "Largest logit difference, CNN_BN vs folded, over %d test "
        + "images: %.3g absolute, %.3g relative.", test.count(), worstAbs, worstRel));
    log.target("folded model = batch-norm model", "logits within 1e-4 relative",
        String.format(Locale.ROOT, "%.2g", worstRel), worstRel <= 1e-4);
  }

  private void spreads(Model bn, Model folded, Model cnn) {
    log.say("");
    log.say("## Per-channel weight ranges: max|w| of each output channel");
    log.say("");
    log.say("With one symmetric per-tensor scale the narrowest channel keeps about "
        + "bits - log2(ratio) bits of its own (ChannelSpread.perTensorBits).");
    log.say("");
    log.say("| kernel | channels | smallest | largest | ratio | narrowest keeps (int8) | "
        + "(int4) | its largest int8 code | int4 code |");
    log.say("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (String k : List.of("conv1_kernel", "conv2_kernel", "dense1_kernel", "dense2_kernel")) {
      for (Object[] row : new Object[][] {{"CNN_BN unfolded", bn}, {"CNN_BN folded", folded},
          {"CNN (no batch norm)", cnn}}) {
        if (k.startsWith("dense") && row[1] == bn) {
          continue; // dense layers have no batch norm: folded = unfolded
        }
        ChannelSpread s = ChannelSpread.of(row[0] + " " + k, ((Model) row[1]).weights(k));
        int n = s.narrowest();
        log.say(String.format(Locale.ROOT, "| %s | %d | %.4g | %.4g | %.2f | %.1f bits | %.1f bits"
            + " | %d | %d |", s.name(), s.channels(), s.maxAbs()[n], s.maxAbs()[s.widest()],
            s.ratio(), s.perTensorBits(8)[n], s.perTensorBits(4)[n], s.perTensorMaxCodes(8)[n],
            s.perTensorMaxCodes(4)[n]));
      }
    }
  }

  /**
   * The sweep per model; returns the per-channel minus per-tensor accuracy of the folded model
   * at 8 and 4 bits, then of the CNN without batch norm at 8 and 4 bits.
   */
  private double[] weightOnly(Map<String, Model> models, Map<String, Double> floats,
      LabeledImages test) {
    log.say("");
    log.say("## Weight-only PTQ, every kernel: per tensor vs per channel (symmetric, narrow range,"
        + " half to even; biases and activations float)");
    log.say("");
    StringBuilder head = new StringBuilder("| bits | granularity |");
    StringBuilder rule = new StringBuilder("| ---: | --- |");
    for (String name : models.keySet()) {
      head.append(' ').append(name).append(" | conv SQNR (dB) |");
      rule.append(" ---: | ---: |");
    }
    log.say(head.toString());
    log.say(rule.toString());
    log.say(String.format(Locale.ROOT, "| float | - | %s |", String.join(" | ",
        models.keySet().stream().map(n -> String.format(Locale.ROOT, "%.4f | -", floats.get(n)))
            .toList())));
    Map<String, Map<String, Double>> acc = new LinkedHashMap<>();
    for (int bits : BITS) {
      for (Granularity g : List.of(Granularity.perTensor(), Granularity.perChannel(-1))) {
        Quantizer q = quantizer(bits, g);
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %d | %s |", bits, g));
        for (Map.Entry<String, Model> e : models.entrySet()) {
          PtqResult r = Ptq.weightOnly(e.getValue(), q, test, floats.get(e.getKey()));
          double signal = 0;
          double error = 0;
          for (LayerQuant l : r.layers()) {
            if (l.variable().startsWith("conv")) {
              signal += l.signalEnergy();
              error += l.errorEnergy();
            }
          }
          row.append(String.format(Locale.ROOT, " %.4f | %.2f |", r.accuracy(),
              10 * Math.log10(signal / error)));
          acc.computeIfAbsent(e.getKey() + "/" + bits, k -> new LinkedHashMap<>())
              .put(g.toString(), r.accuracy());
        }
        log.say(row.toString());
      }
    }
    log.say("");
    log.say("Quantizing the unfolded kernels simulates quantizing before folding, which no "
        + "int8 runtime does; per channel it gives the same codes as the folded kernels (each "
        + "channel's grid scales with it), per tensor it does not.");
    return new double[] {gap(acc, "CNN_BN folded/8"), gap(acc, "CNN_BN folded/4"),
        gap(acc, "CNN (no batch norm)/8"), gap(acc, "CNN (no batch norm)/4")};
  }

  /**
   * Only conv1 and conv2 quantized (the dense layers stay float), so that the per-tensor loss
   * comes from the kernels folding changed; returns per-channel minus per-tensor accuracy at 8,
   * 4 and 3 bits for the folded model, then for the CNN without batch norm.
   */
  private double[] convOnly(Map<String, Model> models, LabeledImages test) {
    log.say("");
    log.say("## Only the conv kernels quantized (dense layers float): per tensor vs per channel");
    log.say("");
    StringBuilder head = new StringBuilder("| bits | granularity |");
    StringBuilder rule = new StringBuilder("| ---: | --- |");
    for (String name : models.keySet()) {
      head.append(' ').append(name).append(" |");
      rule.append(" ---: |");
    }
    log.say(head.toString());
    log.say(rule.toString());
    Map<String, Double> acc = new LinkedHashMap<>();
    for (int bits : BITS) {
      for (Granularity g : List.of(Granularity.perTensor(), Granularity.perChannel(-1))) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %d | %s |", bits, g));
        for (Map.Entry<String, Model> e : models.entrySet()) {
          Model m = e.getValue();
          List<quantlab.tf.Weights> saved = m.allWeights();
          double a;
          try {
            Ptq.quantizeWeights(m, quantizer(bits, g), List.of("conv1", "conv2"));
            a = m.evaluate(test).accuracy();
          } finally {
            m.setWeights(saved);
          }
          row.append(String.format(Locale.ROOT, " %.4f |", a));
          acc.put(e.getKey() + "/" + bits + "/" + g, a);
        }
        log.say(row.toString());
      }
    }
    double[] out = new double[6];
    int i = 0;
    for (String name : List.of("CNN_BN folded", "CNN (no batch norm)")) {
      for (int bits : new int[] {8, 4, 3}) {
        out[i++] = acc.get(name + "/" + bits + "/" + Granularity.perChannel(-1))
            - acc.get(name + "/" + bits + "/" + Granularity.perTensor());
      }
    }
    return out;
  }

  private static double gap(Map<String, Map<String, Double>> acc, String key) {
    Map<String, Double> m = acc.get(key);
    return m.get(Granularity.perChannel(-1).toString()) - m.get(Granularity.perTensor().toString());
  }

  /** int8 weights and activations; returns the folded model's per-tensor and per-channel. */
  private double[] fullInt8(Model folded, Model cnn, LabeledImages train, LabeledImages test,
      double foldedAcc, double cnnAcc) {
    log.say("");
    log.say("## int8 weights and int8 activations (TensorFlow FakeQuant, min-max ranges over "
        + Math.min(calibrationImages, train.count()) + " training images)");
    log.say("");
    log.say("| model | float | per-tensor weights | per-channel weights |");
    log.say("| --- | ---: | ---: | ---: |");
    double[] foldedResult = null;
    for (Object[] row : new Object[][] {{"CNN_BN folded", folded, foldedAcc},
        {"CNN (no batch norm)", cnn, cnnAcc}}) {
      Model m = (Model) row[1];
      double f = (double) row[2];
      Map<String, Range> ranges = Ptq.calibrate(m, train, calibrationImages,
          ActivationCalibration.minMax());
      ActivationQuant aq = new ActivationQuant(8, false, ranges);
      double pt = Ptq.weightsAndActivations(m, quantizer(8, Granularity.perTensor()), aq, test, f)
          .accuracy();
      double pc = Ptq.weightsAndActivations(m, quantizer(8, Granularity.perChannel(-1)), aq, test,
          f).accuracy();
      log.say(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f |", row[0], f, pt, pc));
      if (m == folded) {
        foldedResult = new double[] {pt, pc};
      }
    }
    return foldedResult;
  }

  /** Exports the batch-norm model (folded on the way) as int8; returns its XNNPACK accuracy. */
  private double tflite(Model bn, Model folded, LabeledImages train, LabeledImages test,
      double foldedAcc) throws IOException {
    Map<String, Range> ranges = TfliteExport.calibrate(bn, train, calibrationImages);
    TfliteModelSpec spec = TfliteExport.spec(bn, ranges);
    byte[] f32 = TfliteExport.toBytes(spec, TfliteVariant.FLOAT32, false, true);
    byte[] i8 = TfliteExport.toBytes(spec, TfliteVariant.INT8, true, true);
    double f32Acc = TfliteEvaluation.evaluate(Interpreter.of(f32), test).accuracy();
    Interpreter it = Interpreter.of(i8);
    double xnn = TfliteEvaluation.evaluate(it, test).accuracy();
    double ref = TfliteEvaluation.evaluate(it.withRequantization(Requantization.REFERENCE), test)
        .accuracy();
    log.say("");
    log.say("## The folded CNN_BN as TFLite files (TfliteExport folds the batch norms; conv "
        + "filters int8 per output channel, axis 0), in the Java interpreter");
    log.say("");
    log.say("Activation ranges (min-max, " + Math.min(calibrationImages, train.count())
        + " training images, taps after each batch norm and ReLU): " + ranges);
    log.say("");
    log.say("| file | bytes | of float32 | accuracy XNNPACK mode | REFERENCE mode |");
    log.say("| --- | ---: | ---: | ---: | ---: |");
    log.say(String.format(Locale.ROOT, "| float32 | %,d | 100.0%% | %.4f | (same) |", f32.length,
        f32Acc));
    log.say(String.format(Locale.ROOT, "| int8 (float input/output) | %,d | %.1f%% | %.4f | %.4f "
        + "|", i8.length, 100.0 * i8.length / f32.length, xnn, ref));
    log.say("");
    log.say(String.format(Locale.ROOT, "TensorFlow float accuracy of the folded model: %.4f.",
        foldedAcc));
    LiteRt.Availability a = LiteRt.availability();
    if (!a.available()) {
      log.say("");
      log.say("LiteRT.js: not run (" + a.reason() + ").");
      return xnn;
    }
    int n = Math.min(1000, test.count());
    float[][] rows = new float[n][];
    float[] px = test.pixels(0, n);
    for (int i = 0; i < n; i++) {
      rows[i] = java.util.Arrays.copyOfRange(px, i * 784, (i + 1) * 784);
    }
    Path file = Files.createTempFile("quantlab-cnn-bn-int8", ".tflite");
    try {
      Files.write(file, i8);
      LiteRt.Result r = LiteRt.builder().warmup(0).runs(1).build().run(file, rows);
      float[][] mine = it.runFloat(rows);
      int equal = 0;
      int total = 0;
      int right = 0;
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < mine[i].length; k++) {
          total++;
          equal += Float.compare(mine[i][k], r.outputs()[i][k]) == 0 ? 1 : 0;
        }
        right += ConfusionMatrix.argMax(r.outputs()[i]) == test.label(i) ? 1 : 0;
      }
      log.say("");
      log.say(String.format(Locale.ROOT, "LiteRT.js %s (Node.js %s) on the first %d test images: "
          + "%d of %d outputs equal the interpreter's XNNPACK mode bit for bit; accuracy on these "
          + "images %.4f.",
          r.version(), r.nodeVersion(), n, equal, total, (double) right / n));
    } finally {
      Files.deleteIfExists(file);
    }
    return xnn;
  }


  static Quantizer quantizer(int bits, Granularity g) {
    return Quantizer.builder().bits(bits).symmetric().narrowRange(true).granularity(g)
        .rounding(Rounding.HALF_TO_EVEN).build();
  }
}
