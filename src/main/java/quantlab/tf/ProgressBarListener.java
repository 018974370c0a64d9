package quantlab.tf;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A terminal progress bar per epoch (me.tongfei:progressbar) and a summary line after it.
 *
 * <p>Example output: {@code epoch 2/10 100% [=====] 469/469 (0:00:01)} then
 * {@code epoch 2/10: loss 0.3611, train 0.8683, test 0.8571, 0.8 s}.
 */
public final class ProgressBarListener implements TrainingListener {
  private final PrintStream out;
  private ProgressBar bar;

  /** Draws on standard error. */
  public ProgressBarListener() {
    this(System.err);
  }

  public ProgressBarListener(PrintStream out) {
    this.out = out;
  }

  @Override
  public void onEpochStart(int epoch, int epochs, int batches) {
    bar = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs)
        .setInitialMax(batches).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(out)).continuousUpdate().build();
  }

  @Override
  public void onBatch(int epoch, int batch, int batches, double loss) {
    if (bar != null) {
      bar.stepTo(batch);
      bar.setExtraMessage(String.format(java.util.Locale.ROOT, "loss %.3f", loss));
    }
  }

  @Override
  public void onEpoch(EpochResult result) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
    out.println(result);
  }

  @Override
  public void onEnd() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
