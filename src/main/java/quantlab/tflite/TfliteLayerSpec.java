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
 * TfliteLayerSpec.fullyConnected(128, w, b)          // w is [128, 784] row-major, b is [128]
 *     .activation(Activation.RELU)
 *     .outputRange(0f, 6.3f);
 * TfliteLayerSpec.conv2d(32, 3, 3, 1, filters, bias) // filters [32, 3, 3, 1] = [out, h, w, in]
 *     .padding(Padding.SAME).strides(1, 1);
 * }</pre>
 *
 * <p>Layouts: FULLY_CONNECTED weights {@code [out, in]} (a Keras Dense kernel is {@code [in,
 * out]}: transpose it with {@link #transpose}); CONV_2D filters {@code [out, h, w, in]};
 * DEPTHWISE_CONV_2D filters {@code [1, h, w, in * depthMultiplier]}; biases {@code [out]}.
 */
public final class TfliteLayerSpec {
  /** The operator a layer becomes. */
  public enum Kind {
    FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D, MAX_POOL_2D, AVERAGE_POOL_2D, RESHAPE, SOFTMAX,
    ADD
  }

  private final Kind kind;
  private final String name;
  private final float[] weights;
  private final int[] weightShape;
  private final float[] bias;
  private final Activation activation;
  private final Padding padding;
  private final int strideH;
  private final int strideW;
  private final int dilationH;
  private final int dilationW;
  private final int filterH;
  private final int filterW;
  private final int depthMultiplier;
  private final int[] newShape;
  private final float beta;
  /** ADD: index of the earlier layer whose output is added (-1 = the model input), or null. */
  private final Integer addFrom;
  /** ADD: a constant operand and its shape, when not {@link #addFrom}. */
  private final float[] constant;
  private final int[] constantShape;
  private final Range outputRange;

  private TfliteLayerSpec(Builder b) {
    this.kind = b.kind;
    this.name = b.name;
    this.weights = b.weights;
    this.weightShape = b.weightShape;
    this.bias = b.bias;
    this.activation = b.activation;
    this.padding = b.padding;
    this.strideH = b.strideH;
    this.strideW = b.strideW;
    this.dilationH = b.dilationH;
    this.dilationW = b.dilationW;
    this.filterH = b.filterH;
    this.filterW = b.filterW;
    this.depthMultiplier = b.depthMultiplier;
    this.newShape = b.newShape;
    this.beta = b.beta;
    this.addFrom = b.addFrom;
    this.constant = b.constant;
    this.constantShape = b.constantShape;
    this.outputRange = b.outputRange;
  }

  /**
   * The settings of one layer, defaulted as TFLite does (no activation, VALID padding, strides
   * and dilation 1, depth multiplier 1, softmax beta 1). Private: the factories fill what their
   * operator needs and the {@code with}-style methods change one setting on a copy.
   */
  private static final class Builder {
    private final Kind kind;
    private String name;
    private float[] weights;
    private int[] weightShape;
    private float[] bias;
    private Activation activation = Activation.NONE;
    private Padding padding = Padding.VALID;
    private int strideH = 1;
    private int strideW = 1;
    private int dilationH = 1;
    private int dilationW = 1;
    private int filterH;
    private int filterW;
    private int depthMultiplier = 1;
    private int[] newShape;
    private float beta = 1f;
    private Integer addFrom;
    private float[] constant;
    private int[] constantShape;
    private Range outputRange;

    Builder(Kind kind) {
      this.kind = kind;
    }

    /** A builder holding every setting of {@code l} (arrays are shared: they never change). */
    Builder(TfliteLayerSpec l) {
      this.kind = l.kind;
      this.name = l.name;
      this.weights = l.weights;
      this.weightShape = l.weightShape;
      this.bias = l.bias;
      this.activation = l.activation;
      this.padding = l.padding;
      this.strideH = l.strideH;
      this.strideW = l.strideW;
      this.dilationH = l.dilationH;
      this.dilationW = l.dilationW;
      this.filterH = l.filterH;
      this.filterW = l.filterW;
      this.depthMultiplier = l.depthMultiplier;
      this.newShape = l.newShape;
      this.beta = l.beta;
      this.addFrom = l.addFrom;
      this.constant = l.constant;
      this.constantShape = l.constantShape;
      this.outputRange = l.outputRange;
    }

    Builder weights(float[] weights, int... shape) {
      this.weights = weights;
      this.weightShape = shape;
      return this;
    }

    Builder bias(float[] bias) {
      this.bias = bias;
      return this;
    }

    Builder window(int h, int w) {
      this.filterH = h;
      this.filterW = w;
      return this;
    }

    TfliteLayerSpec build() {
      return new TfliteLayerSpec(this);
    }
  }

  private Builder toBuilder() {
    return new Builder(this);
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
  public static TfliteLayerSpec fullyConnected(int units, float[] weights, float[] bias) {
    positive("units", units);
    if (weights == null || weights.length == 0 || weights.length % units != 0) {
      throw new IllegalArgumentException("weights must hold units * in values (units = " + units
          + "), got " + (weights == null ? "null" : weights.length));
    }
    int in = weights.length / units;
    return new Builder(Kind.FULLY_CONNECTED)
        .weights(checkedCopy("weights", weights, weights.length), units, in)
        .bias(bias == null ? null : checkedCopy("bias", bias, units))
        .build();
  }

  /** CONV_2D: {@code filters} {@code [out, h, w, in]} row-major, {@code bias} {@code [out]}. */
  public static TfliteLayerSpec conv2d(int out, int h, int w, int in, float[] filters, float[] bias) {
    positive("out", out);
    positive("h", h);
    positive("w", w);
    positive("in", in);
    return new Builder(Kind.CONV_2D)
        .weights(checkedCopy("filters", filters, out * h * w * in), out, h, w, in)
        .bias(bias == null ? null : checkedCopy("bias", bias, out))
        .window(h, w)
        .build();
  }

  /**
   * DEPTHWISE_CONV_2D over {@code in} channels with {@code depthMultiplier} filters each:
   * {@code filters} {@code [1, h, w, in * depthMultiplier]}, {@code bias} {@code [in *
   * depthMultiplier]}.
   */
  public static TfliteLayerSpec depthwiseConv2d(int h, int w, int in, int depthMultiplier,
      float[] filters, float[] bias) {
    positive("h", h);
    positive("w", w);
    positive("in", in);
    positive("depthMultiplier", depthMultiplier);
    int c = in * depthMultiplier;
    Builder b = new Builder(Kind.DEPTHWISE_CONV_2D)
        .weights(checkedCopy("filters", filters, h * w * c), 1, h, w, c)
        .bias(bias == null ? null : checkedCopy("bias", bias, c))
        .window(h, w);
    b.depthMultiplier = depthMultiplier;
    return b.build();
  }

  /** MAX_POOL_2D with a {@code h x w} window; strides default to the window. */
  public static TfliteLayerSpec maxPool2d(int h, int w) {
    return pool(Kind.MAX_POOL_2D, h, w);
  }

  /** AVERAGE_POOL_2D with a {@code h x w} window; strides default to the window. */
  public static TfliteLayerSpec averagePool2d(int h, int w) {
    return pool(Kind.AVERAGE_POOL_2D, h, w);
  }

  private static TfliteLayerSpec pool(Kind kind, int h, int w) {
    positive("h", h);
    positive("w", w);
    Builder b = new Builder(kind).window(h, w);
    b.strideH = h;
    b.strideW = w;
    return b.build();
  }

  /** RESHAPE to {@code newShape} (one -1 may stand for the remaining size). */
  public static TfliteLayerSpec reshape(int... newShape) {
    if (newShape == null || newShape.length == 0) {
      throw new IllegalArgumentException("newShape must have at least one dimension");
    }
    Builder b = new Builder(Kind.RESHAPE);
    b.newShape = newShape.clone();
    return b.build();
  }

  /** SOFTMAX with {@code beta = 1}. */
  public static TfliteLayerSpec softmax() {
    return softmax(1f);
  }

  /** SOFTMAX of {@code beta * x}. */
  public static TfliteLayerSpec softmax(float beta) {
    if (!(beta > 0) || !Float.isFinite(beta)) {
      throw new IllegalArgumentException("beta must be positive and finite, got " + beta);
    }
    Builder b = new Builder(Kind.SOFTMAX);
    b.beta = beta;
    return b.build();
  }

  /**
   * ADD of a constant of shape {@code shape} (broadcast against the previous output along
   * trailing dimensions, e.g. a {@code [channels]} vector).
   */
  public static TfliteLayerSpec add(float[] constant, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= positive("shape dimension", d);
    }
    Builder b = new Builder(Kind.ADD);
    b.constant = checkedCopy("constant", constant, n);
    b.constantShape = shape.clone();
    return b.build();
  }

  /**
   * ADD of the output of earlier layer {@code layer} (-1 for the model input) to the previous
   * output: a residual connection. Both must have the same shape.
   */
  public static TfliteLayerSpec addFrom(int layer) {
    if (layer < -1) {
      throw new IllegalArgumentException("layer must be >= -1, got " + layer);
    }
    Builder b = new Builder(Kind.ADD);
    b.addFrom = layer;
    return b.build();
  }

  /** The layer's name; tensor names derive from it ({@code name/weights}, ...). */
  public TfliteLayerSpec name(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank, got '" + name + "'");
    }
    Builder b = toBuilder();
    b.name = name;
    return b.build();
  }

  /** The fused activation (FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D, pools, ADD). */
  public TfliteLayerSpec activation(Activation activation) {
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
    Builder b = toBuilder();
    b.activation = activation;
    return b.build();
  }

  /** Padding of a convolution or pool. */
  public TfliteLayerSpec padding(Padding padding) {
    requireWindow("padding");
    if (padding == null) {
      throw new IllegalArgumentException("padding must not be null");
    }
    Builder b = toBuilder();
    b.padding = padding;
    return b.build();
  }

  /** Strides of a convolution or pool. */
  public TfliteLayerSpec strides(int strideH, int strideW) {
    requireWindow("strides");
    Builder b = toBuilder();
    b.strideH = positive("strideH", strideH);
    b.strideW = positive("strideW", strideW);
    return b.build();
  }

  /** Dilation of a convolution. */
  public TfliteLayerSpec dilation(int dilationH, int dilationW) {
    if (kind != Kind.CONV_2D && kind != Kind.DEPTHWISE_CONV_2D) {
      throw new IllegalArgumentException(kind + " has no dilation");
    }
    Builder b = toBuilder();
    b.dilationH = positive("dilationH", dilationH);
    b.dilationW = positive("dilationW", dilationW);
    return b.build();
  }

  /**
   * The real range of this layer's output (after its fused activation), for int8 export. Not
   * needed by MAX_POOL_2D, AVERAGE_POOL_2D and RESHAPE (they keep their input's scale and zero
   * point) or SOFTMAX (fixed at scale 1/256, zero point -128).
   */
  public TfliteLayerSpec outputRange(float min, float max) {
    return outputRange(Range.of(min, max));
  }

  /** See {@link #outputRange(float, float)}. */
  public TfliteLayerSpec outputRange(Range range) {
    if (range == null) {
      throw new IllegalArgumentException("range must not be null");
    }
    Builder b = toBuilder();
    b.outputRange = range;
    return b.build();
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

  /**
   * ADD of an earlier output: the index of the layer whose output is added (-1 = the model
   * input), or null for any other layer.
   */
  public Integer addedLayer() {
    return addFrom;
  }

  /** ADD of a constant: the constant (a copy), or null. */
  public float[] constant() {
    return constant == null ? null : constant.clone();
  }

  /** ADD of a constant: the constant's shape, or null. */
  public int[] constantShape() {
    return constantShape == null ? null : constantShape.clone();
  }

  /** The output range for int8 export, or null. */
  public Range outputRange() {
    return outputRange;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TfliteLayerSpec{").append(kind);
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
