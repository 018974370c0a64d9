package quantlab.qat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import quantlab.data.Dataset;
import quantlab.data.FashionMnist;
import quantlab.ptq.ActivationCalibration;
import quantlab.ptq.Ptq;
import quantlab.quant.Range;
import quantlab.tf.ActivationQuant;
import quantlab.tf.Architecture;
import quantlab.tf.Model;
import quantlab.tf.Trainer;
import quantlab.tf.Weights;

/** QAT on the bundled subset (3000 train, 1000 test): one epoch at 4 bits. */
class QatIT {
  static Dataset data;
  static Model floatModel;

  @BeforeAll
  static void train() throws IOException {
    data = FashionMnist.loader().cacheDir(Files.createTempDirectory("quantlab-qat-it"))
        .systemDirs(List.of()).download(false).notices(n -> { }).build().load();
    floatModel = Trainer.builder().epochs(5).seed(3).build().train(Architecture.MLP,
        data.train(), null);
  }

  @AfterAll
  static void close() {
    floatModel.close();
  }

  static Qat qat4() {
    return Qat.builder().weightBits(4).activationBits(8).epochs(1).seed(7)
        .build();
  }

  @Test
  void oneEpochAtFourBitsTrainsThroughTheFakeQuantAndBeatsPtq() {
    float[] before = floatModel.weights("dense1_kernel").values();
    try (QatResult r = qat4().fineTune(floatModel, data.train(), data.test())) {
      float[] after = r.model().weights("dense1_kernel").values();
      int changed = 0;
      for (int i = 0; i < before.length; i++) {
        if (before[i] != after[i]) {
          changed++;
        }
      }
      assertTrue(changed > before.length / 2, "weights changed: " + changed);
      assertArrayEquals(before, floatModel.weights("dense1_kernel").values(),
          "the float model is left unchanged");
      assertTrue(Double.isFinite(r.curves().loss()[0]), "loss " + r.curves().loss()[0]);
      double qat = r.evaluate(data.test()).accuracy();
      Map<String, Range> ranges = Ptq.calibrate(floatModel, data.train(), 1000,
          ActivationCalibration.minMax());
      double ptq = Ptq.weightsAndActivations(floatModel, Qat.weightQuantizer(4),
          new ActivationQuant(8, false, ranges), data.test(),
          floatModel.evaluate(data.test()).accuracy()).accuracy();
      assertTrue(qat > ptq, "QAT " + qat + " should beat PTQ " + ptq + " at 4 bits");
      assertEquals(qat, r.curves().testAccuracy()[0], 1e-12,
          "evaluation uses the training graph's fake quantization");

      // The exported weights are on the 4-bit grid: xHat / scale is an integer in [-7, 7].
      Weights fq = r.fakeQuantizedWeights().get(0);
      int out = fq.shape().dim(-1);
      for (int c = 0; c < out; c++) {
        float m = 0;
        for (int i = c; i < after.length; i += out) {
          m = Math.max(m, Math.abs(after[i]));
        }
        double scale = m / 7.0;
        for (int i = c; i < after.length; i += out) {
          double q = fq.values()[i] / scale;
          assertEquals(Math.rint(q), q, 1e-3, "channel " + c);
          assertTrue(Math.abs(q) <= 7 + 1e-3);
        }
      }
      Map<String, Range> learned = r.activationRanges();
      assertEquals(List.of("input", "dense1", "dense2"), List.copyOf(learned.keySet()));
      assertFalse(learned.get("dense1").equals(ranges.get("dense1")),
          "the moving average moved the range");
    }
  }

  @Test
  void oneSeedGivesIdenticalRuns() {
    float[] a;
    float[] b;
    double[] la;
    double[] lb;
    try (QatResult r = qat4().fineTune(floatModel, data.train(), null)) {
      a = r.model().weights("dense1_kernel").values();
      la = r.curves().loss();
    }
    try (QatResult r = qat4().fineTune(floatModel, data.train(), null)) {
      b = r.model().weights("dense1_kernel").values();
      lb = r.curves().loss();
    }
    assertArrayEquals(a, b);
    assertArrayEquals(la, lb);
  }

  @Test
  void plainSteTrainsToo() {
    try (QatResult r = qat4().toBuilder().gradient(QatGradient.PLAIN_STE).build()
        .fineTune(floatModel, data.train(), null)) {
      assertTrue(Double.isFinite(r.curves().loss()[0]));
      assertFalse(java.util.Arrays.equals(floatModel.weights("dense2_kernel").values(),
          r.model().weights("dense2_kernel").values()));
    }
  }
}
