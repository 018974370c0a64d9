package quantlab.tfref;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * {@code FakeQuantWithMinMaxArgsGradient} and {@code FakeQuantWithMinMaxVarsGradient}: the
 * replica against TensorFlow's own gradient kernels, bit for bit, on inputs that include the
 * nudged range ends and their neighbouring floats, plus hand-worked cases.
 */
class FakeQuantGradientConformanceTest {

  /** Runs one gradient op per (range, bits, narrow) case in one graph; returns flat outputs. */
  static final class Oracle implements AutoCloseable {
    final Graph g = new Graph();
    final Ops tf = Ops.create(g);
    final List<Output<?>> feedsAt = new ArrayList<>();
    final List<Tensor> feeds = new ArrayList<>();
    final List<Output<?>> fetches = new ArrayList<>();
    int names;

    Output<?> ph(Tensor t) {
      Operation op = tf.scope().opBuilder("Placeholder", "p" + names++)
          .setAttr("dtype", DataType.DT_FLOAT).build();
      feedsAt.add(op.output(0));
      feeds.add(t);
      return op.output(0);
    }

    int args(float[] dy, float[] x, float min, float max, int bits, boolean narrow) {
      Operation op = tf.scope().opBuilder("FakeQuantWithMinMaxArgsGradient", "a" + names++)
          .addInput(ph(TFloat32.vectorOf(dy))).addInput(ph(TFloat32.vectorOf(x)))
          .setAttr("min", min).setAttr("max", max).setAttr("num_bits", bits)
          .setAttr("narrow_range", narrow).build();
      fetches.add(op.output(0));
      return fetches.size() - 1;
    }

    int vars(float[] dy, float[] x, float min, float max, int bits, boolean narrow) {
      Operation op = tf.scope().opBuilder("FakeQuantWithMinMaxVarsGradient", "v" + names++)
          .addInput(ph(TFloat32.vectorOf(dy))).addInput(ph(TFloat32.vectorOf(x)))
          .addInput(ph(TFloat32.scalarOf(min))).addInput(ph(TFloat32.scalarOf(max)))
          .setAttr("num_bits", bits).setAttr("narrow_range", narrow).build();
      fetches.add(op.output(0));
      fetches.add(op.output(1));
      fetches.add(op.output(2));
      return fetches.size() - 3;
    }

    List<float[]> run() {
      try (Session s = new Session(g, TfOracle.CONFIG)) {
        Session.Runner r = s.runner();
        for (int i = 0; i < feedsAt.size(); i++) {
          r.feed(feedsAt.get(i), feeds.get(i));
        }
        fetches.forEach(r::fetch);
        List<float[]> out = new ArrayList<>();
        try (Result res = r.run()) {
          for (int i = 0; i < fetches.size(); i++) {
            TFloat32 t = (TFloat32) res.get(i);
            float[] v = new float[(int) t.size()];
            t.copyTo(DataBuffers.of(v, false, false));
            out.add(v);
          }
        }
        return out;
      }
    }

    @Override
    public void close() {
      feeds.forEach(Tensor::close);
      g.close();
    }
  }

  /** Raw bits, every NaN as the canonical NaN (TensorFlow does not promise NaN payloads). */
  static int[] bits(float[] v) {
    int[] b = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Float.floatToIntBits(v[i]);
    }
    return b;
  }

  /** Inputs for a range: the usual mix, plus each nudged end and the floats next to it. */
  static float[] inputs(float min, float max, int bits, boolean narrow, long seed) {
    FakeQuantNudge n = FakeQuantNudge.of(min, max, bits, narrow);
    List<Float> v = new ArrayList<>();
    for (float f : Inputs.forRange(min, max, n.scale(), 120, seed)) {
      v.add(f);
    }
    for (float e : new float[] {n.nudgedMin(), n.nudgedMax(), min, max}) {
      v.add(e);
      v.add(Math.nextUp(e));
      v.add(Math.nextDown(e));
    }
    v.add(Float.NaN);
    float[] out = new float[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i);
    }
    return out;
  }

  /** Small integer gradients: every sum is exact, so the summation order cannot matter. */
  static float[] gradients(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] g = new float[n];
    for (int i = 0; i < n; i++) {
      g[i] = r.nextInt(-8, 9);
    }
    return g;
  }

  @Test
  void argsAndVarsGradientsMatchTensorFlowBitForBit() {
    List<Object[]> cases = new ArrayList<>();
    try (Oracle o = new Oracle()) {
      long seed = 7;
      for (int bits : new int[] {2, 3, 4, 8, 16}) {
        for (boolean narrow : new boolean[] {false, true}) {
          for (float[] r : Inputs.RANGES) {
            if (!(r[0] < r[1])) {
              continue;
            }
            float[] x = inputs(r[0], r[1], bits, narrow, seed);
            float[] dy = gradients(x.length, seed++);
            cases.add(new Object[] {x, dy, r, bits, narrow, o.args(dy, x, r[0], r[1], bits,
                narrow), o.vars(dy, x, r[0], r[1], bits, narrow)});
          }
        }
      }
      List<float[]> out = o.run();
      int checked = 0;
      for (Object[] c : cases) {
        float[] x = (float[]) c[0];
        float[] dy = (float[]) c[1];
        float[] r = (float[]) c[2];
        int bits = (Integer) c[3];
        boolean narrow = (Boolean) c[4];
        String label = bits + " bits" + (narrow ? " narrow" : "") + " [" + r[0] + ", " + r[1]
            + "]";
        assertArrayEquals(bits(out.get((Integer) c[5])),
            bits(TfOps.fakeQuantWithMinMaxArgsGradient(dy, x, r[0], r[1], bits, narrow)),
            "Args " + label);
        FakeQuantBackprop b = TfOps.fakeQuantWithMinMaxVarsGradient(dy, x, r[0], r[1], bits,
            narrow);
        int at = (Integer) c[6];
        assertArrayEquals(bits(out.get(at)), bits(b.wrtInput()), "Vars dx " + label);
        assertEquals(Float.floatToIntBits(out.get(at + 1)[0]), Float.floatToIntBits(b.wrtMin()),
            "Vars dmin " + label);
        assertEquals(Float.floatToIntBits(out.get(at + 2)[0]), Float.floatToIntBits(b.wrtMax()),
            "Vars dmax " + label);
        checked++;
      }
      assertEquals(cases.size(), checked);
    }
  }

  @Test
  void minItselfIsOutsideWhenTheNudgeMovesTheRangeUp() {
    // [-1, 1] at 8 bits, in float32: scale = 2/255 = 0.007843138, 1 / scale = 127.49999, so the
    // zero point rounds to 127 and the nudged range is [-127 * scale, 128 * scale] =
    // [-0.9960785, 1.0039216] (worked out with numpy float32): x = min = -1 is outside it.
    float[] x = {-0.9960785f, -0.998f, -1f, 0f, 1f, 1.0039216f, 1.5f, -1.01f};
    float[] ones = {1, 1, 1, 1, 1, 1, 1, 1};
    assertArrayEquals(new float[] {1, 0, 0, 1, 1, 1, 0, 0},
        TfOps.fakeQuantWithMinMaxArgsGradient(ones, x, -1f, 1f, 8, false));
    FakeQuantBackprop b = TfOps.fakeQuantWithMinMaxVarsGradient(
        new float[] {1, 2, 3, 4, 5, 6, 7, 8}, x, -1f, 1f, 8, false);
    assertArrayEquals(new float[] {1, 0, 0, 4, 5, 6, 0, 0}, b.wrtInput());
    assertEquals(13f, b.wrtMin()); // -0.998, -1 and -1.01 are below: 2 + 3 + 8
    assertEquals(7f, b.wrtMax()); // only 1.5 is above
    assertEquals("FakeQuantBackprop{wrtInput=[1.0, 0.0, 0.0, 4.0, 5.0, 6.0, 0.0, 0.0], "
        + "wrtMin=13.0, wrtMax=7.0}", b.toString());
  }

  @Test
  void aNanGradientOutsideTheRangeStaysNan() {
    // Eigen multiplies the gradient by 0 outside the range: NaN * 0 is NaN.
    float[] dx = TfOps.fakeQuantWithMinMaxArgsGradient(new float[] {Float.NaN, Float.NaN},
        new float[] {5f, 0f}, -1f, 1f, 8, false);
    assertEquals(Float.NaN, dx[0]);
    assertEquals(Float.NaN, dx[1]);
  }

  @Test
  void badArgumentsAreNamed() {
    assertEquals("gradients.length (1) must equal x.length (2)", assertThrows(
        IllegalArgumentException.class, () -> TfOps.fakeQuantWithMinMaxArgsGradient(
            new float[1], new float[2], -1f, 1f, 8, false)).getMessage());
    assertEquals("min must be < max (TensorFlow: min has to be smaller than max), got min 1.0 "
        + ">= max 1.0", assertThrows(IllegalArgumentException.class,
            () -> TfOps.fakeQuantWithMinMaxArgsGradient(new float[1], new float[1], 1f, 1f, 8,
                false)).getMessage());
    assertEquals("numBits must be in [2, 16], got 1", assertThrows(
        IllegalArgumentException.class, () -> TfOps.fakeQuantWithMinMaxVarsGradient(
            new float[1], new float[1], -1f, 1f, 1, false)).getMessage());
  }
}
