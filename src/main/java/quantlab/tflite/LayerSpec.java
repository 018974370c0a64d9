package quantlab.tflite;

import java.util.Arrays;
import quantlab.quant.Range;

/**
 * One layer of a {@link TfliteModelSpec}: an operator with its float weights and biases in the
 * layouts TFLite stores, its options, and (for int8 export) the real range of its output, as a
 * calibration or QAT run measured it. Immutable: the {@code with...} methods return changed
 * copies.
 *
 * <pre>{@code
 * LayerSpec.fullyConnected(128, w, b)          // w is [128, 784] row-major, b is [128]
 *     .activation(Activation.RELU)
 *     .outputRange(0f, 6.3f);
 * LayerSpec.conv2d(32, 3, 3, 1, filters, bias) // filters [32, 3, 3, 1] = [out, h, w, in]
 *     .padding(Padding.SAME).strides(1, 1);
 * }</pre>
 *
 * <p>Layouts: FULLY_CONNECTED weights {@code [out, in]} (a Keras Dense kernel is {@code [in,
 * out]}: transpose it with {@link #transpose}); CONV_2D filters {@code [out, h, w, in]};
 * DEPTHWISE_CONV_2D filters {@code [1, h, w, in * depthMultiplier]}; biases {@code [out]}.
 */
public final class LayerSpec {
  /** The operator a layer becomes. */
  public enum Kind {
    FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D, MAX_POOL_2D, AVERAGE_POOL_2D, RESHAPE, SOFTMAX,
    ADD
  }

  final Kind kind;
  final String name;
  final float[] weights;
  final int[] weightShape;
  final float[] bias;
  final Activation activation;
  final Padding padding;
  final int strideH;
  final int strideW;
  final int dilationH;
  final int dilationW;
  final int filterH;
  final int filterW;
  final int depthMultiplier;
  final int[] newShape;
  final float beta;
  /** ADD: index of the earlier layer whose output is added (-1 = the model input), or null. */
  final Integer addFrom;
  /** ADD: a constant operand and its shape, when not {@link #addFrom}. */
  final float[] constant;
  final int[] constantShape;
  final Range outputRange;

  private LayerSpec(Kind kind, String name, float[] weights, int[] weightShape, float[] bias,
      Activation activation, Padding padding, int strideH, int strideW, int dilationH,
      int dilationW, int filterH, int filterW, int depthMultiplier, int[] newShape, float beta,
      Integer addFrom, float[] constant, int[] constantShape, Range outputRange) {
    this.kind = kind;
    this.name = name;
    this.weights = weights;
    this.weightShape = weightShape;
    this.bias = bias;
    this.activation = activation;
    this.padding = padding;
    this.strideH = strideH;
    this.strideW = strideW;
    this.dilationH = dilationH;
    this.dilationW = dilationW;
    this.filterH = filterH;
    this.filterW = filterW;
    this.depthMultiplier = depthMultiplier;
    this.newShape = newShape;
    this.beta = beta;
    this.addFrom = addFrom;
    this.constant = constant;
    this.constantShape = constantShape;
    this.outputRange = outputRange;
  }

  private static LayerSpec base(Kind kind) {
    return new LayerSpec(kind, null, null, null, null, Activation.NONE, Padding.VALID, 1, 1, 1,
        1, 0, 0, 1, null, 1f, null, null, null, null);
  }

  private LayerSpec copy(String name, Activation activation, Padding padding, int strideH,
      int strideW, int dilationH, int dilationW, Range outputRange) {
    return new LayerSpec(kind, name, weights, weightShape, bias, activation, padding, strideH,
        strideW, dilationH, dilationW, filterH, filterW, depthMultiplier, newShape, beta,
        addFrom, constant, constantShape, outputRange);
  }

  private static float[] checkedCopy(String what, float[] values, int expected) {
    if (values == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (values.length != expected) {
      throw new IllegalArgumentException(
          what + " must have " + expected + " values, got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(what + "[" + i + "] must be finite, got " + values[i]);
      }
    }
    return values.clone();
  }

  private static int positive(String what, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(what + " must be >= 1, got " + v);
    }
    return v;
  }

  /**
   * FULLY_CONNECTED with {@code units} outputs: {@code y = x W^T + b}, {@code weights} {@code
   * [units, in]} row-major (in = weights.length / units), {@code bias} {@code [units]} or null.
   */
  public static LayerSpec fullyConnected(int units, float[] weights, float[] bias) {
    positive("units", units);
    if (weights == null || weights.length == 0 || weights.length % units != 0) {
      throw new IllegalArgumentException("weights must hold units * in values (units = " + units
          + "), got " + (weights == null ? "null" : weights.length));
    }
    LayerSpec l = base(Kind.FULLY_CONNECTED);
    int in = weights.length / units;
    return new LayerSpec(l.kind, null, checkedCopy("weights", weights, weights.length),
        new int[] {units, in}, bias == null ? null : checkedCopy("bias", bias, units),
        Activation.NONE, Padding.VALID, 1, 1, 1, 1, 0, 0, 1, null, 1f, null, null, null, null);
  }

  /** CONV_2D: {@code filters} {@code [out, h, w, in]} row-major, {@code bias} {@code [out]}. */
  public static LayerSpec conv2d(int out, int h, int w, int in, float[] filters, float[] bias) {
    positive("out", out);
    positive("h", h);
    positive("w", w);
    positive("in", in);
    return new LayerSpec(Kind.CONV_2D, null, checkedCopy("filters", filters, out * h * w * in),
        new int[] {out, h, w, in}, bias == null ? null : checkedCopy("bias", bias, out),
        Activation.NONE, Padding.VALID, 1, 1, 1, 1, h, w, 1, null, 1f, null, null, null, null);
  }

  /**
   * DEPTHWISE_CONV_2D over {@code in} channels with {@code depthMultiplier} filters each:
   * {@code filters} {@code [1, h, w, in * depthMultiplier]}, {@code bias} {@code [in *
   * depthMultiplier]}.
   */
  public static LayerSpec depthwiseConv2d(int h, int w, int in, int depthMultiplier,
      float[] filters, float[] bias) {
    positive("h", h);
    positive("w", w);
    positive("in", in);
    positive("depthMultiplier", depthMultiplier);
    int c = in * depthMultiplier;
    return new LayerSpec(Kind.DEPTHWISE_CONV_2D, null, checkedCopy("filters", filters, h * w * c),
        new int[] {1, h, w, c}, bias == null ? null : checkedCopy("bias", bias, c),
        Activation.NONE, Padding.VALID, 1, 1, 1, 1, h, w, depthMultiplier, null, 1f, null, null,
        null, null);
  }

  /** MAX_POOL_2D with a {@code h x w} window; strides default to the window. */
  public static LayerSpec maxPool2d(int h, int w) {
    return pool(Kind.MAX_POOL_2D, h, w);
  }

  /** AVERAGE_POOL_2D with a {@code h x w} window; strides default to the window. */
  public static LayerSpec averagePool2d(int h, int w) {
    return pool(Kind.AVERAGE_POOL_2D, h, w);
  }

  private static LayerSpec pool(Kind kind, int h, int w) {
    positive("h", h);
    positive("w", w);
    return new LayerSpec(kind, null, null, null, null, Activation.NONE, Padding.VALID, h, w, 1,
        1, h, w, 1, null, 1f, null, null, null, null);
  }

  /** RESHAPE to {@code newShape} (one -1 may stand for the remaining size). */
  public static LayerSpec reshape(int... newShape) {
    if (newShape == null || newShape.length == 0) {
      throw new IllegalArgumentException("newShape must have at least one dimension");
    }
    return new LayerSpec(Kind.RESHAPE, null, null, null, null, Activation.NONE, Padding.VALID, 1,
        1, 1, 1, 0, 0, 1, newShape.clone(), 1f, null, null, null, null);
  }

  /** SOFTMAX with {@code beta = 1}. */
  public static LayerSpec softmax() {
    return softmax(1f);
  }

  /** SOFTMAX of {@code beta * x}. */
  public static LayerSpec softmax(float beta) {
    if (!(beta > 0) || !Float.isFinite(beta)) {
      throw new IllegalArgumentException("beta must be positive and finite, got " + beta);
    }
    return new LayerSpec(Kind.SOFTMAX, null, null, null, null, Activation.NONE, Padding.VALID, 1,
        1, 1, 1, 0, 0, 1, null, beta, null, null, null, null);
  }

  /**
   * ADD of a constant of shape {@code shape} (broadcast against the previous output along
   * trailing dimensions, e.g. a {@code [channels]} vector).
   */
  public static LayerSpec add(float[] constant, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= positive("shape dimension", d);
    }
    return new LayerSpec(Kind.ADD, null, null, null, null, Activation.NONE, Padding.VALID, 1, 1,
        1, 1, 0, 0, 1, null, 1f, null, checkedCopy("constant", constant, n), shape.clone(),
        null);
  }

  /**
   * ADD of the output of earlier layer {@code layer} (-1 for the model input) to the previous
   * output: a residual connection. Both must have the same shape.
   */
  public static LayerSpec addFrom(int layer) {
    if (layer < -1) {
      throw new IllegalArgumentException("layer must be >= -1, got " + layer);
    }
    return new LayerSpec(Kind.ADD, null, null, null, null, Activation.NONE, Padding.VALID, 1, 1,
        1, 1, 0, 0, 1, null, 1f, layer, null, null, null);
  }

  /** The layer's name; tensor names derive from it ({@code name/weights}, ...). */
  public LayerSpec name(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank, got '" + name + "'");
    }
    return copy(name, activation, padding, strideH, strideW, dilationH, dilationW, outputRange);
  }

  /** The fused activation (FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D, pools, ADD). */
  public LayerSpec activation(Activation activation) {
    if (activation == null) {
      throw new IllegalArgumentException("activation must not be null");
    }
    if (activation != Activation.NONE && activation != Activation.RELU
        && activation != Activation.RELU6 && activation != Activation.RELU_N1_TO_1) {
      throw new IllegalArgumentException(
          "activation must be NONE, RELU, RELU6 or RELU_N1_TO_1, got " + activation);
    }
    if (kind == Kind.RESHAPE || kind == Kind.SOFTMAX) {
      throw new IllegalArgumentException(kind + " has no fused activation");
    }
    return copy(name, activation, padding, strideH, strideW, dilationH, dilationW, outputRange);
  }

  /** Padding of a convolution or pool. */
  public LayerSpec padding(Padding padding) {
    requireWindow("padding");
    if (padding == null) {
      throw new IllegalArgumentException("padding must not be null");
    }
    return copy(name, activation, padding, strideH, strideW, dilationH, dilationW, outputRange);
  }

  /** Strides of a convolution or pool. */
  public LayerSpec strides(int strideH, int strideW) {
    requireWindow("strides");
    return copy(name, activation, padding, positive("strideH", strideH),
        positive("strideW", strideW), dilationH, dilationW, outputRange);
  }

  /** Dilation of a convolution. */
  public LayerSpec dilation(int dilationH, int dilationW) {
    if (kind != Kind.CONV_2D && kind != Kind.DEPTHWISE_CONV_2D) {
      throw new IllegalArgumentException(kind + " has no dilation");
    }
    return copy(name, activation, padding, strideH, strideW, positive("dilationH", dilationH),
        positive("dilationW", dilationW), outputRange);
  }

  /**
   * The real range of this layer's output (after its fused activation), for int8 export. Not
   * needed by MAX_POOL_2D, AVERAGE_POOL_2D and RESHAPE (they keep their input's scale and zero
   * point) or SOFTMAX (fixed at scale 1/256, zero point -128).
   */
  public LayerSpec outputRange(float min, float max) {
    return outputRange(Range.of(min, max));
  }

  /** See {@link #outputRange(float, float)}. */
  public LayerSpec outputRange(Range range) {
    if (range == null) {
      throw new IllegalArgumentException("range must not be null");
    }
    return copy(name, activation, padding, strideH, strideW, dilationH, dilationW, range);
  }

  private void requireWindow(String what) {
    if (kind != Kind.CONV_2D && kind != Kind.DEPTHWISE_CONV_2D && kind != Kind.MAX_POOL_2D
        && kind != Kind.AVERAGE_POOL_2D) {
      throw new IllegalArgumentException(kind + " has no " + what);
    }
  }

  /**
   * Transposes a row-major {@code [rows, cols]} matrix, e.g. a Keras Dense kernel {@code [in,
   * out]} into the {@code [out, in]} that FULLY_CONNECTED stores.
   *
   * <p>Example: {@code transpose(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)} is {@code [1, 4, 2, 5,
   * 3, 6]}.
   */
  public static float[] transpose(float[] m, int rows, int cols) {
    if (m == null || m.length != rows * cols) {
      throw new IllegalArgumentException("m must have rows * cols = " + rows * cols
          + " values, got " + (m == null ? "null" : m.length));
    }
    float[] t = new float[m.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = m[r * cols + c];
      }
    }
    return t;
  }

  public Kind kind() {
    return kind;
  }

  /** The name given with {@link #name(String)}, or null (the spec then names it). */
  public String name() {
    return name;
  }

  /** The weights or filters (a copy), or null. */
  public float[] weights() {
    return weights == null ? null : weights.clone();
  }

  /** Shape of the weights or filters, or null. */
  public int[] weightShape() {
    return weightShape == null ? null : weightShape.clone();
  }

  /** The bias (a copy), or null. */
  public float[] bias() {
    return bias == null ? null : bias.clone();
  }

  public Activation activation() {
    return activation;
  }

  public Padding padding() {
    return padding;
  }

  public int strideH() {
    return strideH;
  }

  public int strideW() {
    return strideW;
  }

  public int dilationH() {
    return dilationH;
  }

  public int dilationW() {
    return dilationW;
  }

  public int filterH() {
    return filterH;
  }

  public int filterW() {
    return filterW;
  }

  public int depthMultiplier() {
    return depthMultiplier;
  }

  public int[] newShape() {
    return newShape == null ? null : newShape.clone();
  }

  public float beta() {
    return beta;
  }

  /** The output range for int8 export, or null. */
  public Range outputRange() {
    return outputRange;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("LayerSpec{").append(kind);
    if (name != null) {
      sb.append(" '").append(name).append('\'');
    }
    if (weightShape != null) {
      sb.append(" weights ").append(Arrays.toString(weightShape));
    }
    if (bias != null) {
      sb.append(" bias [").append(bias.length).append(']');
    }
    if (filterH > 0) {
      sb.append(" window ").append(filterH).append('x').append(filterW).append(" stride ")
          .append(strideH).append('x').append(strideW).append(' ').append(padding);
    }
    if (dilationH != 1 || dilationW != 1) {
      sb.append(" dilation ").append(dilationH).append('x').append(dilationW);
    }
    if (newShape != null) {
      sb.append(' ').append(Arrays.toString(newShape));
    }
    if (addFrom != null) {
      sb.append(" + output of ").append(addFrom == -1 ? "input" : "layer " + addFrom);
    }
    if (constantShape != null) {
      sb.append(" + constant ").append(Arrays.toString(constantShape));
    }
    if (activation != Activation.NONE) {
      sb.append(' ').append(activation);
    }
    if (outputRange != null) {
      sb.append(" out ").append(outputRange);
    }
    return sb.append('}').toString();
  }
}
