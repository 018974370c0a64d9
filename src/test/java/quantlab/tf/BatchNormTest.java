package quantlab.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;
import quantlab.data.IdxArray;
import quantlab.data.LabeledImages;
import quantlab.quant.Shape;

/**
 * {@link Architecture#CNN_BN}: its batch norms in inference mode against TensorFlow's own fused
 * kernel ({@code FusedBatchNormV3}, is_training false), and one training step's moving averages
 * against the batch statistics computed by hand in Java.
 */
class BatchNormTest {
  static final int N = 12;

  /** N random 28x28 images with labels 0..9. */
  static LabeledImages images(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] px = new byte[N * 784];
    byte[] labels = new byte[N];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) r.nextInt(256);
    }
    for (int i = 0; i < N; i++) {
      labels[i] = (byte) (i % 10);
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      names.add("class" + c);
    }
    return LabeledImages.of(IdxArray.of(new int[] {N, 28, 28}, px),
        IdxArray.of(new int[] {N}, labels), names);
  }

  /** Every variable of CNN_BN with random values; variances in [0.05, 2], gammas in [0.2, 3]. */
  static List<Weights> randomWeights(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Weights> ws = new ArrayList<>();
    Model.variableShapes(Architecture.CNN_BN).forEach((name, shape) -> {
      float[] v = new float[shape.size()];
      for (int i = 0; i < v.length; i++) {
        if (name.endsWith("_variance")) {
          v[i] = (float) (0.05 + 1.95 * r.nextDouble());
        } else if (name.endsWith("_gamma")) {
          v[i] = (float) (0.2 + 2.8 * r.nextDouble());
        } else if (name.endsWith("_kernel")) {
          v[i] = (float) (r.nextGaussian() * 0.2);
        } else {
          v[i] = (float) (r.nextGaussian() * 0.3);
        }
      }
      ws.add(new Weights(name, shape, v));
    });
    return ws;
  }

  static Weights find(List<Weights> ws, String name) {
    return ws.stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void architectureCountsGammaAndBetaAndFoldsIntoTheCnn() {
    assertEquals(Architecture.CNN.parameterCount() + 2 * (16 + 32),
        Architecture.CNN_BN.parameterCount());
    assertSame(Architecture.CNN, Architecture.CNN_BN.folded());
    assertSame(Architecture.MLP, Architecture.MLP.folded());
    assertEquals(List.of("bn1", "bn2"),
        Architecture.CNN_BN.batchNorms().stream().map(LayerSpec.BatchNorm::name).toList());
    assertEquals("conv2", Architecture.CNN_BN.normalizedBy(
        Architecture.CNN_BN.batchNorms().get(1)).name());
    assertEquals(List.of("conv1_kernel", "conv1_bias", "conv2_kernel", "conv2_bias",
        "dense1_kernel", "dense1_bias", "dense2_kernel", "dense2_bias", "bn1_gamma", "bn1_beta",
        "bn1_mean", "bn1_variance", "bn2_gamma", "bn2_beta", "bn2_mean", "bn2_variance"),
        List.copyOf(Model.variableShapes(Architecture.CNN_BN).keySet()));
    assertEquals(List.of("input", "conv1", "conv2", "dense1", "dense2"),
        Net.tapNames(Architecture.CNN_BN));
  }

  @Test
  void batchNormRejectsBadSettingsNamingThem() {
    assertEquals("momentum must be in [0, 1), got 1.0", assertThrows(
        IllegalArgumentException.class, () -> new LayerSpec.BatchNorm("b", 4, true, 1f, 1e-3f))
        .getMessage());
    assertEquals("epsilon must be > 0, got 0.0", assertThrows(IllegalArgumentException.class,
        () -> new LayerSpec.BatchNorm("b", 4, true, 0.9f, 0f)).getMessage());
    assertEquals("channels must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> new LayerSpec.BatchNorm("b", 0, true)).getMessage());
  }

  @Test
  void modelOfRejectsMissingAndMisshapedWeights() {
    List<Weights> ws = randomWeights(1);
    List<Weights> missing = ws.subList(0, ws.size() - 1);
    String m = assertThrows(IllegalArgumentException.class,
        () -> Model.of(Architecture.CNN_BN, missing)).getMessage();
    assertTrue(m.startsWith("weights must hold exactly the variables of CNN_BN ["), m);
    List<Weights> wrong = new ArrayList<>(ws);
    wrong.set(8, new Weights("bn1_gamma", Shape.of(3), new float[3]));
    assertEquals("shape of bn1_gamma must be [16], got [3]", assertThrows(
        IllegalArgumentException.class, () -> Model.of(Architecture.CNN_BN, wrong))
        .getMessage());
  }

  /**
   * The conv1 tap of CNN_BN (after bn1 and its ReLU) against TensorFlow's FusedBatchNormV3 in
   * inference mode on conv2d + bias of the same weights: an independent kernel.
   */
  @Test
  void inferenceBatchNormEqualsTensorFlowsFusedKernel() {
    List<Weights> ws = randomWeights(2);
    LabeledImages x = images(3);
    float[] tap;
    try (Model m = Model.of(Architecture.CNN_BN, ws)) {
      tap = m.activations(x, N).get("conv1");
    }
    float[] expected;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> in = tf.reshape(tf.constant(org.tensorflow.ndarray.Shape.of(N, 784),
          DataBuffers.of(x.pixels(0, N), true, false)), tf.constant(new int[] {-1, 28, 28, 1}));
      Operand<TFloat32> conv = tf.nn.biasAdd(tf.nn.conv2d(in, constant(tf, find(ws,
          "conv1_kernel")), List.of(1L, 1L, 1L, 1L), "SAME"), constant(tf, find(ws, "conv1_bias")));
      FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(conv,
          constant(tf, find(ws, "bn1_gamma")), constant(tf, find(ws, "bn1_beta")),
          constant(tf, find(ws, "bn1_mean")), constant(tf, find(ws, "bn1_variance")),
          FusedBatchNorm.epsilon(LayerSpec.BatchNorm.EPSILON), FusedBatchNorm.isTraining(false));
      Operand<TFloat32> y = tf.nn.relu(bn.y());
      try (Result r = s.runner().fetch(y).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        expected = new float[(int) t.size()];
        t.copyTo(DataBuffers.of(expected, false, false));
      }
    }
    assertEquals(expected.length, tap.length);
    double worst = 0;
    int positive = 0;
    for (int i = 0; i < tap.length; i++) {
      worst = Math.max(worst, Math.abs(tap[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
      positive += expected[i] > 0 ? 1 : 0;
    }
    assertTrue(worst < 1e-5, "worst relative difference " + worst);
    assertTrue(positive > tap.length / 10, "the ReLU should pass a good part: " + positive);
  }

  /**
   * One training step over all N images (batch N): each moving average moves a tenth of the way
   * (momentum 0.9) from its start (mean 0, variance 1) to conv1's batch statistics over (n, h, w),
   * computed here by hand from the initial weights: mean and biased variance of the 3x3 SAME
   * convolution plus bias.
   */
  @Test
  void oneTrainingStepMovesTheMovingAveragesTowardTheBatchStatistics() {
    List<Weights> init = new ArrayList<>();
    for (Weights w : randomWeights(4)) {
      if (w.name().endsWith("_mean")) {
        init.add(w.withValues(new float[w.values().length]));
      } else if (w.name().endsWith("_variance")) {
        float[] ones = new float[w.values().length];
        java.util.Arrays.fill(ones, 1f);
        init.add(w.withValues(ones));
      } else {
        init.add(w);
      }
    }
    LabeledImages x = images(5);
    float[] k = find(init, "conv1_kernel").values();
    float[] b = find(init, "conv1_bias").values();
    float[] px = x.pixels(0, N);
    double[] sum = new double[16];
    double[] sumSq = new double[16];
    int count = N * 28 * 28;
    for (int n = 0; n < N; n++) {
      for (int r = 0; r < 28; r++) {
        for (int c = 0; c < 28; c++) {
          for (int o = 0; o < 16; o++) {
            double acc = b[o];
            for (int dy = 0; dy < 3; dy++) {
              for (int dx = 0; dx < 3; dx++) {
                int rr = r + dy - 1;
                int cc = c + dx - 1;
                if (rr >= 0 && rr < 28 && cc >= 0 && cc < 28) {
                  acc += px[n * 784 + rr * 28 + cc] * k[(dy * 3 + dx) * 16 + o];
                }
              }
            }
            sum[o] += acc;
            sumSq[o] += acc * acc;
          }
        }
      }
    }
    try (Model m = Trainer.builder().initialWeights(init).epochs(1).batchSize(N).build()
        .train(Architecture.CNN_BN, x, null)) {
      float[] mean = m.weights("bn1_mean").values();
      float[] var = m.weights("bn1_variance").values();
      for (int o = 0; o < 16; o++) {
        double mu = sum[o] / count;
        double v = sumSq[o] / count - mu * mu;
        assertEquals(0.1 * mu, mean[o], 1e-5 * Math.max(1, Math.abs(mu)), "mean of channel " + o);
        assertEquals(0.9 + 0.1 * v, var[o], 1e-5 * Math.max(1, v), "variance of channel " + o);
      }
      // gamma and beta are trained: Adam's first step moves each by about the learning rate.
      float[] gamma = m.weights("bn1_gamma").values();
      float[] gamma0 = find(init, "bn1_gamma").values();
      for (int o = 0; o < 16; o++) {
        assertEquals(1e-3, Math.abs(gamma[o] - gamma0[o]), 2e-4, "gamma step of channel " + o);
      }
    }
  }

  private static Operand<TFloat32> constant(Ops tf, Weights w) {
    long[] dims = new long[w.shape().rank()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = w.shape().dim(i);
    }
    return tf.constant(org.tensorflow.ndarray.Shape.of(dims), DataBuffers.of(w.values(), true,
        false));
  }
}
