package quantlab.qat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.quantization.FakeQuantWithMinMaxVars;
import org.tensorflow.op.quantization.FakeQuantWithMinMaxVarsPerChannel;
import org.tensorflow.types.TFloat32;

/**
 * Gradients through the fake-quant ops, against values worked out by hand from the clipped
 * straight-through estimator: {@code dL/dx = dL/dy} inside the nudged range, 0 outside; {@code
 * dL/dmin} and {@code dL/dmax} sum {@code dL/dy} below and above it.
 */
class FakeQuantGradientsTest {
  static float[] values(Session s, Output<?> o) {
    try (Result r = s.runner().fetch(o).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] v = new float[(int) t.size()];
      t.copyTo(DataBuffers.of(v, false, false));
      return v;
    }
  }

  @Test
  void perTensorGradientClipsAndFeedsTheRange() {
    FakeQuantGradients.register();
    FakeQuantGradients.register(); // a second call does nothing
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.constant(new float[] {-2f, 0.3f, 5f});
      Operand<TFloat32> lo = tf.constant(-1f);
      Operand<TFloat32> hi = tf.constant(1f);
      Operand<TFloat32> y = tf.quantization.fakeQuantWithMinMaxVars(x, lo, hi,
          FakeQuantWithMinMaxVars.numBits(8L));
      // L = sum(c * y), so dL/dy = c = {1, 2, 3}.
      Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(y, tf.constant(new float[] {1, 2, 3})),
          tf.constant(0));
      Output<?>[] d = g.addGradients(loss.asOutput(),
          new Output<?>[] {x.asOutput(), lo.asOutput(), hi.asOutput()});
      // Range [-1, 1] nudges to about [-0.9961, 1.0039] in float32: -2 below, 0.3 inside, 5 above.
      assertArrayEquals(new float[] {0, 2, 0}, values(s, d[0]));
      assertArrayEquals(new float[] {1}, values(s, d[1]));
      assertArrayEquals(new float[] {3}, values(s, d[2]));
    }
  }

  @Test
  void perChannelGradientIsPerLastAxis() {
    FakeQuantGradients.register();
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      // [[-2, 0.5], [0.3, 3]]: channel 0 = {-2, 0.3}, channel 1 = {0.5, 3}.
      Operand<TFloat32> x = tf.constant(new float[][] {{-2f, 0.5f}, {0.3f, 3f}});
      Operand<TFloat32> lo = tf.constant(new float[] {-1f, -1f});
      Operand<TFloat32> hi = tf.constant(new float[] {1f, 1f});
      Operand<TFloat32> y = tf.quantization.fakeQuantWithMinMaxVarsPerChannel(x, lo, hi,
          FakeQuantWithMinMaxVarsPerChannel.numBits(4L),
          FakeQuantWithMinMaxVarsPerChannel.narrowRange(true));
      Operand<TFloat32> c = tf.constant(new float[][] {{1, 2}, {3, 4}});
      Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(y, c), tf.constant(new int[] {0, 1}));
      Output<?>[] d = g.addGradients(loss.asOutput(),
          new Output<?>[] {x.asOutput(), lo.asOutput(), hi.asOutput()});
      assertArrayEquals(new float[] {0, 2, 3, 0}, values(s, d[0]));
      assertArrayEquals(new float[] {1, 0}, values(s, d[1]));
      assertArrayEquals(new float[] {0, 4}, values(s, d[2]));
    }
  }
}
