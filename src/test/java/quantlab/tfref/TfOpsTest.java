package quantlab.tfref;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The worked examples in the javadoc of {@link TfOps}, {@link FakeQuantNudge},
 * {@link QuantizeAndDequantizeV4} and {@link TfQuantized}: each expected value was written by
 * hand from the formula and is checked against TensorFlow itself as well as the replica.
 */
class TfOpsTest {
  static final float[] NOTE_X = {-1.5f, -0.2f, 0f, 0.3f, 0.77f, 1.2f, 2.5f};

  @Test
  void javadocExamplesMatchTensorFlowAndTheReplica() {
    TfOracle.Batch b = new TfOracle.Batch();
    Supplier<TfQuantized> q = b.quantizeV2(NOTE_X, -1.5f, 2.5f, TfQuantType.QINT8, Mode.SCALED,
        RoundMode.HALF_TO_EVEN, false, 0.01f);
    int[] codes = {-76, -10, 0, 15, 39, 61, 127};
    Supplier<float[]> dq = b.dequantize(codes, -2.519685f, 2.5f, TfQuantType.QINT8, Mode.SCALED,
        false);
    Supplier<float[]> args = b.fakeQuantArgs(new float[] {-2f, 0.1f, 1f}, -1.5f, 2.5f, 8, false);
    Supplier<float[]> qdq = b.quantizeAndDequantizeV4(new float[] {-1f, 0.5f, 3f}, new long[] {3},
        new float[] {-1f}, new float[] {2f}, true, 8, true, false, RoundMode.HALF_TO_EVEN, -1);
    Supplier<float[]> nudge = b.fakeQuantVars(
        new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, -1.5f, 2.5f, 8, false);
    b.run();

    // TfOps.quantizeV2: s = 127 / 2.5 = 50.8; -1.5 * 50.8 = -76.2 -> -76; min' = -128 / 50.8
    TfQuantized expected = new TfQuantized(TfQuantType.QINT8, codes, -2.519685f, 2.5f);
    assertEquals(expected, q.get());
    assertEquals(expected, TfOps.quantizeV2(NOTE_X, -1.5f, 2.5f, TfQuantType.QINT8,
        Mode.SCALED, RoundMode.HALF_TO_EVEN, false));
    assertEquals("TfQuantized{qint8, q=[-76, -10, 0, 15, 39, 61, 127], outputMin=-2.519685,"
        + " outputMax=2.5}", expected.toString());

    // TfOps.dequantize: s = max(-2.519685 / -128, 2.5 / 127) = 0.01968504, xHat = q * s
    float[] xHat = {-1.496063f, -0.19685039f, 0.0f, 0.2952756f, 0.7677165f, 1.2007874f, 2.5f};
    assertArrayEquals(xHat, dq.get());
    assertArrayEquals(xHat, TfOps.dequantize(expected, Mode.SCALED, false));

    // fakeQuantWithMinMaxArgs: scale 4/255, zero point 96; -2 clamps to -96 * scale
    float[] fq = {-1.5058825f, 0.09411766f, 1.0039216f};
    assertArrayEquals(fq, args.get());
    assertArrayEquals(fq, TfOps.fakeQuantWithMinMaxArgs(new float[] {-2f, 0.1f, 1f}, -1.5f, 2.5f,
        8, false));

    // QuantizeAndDequantizeV4: scale 127 / 2 = 63.5 (the max side), min = -128 / 63.5
    float[] v4 = {-1.007874f, 0.503937f, 2.0f}; // -63.5 rounds to even -64
    assertArrayEquals(v4, qdq.get());
    assertArrayEquals(v4, TfOps.quantizeAndDequantizeV4(new float[] {-1f, 0.5f, 3f}, -1f, 2f, 8));

    // FakeQuantNudge.of(-1.5, 2.5, 8, false): 95.625 rounds to zero point 96
    FakeQuantNudge n = FakeQuantNudge.of(-1.5f, 2.5f, 8, false);
    assertEquals(4f / 255, n.scale());
    assertEquals(96, n.zeroPoint());
    assertEquals(-1.5058825f, n.nudgedMin());
    assertEquals(2.4941177f, n.nudgedMax());
    assertArrayEquals(new float[] {n.nudgedMin(), n.nudgedMax()}, nudge.get());
  }

  /**
   * HALF_TO_EVEN is {@code rint} on x86-64, not Eigen's portable {@code floor(x + 0.5)} with a
   * tie fix-up, which rounds 0.49999997 up to 1 ({@code 0.49999997f + 0.5f == 1.0f}). With the
   * range [-128, 127] both QuantizeV2 SCALED and QuantizeAndDequantizeV4 use scale 1.
   */
  @Test
  void halfToEvenIsRintEvenNextToATie() {
    float[] x = {0.49999997f, 0.5f, 1.5f, 2.5f, -0.5f, -2.5f, 1.4999999f, -0.49999997f};
    float[] rint = {0f, 0f, 2f, 2f, -0f, -2f, 1f, -0f};
    int[] codes = {0, 0, 2, 2, 0, -2, 1, 0};
    TfOracle.Batch b = new TfOracle.Batch();
    Supplier<TfQuantized> q = b.quantizeV2(x, -128f, 127f, TfQuantType.QINT8, Mode.SCALED,
        RoundMode.HALF_TO_EVEN, false, 0.01f);
    Supplier<float[]> v4 = b.quantizeAndDequantizeV4(x, new long[] {x.length},
        new float[] {-128f}, new float[] {127f}, true, 8, true, false, RoundMode.HALF_TO_EVEN, -1);
    b.run();
    assertArrayEquals(codes, q.get().q());
    assertArrayEquals(codes, TfOps.quantizeV2(x, -128f, 127f, TfQuantType.QINT8, Mode.SCALED,
        RoundMode.HALF_TO_EVEN, false).q());
    float[] tf = v4.get();
    float[] me = TfOps.quantizeAndDequantizeV4(x, -128f, 127f, 8);
    for (int i = 0; i < x.length; i++) {
      assertEquals(Float.floatToRawIntBits(rint[i]), Float.floatToRawIntBits(tf[i]), "TF " + i);
      assertEquals(Float.floatToRawIntBits(rint[i]), Float.floatToRawIntBits(me[i]), "me " + i);
    }
  }

  @Test
  void argumentsAreCheckedWithTheirNames() {
    assertEquals("numBits must be in [2, 16], got 1", assertThrows(
        IllegalArgumentException.class, () -> FakeQuantNudge.of(-1f, 1f, 1, false)).getMessage());
    assertEquals("x must not be null", assertThrows(NullPointerException.class,
        () -> TfOps.fakeQuantWithMinMaxVars(null, -1f, 1f, 8, false)).getMessage());
    assertEquals("q[1] must be in [-128, 127] for qint8, got 128", assertThrows(
        IllegalArgumentException.class,
        () -> TfOps.dequantize(new int[] {0, 128}, -1f, 1f, TfQuantType.QINT8, Mode.SCALED,
            false)).getMessage());
    assertEquals("x.length (5) must be a multiple of the channel count min.length (2): the"
        + " channels are the last dimension", assertThrows(IllegalArgumentException.class,
            () -> TfOps.fakeQuantWithMinMaxVarsPerChannel(new float[5], new float[2],
                new float[2], 8, false)).getMessage());
    assertEquals("roundMode must be HALF_TO_EVEN or HALF_UP for QuantizeAndDequantizeV4, got"
        + " HALF_AWAY_FROM_ZERO", assertThrows(IllegalArgumentException.class,
            () -> QuantizeAndDequantizeV4.builder().roundMode(RoundMode.HALF_AWAY_FROM_ZERO)
                .build()).getMessage());
  }

  @Test
  void typesKnowTheirCodeRanges() {
    assertEquals(-128, TfQuantType.QINT8.lowest());
    assertEquals(255, TfQuantType.QUINT8.highest());
    assertEquals(-32768, TfQuantType.QINT16.lowest());
    assertEquals(65535, TfQuantType.QUINT16.highest());
    assertEquals("quint16", TfQuantType.QUINT16.toString());
    assertEquals("QuantizeAndDequantizeV4{4 bits, signed, narrow, HALF_UP, axis=-1,"
        + " range=[-1.0, 2.0]}", QuantizeAndDequantizeV4.builder().numBits(4).narrowRange(true)
            .roundMode(RoundMode.HALF_UP).range(-1f, 2f).build().toString());
  }
}
