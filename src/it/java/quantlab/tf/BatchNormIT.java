package quantlab.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantlab.data.Dataset;

/**
 * {@link Architecture#CNN_BN} trained for one epoch on the bundled subset: it learns, its
 * moving averages move away from their start, a second run with the seed is bit-identical, and
 * the SavedModel keeps the moving averages.
 */
class BatchNormIT {
  static Dataset data;
  static Model model;
  @TempDir Path tmp;

  @BeforeAll
  static void train() throws Exception {
    data = Subset.load();
    model = Trainer.builder().epochs(1).seed(2).build().train(Architecture.CNN_BN, data.train(),
        null);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void learnsAndKeepsMovingAverages() {
    // 3,000 images, 24 steps: far above chance (0.10) on the 1,000 test images.
    double acc = model.evaluate(data.test()).accuracy();
    assertTrue(acc > 0.4, "accuracy " + acc);
    float[] var = model.weights("bn2_variance").values();
    float[] mean = model.weights("bn2_mean").values();
    for (int c = 0; c < var.length; c++) {
      assertNotEquals(1f, var[c], "bn2 variance " + c + " never updated");
      assertNotEquals(0f, mean[c], "bn2 mean " + c + " never updated");
      assertTrue(var[c] > 0, "variance " + var[c]);
    }
  }

  @Test
  void aSecondRunWithTheSeedIsBitIdentical() {
    try (Model again = Trainer.builder().epochs(1).seed(2).build().train(Architecture.CNN_BN,
        data.train(), null)) {
      for (String v : model.variableNames()) {
        assertArrayEquals(model.weights(v).values(), again.weights(v).values(), v);
      }
    }
  }

  @Test
  void savedModelKeepsTheBatchNorms() throws Exception {
    Path dir = tmp.resolve("cnn-bn");
    model.save(dir);
    try (Model back = Model.load(dir)) {
      assertEquals(Architecture.CNN_BN, back.architecture());
      assertArrayEquals(model.weights("bn1_variance").values(),
          back.weights("bn1_variance").values());
      assertArrayEquals(model.logits(data.test(), 0, 50), back.logits(data.test(), 0, 50));
    }
  }
}
