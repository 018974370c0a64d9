package quantlab.tf;

import java.util.Locale;

/**
 * How well a model classifies a set of images: accuracy, per-class accuracy and the confusion
 * matrix.
 *
 * <p>Example: {@code model.evaluate(data.test())} prints as {@code Evaluation{accuracy=0.8812 on
 * 10000 images}}.
 */
public record Evaluation(ConfusionMatrix confusion) {

  /** Fraction of images whose predicted class is the true one. */
  public double accuracy() {
    return confusion.accuracy();
  }

  /** Each class's accuracy (its recall). */
  public double[] perClassAccuracy() {
    return confusion.perClassAccuracy();
  }

  /** Number of images evaluated. */
  public long count() {
    return confusion.total();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Evaluation{accuracy=%.4f on %d images}", accuracy(),
        count());
  }
}
