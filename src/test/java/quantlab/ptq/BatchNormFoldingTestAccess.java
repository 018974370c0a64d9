package quantlab.ptq;

import java.util.List;
import quantlab.data.LabeledImages;
import quantlab.tf.Weights;

/** {@link BatchNormFoldingTest}'s random CNN_BN weights and images, for tests of other packages. */
public final class BatchNormFoldingTestAccess {
  private BatchNormFoldingTestAccess() {}

  public static List<Weights> randomCnnBn(long seed) {
    return BatchNormFoldingTest.randomCnnBn(seed);
  }

  public static LabeledImages randomImages(int n, long seed) {
    return BatchNormFoldingTest.randomImages(n, seed);
  }
}
