package quantlab.ptq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import quantlab.data.Dataset;
import quantlab.data.FashionMnist;
import quantlab.data.LabeledImages;
import quantlab.deploy.TfliteEvaluation;
import quantlab.deploy.TfliteExport;
import quantlab.interp.Interpreter;
import quantlab.tf.Architecture;
import quantlab.tf.Model;
import quantlab.tf.Trainer;
import quantlab.tflite.TfliteVariant;

/**
 * A trained CNN_BN (bundled subset, 2 epochs) folded: the folded CNN in TensorFlow and the
 * folded float32 file in the interpreter give the batch-norm model's logits within float
 * tolerance and the same accuracy; per-channel codes survive folding, per-tensor ones do not.
 */
class BatchNormFoldingIT {
  @Test
  void trainedModelFoldsExactly() throws Exception {
    Dataset data = FashionMnist.loader().cacheDir(Files.createTempDirectory("quantlab-it-cache"))
        .systemDirs(List.of()).download(false).notices(n -> { }).build().load();
    LabeledImages test = data.test();
    try (Model bn = Trainer.builder().epochs(2).seed(4).build().train(Architecture.CNN_BN,
        data.train(), null); Model folded = BatchNormFolding.fold(bn)) {
      float[] a = bn.logits(test, 0, test.count());
      float[] b = folded.logits(test, 0, test.count());
      double worst = BatchNormFoldingTest.maxRelative(a, b);
      assertTrue(worst < 1e-4, "TF folded vs TF batch norm: " + worst);
      double acc = bn.evaluate(test).accuracy();
      assertEquals(acc, folded.evaluate(test).accuracy(), 0.0015, "at most one image in 1,000");
      Interpreter f32 = Interpreter.of(TfliteExport.toBytes(TfliteExport.spec(bn),
          TfliteVariant.FLOAT32, false, true));
      assertEquals(acc, TfliteEvaluation.evaluate(f32, test).accuracy(), 0.0015);
      // Folding scaled the channels by different factors: conv1's spread changed.
      double before = ChannelSpread.of(bn.weights("conv1_kernel")).ratio();
      double after = ChannelSpread.of(folded.weights("conv1_kernel")).ratio();
      assertTrue(Math.abs(after - before) > 1e-3, before + " -> " + after);
    }
  }
}
