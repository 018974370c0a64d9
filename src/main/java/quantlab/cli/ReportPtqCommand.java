package quantlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import quantlab.data.Dataset;
import quantlab.data.FashionMnist;
import quantlab.data.LabeledImages;
import quantlab.ptq.ActivationCalibration;
import quantlab.ptq.Ptq;
import quantlab.ptq.PtqResult;
import quantlab.ptq.Sweep;
import quantlab.quant.Granularity;
import quantlab.quant.Quantizer;
import quantlab.quant.Range;
import quantlab.quant.Rounding;
import quantlab.tf.ActivationQuant;
import quantlab.tf.Architecture;
import quantlab.tf.EpochResult;
import quantlab.tf.Knobs;
import quantlab.tf.Model;
import quantlab.tf.ProgressBarListener;
import quantlab.tf.Trainer;
import quantlab.tf.TrainingListener;
import tech.tablesaw.api.Table;

/**
 * {@code quantlab report ptq}: trains the MLP and the CNN from scratch on Fashion-MNIST, then
 * measures post-training quantization on the full test set and prints every figure with its
 * target: float accuracies, int8 weights + int8 activations, the bits x granularity x rounding
 * table for the MLP and its wall time, and the MLP's epoch time.
 */
@Command(
    name = "ptq",
    mixinStandardHelpOptions = true,
    description = "Train the MLP and CNN from scratch, quantize them after training, and print "
        + "accuracies, the PTQ sweep table and timings against their targets.")
public final class ReportPtqCommand implements Callable<Integer> {
  @Option(names = "--seed", description = "Training seed (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--mlp-epochs", description = "MLP epochs (default: ${DEFAULT-VALUE}).")
  int mlpEpochs = 10;

  @Option(names = "--cnn-epochs", description = "CNN epochs (default: ${DEFAULT-VALUE}).")
  int cnnEpochs = 8;

  @Option(names = "--calibration-images",
      description = "Training images for activation calibration (default: ${DEFAULT-VALUE}).")
  int calibrationImages = 1000;

  @Option(names = "--skip-cnn", description = "Leave out the CNN (faster).")
  boolean skipCnn;

  @Option(names = "--markdown", description = "Also write the figures as Markdown to this file.")
  Path markdown;

  @Option(names = "--no-progress",
      description = "One line per epoch instead of a progress bar (for logs).")
  boolean noProgress;

  PrintStream out = System.out;
  private ReportLog log;

  @Override
  public Integer call() throws IOException {
    long start = System.nanoTime();
    log = new ReportLog(out, markdown);
    Dataset data = FashionMnist.load();
    LabeledImages train = Knobs.limit(data.train());
    LabeledImages test = Knobs.limit(data.test());
    log.say("# quantlab report ptq");
    log.say("");
    log.say(String.format(Locale.ROOT, "Data: %s; training on %d images, testing on %d.", data,
        train.count(), test.count()));
    log.noteShortTestSet(data, test.count());
    log.say(ReportLog.machine(seed) + "; " + ReportLog.loadAverage() + ".");

    // 1. The MLP, trained from scratch.
    List<EpochResult> mlpEpochsSeen = new ArrayList<>();
    Model mlp = train(Architecture.MLP, mlpEpochs, train, test, mlpEpochsSeen);
    double mlpFloat = mlp.evaluate(test).accuracy();
    double meanEpoch = mlpEpochsSeen.stream().mapToDouble(EpochResult::seconds).average()
        .orElse(Double.NaN);
    double minEpoch = mlpEpochsSeen.stream().mapToDouble(EpochResult::seconds).min()
        .orElse(Double.NaN);
    log.say("");
    log.say("## MLP (784 -> Dense 128 ReLU -> Dense 10), Adam 0.001, batch 128");
    log.say("");
    log.say("| epoch | loss | train accuracy | test accuracy | seconds |");
    log.say("| ---: | ---: | ---: | ---: | ---: |");
    for (EpochResult r : mlpEpochsSeen) {
      log.say(String.format(Locale.ROOT, "| %d | %.4f | %.4f | %.4f | %.2f |", r.epoch(), r.loss(),
          r.trainAccuracy(), r.testAccuracy(), r.seconds()));
    }
    log.target("MLP float test accuracy", ">= 0.88 within 10 epochs",
        String.format(Locale.ROOT, "%.4f after %d epochs", mlpFloat, mlpEpochsSeen.size()),
        mlpFloat >= 0.88);
    log.target("MLP epoch time over " + train.count() + " images", "<= 3 s",
        String.format(Locale.ROOT, "mean %.2f s, fastest %.2f s", meanEpoch, minEpoch),
        meanEpoch <= 3);

    // 2. int8 per-channel weights + int8 activations.
    Quantizer int8pc = Quantizer.builder().bits(8).symmetric().narrowRange(true).perChannel(-1)
        .rounding(Rounding.HALF_TO_EVEN).build();
    PtqResult mlpInt8 = int8(mlp, int8pc, train, test, mlpFloat, "MLP");
    log.target("MLP int8 per-channel weights + int8 activations", "within 0.5 points",
        String.format(Locale.ROOT, "%.4f (drop %.2f points)", mlpInt8.accuracy(),
            100 * mlpInt8.accuracyDrop()), mlpInt8.accuracyDrop() <= 0.005);

    // 2b. Activation calibration methods, with int8 per-channel weights.
    Table cal = Sweep.builder().bits(8).granularities(Granularity.perChannel(-1))
        .activations(8, train, calibrationImages, ActivationCalibration.minMax(),
            ActivationCalibration.percentile(99.99), ActivationCalibration.mse(8),
            ActivationCalibration.entropy())
        .build().run(mlp, test);
    log.say("");
    log.say("## MLP: int8 per-channel weights, int8 activations, by calibration method ("
        + Math.min(calibrationImages, train.count()) + " training images)");
    log.say("");
    log.say(ReportLog.markdownTable(cal));

    // 3. The sweep on the MLP.
    long t0 = System.nanoTime();
    Sweep sweep = Sweep.builder().bits(8, 6, 4, 3, 2)
        .granularities(Granularity.perTensor(), Granularity.perChannel(-1))
        .roundings(Rounding.HALF_TO_EVEN, Rounding.TRUNCATE).build();
    Table table = sweep.run(mlp, test);
    double sweepSeconds = (System.nanoTime() - t0) / 1e9;
    log.say("");
    log.say("## MLP weight-only PTQ sweep (symmetric, narrow range; activations float)");
    log.say("");
    log.say(table.name());
    log.say("");
    log.say(ReportLog.markdownTable(table));
    log.say(String.format(Locale.ROOT, "%d settings in %.1f s.", table.rowCount(), sweepSeconds));
    log.target("MLP sweep, 20 settings on " + test.count() + " test images", "< 60 s",
        String.format(Locale.ROOT, "%.1f s", sweepSeconds), sweepSeconds < 60);

    // 4. Per-layer sensitivity at 2 and 3 bits per channel.
    for (int bits : new int[] {3, 2}) {
      Quantizer low = Quantizer.builder().bits(bits).symmetric().narrowRange(true)
          .perChannel(-1).rounding(Rounding.HALF_TO_EVEN).build();
      Table s = Ptq.sensitivity(mlp, low, test);
      log.say("");
      log.say("### MLP per-layer sensitivity, " + bits + "-bit per-channel weights, one layer at a "
          + "time");
      log.say("");
      log.say(ReportLog.markdownTable(s));
    }
    mlp.close();

    // 5. The CNN.
    if (!skipCnn) {
      List<EpochResult> cnnSeen = new ArrayList<>();
      Model cnn = train(Architecture.CNN, cnnEpochs, train, test, cnnSeen);
      double cnnFloat = cnn.evaluate(test).accuracy();
      log.say("");
      log.say("## CNN (conv 3x3x16 - pool - conv 3x3x32 - pool - dense 64 - dense 10)");
      log.say("");
      log.say("| epoch | loss | train accuracy | test accuracy | seconds |");
      log.say("| ---: | ---: | ---: | ---: | ---: |");
      for (EpochResult r : cnnSeen) {
        log.say(String.format(Locale.ROOT, "| %d | %.4f | %.4f | %.4f | %.2f |", r.epoch(),
            r.loss(), r.trainAccuracy(), r.testAccuracy(), r.seconds()));
      }
      log.target("CNN float test accuracy", ">= 0.90",
          String.format(Locale.ROOT, "%.4f after %d epochs", cnnFloat, cnnSeen.size()),
          cnnFloat >= 0.90);
      PtqResult cnnInt8 = int8(cnn, int8pc, train, test, cnnFloat, "CNN");
      log.target("CNN int8 per-channel weights + int8 activations", "within 0.5 points",
          String.format(Locale.ROOT, "%.4f (drop %.2f points)", cnnInt8.accuracy(),
              100 * cnnInt8.accuracyDrop()), cnnInt8.accuracyDrop() <= 0.005);
      Table cnnTable = Sweep.builder().bits(8, 4, 3)
          .granularities(Granularity.perTensor(), Granularity.perChannel(-1)).build()
          .run(cnn, test);
      log.say("");
      log.say("## CNN weight-only PTQ: per-tensor vs per-channel");
      log.say("");
      log.say(ReportLog.markdownTable(cnnTable));
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

  private Model train(Architecture arch, int epochs, LabeledImages train, LabeledImages test,
      List<EpochResult> seen) {
    Trainer.Builder b = Trainer.builder().epochs(epochs).seed(seed).listener(seen::add);
    if (!noProgress) {
      b.listener(new ProgressBarListener());
    } else {
      b.listener((TrainingListener) r -> System.err.println(arch + " " + r));
    }
    return b.build().train(arch, train, test);
  }

  private PtqResult int8(Model m, Quantizer wq, LabeledImages train, LabeledImages test,
      double floatAccuracy, String label) {
    Map<String, Range> ranges = Ptq.calibrate(m, train, calibrationImages,
        ActivationCalibration.minMax());
    PtqResult r = Ptq.weightsAndActivations(m, wq, new ActivationQuant(8, false, ranges), test,
        floatAccuracy);
    PtqResult w = Ptq.weightOnly(m, wq, test, floatAccuracy);
    log.say("");
    log.say("## " + label + ": int8 weights (symmetric, per channel) and int8 activations");
    log.say("");
    log.say("Activation ranges (min-max over " + Math.min(calibrationImages, train.count())
        + " training images): " + ranges);
    log.say("");
    log.say("| setting | accuracy | drop (points) | weight SQNR (dB) | bytes |");
    log.say("| --- | ---: | ---: | ---: | ---: |");
    log.say(String.format(Locale.ROOT, "| float32 | %.4f | 0 | - | %d |", floatAccuracy,
        Ptq.floatBytes(m)));
    for (PtqResult x : List.of(w, r)) {
      log.say(String.format(Locale.ROOT, "| %s | %.4f | %.2f | %.2f | %d |", x.setting(),
          x.accuracy(), 100 * x.accuracyDrop(), x.weightSqnrDb(), x.modelBytes()));
    }
    return r;
  }




}
