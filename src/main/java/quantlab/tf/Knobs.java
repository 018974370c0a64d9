package quantlab.tf;

import quantlab.data.LabeledImages;

/**
 * Environment knobs that keep lessons and CI runs short without changing their text (as DJL's
 * {@code MAX_EPOCH}): each is read from a system property or, failing that, the environment.
 *
 * <ul>
 *   <li>{@code QUANTLAB_MAX_EPOCHS} ({@code -Dquantlab.maxEpochs}): training runs at most this
 *       many epochs, whatever was asked.
 *   <li>{@code QUANTLAB_MAX_IMAGES} ({@code -Dquantlab.maxImages}): training, evaluation in
 *       reports and calibration use at most the first this-many images of each split.
 * </ul>
 *
 * Unset means no limit. A bad value (not a positive integer) is an error naming the knob.
 */
public final class Knobs {
  private Knobs() {}

  /** The epoch cap, or {@code Integer.MAX_VALUE}. */
  public static int maxEpochs() {
    return read("quantlab.maxEpochs", "QUANTLAB_MAX_EPOCHS");
  }

  /** The image cap, or {@code Integer.MAX_VALUE}. */
  public static int maxImages() {
    return read("quantlab.maxImages", "QUANTLAB_MAX_IMAGES");
  }

  /** {@code min(epochs, maxEpochs())}. */
  public static int epochs(int epochs) {
    return Math.min(epochs, maxEpochs());
  }

  /** The first {@link #maxImages()} images of {@code images}. */
  public static LabeledImages limit(LabeledImages images) {
    return images.first(maxImages());
  }

  static int read(String property, String env) {
    String v = System.getProperty(property);
    String from = "-D" + property;
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
      from = env;
    }
    if (v == null || v.isBlank()) {
      return Integer.MAX_VALUE;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(from + " must be a positive integer, got '" + v + "'");
    }
  }
}
