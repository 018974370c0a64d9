package quantlab.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One operator at a time, on inputs small enough to work out by hand. */
class InterpreterOpsTest {
  private static final Requantization REF = Requantization.REFERENCE;
  private static final Requantization XNN = Requantization.XNNPACK;

  private static float[] seq(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i + 1;
    }
    return v;
  }

  private static float[] runFloat(byte[] model, int[] shape, float[] x) {
    return Interpreter.of(model).run(Tensor.ofFloat(shape, x)).floats();
  }

  private static byte[] runInt8(byte[] model, Requantization mode, int[] shape, byte[] x) {
    return Interpreter.of(model).withRequantization(mode).run(Tensor.ofInt8(shape, x)).bytes();
  }

  // ---------------- FULLY_CONNECTED ----------------

  private static byte[] floatFc(byte act) {
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 2);
    int w = b.constFloat("w", new int[] {2, 2}, new float[] {1, 0, 0.5f, -1});
    int bias = b.constFloat("b", new int[] {2}, new float[] {0.5f, 0});
    int y = b.floatTensor("y", 1, 2);
    b.op(ModelBuilder.FULLY_CONNECTED, 1, new int[] {x, w, bias}, new int[] {y},
        ModelBuilder.fc(act));
    return b.build(new int[] {x}, new int[] {y});
  }

  @Test
  void floatFullyConnected() {
    // [1, 2] . [[1, 0], [0.5, -1]]^T + [0.5, 0] = [1.5, -1.5]
    assertArrayEquals(new float[] {1.5f, -1.5f},
        runFloat(floatFc(ModelBuilder.NONE), new int[] {1, 2}, new float[] {1, 2}));
    assertArrayEquals(new float[] {1.5f, 0f},
        runFloat(floatFc(ModelBuilder.RELU), new int[] {1, 2}, new float[] {1, 2}));
  }

  @Test
  void floatFullyConnectedBatch() {
    Interpreter it = Interpreter.of(floatFc(ModelBuilder.NONE));
    float[][] out = it.runFloat(new float[][] {{1, 2}, {0, 0}, {2, 0}});
    assertArrayEquals(new float[] {1.5f, -1.5f}, out[0]);
    assertArrayEquals(new float[] {0.5f, 0f}, out[1]);
    assertArrayEquals(new float[] {2.5f, 1f}, out[2]);
  }

  /**
   * Input scale 0.5, zp -1; weights scale 0.25 (per tensor); bias scale 0.125; output scale 1,
   * zp 3. M = 0.5 * 0.25 / 1 = 0.125.
   */
  static byte[] int8Fc() {
    ModelBuilder b = new ModelBuilder();
    int x = b.int8Tensor("x", 0.5f, -1, 1, 2);
    int w = b.constInt8("w", new int[] {2, 2}, new byte[] {4, 0, 2, -4}, new float[] {0.25f}, 0);
    int bias = b.constInt32("b", new int[] {2}, new int[] {12, 0}, new float[] {0.125f});
    int y = b.int8Tensor("y", 1f, 3, 1, 2);
    b.op(ModelBuilder.FULLY_CONNECTED, 4, new int[] {x, w, bias}, new int[] {y},
        ModelBuilder.fc(ModelBuilder.NONE));
    return b.build(new int[] {x}, new int[] {y});
  }

  @Test
  void int8FullyConnectedByHand() {
    // x codes [1, 3] -> x - zp = [2, 4]
    // unit 0: 4*2 + 0*4 + 12 = 20; 20 * 0.125 = 2.5 -> reference 3 (+3 = 6), XNNPACK 2 (+3 = 5)
    // unit 1: 2*2 + (-4)*4 + 0 = -12; -12 * 0.125 = -1.5 -> both -2 (+3 = 1)
    byte[] x = {1, 3};
    assertArrayEquals(new byte[] {6, 1}, runInt8(int8Fc(), REF, new int[] {1, 2}, x));
    assertArrayEquals(new byte[] {5, 1}, runInt8(int8Fc(), XNN, new int[] {1, 2}, x));
  }

  @Test
  void int8FullyConnectedPerChannelWithRelu() {
    ModelBuilder b = new ModelBuilder();
    int x = b.int8Tensor("x", 1f, 0, 1, 2);
    // channel scales 1 and 0.5: M = 1 and 0.5
    int w = b.constInt8("w", new int[] {2, 2}, new byte[] {1, 1, 3, -1},
        new float[] {1f, 0.5f}, 0);
    int y = b.int8Tensor("y", 1f, 0, 1, 2);
    b.op(ModelBuilder.FULLY_CONNECTED, 5, new int[] {x, w, -1}, new int[] {y},
        ModelBuilder.fc(ModelBuilder.RELU));
    byte[] m = b.build(new int[] {x}, new int[] {y});
    // x = [2, -5]: unit 0: 2 - 5 = -3 -> RELU 0; unit 1: (6 + 5) * 0.5 = 5.5 -> ref 6, xnn 6
    assertArrayEquals(new byte[] {0, 6}, runInt8(m, REF, new int[] {1, 2}, new byte[] {2, -5}));
    assertArrayEquals(new byte[] {0, 6}, runInt8(m, XNN, new int[] {1, 2}, new byte[] {2, -5}));
    // x = [1, -4]: unit 1: (3 + 4) * 0.5 = 3.5 -> ref 4, xnn 4 (even)
    assertArrayEquals(new byte[] {0, 4}, runInt8(m, REF, new int[] {1, 2}, new byte[] {1, -4}));
    assertArrayEquals(new byte[] {0, 4}, runInt8(m, XNN, new int[] {1, 2}, new byte[] {1, -4}));
    // x = [1, -2]: unit 1: (3 + 2) * 0.5 = 2.5 -> ref 3, xnn 2
    assertArrayEquals(new byte[] {0, 3}, runInt8(m, REF, new int[] {1, 2}, new byte[] {1, -2}));
    assertArrayEquals(new byte[] {0, 2}, runInt8(m, XNN, new int[] {1, 2}, new byte[] {1, -2}));
  }

  // ---------------- CONV_2D ----------------

  private static byte[] floatConv(int inH, int inW, int fh, int fw, float[] filter, boolean same,
      int stride, int dilation) {
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, inH, inW, 1);
    int w = b.constFloat("w", new int[] {1, fh, fw, 1}, filter);
    int y = b.floatTensor("y", 1, 1, 1, 1); // shapes are recomputed at run time
    b.op(ModelBuilder.CONV_2D, 1, new int[] {x, w, -1}, new int[] {y},
        ModelBuilder.conv(same, stride, dilation, ModelBuilder.NONE));
    return b.build(new int[] {x}, new int[] {y});
  }

  @Test
  void floatConvValidAndSame() {
    float[] diag = {1, 0, 0, 1};
    // 3x3 input 1..9, 2x2 diagonal filter, VALID: [1+5, 2+6, 4+8, 5+9]
    Tensor valid = Interpreter.of(floatConv(3, 3, 2, 2, diag, false, 1, 1))
        .run(Tensor.ofFloat(new int[] {1, 3, 3, 1}, seq(9)));
    assertArrayEquals(new int[] {1, 2, 2, 1}, valid.shape());
    assertArrayEquals(new float[] {6, 8, 12, 14}, valid.floats());
    // SAME: 3x3 output, padding 0 on top/left, the extra row/column on bottom/right
    Tensor same = Interpreter.of(floatConv(3, 3, 2, 2, diag, true, 1, 1))
        .run(Tensor.ofFloat(new int[] {1, 3, 3, 1}, seq(9)));
    assertArrayEquals(new int[] {1, 3, 3, 1}, same.shape());
    assertArrayEquals(new float[] {6, 8, 3, 12, 14, 6, 7, 8, 9}, same.floats());
  }

  @Test
  void floatConvStrideAndDilation() {
    float[] ones3 = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    // 5x5 input 1..25, 3x3 ones, stride 2, SAME: 3x3 output, pad 1
    Tensor s = Interpreter.of(floatConv(5, 5, 3, 3, ones3, true, 2, 1))
        .run(Tensor.ofFloat(new int[] {1, 5, 5, 1}, seq(25)));
    assertArrayEquals(new int[] {1, 3, 3, 1}, s.shape());
    assertEquals(1 + 2 + 6 + 7, s.floats()[0], 0f);
    assertEquals(7 + 8 + 9 + 12 + 13 + 14 + 17 + 18 + 19, s.floats()[4], 0f);
    // 2x2 ones with dilation 2 (spans 3x3), VALID: 3x3 output
    Tensor d = Interpreter.of(floatConv(5, 5, 2, 2, new float[] {1, 1, 1, 1}, false, 1, 2))
        .run(Tensor.ofFloat(new int[] {1, 5, 5, 1}, seq(25)));
    assertArrayEquals(new int[] {1, 3, 3, 1}, d.shape());
    assertEquals(1 + 3 + 11 + 13, d.floats()[0], 0f);
    assertEquals(2 + 4 + 12 + 14, d.floats()[1], 0f);
    assertEquals(13 + 15 + 23 + 25, d.floats()[8], 0f);
  }

  @Test
  void int8ConvPerChannel() {
    // 1x2x2x1 input, two 2x2 filters (scales 1 and 0.5), VALID -> 1x1x1x2; bias [1, -1]
    ModelBuilder b = new ModelBuilder();
    int x = b.int8Tensor("x", 1f, 2, 1, 2, 2, 1);
    int w = b.constInt8("w", new int[] {2, 2, 2, 1}, new byte[] {1, 2, 3, 4, 1, -1, 1, -1},
        new float[] {1f, 0.5f}, 0);
    int bias = b.constInt32("b", new int[] {2}, new int[] {1, -1}, new float[] {1f, 0.5f});
    int y = b.int8Tensor("y", 2f, -3, 1, 1, 1, 2);
    b.op(ModelBuilder.CONV_2D, 3, new int[] {x, w, bias}, new int[] {y},
        ModelBuilder.conv(false, 1, 1, ModelBuilder.NONE));
    byte[] m = b.build(new int[] {x}, new int[] {y});
    byte[] in = {3, 4, 5, 6}; // x - zp = [1, 2, 3, 4]
    // ch0: 1+4+9+16 + 1 = 31, M = 1 * 1 / 2 = 0.5: 15.5 -> ref 16, xnn 16 (even); -3 -> 13
    // ch1: 1-2+3-4 - 1 = -3, M = 0.25: -0.75 -> -1; -3 -> -4
    assertArrayEquals(new byte[] {13, -4}, runInt8(m, REF, new int[] {1, 2, 2, 1}, in));
    assertArrayEquals(new byte[] {13, -4}, runInt8(m, XNN, new int[] {1, 2, 2, 1}, in));
  }

  // ---------------- DEPTHWISE_CONV_2D ----------------

  @Test
  void floatDepthwiseWithMultiplier() {
    // input 1x2x2x2, filter 1x2x2x4 (multiplier 2), VALID -> 1x1x1x4
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 2, 2, 2);
    float[] f = new float[16];
    for (int i = 0; i < 16; i++) {
      f[i] = (i % 4 == 0 || i % 4 == 3) ? 1 : (i % 4 == 1 ? -1 : 2);
    }
    int w = b.constFloat("w", new int[] {1, 2, 2, 4}, f);
    int bias = b.constFloat("b", new int[] {4}, new float[] {0, 0, 0, 100});
    int y = b.floatTensor("y", 1, 1, 1, 4);
    b.op(ModelBuilder.DEPTHWISE_CONV_2D, 1, new int[] {x, w, bias}, new int[] {y},
        ModelBuilder.depthwise(false, 1, 1, 2, ModelBuilder.NONE));
    byte[] m = b.build(new int[] {x}, new int[] {y});
    // input channel 0 = [1, 3, 5, 7], channel 1 = [2, 4, 6, 8]
    // out 0 (c0, weight 1): 16; out 1 (c0, weight -1): -16; out 2 (c1, weight 2): 40;
    // out 3 (c1, weight 1) + 100: 120
    assertArrayEquals(new float[] {16, -16, 40, 120}, runFloat(m, new int[] {1, 2, 2, 2}, seq(8)));
  }

  @Test
  void int8DepthwiseRelu6() {
    ModelBuilder b = new ModelBuilder();
    int x = b.int8Tensor("x", 0.5f, 0, 1, 1, 2, 2);
    int w = b.constInt8("w", new int[] {1, 1, 2, 2}, new byte[] {2, 1, 2, 1},
        new float[] {0.5f, 1f}, 3);
    int y = b.int8Tensor("y", 0.25f, -128, 1, 1, 1, 2);
    b.op(ModelBuilder.DEPTHWISE_CONV_2D, 3, new int[] {x, w, -1}, new int[] {y},
        ModelBuilder.depthwise(false, 1, 1, 1, ModelBuilder.RELU6));
    byte[] m = b.build(new int[] {x}, new int[] {y});
    // x = [[3, 10], [5, 20]] (pixel 0: c0 3, c1 10; pixel 1: c0 5, c1 20)
    // c0: 2*3 + 2*5 = 16, M = 0.5*0.5/0.25 = 1 -> 16 - 128 = -112 (real 4)
    // c1: 10 + 20 = 30, M = 0.5*1/0.25 = 2 -> 60 - 128 = -68 (real 15), RELU6 caps at
    //     quantize(6) = -128 + 24 = -104
    byte[] in = {3, 10, 5, 20};
    assertArrayEquals(new byte[] {-112, -104}, runInt8(m, REF, new int[] {1, 1, 2, 2}, in));
    assertArrayEquals(new byte[] {-112, -104}, runInt8(m, XNN, new int[] {1, 1, 2, 2}, in));
  }

  // ---------------- pools ----------------

  private static ModelBuilder poolModel(boolean int8, int op, boolean same, int filter,
      int stride, int h, int w, int c) {
    ModelBuilder b = new ModelBuilder();
    int x = int8 ? b.int8Tensor("x", 1f, 0, 1, h, w, c) : b.floatTensor("x", 1, h, w, c);
    int y = int8 ? b.int8Tensor("y", 1f, 0, 1, 1, 1, c) : b.floatTensor("y", 1, 1, 1, c);
    b.op(op, int8 ? 2 : 1, new int[] {x}, new int[] {y},
        ModelBuilder.pool(same, filter, stride, ModelBuilder.NONE));
    return b;
  }

  private static byte[] poolBytes(boolean int8, int op, boolean same, int filter, int stride,
      int h, int w, int c) {
    return poolModel(int8, op, same, filter, stride, h, w, c).build(new int[] {0},
        new int[] {1});
  }

  @Test
  void floatPools() {
    float[] x = seq(16);
    int[] shape = {1, 4, 4, 1};
    assertArrayEquals(new float[] {6, 8, 14, 16},
        runFloat(poolBytes(false, ModelBuilder.MAX_POOL_2D, false, 2, 2, 4, 4, 1), shape, x));
    assertArrayEquals(new float[] {3.5f, 5.5f, 11.5f, 13.5f},
        runFloat(poolBytes(false, ModelBuilder.AVERAGE_POOL_2D, false, 2, 2, 4, 4, 1), shape, x));
    // SAME 3x3 stride 1 on 2x2: every window sees the 4 in-image values, padding not counted
    assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f},
        runFloat(poolBytes(false, ModelBuilder.AVERAGE_POOL_2D, true, 3, 1, 2, 2, 1),
            new int[] {1, 2, 2, 1}, seq(4)));
  }

  @Test
  void int8AveragePoolRoundsHalfAwayFromZero() {
    byte[] m = poolBytes(true, ModelBuilder.AVERAGE_POOL_2D, false, 2, 2, 2, 2, 4);
    // four channels, each averaging 4 pixels:
    // c0 [1,2,2,2] 1.75 -> 2; c1 [-1,-2,-2,-2] -1.75 -> -2; c2 [1,1,2,2] 1.5 -> 2;
    // c3 [-1,-1,-2,-2] -1.5 -> -2
    byte[] in = {1, -1, 1, -1, 2, -2, 1, -1, 2, -2, 2, -2, 2, -2, 2, -2};
    for (Requantization mode : Requantization.values()) {
      assertArrayEquals(new byte[] {2, -2, 2, -2}, runInt8(m, mode, new int[] {1, 2, 2, 4}, in));
    }
    byte[] max = poolBytes(true, ModelBuilder.MAX_POOL_2D, false, 2, 2, 2, 2, 4);
    assertArrayEquals(new byte[] {2, -1, 2, -1}, runInt8(max, REF, new int[] {1, 2, 2, 4}, in));
  }

  // ---------------- RESHAPE, SOFTMAX, QUANTIZE, DEQUANTIZE ----------------

  @Test
  void reshapeKeepsDataAndFollowsTheBatch() {
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 2, 2);
    int y = b.floatTensor("y", 1, 4);
    b.op(ModelBuilder.RESHAPE, 1, new int[] {x}, new int[] {y}, ModelBuilder.reshape(1, 4));
    Interpreter it = Interpreter.of(b.build(new int[] {x}, new int[] {y}));
    Tensor out = it.run(Tensor.ofFloat(new int[] {1, 2, 2}, seq(4)));
    assertArrayEquals(new int[] {1, 4}, out.shape());
    assertArrayEquals(seq(4), out.floats());
    Tensor batch = it.run(Tensor.ofFloat(new int[] {3, 2, 2}, seq(12)));
    assertArrayEquals(new int[] {3, 4}, batch.shape());
  }

  @Test
  void floatSoftmax() {
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 2);
    int y = b.floatTensor("y", 1, 2);
    b.op(ModelBuilder.SOFTMAX, 1, new int[] {x}, new int[] {y}, ModelBuilder.softmax(1f));
    float[] p = runFloat(b.build(new int[] {x}, new int[] {y}), new int[] {1, 2},
        new float[] {0f, (float) Math.log(3)});
    assertEquals(0.25f, p[0], 1e-6f);
    assertEquals(0.75f, p[1], 1e-6f);
  }

  private static byte[] quantizeModel(float scale, int zp) {
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 4);
    int q = b.int8Tensor("q", scale, zp, 1, 4);
    int y = b.floatTensor("y", 1, 4);
    b.op(ModelBuilder.QUANTIZE, 1, new int[] {x}, new int[] {q}, null);
    b.op(ModelBuilder.DEQUANTIZE, 2, new int[] {q}, new int[] {y}, null);
    return b.build(new int[] {x}, new int[] {q});
  }

  @Test
  void quantizeRoundsPerMode() {
    Interpreter it = Interpreter.of(quantizeModel(1f, 0));
    Tensor x = Tensor.ofFloat(new int[] {1, 4}, new float[] {2.5f, -2.5f, 1000f, 0.4f});
    // reference: TfLiteRound (ties away); XNNPACK: rint (ties to even); both clamp
    assertArrayEquals(new byte[] {3, -3, 127, 0},
        it.withRequantization(REF).run(x).bytes());
    assertArrayEquals(new byte[] {2, -2, 127, 0},
        it.withRequantization(XNN).run(x).bytes());
  }

  @Test
  void quantizeThenDequantize() {
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 3);
    int q = b.int8Tensor("q", 0.5f, 2, 1, 3);
    int y = b.floatTensor("y", 1, 3);
    b.op(ModelBuilder.QUANTIZE, 1, new int[] {x}, new int[] {q}, null);
    b.op(ModelBuilder.DEQUANTIZE, 2, new int[] {q}, new int[] {y}, null);
    Interpreter it = Interpreter.of(b.build(new int[] {x}, new int[] {y}));
    // 1.2 / 0.5 = 2.4 -> 2, + 2 = 4 -> 0.5 * (4 - 2) = 1.0; -100 clamps to -128 -> -65
    float[] out = it.run(Tensor.ofFloat(new int[] {1, 3}, new float[] {1.2f, -100f, 0.25f}))
        .floats();
    assertEquals(1.0f, out[0], 0f);
    assertEquals(0.5f * (-128 - 2), out[1], 0f);
    // 0.25 / 0.5 = 0.5: XNNPACK (the default) rounds to even 0 -> 0.0; reference 1 -> 0.5
    assertEquals(0f, out[2], 0f);
    float[] ref = it.withRequantization(REF)
        .run(Tensor.ofFloat(new int[] {1, 3}, new float[] {1.2f, -100f, 0.25f})).floats();
    assertEquals(0.5f, ref[2], 0f);
  }

  // ---------------- ADD ----------------

  @Test
  void floatAddBroadcasts() {
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 3);
    int c = b.constFloat("c", new int[] {1}, new float[] {10});
    int y = b.floatTensor("y", 1, 3);
    b.op(ModelBuilder.ADD, 1, new int[] {x, c}, new int[] {y}, ModelBuilder.add(ModelBuilder.RELU));
    assertArrayEquals(new float[] {11, 0, 12},
        runFloat(b.build(new int[] {x}, new int[] {y}), new int[] {1, 3},
            new float[] {1, -20, 2}));
  }

  @Test
  void int8AddTies() {
    ModelBuilder b = new ModelBuilder();
    int x = b.int8Tensor("x", 0.5f, 0, 1, 2);
    int c = b.constInt8("c", new int[] {1, 2}, new byte[] {2, -2}, new float[] {0.5f}, 0);
    int y = b.int8Tensor("y", 1f, 0, 1, 2);
    b.op(ModelBuilder.ADD, 2, new int[] {x, c}, new int[] {y},
        ModelBuilder.add(ModelBuilder.NONE));
    byte[] m = b.build(new int[] {x}, new int[] {y});
    // 0.5 * 3 + 0.5 * 2 = 2.5; 0.5 * -3 + 0.5 * -2 = -2.5
    // reference (gemmlowp, ties away from zero): [3, -3]; XNNPACK (>> with rounding bias,
    // ties up): [3, -2]
    assertArrayEquals(new byte[] {3, -3}, runInt8(m, REF, new int[] {1, 2}, new byte[] {3, -3}));
    assertArrayEquals(new byte[] {3, -2}, runInt8(m, XNN, new int[] {1, 2}, new byte[] {3, -3}));
  }
}
