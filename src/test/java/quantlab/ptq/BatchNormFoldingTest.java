package quantlab.ptq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import quantlab.data.IdxArray;
import quantlab.data.LabeledImages;
import quantlab.quant.Shape;
import quantlab.tf.Architecture;
import quantlab.tf.Model;
import quantlab.tf.Weights;

class BatchNormFoldingTest {

  @Test
  void theJavadocExampleByHand() {
    // f = gamma / sqrt(variance + epsilon) = [3 / sqrt(4), 1 / sqrt(1)] = [1.5, 1]
    // wFold = f * w = [0.75, -1]; bFold = beta + f * (b - mean) = [0.5 - 1.125, -0.5]
    BatchNormFolding.Folded f = BatchNormFolding.fold(
        new Weights("conv_kernel", Shape.of(1, 1, 1, 2), new float[] {0.5f, -1f}),
        new Weights("conv_bias", Shape.of(2), new float[] {0.25f, 0f}),
        new float[] {3f, 1f}, new float[] {0.5f, 0f}, new float[] {1f, 0.5f},
        new float[] {3.75f, 0.75f}, 0.25f);
    assertArrayEquals(new float[] {0.75f, -1f}, f.kernel().values());
    assertArrayEquals(new float[] {-0.625f, -0.5f}, f.bias().values());
    assertEquals("conv_kernel", f.kernel().name());
    assertEquals(Shape.of(1, 1, 1, 2), f.kernel().shape());
    assertArrayEquals(new float[] {1.5f, 1f},
        BatchNormFolding.factors(new float[] {3f, 1f}, new float[] {3.75f, 0.75f}, 0.25f));
  }

  @Test
  void eachOutputChannelIsScaledByItsOwnFactor() {
    // [2, 3] kernel (in = 2, out = 3): column c is scaled by f[c] = gamma[c] / sqrt(1 + 0) = gamma.
    BatchNormFolding.Folded f = BatchNormFolding.fold(
        new Weights("k", Shape.of(2, 3), new float[] {1, 2, 3, 4, 5, 6}),
        new Weights("b", Shape.of(3), new float[] {1, 1, 1}),
        new float[] {2, 0.5f, -1}, new float[] {0, 0, 0}, new float[] {0, 0, 0},
        new float[] {1, 1, 1}, 0f);
    assertArrayEquals(new float[] {2, 1, -3, 8, 2.5f, -6}, f.kernel().values());
    assertArrayEquals(new float[] {2, 0.5f, -1}, f.bias().values());
  }

  @Test
  void badArgumentsAreNamed() {
    Weights k = new Weights("k", Shape.of(2, 3), new float[6]);
    Weights b = new Weights("b", Shape.of(3), new float[3]);
    float[] three = {1, 1, 1};
    assertEquals("gamma must have one value per output channel (3 for k [2, 3]), got 2",
        assertThrows(IllegalArgumentException.class, () -> BatchNormFolding.fold(k, b,
            new float[2], three, three, three, 1e-3f)).getMessage());
    assertEquals("variance[1] + epsilon must be > 0, got 0.0", assertThrows(
        IllegalArgumentException.class, () -> BatchNormFolding.fold(k, b, three, three, three,
            new float[] {1, 0, 1}, 0f)).getMessage());
    assertEquals("mean", assertThrows(NullPointerException.class,
        () -> BatchNormFolding.fold(k, b, three, three, null, three, 1e-3f)).getMessage());
  }

  /**
   * The folded CNN (TF graph: conv + bias + ReLU) against the CNN_BN model's inference graph
   * (conv + bias, then the batch norm with its moving averages, then ReLU; checked against TF's
   * FusedBatchNormV3 in BatchNormTest), with random weights and statistics far from 0 / 1.
   */
  @Test
  void foldedModelComputesWhatTheBatchNormModelComputes() {
    List<Weights> ws = randomCnnBn(11);
    LabeledImages x = randomImages(20, 12);
    float[] expected;
    float[] got;
    try (Model bn = Model.of(Architecture.CNN_BN, ws); Model folded = BatchNormFolding.fold(bn)) {
      assertSame(Architecture.CNN, folded.architecture());
      expected = bn.logits(x, 0, x.count());
      got = folded.logits(x, 0, x.count());
      // the dense layers are not touched
      assertArrayEquals(bn.weights("dense1_kernel").values(),
          folded.weights("dense1_kernel").values());
      // and the taps after each folded layer agree too
      float[] a = bn.activations(x, x.count()).get("conv2");
      float[] c = folded.activations(x, x.count()).get("conv2");
      assertTrue(maxRelative(a, c) < 1e-5, "conv2 tap: " + maxRelative(a, c));
    }
    double worst = maxRelative(expected, got);
    assertTrue(worst < 1e-5, "worst relative logit difference " + worst);
  }

  @Test
  void aModelWithoutBatchNormKeepsItsWeights() {
    List<Weights> ws = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(3);
    for (String name : List.of("dense1_kernel", "dense1_bias", "dense2_kernel", "dense2_bias")) {
      Shape s = switch (name) {
        case "dense1_kernel" -> Shape.of(784, 128);
        case "dense1_bias" -> Shape.of(128);
        case "dense2_kernel" -> Shape.of(128, 10);
        default -> Shape.of(10);
      };
      float[] v = new float[s.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) r.nextGaussian();
      }
      ws.add(new Weights(name, s, v));
    }
    try (Model m = Model.of(Architecture.MLP, ws)) {
      List<Weights> f = BatchNormFolding.foldedWeights(m);
      assertEquals(4, f.size());
      for (int i = 0; i < 4; i++) {
        assertEquals(ws.get(i).name(), f.get(i).name());
        assertArrayEquals(ws.get(i).values(), f.get(i).values());
      }
    }
  }

  static double maxRelative(float[] a, float[] b) {
    assertEquals(a.length, b.length);
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(a[i])));
    }
    return worst;
  }

  /** CNN_BN weights: He-like kernels, variances in [0.01, 4], gammas in [0.1, 3], means +-1. */
  static List<Weights> randomCnnBn(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Weights> ws = new ArrayList<>();
    String[][] vars = {{"conv1_kernel", "3,3,1,16"}, {"conv1_bias", "16"},
        {"conv2_kernel", "3,3,16,32"}, {"conv2_bias", "32"}, {"dense1_kernel", "1568,64"},
        {"dense1_bias", "64"}, {"dense2_kernel", "64,10"}, {"dense2_bias", "10"},
        {"bn1_gamma", "16"}, {"bn1_beta", "16"}, {"bn1_mean", "16"}, {"bn1_variance", "16"},
        {"bn2_gamma", "32"}, {"bn2_beta", "32"}, {"bn2_mean", "32"}, {"bn2_variance", "32"}};
    for (String[] v : vars) {
      int[] dims = java.util.Arrays.stream(v[1].split(",")).mapToInt(Integer::parseInt).toArray();
      Shape s = Shape.of(dims);
      float[] a = new float[s.size()];
      int fanIn = dims.length == 1 ? 1 : s.size() / dims[dims.length - 1];
      for (int i = 0; i < a.length; i++) {
        String n = v[0];
        a[i] = (float) (n.endsWith("_kernel") ? r.nextGaussian() * Math.sqrt(2.0 / fanIn)
            : n.endsWith("_variance") ? 0.01 + 3.99 * r.nextDouble()
            : n.endsWith("_gamma") ? 0.1 + 2.9 * r.nextDouble()
            : r.nextGaussian() * 0.5);
      }
      ws.add(new Weights(v[0], s, a));
    }
    return ws;
  }

  static LabeledImages randomImages(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] px = new byte[n * 784];
    byte[] labels = new byte[n];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) r.nextInt(256);
    }
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % 10);
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      names.add("c" + c);
    }
    return LabeledImages.of(IdxArray.of(new int[] {n, 28, 28}, px),
        IdxArray.of(new int[] {n}, labels), names);
  }
}
