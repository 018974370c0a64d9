package quantlab.ptq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import quantlab.data.Dataset;
import quantlab.data.FashionMnist;
import quantlab.quant.Granularity;
import quantlab.quant.Quantizer;
import quantlab.quant.Rounding;
import quantlab.tf.Architecture;
import quantlab.tf.Model;
import quantlab.tf.Trainer;
import quantlab.tf.Weights;
import tech.tablesaw.api.Table;

class PtqIT {
  static Model model;
  static Dataset data;

  @BeforeAll
  static void train() throws IOException {
    data = FashionMnist.loader().cacheDir(Files.createTempDirectory("quantlab-ptq-it"))
        .systemDirs(List.of()).download(false).notices(n -> { }).build().load();
    model = Trainer.builder().epochs(2).seed(2).build().train(Architecture.MLP, data.train(),
        null);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void weightOnlyPutsTheFloatWeightsBack() {
    List<Weights> before = model.allWeights();
    PtqResult r = Ptq.weightOnly(model,
        Quantizer.builder().bits(3).symmetric().narrowRange(true).build(), data.test());
    for (Weights w : before) {
      assertArrayEquals(w.values(), model.weights(w.name()).values(), w.name());
    }
    assertEquals(2, r.layers().size());
    assertTrue(r.weightSqnrDb() > 5 && r.weightSqnrDb() < 25, r.toString());
  }

  @Test
  void quantizedKernelsLieOnTheGridOfEachChannel() {
    List<Weights> before = model.allWeights();
    try {
      Ptq.quantizeWeights(model, Quantizer.builder().bits(4).symmetric().narrowRange(true)
          .perChannel(-1).build());
      Weights k = model.weights("dense1_kernel");
      int cols = k.shape().dim(1);
      for (int c = 0; c < cols; c++) {
        Set<Float> distinct = new HashSet<>();
        for (int r = 0; r < k.shape().dim(0); r++) {
          distinct.add(k.values()[r * cols + c]);
        }
        assertTrue(distinct.size() <= 15, "channel " + c + " has " + distinct.size()
            + " values; 4-bit narrow range has 15 codes");
      }
    } finally {
      model.setWeights(before);
    }
  }

  @Test
  void sweepGivesOneRowPerSetting() {
    Table t = Sweep.builder().bits(8, 2)
        .granularities(Granularity.perTensor(), Granularity.perChannel(-1))
        .roundings(Rounding.HALF_TO_EVEN, Rounding.TRUNCATE).build().run(model, data.test());
    assertEquals(8, t.rowCount());
    assertEquals(List.of("bits", "granularity", "scheme", "rounding", "calibration", "accuracy",
        "accuracy_drop", "weight_sqnr_db", "model_bytes"), t.columnNames());
    double fp = model.evaluate(data.test()).accuracy();
    for (int r = 0; r < t.rowCount(); r++) {
      assertEquals(fp - t.doubleColumn("accuracy").get(r), t.doubleColumn("accuracy_drop").get(r),
          1e-12);
      if (t.intColumn("bits").get(r) == 8
          && t.stringColumn("rounding").get(r).equals("HALF_TO_EVEN")) {
        assertTrue(t.doubleColumn("accuracy_drop").get(r) < 0.01, t.print());
        // about 6 dB per bit: 8 bits of a Gaussian-ish kernel give well over 30 dB
        assertTrue(t.doubleColumn("weight_sqnr_db").get(r) > 30, t.print());
      }
    }
    // 8-bit packed MLP: 101,632 kernel bytes + scales + 138 float32 biases.
    assertEquals(101632 + 4 * 2 + 4 * 138, t.longColumn("model_bytes").get(0));
  }

  @Test
  void sweepWithCalibratedActivations() {
    Table t = Sweep.builder().bits(8).granularities(Granularity.perChannel(-1))
        .activations(8, data.train(), 200, ActivationCalibration.minMax()).build()
        .run(model, data.test());
    assertEquals(1, t.rowCount());
    assertEquals("min-max, a8", t.stringColumn("calibration").get(0));
    assertTrue(t.doubleColumn("accuracy_drop").get(0) < 0.02, t.print());
  }

  @Test
  void sensitivityHasOneRowPerLayer() {
    Table t = Ptq.sensitivity(model, Quantizer.builder().bits(2).symmetric().narrowRange(true)
        .perChannel(-1).build(), data.test());
    assertEquals(List.of("dense1", "dense2"), t.stringColumn("layer").asList());
  }
}
