package quantlab.interp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import quantlab.tflite.TfliteLayerSpec;
import quantlab.tflite.TfliteModelSpec;
import quantlab.tflite.TfliteVariant;
import quantlab.tflite.TfliteWriter;

/**
 * Float32 and full-integer int8 MLPs and CNNs with random weights, for checking the interpreter
 * against real runtimes. The int8 variant follows the TFLite int8 spec (per-channel symmetric
 * weights in [-127, 127], int32 bias at inputScale * weightScale, softmax output 1/256 and -128)
 * with activation ranges calibrated by running the float model, and float32 edges (QUANTIZE in,
 * DEQUANTIZE out) because LiteRT.js only passes float32, int32 and uint8 tensors.
 */
final class RandomModels {
  private RandomModels() {}

  enum Kind { FC, CONV, DEPTHWISE, MAX_POOL, AVG_POOL, FLATTEN, SOFTMAX }

  /** One layer; unused fields are 0. */
  record Layer(Kind kind, int out, int k, int stride, int dilation, boolean same, byte act,
      boolean perChannel) {
    static Layer fc(int units, byte act, boolean perChannel) {
      return new Layer(Kind.FC, units, 0, 1, 1, false, act, perChannel);
    }

    static Layer conv(int out, int k, int stride, int dilation, boolean same, byte act) {
      return new Layer(Kind.CONV, out, k, stride, dilation, same, act, true);
    }

    static Layer depthwise(int multiplier, int k, int stride, int dilation, boolean same,
        byte act) {
      return new Layer(Kind.DEPTHWISE, multiplier, k, stride, dilation, same, act, true);
    }

    static Layer pool(boolean max, int k, int stride, boolean same) {
      return new Layer(max ? Kind.MAX_POOL : Kind.AVG_POOL, 0, k, stride, 1, same,
          ModelBuilder.NONE, false);
    }

    static Layer flatten() {
      return new Layer(Kind.FLATTEN, 0, 0, 1, 1, false, ModelBuilder.NONE, false);
    }

    static Layer softmax() {
      return new Layer(Kind.SOFTMAX, 0, 0, 1, 1, false, ModelBuilder.NONE, false);
    }
  }

  /** 784 -> 64 RELU -> 32 RELU6 -> 10 -> SOFTMAX; FC weights per tensor. */
  static List<Layer> mlp() {
    return List.of(Layer.fc(64, ModelBuilder.RELU, false), Layer.fc(32, ModelBuilder.RELU6, false),
        Layer.fc(10, ModelBuilder.NONE, false), Layer.softmax());
  }

  /**
   * 28x28x1 -> CONV 3x3x8 SAME RELU -> MAX_POOL 2 -> DEPTHWISE 3x3 dilation 2 SAME RELU6 ->
   * CONV 3x3x16 stride 2 VALID RELU -> AVG_POOL 2 -> FLATTEN -> FC 10 (per channel) -> SOFTMAX.
   */
  static List<Layer> cnn() {
    return List.of(Layer.conv(8, 3, 1, 1, true, ModelBuilder.RELU), Layer.pool(true, 2, 2, false),
        Layer.depthwise(1, 3, 1, 2, true, ModelBuilder.RELU6),
        Layer.conv(16, 3, 2, 1, false, ModelBuilder.RELU), Layer.pool(false, 2, 2, false),
        Layer.flatten(), Layer.fc(10, ModelBuilder.NONE, true), Layer.softmax());
  }

  /** A network: layers, input shape and the random float weights of each layer. */
  static final class Net {
    final List<Layer> layers;
    final int[] inputShape;
    final List<float[]> weights = new ArrayList<>();
    final List<int[]> weightShapes = new ArrayList<>();
    final List<float[]> biases = new ArrayList<>();
    final List<int[]> shapes = new ArrayList<>(); // shape after each layer

    Net(List<Layer> layers, int[] inputShape, long seed) {
      this.layers = layers;
      this.inputShape = inputShape.clone();
      Random rnd = new Random(seed);
      int[] s = inputShape.clone();
      for (Layer l : layers) {
        float[] w = null;
        int[] ws = null;
        float[] b = null;
        switch (l.kind()) {
          case FC: {
            int depth = Shapes.count(s) / s[0];
            ws = new int[] {l.out(), depth};
            w = gaussian(rnd, l.out() * depth, 1.5 / Math.sqrt(depth));
            b = gaussian(rnd, l.out(), 0.1);
            s = new int[] {s[0], l.out()};
            break;
          }
          case CONV: {
            ws = new int[] {l.out(), l.k(), l.k(), s[3]};
            w = gaussian(rnd, Shapes.count(ws), 1.5 / Math.sqrt(l.k() * l.k() * s[3]));
            b = gaussian(rnd, l.out(), 0.1);
            ConvGeometry g = geometry(l, s);
            s = new int[] {s[0], g.outH, g.outW, l.out()};
            break;
          }
          case DEPTHWISE: {
            int outC = s[3] * l.out();
            ws = new int[] {1, l.k(), l.k(), outC};
            w = gaussian(rnd, Shapes.count(ws), 1.5 / l.k());
            b = gaussian(rnd, outC, 0.1);
            ConvGeometry g = geometry(l, s);
            s = new int[] {s[0], g.outH, g.outW, outC};
            break;
          }
          case MAX_POOL:
          case AVG_POOL: {
            ConvGeometry g = geometry(l, s);
            s = new int[] {s[0], g.outH, g.outW, s[3]};
            break;
          }
          case FLATTEN:
            s = new int[] {s[0], Shapes.count(s) / s[0]};
            break;
          case SOFTMAX:
            break;
          default:
            throw new AssertionError(l);
        }
        weights.add(w);
        weightShapes.add(ws);
        biases.add(b);
        shapes.add(s);
      }
    }

    private static ConvGeometry geometry(Layer l, int[] s) {
      return new ConvGeometry(l.same() ? Graph.Padding.SAME : Graph.Padding.VALID, s[1], s[2],
          l.k(), l.k(), l.stride(), l.stride(), l.dilation(), l.dilation());
    }

    /** The float32 model; with {@code allOutputs} every layer's output is a model output. */
    byte[] floatModel(boolean allOutputs) {
      ModelBuilder b = new ModelBuilder();
      int x = b.floatTensor("input", inputShape);
      int t = x;
      List<Integer> outs = new ArrayList<>();
      for (int i = 0; i < layers.size(); i++) {
        Layer l = layers.get(i);
        int y = b.floatTensor("t" + i, shapes.get(i));
        int w = weights.get(i) == null ? -1 : b.constFloat("w" + i, weightShapes.get(i),
            weights.get(i));
        int bias = biases.get(i) == null ? -1 : b.constFloat("b" + i,
            new int[] {biases.get(i).length}, biases.get(i));
        emit(b, l, i, t, w, bias, y, false);
        outs.add(y);
        t = y;
      }
      int[] outputs = allOutputs ? outs.stream().mapToInt(Integer::intValue).toArray()
          : new int[] {t};
      return b.build(new int[] {x}, outputs);
    }

    /**
     * The full-integer int8 model with float32 edges; activation ranges from running the float
     * model on {@code calibration} (rows of one sample each).
     */
    byte[] int8Model(float[][] calibration) {
      float[][] ranges = calibrate(calibration);
      ModelBuilder b = new ModelBuilder();
      int x = b.floatTensor("input", inputShape);
      float[] inQ = params(ranges[0][0], ranges[0][1]);
      int q = b.int8Tensor("input_int8", inQ[0], (int) inQ[1], inputShape);
      b.op(ModelBuilder.QUANTIZE, 1, new int[] {x}, new int[] {q}, null);
      int t = q;
      float sIn = inQ[0];
      int zpIn = (int) inQ[1];
      for (int i = 0; i < layers.size(); i++) {
        Layer l = layers.get(i);
        float sOut;
        int zpOut;
        switch (l.kind()) {
          case MAX_POOL:
          case AVG_POOL:
          case FLATTEN:
            sOut = sIn;
            zpOut = zpIn;
            break;
          case SOFTMAX:
            sOut = 1f / 256;
            zpOut = -128;
            break;
          default: {
            float[] p = params(ranges[i + 1][0], ranges[i + 1][1]);
            sOut = p[0];
            zpOut = (int) p[1];
          }
        }
        int y = b.int8Tensor("t" + i, sOut, zpOut, shapes.get(i));
        int w = -1;
        int bias = -1;
        if (weights.get(i) != null) {
          int axis = l.kind() == Kind.DEPTHWISE ? 3 : 0;
          int[] ws = weightShapes.get(i);
          int channels = ws[axis];
          float[] wScales = new float[l.perChannel() ? channels : 1];
          byte[] wq = quantizeWeights(weights.get(i), ws, axis, wScales);
          w = b.constInt8("w" + i, ws, wq, wScales, axis);
          float[] bs = new float[channels];
          int[] bq = new int[channels];
          for (int c = 0; c < channels; c++) {
            bs[c] = sIn * wScales[wScales.length == 1 ? 0 : c];
            bq[c] = (int) Math.round(biases.get(i)[c] / bs[c]);
          }
          bias = b.constInt32("b" + i, new int[] {channels}, bq, bs);
        }
        emit(b, l, i, t, w, bias, y, true);
        t = y;
        sIn = sOut;
        zpIn = zpOut;
      }
      int out = b.floatTensor("output", shapes.get(layers.size() - 1));
      b.op(ModelBuilder.DEQUANTIZE, 2, new int[] {t}, new int[] {out}, null);
      return b.build(new int[] {x}, new int[] {out});
    }

    /**
     * The same network as a {@link TfliteModelSpec} for quantlab.tflite's {@link TfliteWriter},
     * with the output ranges calibrated on {@code calibration}.
     */
    TfliteModelSpec spec(float[][] calibration) {
      float[][] r = calibrate(calibration);
      TfliteModelSpec.Builder b = TfliteModelSpec.builder().name("random")
          .input(inputShape).inputRange(Math.min(0f, r[0][0]), Math.max(0f, r[0][1]));
      int[] s = inputShape;
      for (int i = 0; i < layers.size(); i++) {
        Layer l = layers.get(i);
        float[] w = weights.get(i);
        float[] bias = biases.get(i);
        quantlab.tflite.Padding pad = l.same() ? quantlab.tflite.Padding.SAME
            : quantlab.tflite.Padding.VALID;
        quantlab.tflite.Activation act = quantlab.tflite.Activation.ofCode(l.act());
        TfliteLayerSpec ls = switch (l.kind()) {
          case FC -> TfliteLayerSpec.fullyConnected(l.out(), w, bias).activation(act);
          case CONV -> TfliteLayerSpec.conv2d(l.out(), l.k(), l.k(), s[3], w, bias).padding(pad)
              .strides(l.stride(), l.stride()).dilation(l.dilation(), l.dilation())
              .activation(act);
          case DEPTHWISE -> TfliteLayerSpec.depthwiseConv2d(l.k(), l.k(), s[3], l.out(), w, bias)
              .padding(pad).strides(l.stride(), l.stride()).dilation(l.dilation(), l.dilation())
              .activation(act);
          case MAX_POOL -> TfliteLayerSpec.maxPool2d(l.k(), l.k()).padding(pad)
              .strides(l.stride(), l.stride());
          case AVG_POOL -> TfliteLayerSpec.averagePool2d(l.k(), l.k()).padding(pad)
              .strides(l.stride(), l.stride());
          case FLATTEN -> TfliteLayerSpec.reshape(1, -1);
          case SOFTMAX -> TfliteLayerSpec.softmax();
        };
        if (w != null) {
          ls = ls.outputRange(Math.min(0f, r[i + 1][0]), Math.max(0f, r[i + 1][1]));
        }
        b.layer(ls);
        s = shapes.get(i);
      }
      return b.build();
    }

    /** Written by {@link TfliteWriter}: FLOAT32, or INT8 with float32 input and output. */
    byte[] written(TfliteVariant variant, float[][] calibration) {
      boolean perChannelFc = layers.stream().anyMatch(l -> l.kind() == Kind.FC && l.perChannel());
      return TfliteWriter.builder().variant(variant)
          .floatInputOutput(variant == TfliteVariant.INT8)
          .perChannelFullyConnected(perChannelFc).build().toBytes(spec(calibration));
    }

    /** {@code ranges[0]} is the input's [min, max]; {@code ranges[i + 1]} layer i's output. */
    float[][] calibrate(float[][] calibration) {
      Interpreter it = Interpreter.of(floatModel(true));
      float[][] r = new float[layers.size() + 1][];
      for (int i = 0; i < r.length; i++) {
        r[i] = new float[] {0f, 0f};
      }
      int[] shape = inputShape.clone();
      shape[0] = calibration.length;
      float[] all = new float[calibration.length * calibration[0].length];
      for (int i = 0; i < calibration.length; i++) {
        System.arraycopy(calibration[i], 0, all, i * calibration[i].length, calibration[i].length);
      }
      for (float v : all) {
        r[0][0] = Math.min(r[0][0], v);
        r[0][1] = Math.max(r[0][1], v);
      }
      List<Tensor> outs = it.runAll(List.of(Tensor.ofFloat(shape, all)));
      for (int i = 0; i < outs.size(); i++) {
        for (float v : outs.get(i).floats()) {
          r[i + 1][0] = Math.min(r[i + 1][0], v);
          r[i + 1][1] = Math.max(r[i + 1][1], v);
        }
      }
      return r;
    }
  }

  private static void emit(ModelBuilder b, Layer l, int i, int t, int w, int bias, int y,
      boolean int8) {
    switch (l.kind()) {
      case FC:
        b.op(ModelBuilder.FULLY_CONNECTED, int8 ? (l.perChannel() ? 5 : 4) : 1,
            new int[] {t, w, bias}, new int[] {y}, ModelBuilder.fc(l.act()));
        break;
      case CONV:
        b.op(ModelBuilder.CONV_2D, int8 ? 3 : 1, new int[] {t, w, bias}, new int[] {y},
            ModelBuilder.conv(l.same(), l.stride(), l.dilation(), l.act()));
        break;
      case DEPTHWISE:
        b.op(ModelBuilder.DEPTHWISE_CONV_2D, int8 ? 3 : 2, new int[] {t, w, bias}, new int[] {y},
            ModelBuilder.depthwise(l.same(), l.stride(), l.dilation(), l.out(), l.act()));
        break;
      case MAX_POOL:
        b.op(ModelBuilder.MAX_POOL_2D, int8 ? 2 : 1, new int[] {t}, new int[] {y},
            ModelBuilder.pool(l.same(), l.k(), l.stride(), ModelBuilder.NONE));
        break;
      case AVG_POOL:
        b.op(ModelBuilder.AVERAGE_POOL_2D, int8 ? 2 : 1, new int[] {t}, new int[] {y},
            ModelBuilder.pool(l.same(), l.k(), l.stride(), ModelBuilder.NONE));
        break;
      case FLATTEN:
        b.op(ModelBuilder.RESHAPE, 1, new int[] {t}, new int[] {y},
            ModelBuilder.reshape(1, -1));
        break;
      case SOFTMAX:
        b.op(ModelBuilder.SOFTMAX, int8 ? 2 : 1, new int[] {t}, new int[] {y},
            ModelBuilder.softmax(1f));
        break;
      default:
        throw new AssertionError(l);
    }
  }

  /** Asymmetric int8 activation parameters {scale, zeroPoint} for a range widened to hold 0. */
  static float[] params(float lo, float hi) {
    lo = Math.min(lo, 0f);
    hi = Math.max(hi, 0f);
    float scale = hi > lo ? (hi - lo) / 255f : 1f;
    long zp = Math.round(-128 - lo / scale);
    zp = Math.max(-128, Math.min(127, zp));
    return new float[] {scale, zp};
  }

  /** Symmetric int8 weights in [-127, 127], per channel along {@code axis} or per tensor. */
  static byte[] quantizeWeights(float[] w, int[] shape, int axis, float[] scalesOut) {
    int channels = shape[axis];
    int inner = 1;
    for (int d = axis + 1; d < shape.length; d++) {
      inner *= shape[d];
    }
    float[] maxAbs = new float[scalesOut.length];
    for (int i = 0; i < w.length; i++) {
      int c = scalesOut.length == 1 ? 0 : (i / inner) % channels;
      maxAbs[c] = Math.max(maxAbs[c], Math.abs(w[i]));
    }
    for (int c = 0; c < scalesOut.length; c++) {
      scalesOut[c] = maxAbs[c] > 0 ? maxAbs[c] / 127f : 1f;
    }
    byte[] q = new byte[w.length];
    for (int i = 0; i < w.length; i++) {
      int c = scalesOut.length == 1 ? 0 : (i / inner) % channels;
      q[i] = (byte) Math.max(-127, Math.min(127, Math.round(w[i] / scalesOut[c])));
    }
    return q;
  }

  static float[] gaussian(Random rnd, int n, double std) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (rnd.nextGaussian() * std);
    }
    return v;
  }

  /** {@code n} samples of {@code size} values uniform in [0, 1), like pixel intensities. */
  static float[][] uniformInputs(int n, int size, long seed) {
    Random rnd = new Random(seed);
    float[][] x = new float[n][size];
    for (float[] row : x) {
      for (int i = 0; i < size; i++) {
        row[i] = rnd.nextFloat();
      }
    }
    return x;
  }

  @Override
  public String toString() {
    return Arrays.toString(Kind.values());
  }
}
