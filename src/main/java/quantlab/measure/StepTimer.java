package quantlab.measure;

import java.util.Arrays;
import quantlab.tf.TrainingListener;

/**
 * A {@link TrainingListener} that times every training step (one minibatch: forward pass,
 * gradients, optimizer update): the time from the start of an epoch or the end of the previous
 * step to the end of this one. Hundreds of step times give a median that a burst of someone
 * else's work on a shared machine hardly moves, where a handful of epoch times would. Explained
 * in lesson 08.
 *
 * <pre>{@code
 * StepTimer steps = new StepTimer();
 * Trainer.builder().epochs(1).listener(steps).build().train(Architecture.MLP, train, null);
 * steps.timing("float step");   // Timing{float step: median 11.2 ms, ..., n=79}
 * }</pre>
 *
 * <p>One timer may listen to several runs; its timing then holds the steps of all of them.
 */
public final class StepTimer implements TrainingListener {
  private double[] millis = new double[256];
  private int count;
  private long last = -1;

  @Override
  public void onEpochStart(int epoch, int epochs, int batches) {
    last = System.nanoTime();
  }

  @Override
  public void onBatch(int epoch, int batch, int batches, double loss) {
    long now = System.nanoTime();
    if (last >= 0) {
      if (count == millis.length) {
        millis = Arrays.copyOf(millis, 2 * count);
      }
      millis[count++] = (now - last) / 1e6;
    }
    last = now;
  }

  @Override
  public void onEpoch(quantlab.tf.EpochResult result) {
    last = -1; // evaluation after the epoch is not a step
  }

  /** How many steps were timed. */
  public int steps() {
    return count;
  }

  /**
   * The step times so far as a {@link Timing} named {@code name}.
   *
   * @throws IllegalStateException if no step was timed yet
   */
  public Timing timing(String name) {
    if (count == 0) {
      throw new IllegalStateException("no training step was timed yet: pass this StepTimer to "
          + "Trainer.Builder.listener(...) or Qat.Builder.listener(...) and train first");
    }
    return Timing.ofMillis(name, Arrays.copyOf(millis, count));
  }
}
