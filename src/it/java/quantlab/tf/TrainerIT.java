package quantlab.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import quantlab.data.Dataset;
import quantlab.data.LabeledImages;

class TrainerIT {
  @Test
  void sameSeedSameWeightsOtherSeedOtherWeights() throws Exception {
    LabeledImages train = Subset.load().train().first(1000);
    float[] a;
    float[] b;
    float[] c;
    try (Model m = Trainer.builder().epochs(1).seed(5).build().train(Architecture.MLP, train,
        null)) {
      a = m.weights("dense1_kernel").values();
    }
    try (Model m = Trainer.builder().epochs(1).seed(5).build().train(Architecture.MLP, train,
        null)) {
      b = m.weights("dense1_kernel").values();
    }
    try (Model m = Trainer.builder().epochs(1).seed(6).build().train(Architecture.MLP, train,
        null)) {
      c = m.weights("dense1_kernel").values();
    }
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
  }

  @Test
  void listenerHearsEveryBatchAndEpochInOrder() throws Exception {
    LabeledImages train = Subset.load().train().first(1000);
    List<String> events = new ArrayList<>();
    TrainingListener l = new TrainingListener() {
      @Override
      public void onEpochStart(int epoch, int epochs, int batches) {
        events.add("start " + epoch + "/" + epochs + " " + batches);
      }

      @Override
      public void onBatch(int epoch, int batch, int batches, double loss) {
        assertTrue(loss > 0 && Double.isFinite(loss), "loss " + loss);
        events.add("b" + batch);
      }

      @Override
      public void onEpoch(EpochResult r) {
        events.add("end " + r.epoch());
      }

      @Override
      public void onEnd() {
        events.add("done");
      }
    };
    try (Model m = Trainer.builder().epochs(2).batchSize(250).listener(l).build()
        .train(Architecture.MLP, train, null)) {
      assertEquals(List.of("start 1/2 4", "b1", "b2", "b3", "b4", "end 1", "start 2/2 4", "b1",
          "b2", "b3", "b4", "end 2", "done"), events);
      assertEquals("2", m.info().get("epochs"));
    }
  }

  @Test
  void mlpAndCnnLearnFarAboveChance() throws Exception {
    Dataset d = Subset.load();
    List<EpochResult> seen = new ArrayList<>();
    try (Model m = Trainer.builder().epochs(3).listener(seen::add).build()
        .train(Architecture.MLP, d.train(), d.test())) {
      double acc = m.evaluate(d.test()).accuracy();
      assertTrue(acc > 0.6, "MLP accuracy " + acc + " (chance is 0.1)");
      assertEquals(acc, seen.get(2).testAccuracy(), 0.0);
      assertTrue(seen.get(2).loss() < seen.get(0).loss(), seen.toString());
    }
    try (Model m = Trainer.builder().epochs(2).build().train(Architecture.CNN, d.train(), null)) {
      double acc = m.evaluate(d.test()).accuracy();
      assertTrue(acc > 0.3, "CNN accuracy " + acc + " (chance is 0.1)");
      assertEquals(List.of("conv1_kernel", "conv1_bias", "conv2_kernel", "conv2_bias",
          "dense1_kernel", "dense1_bias", "dense2_kernel", "dense2_bias"), m.variableNames());
      assertEquals(quantlab.quant.Shape.of(3, 3, 16, 32), m.weights("conv2_kernel").shape());
    }
  }
}
