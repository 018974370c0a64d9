package quantlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import quantlab.data.Dataset;
import quantlab.data.FashionMnist;
import quantlab.data.LabeledImages;
import quantlab.qat.Qat;
import quantlab.qat.QatGradient;
import quantlab.qat.QatResult;
import quantlab.tf.Architecture;
import quantlab.tf.EpochResult;
import quantlab.tf.Knobs;
import quantlab.tf.Model;
import quantlab.tf.ModelCache;
import quantlab.tf.ProgressBarListener;
import quantlab.tf.Trainer;
import quantlab.tf.TrainingListener;
import tech.tablesaw.api.Table;

/**
 * {@code quantlab report qat}: takes the float MLP (from the model cache, trained if absent),
 * then compares post-training quantization with quantization-aware training at 8, 4, 3 and 2
 * weight bits (8-bit activations) on the test set, compares the two gradient estimators, times
 * a QAT epoch against a float epoch, and prints every figure against its target.
 */
@Command(
    name = "qat",
    mixinStandardHelpOptions = true,
    description = "Fine-tune the float MLP with quantization-aware training at 8/4/3/2-bit "
        + "weights and compare with post-training quantization and float, against targets.")
public final class ReportQatCommand implements Callable<Integer> {
  @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--float-epochs", description = "Float MLP epochs (default: ${DEFAULT-VALUE}).")
  int floatEpochs = 10;

  @Option(names = "--qat-epochs", description = "QAT epochs (default: ${DEFAULT-VALUE}).")
  int qatEpochs = 3;

  @Option(names = "--learning-rate",
      description = "QAT Adam learning rate (default: ${DEFAULT-VALUE}).")
  float learningRate = 1e-4f;

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
    log.say("# quantlab report qat");
    log.say("");
    log.say(String.format(Locale.ROOT, "Data: %s; training on %d images, testing on %d.", data,
        train.count(), test.count()));
    log.noteShortTestSet(data, test.count());
    log.say(ReportLog.machine(seed) + "; " + ReportLog.loadAverage() + ".");

    TrainingListener progress = noProgress
        ? (TrainingListener) r -> System.err.println(r) : new ProgressBarListener();
    try (Model mlp = ModelCache.standard().getOrTrain(Architecture.MLP, seed, floatEpochs, data,
        progress)) {
      double floatAcc = mlp.evaluate(test).accuracy();
      Qat base = Qat.builder().activationBits(8).epochs(qatEpochs).learningRate(learningRate)
          .seed(seed).listener(progress).build();
      log.say("");
      log.say(String.format(Locale.ROOT, "Float MLP (%s): test accuracy %.4f. QAT: %s.", mlp,
          floatAcc, base));

      // 1. PTQ vs QAT at every bit width.
      long t0 = System.nanoTime();
      Table table = base.compareWithPtq(mlp, train, test, 8, 4, 3, 2);
      log.say("");
      log.say("## " + table.name());
      log.say("");
      log.say(ReportLog.markdownTable(table));
      log.say(String.format(Locale.ROOT, "(%.1f s)", (System.nanoTime() - t0) / 1e9));
      double ptq4 = at(table, 4, "ptq_accuracy");
      double qat4 = at(table, 4, "qat_accuracy");
      double ptq2 = at(table, 2, "ptq_accuracy");
      double qat2 = at(table, 2, "qat_accuracy");
      log.target("QAT w4a8 vs float", "within 1.0 point",
          String.format(Locale.ROOT, "%.4f vs %.4f (%.2f points below)", qat4, floatAcc,
              100 * (floatAcc - qat4)), floatAcc - qat4 <= 0.01);
      log.target("QAT w4a8 vs PTQ w4a8", "clearly above (>= 0.5 points)",
          String.format(Locale.ROOT, "%.4f vs %.4f (%+.2f points)", qat4, ptq4,
              100 * (qat4 - ptq4)), qat4 - ptq4 >= 0.005);
      log.target("QAT w2a8 vs PTQ w2a8", ">= 10 points above",
          String.format(Locale.ROOT, "%.4f vs %.4f (%+.2f points)", qat2, ptq2,
              100 * (qat2 - ptq2)), qat2 - ptq2 >= 0.10);

      // 2. Gradient estimators.
      log.say("");
      log.say("## Gradient estimator (w4a8 and w2a8, " + qatEpochs + " epochs)");
      log.say("");
      log.say("| weight bits | gradient | test accuracy | final loss |");
      log.say("| ---: | --- | ---: | ---: |");
      for (int bits : new int[] {4, 2}) {
        for (QatGradient gr : QatGradient.values()) {
          try (QatResult r = base.toBuilder().weightBits(bits).gradient(gr).build()
              .fineTune(mlp, train, null)) {
            double[] loss = r.curves().loss();
            log.say(String.format(Locale.ROOT, "| %d | %s | %.4f | %.4f |", bits, gr,
                r.evaluate(test).accuracy(), loss[loss.length - 1]));
          }
        }
      }

      // 3. Cost of a QAT epoch against a float epoch, same starting weights and settings.
      List<EpochResult> floatEpochs = new ArrayList<>();
      try (Model ft = Trainer.builder().epochs(2).learningRate(learningRate).seed(seed)
          .initialWeights(mlp.allWeights()).listener(floatEpochs::add).listener(progress)
          .build().train(Architecture.MLP, train, null)) {
        // only the timing is used
      }
      double floatEpoch = floatEpochs.stream().mapToDouble(EpochResult::seconds).min()
          .orElse(Double.NaN);
      double qatEpoch;
      try (QatResult r = base.toBuilder().weightBits(4).epochs(2).build().fineTune(mlp, train,
          null)) {
        qatEpoch = java.util.Arrays.stream(r.curves().seconds()).min().orElse(Double.NaN);
      }
      double ratio = qatEpoch / floatEpoch;
      log.say("");
      log.say(String.format(Locale.ROOT, "Epoch time over %d images (fastest of %d): float %.2f s, "
          + "QAT w4a8 %.2f s, ratio %.2f.", train.count(), floatEpochs.size(), floatEpoch,
          qatEpoch, ratio));
      log.target("QAT epoch / float epoch", "<= 2.5x",
          String.format(Locale.ROOT, "%.2f s / %.2f s = %.2fx", qatEpoch, floatEpoch, ratio),
          ratio <= 2.5);
    }

    boolean all = log.targetsTable("figure", "target");
    log.say("");
    log.say(String.format(Locale.ROOT, "Whole report: %.1f s; at the end, %s.",
        (System.nanoTime() - start) / 1e9, ReportLog.loadAverage()));
    return all ? 0 : 1;
  }

  private static double at(Table t, int bits, String column) {
    for (int r = 0; r < t.rowCount(); r++) {
      if (t.intColumn("weight_bits").getInt(r) == bits) {
        return t.doubleColumn(column).getDouble(r);
      }
    }
    throw new IllegalStateException("no row for " + bits + " bits");
  }


}
