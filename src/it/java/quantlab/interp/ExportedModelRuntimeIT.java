package quantlab.interp;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import quantlab.data.Dataset;
import quantlab.data.FashionMnist;
import quantlab.data.LabeledImages;
import quantlab.deploy.TfliteExport;
import quantlab.quant.Range;
import quantlab.tf.Architecture;
import quantlab.tf.Model;
import quantlab.tf.Trainer;
import quantlab.tflite.TfliteModelSpec;
import quantlab.tflite.TfliteVariant;

/**
 * The trained int8 MLP exported by {@link TfliteExport} (bundled subset, 1 epoch, float edges)
 * in LiteRT.js in Node.js on 1,000 Fashion-MNIST test images: bit-equal to the interpreter's
 * XNNPACK mode, top-1 identical, and reference mode within one code per layer (checked by
 * {@link RuntimeAgreementIT#checkInt8}). Its dynamic-range file: bit-equal to the interpreter's
 * XNNPACK mode (checked by {@link HybridRuntimeIT#checkModel}).
 */
class ExportedModelRuntimeIT {
  @Test
  void trainedInt8MlpInLiteRtNode() throws Exception {
    RealRuntimes.require(RealRuntimes.Runtime.LITERT_NODE);
    Dataset data = FashionMnist.loader()
        .cacheDir(Files.createTempDirectory("quantlab-it-cache")).systemDirs(List.of())
        .download(false).notices(n -> { }).build().load();
    LabeledImages test = data.test().first(1000);
    try (Model m = Trainer.builder().epochs(1).seed(5).build().train(Architecture.MLP, data)) {
      Map<String, Range> ranges = TfliteExport.calibrate(m, data.train(), 1000);
      TfliteModelSpec spec = TfliteExport.spec(m, ranges);
      byte[] int8 = TfliteExport.toBytes(spec, TfliteVariant.INT8, true, true);
      float[] all = test.pixels(0, test.count());
      float[][] x = new float[test.count()][784];
      for (int i = 0; i < x.length; i++) {
        System.arraycopy(all, i * 784, x[i], 0, 784);
      }
      Range logits = ranges.get("dense2");
      double codeScale = (Math.max(0, logits.max()) - Math.min(0, logits.min())) / 255.0;
      RuntimeAgreementIT.checkInt8("trained int8 MLP (TfliteExport, subset)",
          RealRuntimes.Runtime.LITERT_NODE, int8, x, new int[] {1, 784}, codeScale);
      // The dynamic-range file: both FULLY_CONNECTED layers hybrid, logits out: every output
      // bit-equal in XNNPACK mode (measured 10,000/10,000 on 2026-11-28).
      byte[] dr = TfliteExport.toBytes(spec, TfliteVariant.DYNAMIC_RANGE, true, true);
      HybridRuntimeIT.checkModel("trained dynamic-range MLP (TfliteExport, subset)", dr, x,
          new int[] {1, 784}, 0);
      // Speed, reported only (figures vary with the machine's load): the runtime's own timing
      // of 1,000 single-image runs, int8 against float32.
      byte[] f32 = TfliteExport.toBytes(spec, TfliteVariant.FLOAT32, false, true);
      double msF32 = RealRuntimes.run(RealRuntimes.Runtime.LITERT_NODE, f32, x,
          new int[] {1, 784}).millis();
      double msInt8 = RealRuntimes.run(RealRuntimes.Runtime.LITERT_NODE, int8,
          RealRuntimes.onInputGrid(int8, x), new int[] {1, 784}).millis();
      System.out.printf(java.util.Locale.ROOT, "[export-speed] LiteRT.js in Node.js, trained MLP,"
          + " %d images: float32 %.1f ms, int8 %.1f ms (int8/float32 %.2f)%n", x.length, msF32,
          msInt8, msInt8 / msF32);
    }
  }

  /**
   * The trained CNN_BN (bundled subset, 1 epoch), exported as int8 with float edges: TfliteExport
   * folds the batch norms into the two CONV_2D operators (per-channel filters, axis 0); in
   * LiteRT.js on 300 test images every output equals the interpreter's XNNPACK mode.
   */
  @Test
  void trainedInt8FoldedBatchNormCnnInLiteRtNode() throws Exception {
    RealRuntimes.require(RealRuntimes.Runtime.LITERT_NODE);
    Dataset data = FashionMnist.loader()
        .cacheDir(Files.createTempDirectory("quantlab-it-cache")).systemDirs(List.of())
        .download(false).notices(n -> { }).build().load();
    LabeledImages test = data.test().first(300);
    try (Model m = Trainer.builder().epochs(1).seed(6).build().train(Architecture.CNN_BN,
        data.train(), null)) {
      Map<String, Range> ranges = TfliteExport.calibrate(m, data.train(), 500);
      byte[] int8 = TfliteExport.toBytes(TfliteExport.spec(m, ranges), TfliteVariant.INT8, true,
          true);
      float[] all = test.pixels(0, test.count());
      float[][] x = new float[test.count()][784];
      for (int i = 0; i < x.length; i++) {
        System.arraycopy(all, i * 784, x[i], 0, 784);
      }
      Range logits = ranges.get("dense2");
      double codeScale = (Math.max(0, logits.max()) - Math.min(0, logits.min())) / 255.0;
      RuntimeAgreementIT.checkInt8("trained int8 CNN_BN, batch norms folded (subset)",
          RealRuntimes.Runtime.LITERT_NODE, int8, x, new int[] {1, 784}, codeScale);
    }
  }
}
