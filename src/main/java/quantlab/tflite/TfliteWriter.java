package quantlab.tflite;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.lite.schema.AddOptions;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.Conv2DOptions;
import org.tensorflow.lite.schema.DepthwiseConv2DOptions;
import org.tensorflow.lite.schema.FullyConnectedOptions;
import org.tensorflow.lite.schema.Pool2DOptions;
import org.tensorflow.lite.schema.ReshapeOptions;
import org.tensorflow.lite.schema.SoftmaxOptions;
import quantlab.quant.internal.QuantKernels;
import quantlab.quant.QuantParams;
import quantlab.quant.QuantizedTensor;
import quantlab.quant.Quantizer;
import quantlab.quant.Range;
import quantlab.quant.Rounding;
import quantlab.quant.Shape;

/**
 * Writes a {@link TfliteModelSpec} as a {@code .tflite} file in one of four
 * {@link TfliteVariant}s, following the TFLite converter's conventions.
 *
 * <pre>{@code
 * TfliteWriter.write(spec, TfliteVariant.INT8, Path.of("mlp_int8.tflite"));
 * byte[] f16 = TfliteWriter.toBytes(spec, TfliteVariant.FLOAT16);
 * TfliteWriter.builder().variant(TfliteVariant.INT8).floatInputOutput(true).build()
 *     .write(spec, Path.of("mlp_int8_float_io.tflite"));
 * }</pre>
 *
 * <p>The int8 variant follows the TFLite int8 specification:
 * <ul>
 *   <li>weights: int8 in [-127, 127], zero point 0, one scale per output channel (for
 *       FULLY_CONNECTED optionally one per tensor, {@link Builder#perChannelFullyConnected})
 *       ({@code scale[c] = max|w[c]| / 127}; axis 0 for FULLY_CONNECTED {@code [out, in]} and
 *       CONV_2D {@code [out, h, w, in]}, axis 3 for DEPTHWISE_CONV_2D {@code [1, h, w, c]});
 *       codes rounded half away from zero as the converter does;
 *   <li>activations: int8 in [-128, 127], per tensor, scale and zero point from the layer's
 *       output range (widened to contain 0 and nudged as TensorFlow does);
 *   <li>bias: int32, zero point 0, {@code scale[c] = input_scale * weight_scale[c]} (the float32
 *       product, exactly what the runtime checks against);
 *   <li>SOFTMAX output: scale 1/256, zero point -128; MAX_POOL_2D, AVERAGE_POOL_2D and RESHAPE
 *       keep their input's scale and zero point (a range given for them is not used);
 *   <li>inputs and outputs int8, or float32 with QUANTIZE / DEQUANTIZE at the edges.
 * </ul>
 * Dynamic range: FULLY_CONNECTED weights int8 per tensor with {@code asymmetric_quantize_inputs}
 * (op version 9), CONV_2D and DEPTHWISE_CONV_2D weights int8 per channel (versions 5 and 6);
 * weights with fewer than {@link Builder#minElementsForWeights(int)} values (default 1024, the
 * converter's threshold) and all biases stay float32. Float16: every float constant (weights,
 * biases, ADD constants) is stored as FLOAT16 and followed by a DEQUANTIZE (version 3).
 *
 * <p>Files are written atomically (a temporary file in the same folder, then a move). Details
 * and measured sizes in docs/tflite.md.
 */
public final class TfliteWriter {
  private final TfliteVariant variant;
  private final boolean floatInputOutput;
  private final int minElementsForWeights;
  private final String description;
  private final boolean perChannelFullyConnected;

  private TfliteWriter(Builder b) {
    this.perChannelFullyConnected = b.perChannelFullyConnected;
    this.variant = b.variant;
    this.floatInputOutput = b.floatInputOutput;
    this.minElementsForWeights = b.minElementsForWeights;
    this.description = b.description;
  }

  /** Defaults: FLOAT32, int8 inputs and outputs for INT8, 1024 elements, "quantlab". */
  public static Builder builder() {
    return new Builder();
  }

  /** The file bytes of {@code spec} in {@code variant} (INT8 with int8 inputs and outputs). */
  public static byte[] toBytes(TfliteModelSpec spec, TfliteVariant variant) {
    return builder().variant(variant).build().toBytes(spec);
  }

  /** Writes {@code spec} in {@code variant} to {@code file}, atomically. */
  public static void write(TfliteModelSpec spec, TfliteVariant variant, Path file)
      throws IOException {
    builder().variant(variant).build().write(spec, file);
  }

  public TfliteVariant variant() {
    return variant;
  }

  /** Writes {@code spec} to {@code file} atomically (temporary file, then move). */
  public void write(TfliteModelSpec spec, Path file) throws IOException {
    byte[] bytes = toBytes(spec);
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, abs.getFileName().toString(), ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The file bytes of {@code spec}. */
  public byte[] toBytes(TfliteModelSpec spec) {
    if (spec == null) {
      throw new IllegalArgumentException("spec must not be null");
    }
    return new Lowering(spec).run().serialize(description);
  }

  @Override
  public String toString() {
    return "TfliteWriter{" + variant + (variant == TfliteVariant.INT8
        ? (floatInputOutput ? ", float32 input/output" : ", int8 input/output") : "") + "}";
  }

  /** Turns the spec into tensors and operators for this writer's variant. */
  private final class Lowering {
    private final TfliteModelSpec spec;
    private final ModelDraft d;
    private final boolean int8 = variant == TfliteVariant.INT8;
    private final List<Integer> layerOut = new ArrayList<>();
    private int modelInput;

    Lowering(TfliteModelSpec spec) {
      this.spec = spec;
      this.d = new ModelDraft(spec.name());
    }

    ModelDraft run() {
      int[] inShape = spec.inputShape();
      int cur;
      if (int8) {
        Range r = spec.inputRange();
        if (r == null) {
          throw new IllegalArgumentException("int8 export needs the input range: set"
              + " inputRange(min, max) on the spec");
        }
        TfliteQuantization q = activationParams(r);
        if (floatInputOutput) {
          int f = d.tensor("input", TensorType.FLOAT32, inShape, null, null);
          cur = d.tensor("input_int8", TensorType.INT8, inShape, null, q);
          d.op(ModelDraft.QUANTIZE, 1, new int[] {f}, new int[] {cur}, BuiltinOptions.NONE, null);
          d.inputs = new int[] {f};
        } else {
          cur = d.tensor("input", TensorType.INT8, inShape, null, q);
          d.inputs = new int[] {cur};
        }
      } else {
        cur = d.tensor("input", TensorType.FLOAT32, inShape, null, null);
        d.inputs = new int[] {cur};
      }
      modelInput = cur;
      List<TfliteLayerSpec> layers = spec.layers();
      for (int i = 0; i < layers.size(); i++) {
        cur = layer(i, layers.get(i), cur);
        layerOut.add(cur);
      }
      if (int8 && floatInputOutput) {
        int out = d.tensor("output", TensorType.FLOAT32, spec.outputShape(), null, null);
        d.op(ModelDraft.DEQUANTIZE, 2, new int[] {cur}, new int[] {out}, BuiltinOptions.NONE,
            null);
        cur = out;
      }
      d.outputs = new int[] {cur};
      return d;
    }

    private TfliteQuantization activationParams(Range r) {
      return TfliteQuantization.of(Quantizer.builder().bits(8).build().paramsFor(r));
    }

    private TfliteQuantization q(int tensor) {
      return d.tensor(tensor).quantization();
    }

    private int layer(int i, TfliteLayerSpec l, int in) {
      String n = l.name();
      int[] outShape = spec.outputShape(i);
      byte act = (byte) l.activation().code();
      switch (l.kind()) {
        case FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D -> {
          return weighted(i, l, in, outShape, act);
        }
        case MAX_POOL_2D, AVERAGE_POOL_2D -> {
          boolean max = l.kind() == TfliteLayerSpec.Kind.MAX_POOL_2D;
          int out = activation(n, outShape, int8 ? q(in) : null);
          byte pad = (byte) l.padding().code();
          int sh = l.strideH();
          int sw = l.strideW();
          int fh = l.filterH();
          int fw = l.filterW();
          d.op(max ? ModelDraft.MAX_POOL_2D : ModelDraft.AVERAGE_POOL_2D, int8 ? 2 : 1,
              new int[] {in}, new int[] {out}, BuiltinOptions.Pool2DOptions,
              fb -> Pool2DOptions.createPool2DOptions(fb, pad, sw, sh, fw, fh, act));
          return out;
        }
        case RESHAPE -> {
          int[] target = l.newShape();
          int shape = d.tensor(n + "/shape", TensorType.INT32, new int[] {target.length},
              ModelDraft.intBytes(target), null);
          int out = activation(n, outShape, int8 ? q(in) : null);
          d.op(ModelDraft.RESHAPE, 1, new int[] {in, shape}, new int[] {out},
              BuiltinOptions.ReshapeOptions, fb -> ReshapeOptions.createReshapeOptions(fb,
                  ReshapeOptions.createNewShapeVector(fb, target)));
          return out;
        }
        case SOFTMAX -> {
          int out = activation(n, outShape,
              int8 ? TfliteQuantization.perTensor(1f / 256, -128) : null);
          float beta = l.beta();
          d.op(ModelDraft.SOFTMAX, int8 ? 2 : 1, new int[] {in}, new int[] {out},
              BuiltinOptions.SoftmaxOptions, fb -> SoftmaxOptions.createSoftmaxOptions(fb, beta));
          return out;
        }
        case ADD -> {
          int other;
          if (l.addedLayer() != null) {
            other = l.addedLayer() == -1 ? modelInput : layerOut.get(l.addedLayer());
          } else {
            other = constant(n + "/constant", l.constant(), l.constantShape());
          }
          int out = activation(n, outShape, int8 ? outputParams(i, l) : null);
          d.op(ModelDraft.ADD, int8 ? 2 : 1, new int[] {in, other}, new int[] {out},
              BuiltinOptions.AddOptions, fb -> AddOptions.createAddOptions(fb, act, false));
          return out;
        }
        default -> throw new AssertionError(l.kind());
      }
    }

    private int activation(String layerName, int[] shape, TfliteQuantization q) {
      return d.tensor(layerName + "/output", int8 ? TensorType.INT8 : TensorType.FLOAT32, shape,
          null, q);
    }

    private TfliteQuantization outputParams(int i, TfliteLayerSpec l) {
      if (l.outputRange() == null) {
        throw new IllegalArgumentException("int8 export needs the output range of layer " + i
            + " (" + l.kind() + " '" + l.name() + "'): set outputRange(min, max)");
      }
      return activationParams(l.outputRange());
    }

    /** A float constant operand (ADD) in this variant's form. */
    private int constant(String name, float[] values, int[] shape) {
      switch (variant) {
        case FLOAT16:
          return float16(name, values, shape);
        case INT8: {
          QuantizedTensor qt = Quantizer.builder().bits(8).build()
              .quantize(values, Shape.of(shape));
          return d.tensor(name, TensorType.INT8, shape, qt.toBytes(),
              TfliteQuantization.of(qt.params()));
        }
        default:
          return d.tensor(name, TensorType.FLOAT32, shape, ModelDraft.floatBytes(values), null);
      }
    }

    /** A FLOAT16 constant followed by DEQUANTIZE to float32; returns the float32 tensor. */
    private int float16(String name, float[] values, int[] shape) {
      int h = d.tensor(name, TensorType.FLOAT16, shape, ModelDraft.halfBytes(values), null);
      int f = d.tensor(name + "_dequantized", TensorType.FLOAT32, shape, null, null);
      d.op(ModelDraft.DEQUANTIZE, 3, new int[] {h}, new int[] {f}, BuiltinOptions.NONE, null);
      return f;
    }

    private int weighted(int i, TfliteLayerSpec l, int in, int[] outShape, byte act) {
      String n = l.name();
      int[] wShape = l.weightShape();
      float[] w = l.weights();
      int channels = l.kind() == TfliteLayerSpec.Kind.DEPTHWISE_CONV_2D ? wShape[3] : wShape[0];
      float[] given = l.bias();
      float[] b = given != null ? given : new float[channels];
      int axis = l.kind() == TfliteLayerSpec.Kind.DEPTHWISE_CONV_2D ? 3 : 0;
      int weights;
      int bias;
      int out;
      boolean hybrid = false;
      switch (variant) {
        case FLOAT32 -> {
          weights = d.tensor(n + "/weights", TensorType.FLOAT32, wShape,
              ModelDraft.floatBytes(w), null);
          bias = d.tensor(n + "/bias", TensorType.FLOAT32, new int[] {channels},
              ModelDraft.floatBytes(b), null);
          out = activation(n, outShape, null);
        }
        case FLOAT16 -> {
          weights = float16(n + "/weights", w, wShape);
          bias = float16(n + "/bias", b, new int[] {channels});
          out = activation(n, outShape, null);
        }
        case DYNAMIC_RANGE -> {
          if (w.length >= minElementsForWeights) {
            hybrid = true;
            Quantizer.Builder qb = Quantizer.builder().bits(8).narrowRange(true).symmetric()
                .rounding(Rounding.HALF_AWAY_FROM_ZERO);
            if (l.kind() != TfliteLayerSpec.Kind.FULLY_CONNECTED) {
              qb.perChannel(axis);
            }
            QuantizedTensor qt = qb.build().quantize(w, Shape.of(wShape));
            weights = d.tensor(n + "/weights", TensorType.INT8, wShape, qt.toBytes(),
                TfliteQuantization.of(qt.params()));
          } else {
            weights = d.tensor(n + "/weights", TensorType.FLOAT32, wShape,
                ModelDraft.floatBytes(w), null);
          }
          bias = d.tensor(n + "/bias", TensorType.FLOAT32, new int[] {channels},
              ModelDraft.floatBytes(b), null);
          out = activation(n, outShape, null);
        }
        case INT8 -> {
          Quantizer.Builder qb = Quantizer.builder().bits(8).narrowRange(true).symmetric()
              .rounding(Rounding.HALF_AWAY_FROM_ZERO);
          boolean perChannel =
              l.kind() != TfliteLayerSpec.Kind.FULLY_CONNECTED || perChannelFullyConnected;
          if (perChannel) {
            qb.perChannel(axis);
          }
          QuantizedTensor qt = qb.build().quantize(w, Shape.of(wShape));
          QuantParams wp = qt.params();
          TfliteQuantization wq = TfliteQuantization.of(wp);
          weights = d.tensor(n + "/weights", TensorType.INT8, wShape, qt.toBytes(), wq);
          float inScale = q(in).scale();
          float[] biasScales = new float[channels];
          long[] biasZeros = new long[channels];
          int[] bq = new int[channels];
          for (int c = 0; c < channels; c++) {
            biasScales[c] = inScale * wp.scale(perChannel ? c : 0);
            bq[c] = QuantKernels.code(b[c], biasScales[c], 0, -Integer.MAX_VALUE,
                Integer.MAX_VALUE, Rounding.HALF_AWAY_FROM_ZERO, null);
          }
          bias = d.tensor(n + "/bias", TensorType.INT32, new int[] {channels},
              ModelDraft.intBytes(bq), perChannel
                  ? TfliteQuantization.perChannel(biasScales, biasZeros, 0)
                  : TfliteQuantization.perTensor(biasScales[0], 0));
          out = activation(n, outShape, outputParams(i, l));
        }
        default -> throw new AssertionError(variant);
      }
      int[] ins = {in, weights, bias};
      int[] outs = {out};
      byte pad = (byte) l.padding().code();
      int sh = l.strideH();
      int sw = l.strideW();
      int dh = l.dilationH();
      int dw = l.dilationW();
      switch (l.kind()) {
        case FULLY_CONNECTED -> {
          boolean asym = hybrid;
          int version = int8 ? 4 : hybrid ? 9 : 1;
          d.op(ModelDraft.FULLY_CONNECTED, version, ins, outs,
              BuiltinOptions.FullyConnectedOptions,
              fb -> FullyConnectedOptions.createFullyConnectedOptions(fb, act, (byte) 0, false,
                  asym));
        }
        case CONV_2D -> {
          int version = int8 ? 3 : hybrid ? 5 : 1;
          d.op(ModelDraft.CONV_2D, version, ins, outs, BuiltinOptions.Conv2DOptions,
              fb -> Conv2DOptions.createConv2DOptions(fb, pad, sw, sh, act, dw, dh));
        }
        case DEPTHWISE_CONV_2D -> {
          int version = int8 ? 3 : hybrid ? 6 : (dh != 1 || dw != 1) ? 2 : 1;
          int mult = l.depthMultiplier();
          d.op(ModelDraft.DEPTHWISE_CONV_2D, version, ins, outs,
              BuiltinOptions.DepthwiseConv2DOptions,
              fb -> DepthwiseConv2DOptions.createDepthwiseConv2DOptions(fb, pad, sw, sh, mult,
                  act, dw, dh));
        }
        default -> throw new AssertionError(l.kind());
      }
      return out;
    }
  }

  /** Builder of a {@link TfliteWriter}. */
  public static final class Builder {
    private TfliteVariant variant = TfliteVariant.FLOAT32;
    private boolean floatInputOutput;
    private int minElementsForWeights = 1024;
    private String description = "quantlab";
    private boolean perChannelFullyConnected = true;

    private Builder() {}

    /**
     * INT8 only: one weight scale per output channel of FULLY_CONNECTED (default true, as the
     * current converter does); false gives one scale per weight matrix (as older converters and
     * TFLite Micro's examples do), which saves 24 bytes of parameters per output channel.
     */
    public Builder perChannelFullyConnected(boolean perChannelFullyConnected) {
      this.perChannelFullyConnected = perChannelFullyConnected;
      return this;
    }

    public Builder variant(TfliteVariant variant) {
      if (variant == null) {
        throw new IllegalArgumentException("variant must not be null");
      }
      this.variant = variant;
      return this;
    }

    /**
     * INT8 only: float32 input and output with QUANTIZE / DEQUANTIZE at the edges (default
     * false: int8 input and output).
     */
    public Builder floatInputOutput(boolean floatInputOutput) {
      this.floatInputOutput = floatInputOutput;
      return this;
    }

    /** DYNAMIC_RANGE only: weights with fewer values stay float32 (default 1024). */
    public Builder minElementsForWeights(int minElementsForWeights) {
      if (minElementsForWeights < 0) {
        throw new IllegalArgumentException(
            "minElementsForWeights must be >= 0, got " + minElementsForWeights);
      }
      this.minElementsForWeights = minElementsForWeights;
      return this;
    }

    /** The model description stored in the file (default "quantlab"). */
    public Builder description(String description) {
      if (description == null) {
        throw new IllegalArgumentException("description must not be null");
      }
      this.description = description;
      return this;
    }

    public TfliteWriter build() {
      return new TfliteWriter(this);
    }
  }
}
