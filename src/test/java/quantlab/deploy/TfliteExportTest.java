package quantlab.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TfliteExportTest {
  /**
   * A CNN_BN model (random weights, batch-norm statistics far from 0 / 1) exported as FLOAT32:
   * the batch norms are folded into the CONV_2D operators, and the interpreter's logits equal
   * TensorFlow's inference logits of the batch-norm graph (an independent implementation of
   * the same function) within float tolerance.
   */
  @Test
  void batchNormModelIsExportedFoldedAndComputesTheSameLogits() {
    java.util.List<quantlab.tf.Weights> ws = quantlab.ptq.BatchNormFoldingTestAccess.randomCnnBn(21);
    quantlab.data.LabeledImages x = quantlab.ptq.BatchNormFoldingTestAccess.randomImages(8, 22);
    try (quantlab.tf.Model bn = quantlab.tf.Model.of(quantlab.tf.Architecture.CNN_BN, ws)) {
      quantlab.tflite.TfliteModelSpec spec = TfliteExport.spec(bn);
      String ops = spec.layers().stream().map(l -> l.kind() + " " + l.activation()).toList()
          .toString();
      org.junit.jupiter.api.Assertions.assertEquals("[RESHAPE NONE, CONV_2D RELU, MAX_POOL_2D NONE,"
          + " CONV_2D RELU, MAX_POOL_2D NONE, RESHAPE NONE, FULLY_CONNECTED RELU,"
          + " FULLY_CONNECTED NONE]", ops);
      quantlab.interp.Interpreter it = quantlab.interp.Interpreter.of(TfliteExport.toBytes(spec,
          quantlab.tflite.TfliteVariant.FLOAT32, false, true));
      float[] tf = bn.logits(x, 0, x.count());
      float[] px = x.pixels(0, x.count());
      double worst = 0;
      for (int i = 0; i < x.count(); i++) {
        float[] row = Arrays.copyOfRange(px, i * 784, (i + 1) * 784);
        float[] out = it.runFloat(new float[][] {row})[0];
        for (int k = 0; k < 10; k++) {
          float e = tf[i * 10 + k];
          worst = Math.max(worst, Math.abs(out[k] - e) / Math.max(1, Math.abs(e)));
        }
      }
      org.junit.jupiter.api.Assertions.assertTrue(worst < 1e-4, "worst relative error " + worst);
      // INT8 with ranges from the batch-norm model: conv filters per output channel, axis 0.
      java.util.Map<String, quantlab.quant.Range> ranges = TfliteExport.calibrate(bn, x, 8);
      byte[] int8 = TfliteExport.toBytes(TfliteExport.spec(bn, ranges),
          quantlab.tflite.TfliteVariant.INT8, true, true);
      quantlab.tflite.TfliteQuantization q = quantlab.tflite.TfliteModel.read(int8).subgraph()
          .tensor("conv2/weights").quantization().get();
      org.junit.jupiter.api.Assertions.assertEquals(32, q.count());
      org.junit.jupiter.api.Assertions.assertEquals(0, q.quantizedDimension());
      org.junit.jupiter.api.Assertions.assertEquals(10,
          quantlab.interp.Interpreter.of(int8).runFloat(new float[][] {
              Arrays.copyOf(px, 784)})[0].length);
    }
  }

  @Test
  void convKernelHwioToOhwiByHand() {
    // k[y][x][i][o] with kh = kw = 1, cin = 2, cout = 2: rows are cin: [[a, b], [c, d]].
    // TFLite wants [o][i]: [[a, c], [b, d]].
    assertArrayEquals(new float[] {1, 3, 2, 4},
        TfliteExport.hwioToOhwi(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
    // kh = 2, kw = 1, cin = 1, cout = 2: k = [[y0o0, y0o1], [y1o0, y1o1]] = [1, 2, 3, 4];
    // filter [o][y] = [[1, 3], [2, 4]].
    assertArrayEquals(new float[] {1, 3, 2, 4},
        TfliteExport.hwioToOhwi(new float[] {1, 2, 3, 4}, 2, 1, 1, 2));
    // kh = 1, kw = 2, cin = 2, cout = 1: no output axis to move, order unchanged.
    assertArrayEquals(new float[] {1, 2, 3, 4},
        TfliteExport.hwioToOhwi(new float[] {1, 2, 3, 4}, 1, 2, 2, 1));
  }

  @Test
  void wrongKernelSizeIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TfliteExport.hwioToOhwi(new float[5], 1, 1, 2, 2));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("got 5"));
  }

  /** With one output channel, [kh, kw, cin, 1] and [1, kh, kw, cin] are the same bytes. */
  @Property(tries = 2000)
  void oneOutputChannelKeepsTheOrder(@ForAll @IntRange(min = 1, max = 4) int kh,
      @ForAll @IntRange(min = 1, max = 4) int kw, @ForAll @IntRange(min = 1, max = 5) int cin) {
    float[] k = new float[kh * kw * cin];
    for (int i = 0; i < k.length; i++) {
      k[i] = i;
    }
    assertArrayEquals(k, TfliteExport.hwioToOhwi(k, kh, kw, cin, 1));
  }

  /**
   * Output channel o of the TFLite filter is one contiguous block holding exactly TF's
   * column o (every value with index = o mod cout), in TF's order.
   */
  @Property(tries = 2000)
  void eachOutputChannelIsOneContiguousBlock(@ForAll @IntRange(min = 1, max = 4) int kh,
      @ForAll @IntRange(min = 1, max = 4) int kw, @ForAll @IntRange(min = 1, max = 5) int cin,
      @ForAll @IntRange(min = 1, max = 6) int cout) {
    float[] k = new float[kh * kw * cin * cout];
    for (int i = 0; i < k.length; i++) {
      k[i] = i;
    }
    float[] f = TfliteExport.hwioToOhwi(k, kh, kw, cin, cout);
    int block = kh * kw * cin;
    for (int o = 0; o < cout; o++) {
      float[] got = Arrays.copyOfRange(f, o * block, (o + 1) * block);
      float[] want = new float[block];
      for (int j = 0; j < block; j++) {
        want[j] = j * cout + o;
      }
      assertArrayEquals(want, got, "output channel " + o);
    }
  }
}
