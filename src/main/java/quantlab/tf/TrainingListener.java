package quantlab.tf;

/**
 * Hears about training as it goes: a terminal progress bar, a notebook widget, a test. Every
 * method has an empty default, so a lambda-friendly {@link #onEpoch} is all most need:
 * {@code Trainer.builder().listener(r -> System.out.println(r)).build()}.
 */
@FunctionalInterface
public interface TrainingListener {
  /** Called after each epoch with its loss and accuracies. */
  void onEpoch(EpochResult result);

  /** Called before epoch {@code epoch} (1-based) starts its {@code batches} minibatches. */
  default void onEpochStart(int epoch, int epochs, int batches) {}

  /** Called after each minibatch with its loss. */
  default void onBatch(int epoch, int batch, int batches, double loss) {}

  /** Called once when training ends. */
  default void onEnd() {}
}
