package quantlab.qat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import quantlab.data.Dataset;
import quantlab.data.FashionMnist;
import quantlab.data.LabeledImages;
import quantlab.ptq.ActivationCalibration;
import quantlab.ptq.Ptq;
import quantlab.quant.Range;
import quantlab.tf.ActivationQuant;
import quantlab.tf.Architecture;
import quantlab.tf.Model;
import quantlab.tf.Trainer;
import tech.tablesaw.api.Table;

/**
 * {@link Qat#compare}: one fine-tuning per bit width gives both the table and the curves, and
 * every number agrees with the same steps done one at a time (on 600 images of the bundled
 * subset, so it takes seconds).
 */
class QatComparisonTest {
  static LabeledImages train;
  static LabeledImages test;
  static Model floatModel;

  @BeforeAll
  static void trainFloat() throws IOException {
    Dataset data = FashionMnist.loader()
        .cacheDir(Files.createTempDirectory("quantlab-qat-comparison"))
        .systemDirs(List.of()).download(false).notices(n -> { }).build().load();
    train = data.train().first(600);
    test = data.test().first(300);
    floatModel = Trainer.builder().epochs(2).seed(5).build().train(Architecture.MLP, train,
        null);
  }

  @AfterAll
  static void close() {
    floatModel.close();
  }

  static Qat qat() {
    return Qat.builder().activationBits(8).epochs(2).seed(9).calibrationImages(200).build();
  }

  @Test
  void oneRunPerBitWidthGivesTheTableAndTheCurves() {
    QatComparison c = qat().compare(floatModel, train, test, 4, 2);
    Table t = c.table();
    assertEquals(2, t.rowCount());
    assertEquals(List.of(4, 2), List.copyOf(c.curves().keySet()));
    Map<String, Range> ranges = Ptq.calibrate(floatModel, train, 200,
        ActivationCalibration.minMax());
    double floatAcc = floatModel.evaluate(test).accuracy();
    for (int row = 0; row < 2; row++) {
      int bits = t.intColumn("weight_bits").get(row);
      QatCurves curves = c.curves(bits);
      assertEquals(2, curves.epochs());
      // The table's QAT accuracy is the curve's last point ...
      assertEquals(curves.testAccuracy()[1], t.doubleColumn("qat_accuracy").get(row), 0.0);
      // ... and what a separate fine-tuning with the same settings measures.
      try (QatResult alone = qat().toBuilder().weightBits(bits).build().fineTune(floatModel,
          train, test)) {
        assertEquals(alone.evaluate(test).accuracy(), t.doubleColumn("qat_accuracy").get(row),
            0.0, "w" + bits);
        assertEquals(alone.curves().testAccuracy()[0], curves.testAccuracy()[0], 0.0);
        assertEquals(alone.curves().loss()[1], curves.loss()[1], 0.0);
        assertArrayEquals(alone.model().weights("dense1_kernel").values(),
            c.kernel(bits, "dense1_kernel").values(), "w" + bits);
        assertEquals(2, c.kernels(bits).size());
      }
      double ptq = Ptq.weightsAndActivations(floatModel, Qat.weightQuantizer(bits),
          new ActivationQuant(8, false, ranges), test, floatAcc).accuracy();
      assertEquals(ptq, t.doubleColumn("ptq_accuracy").get(row), 0.0, "w" + bits);
      assertEquals(floatAcc, t.doubleColumn("float_accuracy").get(row), 0.0);
      assertEquals(100 * (curves.testAccuracy()[1] - ptq),
          t.doubleColumn("qat_minus_ptq_points").get(row), 1e-9);
    }
    // Printed with 4 decimals (accuracies) and 2 (points, seconds), not Java's 17 digits.
    String acc = t.doubleColumn("qat_accuracy").getString(0);
    assertEquals(String.format(java.util.Locale.ROOT, "%.4f",
        t.doubleColumn("qat_accuracy").get(0)), acc);
    assertEquals(String.format(java.util.Locale.ROOT, "%.2f",
        t.doubleColumn("qat_minus_ptq_points").get(0)),
        t.doubleColumn("qat_minus_ptq_points").getString(0));
    assertEquals(List.of("w4 test accuracy", "w2 test accuracy"),
        List.copyOf(c.testAccuracies().keySet()));
    assertEquals("no QAT run at weightBits 3; there are [4, 2]",
        assertThrows(IllegalArgumentException.class, () -> c.curves(3)).getMessage());
  }

  @Test
  void compareWithPtqKeepsItsTable() {
    Table t = qat().compareWithPtq(floatModel, train, test, 2);
    QatComparison c = qat().compare(floatModel, train, test, 2);
    for (String col : List.of("weight_bits", "activation_bits", "float_accuracy",
        "ptq_accuracy", "qat_accuracy", "qat_minus_ptq_points")) {
      assertEquals(t.column(col).get(0), c.table().column(col).get(0), col);
    }
    assertEquals("weightBitWidths must name at least one bit width", assertThrows(
        IllegalArgumentException.class, () -> qat().compare(floatModel, train, test))
        .getMessage());
  }
}
