package quantlab.qat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import quantlab.quant.Range;

class QatGraphTest {
  @Test
  void kernelIsFakeQuantizedPerOutputChannelSymmetricNarrow() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      // [2, 2] kernel, channels along the last axis: channel 0 = {0.45, -1}, channel 1 =
      // {-0.11, 0.2}. 4 bits narrow: q in [-7, 7], scale = max|w| / 7.
      Operand<TFloat32> w = tf.constant(new float[][] {{0.45f, -0.11f}, {-1f, 0.2f}});
      QatGraph q = new QatGraph(4, 8, 0.999f, QatGradient.CLIPPED_STE, Map.of());
      Operand<TFloat32> y = q.weight(tf, "d_kernel", w, false);
      // 0.45 * 7 = 3.15 -> 3 -> 3/7; -1 -> -7/7; -0.11 * 35 = -3.85 -> -4 -> -4 * 0.2 / 7.
      float[] expected = {3f / 7, -4 * 0.2f / 7, -1f, 0.2f};
      float[] got = FakeQuantGradientsTest.values(s, y.asOutput());
      for (int i = 0; i < 4; i++) {
        assertEquals(expected[i], got[i], 1e-6, "index " + i);
      }
      assertArrayEquals(new float[] {1f, 0.2f},
          FakeQuantGradientsTest.values(s, QatGraph.perChannelMaxAbs(tf, w).asOutput()));
      // Biases pass through unchanged.
      assertEquals(w, q.weight(tf, "d_bias", w, false));
    }
  }

  @Test
  void activationRangeIsAMovingAverageAndClippedSteZeroesOutsideIt() {
    float[] grad = activationGradient(QatGradient.CLIPPED_STE);
    assertArrayEquals(new float[] {0, 1, 0}, grad);
  }

  @Test
  void plainStePassesTheGradientEverywhere() {
    assertArrayEquals(new float[] {1, 1, 1}, activationGradient(QatGradient.PLAIN_STE));
  }

  private static float[] activationGradient(QatGradient kind) {
    FakeQuantGradients.register();
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.constant(new float[] {-0.5f, 0.5f, 2f});
      QatGraph q = new QatGraph(8, 8, 0.999f, kind, Map.of("t", Range.of(0f, 1f)));
      Operand<TFloat32> y = q.activation(tf, 0, "t", x, true);
      Operand<TFloat32> loss = tf.reduceSum(y, tf.constant(0));
      Output<?>[] d = g.addGradients(loss.asOutput(), new Output<?>[] {x.asOutput()});
      s.initialize();
      float[] grad = FakeQuantGradientsTest.values(s, d[0]);
      // One step: min = 0.999 * 0 + 0.001 * -0.5, max = 0.999 * 1 + 0.001 * 2.
      Range r = q.activationRanges(s).get("t");
      assertEquals(-0.0005f, r.min(), 1e-7);
      assertEquals(1.001f, r.max(), 1e-6);
      return grad;
    }
  }
}
