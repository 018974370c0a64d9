package quantlab.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import quantlab.data.Dataset;
import quantlab.data.FashionMnist;
import quantlab.data.LabeledImages;
import quantlab.interp.Interpreter;
import quantlab.interp.Requantization;
import quantlab.quant.Range;
import quantlab.tf.Architecture;
import quantlab.tf.Model;
import quantlab.tf.Trainer;
import quantlab.tflite.TfliteModelSpec;
import quantlab.tflite.TfliteVariant;

/**
 * The real trained MLP and CNN (bundled subset, 1 epoch) exported to .tflite and run in the
 * Java interpreter: float32 equals TensorFlow's logits within float rounding, int8 classifies
 * like the float TF model (the 0.5-point target on the full test set is measured by
 * {@code quantlab report tflite}).
 */
class TfliteExportIT {
  static Dataset subset() throws Exception {
    return FashionMnist.loader().cacheDir(Files.createTempDirectory("quantlab-it-cache"))
        .systemDirs(List.of()).download(false).notices(n -> { }).build().load();
  }

  static float[][] rows(LabeledImages images) {
    float[] all = images.pixels(0, images.count());
    float[][] r = new float[images.count()][784];
    for (int i = 0; i < r.length; i++) {
      System.arraycopy(all, i * 784, r[i], 0, 784);
    }
    return r;
  }

  static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  @Test
  void mlp() throws Exception {
    check(Architecture.MLP);
  }

  @Test
  void cnn() throws Exception {
    check(Architecture.CNN);
  }

  void check(Architecture arch) throws Exception {
    Dataset data = subset();
    LabeledImages test = data.test();
    try (Model m = Trainer.builder().epochs(1).seed(3).build().train(arch, data)) {
      Map<String, Range> ranges = TfliteExport.calibrate(m, data.train(), 1000);
      TfliteModelSpec spec = TfliteExport.spec(m, ranges);
      assertArrayEquals(new int[] {1, 10}, spec.outputShape());
      float[][] x = rows(test);
      float[] tfLogits = m.logits(test, 0, test.count());

      // float32: the interpreter reproduces TensorFlow's logits.
      Interpreter f32 = Interpreter.of(TfliteExport.toBytes(spec, TfliteVariant.FLOAT32,
          false, true));
      float[][] ours = f32.runFloat(x);
      double worst = 0;
      int top1Diff = 0;
      for (int i = 0; i < x.length; i++) {
        float[] tf = java.util.Arrays.copyOfRange(tfLogits, i * 10, i * 10 + 10);
        for (int k = 0; k < 10; k++) {
          worst = Math.max(worst, Math.abs(ours[i][k] - tf[k]) / (1 + Math.abs(tf[k])));
        }
        top1Diff += argmax(tf) == argmax(ours[i]) ? 0 : 1;
      }
      System.out.printf("[export] %s float32 vs TF: worst relative logit error %.2e,"
          + " top-1 differences %d of %d%n", arch, worst, top1Diff, x.length);
      assertTrue(worst < 1e-4, arch + " float32 logits differ from TF by " + worst);

      // int8 (float edges), both requantization modes: accuracy close to the float TF model.
      double tfAcc = m.evaluate(test).accuracy();
      for (boolean perChannelFc : new boolean[] {true, false}) {
        byte[] int8 = TfliteExport.toBytes(spec, TfliteVariant.INT8, true, perChannelFc);
        for (Requantization mode : Requantization.values()) {
          float[][] q = Interpreter.of(int8).withRequantization(mode).runFloat(x);
          int right = 0;
          for (int i = 0; i < x.length; i++) {
            right += argmax(q[i]) == test.label(i) ? 1 : 0;
          }
          double acc = right / (double) x.length;
          System.out.printf("[export] %s int8 (%s FC, %s): accuracy %.4f, TF float %.4f%n",
              arch, perChannelFc ? "per-channel" : "per-tensor", mode, acc, tfAcc);
          // 1,000 subset images: one image is 0.1 points; the full-set 0.5-point target is
          // measured by the report. Here: within 1.5 points.
          assertTrue(Math.abs(acc - tfAcc) <= 0.015, arch + " int8 " + mode + " accuracy "
              + acc + " vs TF float " + tfAcc);
        }
      }
      assertEquals(784, f32.input(0).sampleSize());
    }
  }
}
