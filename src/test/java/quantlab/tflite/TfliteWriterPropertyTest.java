package quantlab.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random small models, written in every variant and read back: shapes follow the TensorFlow
 * output-size formulas, float data survives exactly, float16 within half precision, int8 weights
 * and biases dequantize within half a step of the floats, and the int8 spec holds.
 */
class TfliteWriterPropertyTest {

  /** A random conv net or MLP, with its layers' expected output shapes computed here. */
  record Case(TfliteModelSpec spec, List<int[]> shapes) {}

  static Case randomCase(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    TfliteModelSpec.Builder b = TfliteModelSpec.builder().inputRange(-1f, 1f);
    List<int[]> shapes = new ArrayList<>();
    int[] cur;
    int layer = 0;
    if (r.nextBoolean()) {
      int h = 3 + r.nextInt(10);
      int w = 3 + r.nextInt(10);
      int c = 1 + r.nextInt(4);
      b.input(1, h, w, c);
      cur = new int[] {1, h, w, c};
      int convs = 1 + r.nextInt(3);
      for (int i = 0; i < convs; i++) {
        int k = 1 + r.nextInt(3);
        int s = 1 + r.nextInt(2);
        int dil = s == 1 ? 1 + r.nextInt(2) : 1;
        Padding pad = r.nextBoolean() ? Padding.SAME : Padding.VALID;
        int eff = (k - 1) * dil + 1;
        int oh = pad == Padding.SAME ? -Math.floorDiv(-cur[1], s) : -Math.floorDiv(-(cur[1] - eff + 1), s);
        int ow = pad == Padding.SAME ? -Math.floorDiv(-cur[2], s) : -Math.floorDiv(-(cur[2] - eff + 1), s);
        if (oh < 1 || ow < 1) {
          continue;
        }
        TfliteLayerSpec l;
        int outC;
        if (r.nextBoolean()) {
          outC = 1 + r.nextInt(5);
          l = TfliteLayerSpec.conv2d(outC, k, k, cur[3], Specs.random(outC * k * k * cur[3],
              r.nextLong(), 0.5f), Specs.random(outC, r.nextLong(), 0.2f));
        } else {
          int m = 1 + r.nextInt(2);
          outC = cur[3] * m;
          l = TfliteLayerSpec.depthwiseConv2d(k, k, cur[3], m, Specs.random(k * k * outC, r.nextLong(),
              0.5f), Specs.random(outC, r.nextLong(), 0.2f));
        }
        b.layer(l.padding(pad).strides(s, s).dilation(dil, dil).activation(Activation.RELU)
            .outputRange(0f, 3f));
        cur = new int[] {1, oh, ow, outC};
        shapes.add(cur);
        layer++;
      }
      if (cur[1] >= 2 && cur[2] >= 2) {
        b.layer(r.nextBoolean() ? TfliteLayerSpec.maxPool2d(2, 2) : TfliteLayerSpec.averagePool2d(2, 2));
        cur = new int[] {1, cur[1] / 2, cur[2] / 2, cur[3]};
        shapes.add(cur);
        layer++;
      }
      b.layer(TfliteLayerSpec.reshape(1, -1));
      cur = new int[] {1, cur[1] * cur[2] * cur[3]};
      shapes.add(cur);
      layer++;
    } else {
      int n = 1 + r.nextInt(64);
      b.input(1, n);
      cur = new int[] {1, n};
    }
    int dense = 1 + r.nextInt(2);
    for (int i = 0; i < dense; i++) {
      int units = 1 + r.nextInt(40);
      b.layer(TfliteLayerSpec.fullyConnected(units, Specs.random(units * cur[1], r.nextLong(), 0.3f),
          Specs.random(units, r.nextLong(), 0.2f)).outputRange(-4f, 4f));
      cur = new int[] {1, units};
      shapes.add(cur);
      layer++;
    }
    b.layer(TfliteLayerSpec.softmax());
    shapes.add(cur);
    return new Case(b.build(), shapes);
  }

  @Property(tries = 300)
  void everyVariantRoundTrips(@ForAll long seed) {
    Case c = randomCase(seed);
    TfliteModelSpec spec = c.spec();
    for (TfliteVariant v : TfliteVariant.values()) {
      TfliteModel m = TfliteModel.read(TfliteWriter.builder().variant(v)
          .minElementsForWeights(0).build().toBytes(spec));
      TfliteSubgraph g = m.subgraph();
      // Layer outputs in order (skipping the DEQUANTIZE ops of float16 weights).
      List<TfliteOperator> layerOps = g.operators().stream()
          .filter(o -> !o.opName().equals("DEQUANTIZE")).toList();
      assertEquals(c.shapes().size(), layerOps.size(), v.toString());
      for (int i = 0; i < layerOps.size(); i++) {
        assertArrayEquals(c.shapes().get(i), g.tensor(layerOps.get(i).output(0)).shape(),
            v + " layer " + i);
      }
      for (TfliteLayerSpec l : spec.layers()) {
        if (l.weights() == null) {
          continue;
        }
        TfliteTensor w = g.tensor(l.name() + "/weights");
        TfliteTensor bias = g.tensor(l.name() + "/bias");
        float[] x = l.weights();
        float[] bx = l.bias();
        assertArrayEquals(l.weightShape(), w.shape());
        switch (v) {
          case FLOAT32 -> {
            assertArrayEquals(x, w.floats());
            assertArrayEquals(bx, bias.floats());
          }
          case FLOAT16 -> {
            float[] h = w.float16s();
            for (int i = 0; i < x.length; i++) {
              assertEquals(x[i], h[i], Math.abs(x[i]) * 0x1p-11f + 0x1p-25f);
            }
          }
          case DYNAMIC_RANGE, INT8 -> {
            TfliteQuantization q = w.quantization().orElseThrow();
            byte[] codes = w.int8s();
            int axis = q.isPerChannel() ? q.quantizedDimension() : -1;
            int[] shape = w.shape();
            for (int i = 0; i < x.length; i++) {
              int ch = axis < 0 ? 0 : channelOf(i, shape, axis);
              float scale = q.scale(ch);
              assertTrue(codes[i] >= -127);
              float xHat = scale * codes[i];
              assertTrue(Math.abs(xHat - x[i]) <= scale / 2 * 1.0001f + Math.ulp(x[i]),
                  v + " " + l.name() + " weight " + i + ": " + x[i] + " vs " + xHat);
            }
            if (v == TfliteVariant.INT8) {
              TfliteQuantization bq = bias.quantization().orElseThrow();
              int[] bc = bias.int32s();
              for (int k = 0; k < bx.length; k++) {
                float s = bq.scale(bq.count() == 1 ? 0 : k);
                // q = round(fl(b / s)): half a step, plus the float32 rounding of the quotient
                // (half an ulp of it), which matters for the large codes of int32 biases.
                double steps = Math.abs(bc[k] - bx[k] / (double) s);
                assertTrue(steps <= 0.5 + Math.ulp(bx[k] / s) / 2,
                    "bias " + k + ": " + bx[k] + " at scale " + s + " -> " + bc[k]);
              }
            } else {
              assertArrayEquals(bx, bias.floats());
            }
          }
          default -> throw new AssertionError(v);
        }
      }
      if (v == TfliteVariant.INT8) {
        assertEquals(List.of(), Int8SpecCheck.violations(m));
      }
    }
  }

  /** Index along {@code axis} of the element at flat row-major position {@code i}. */
  static int channelOf(int i, int[] shape, int axis) {
    int stride = 1;
    for (int a = shape.length - 1; a > axis; a--) {
      stride *= shape[a];
    }
    return (i / stride) % shape[axis];
  }
}
