package quantlab.tf;

import java.util.Locale;

/**
 * What one training epoch achieved.
 *
 * @param epoch 1-based epoch number
 * @param epochs how many epochs the run has
 * @param loss mean cross-entropy over the epoch's minibatches
 * @param trainAccuracy accuracy on the minibatches as they were trained (weights still moving)
 * @param testAccuracy accuracy on the validation images after the epoch, NaN if none were given
 * @param seconds wall time of the epoch's training steps (evaluation excluded)
 */
public record EpochResult(int epoch, int epochs, double loss, double trainAccuracy,
    double testAccuracy, double seconds) {

  /** {@code epoch 3/10: loss 0.3012, train 0.8891, test 0.8702, 0.9 s}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "epoch %d/%d: loss %.4f, train %.4f, test %s, %.1f s",
        epoch, epochs, loss, trainAccuracy,
        Double.isNaN(testAccuracy) ? "-" : String.format(Locale.ROOT, "%.4f", testAccuracy),
        seconds);
  }
}
