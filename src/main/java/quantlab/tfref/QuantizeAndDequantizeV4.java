package quantlab.tfref;

import quantlab.quant.Shape;

/**
 * TensorFlow's {@code QuantizeAndDequantizeV4} (tensorflow/core/kernels/quantize_and_dequantize_op.h),
 * per tensor or per slice along {@code axis}: a symmetric fake quantization whose scale keeps 0
 * exact and lets neither side of {@code [min, max]} overflow the codes. In float32:
 *
 * <pre>
 *   qmin = signed ? -2^(bits-1) (+1 if narrow) : 0       qmax = signed ? 2^(bits-1) - 1 : 2^bits - 1
 *   fromMin = qmin * min > 0 ? qmin / min : FLT_MAX      fromMax = qmax * max > 0 ? qmax / max : FLT_MAX
 *   if fromMin &lt; fromMax: scale = fromMin, inv = min / qmin, max = qmax * inv
 *   else:                 scale = fromMax, inv = max / qmax, min = qmin * inv
 *   xHat = round(clamp(x, min, max) * scale) * inv      (no clamp when the range is not given)
 * </pre>
 *
 * <p>Without a given range, {@code [min, max]} is the data's own (per slice along {@code axis}).
 * A given range works per tensor only: TensorFlow 2.18 rejects it together with an axis. NaN in
 * the data is skipped when the range is taken from the data (TensorFlow's Eigen reductions leave
 * that case undefined); a NaN element gives NaN.
 *
 * <p>Example: {@code QuantizeAndDequantizeV4.builder().numBits(8).range(-1f, 2f).build()
 * .apply(new float[] {-1f, 0.5f, 3f})} uses {@code scale = 127/2 = 63.5} and
 * {@code min = -128 / 63.5 = -2.015748}, giving {@code [-1.007874, 0.503937, 2.0]}
 * ({@code -63.5} rounds to the even {@code -64}).
 * Explained in lesson 08.
 */
public final class QuantizeAndDequantizeV4 {
  private final int numBits;
  private final boolean signedInput;
  private final boolean narrowRange;
  private final RoundMode roundMode;
  private final int axis;
  private final float[] inputMin;
  private final float[] inputMax;

  private QuantizeAndDequantizeV4(Builder b) {
    this.numBits = b.numBits;
    this.signedInput = b.signedInput;
    this.narrowRange = b.narrowRange;
    this.roundMode = b.roundMode;
    this.axis = b.axis;
    this.inputMin = b.inputMin == null ? null : b.inputMin.clone();
    this.inputMax = b.inputMax == null ? null : b.inputMax.clone();
  }

  /** Defaults as TensorFlow's: 8 bits, signed, full range, HALF_TO_EVEN, axis -1, no range. */
  public static Builder builder() {
    return new Builder();
  }

  public boolean rangeGiven() {
    return inputMin != null;
  }

  /** Fake-quantizes a rank-1 tensor. */
  public float[] apply(float[] x) {
    return apply(x, Shape.vector(TfOps.notNull("x", x).length));
  }

  /** Fake-quantizes a tensor of {@code shape} (row-major, as TensorFlow stores it). */
  public float[] apply(float[] x, Shape shape) {
    TfOps.notNull("x", x);
    TfOps.notNull("shape", shape);
    if (x.length != shape.size()) {
      throw new IllegalArgumentException(
          "x.length (" + x.length + ") does not match shape " + shape + " of size "
              + shape.size());
    }
    int depth = 1;
    int post = x.length;
    if (axis != -1) {
      if (axis >= shape.rank()) {
        throw new IllegalArgumentException(
            "axis must be -1 or in [0, " + (shape.rank() - 1) + "] for shape " + shape + ", got "
                + axis);
      }
      depth = shape.dim(axis);
      post = 1;
      for (int d = axis + 1; d < shape.rank(); d++) {
        post *= shape.dim(d);
      }
    }
    if (rangeGiven()) {
      if (inputMin[0] > inputMax[0]) {
        throw new IllegalArgumentException(
            "min must be <= max (TensorFlow: Invalid range), got min " + inputMin[0] + " > max "
                + inputMax[0]);
      }
    }
    float[] out = new float[x.length];
    for (int c = 0; c < depth; c++) {
      float min;
      float max;
      if (rangeGiven()) {
        min = inputMin[c];
        max = inputMax[c];
      } else {
        min = Float.POSITIVE_INFINITY;
        max = Float.NEGATIVE_INFINITY;
        for (int i = first(c, post, depth); i < x.length; i = next(i, post, depth)) {
          min = Cpp.min(min, x[i]);
          max = Cpp.max(max, x[i]);
        }
      }
      channel(x, out, c, post, depth, min, max);
    }
    return out;
  }

  private static int first(int c, int post, int depth) {
    return c * post;
  }

  /** Index after {@code i} within the slice: runs of {@code post} every {@code depth * post}. */
  private static int next(int i, int post, int depth) {
    int inRun = i % post;
    return inRun + 1 < post ? i + 1 : i + 1 + (depth - 1) * post;
  }

  private void channel(
      float[] x, float[] out, int c, int post, int depth, float minRange, float maxRange) {
    long minQ = signedInput ? (narrowRange ? -(1L << (numBits - 1)) + 1 : -(1L << (numBits - 1)))
        : 0L;
    long maxQ = signedInput ? (1L << (numBits - 1)) - 1 : (1L << numBits) - 1;
    float fromMin = Cpp.lt(0f, Cpp.mul(minQ, minRange))
        ? Cpp.div(minQ, minRange) : Float.MAX_VALUE;
    float fromMax = Cpp.lt(0f, Cpp.mul(maxQ, maxRange))
        ? Cpp.div(maxQ, maxRange) : Float.MAX_VALUE;
    float scale;
    float inv;
    if (Cpp.lt(fromMin, fromMax)) {
      scale = fromMin;
      inv = Cpp.div(minRange, minQ);
      maxRange = Cpp.mul(maxQ, inv);
    } else {
      scale = fromMax;
      inv = Cpp.div(maxRange, maxQ);
      minRange = Cpp.mul(minQ, inv);
    }
    boolean given = rangeGiven();
    for (int i = first(c, post, depth); i < x.length; i = next(i, post, depth)) {
      float v = given ? Cpp.max(Cpp.min(x[i], maxRange), minRange) : x[i];
      v = Cpp.mul(v, scale);
      float r = roundMode == RoundMode.HALF_UP ? Codes.halfUp(v) : Codes.halfToEven(v);
      out[i] = Cpp.mul(r, inv);
    }
  }

  /**
   * {@code QuantizeAndDequantizeV4{8 bits, signed, HALF_TO_EVEN, axis=-1, range=[-1.0, 2.0]}}.
   */
  @Override
  public String toString() {
    return "QuantizeAndDequantizeV4{" + numBits + " bits, " + (signedInput ? "signed" : "unsigned")
        + (narrowRange ? ", narrow" : "") + ", " + roundMode + ", axis=" + axis + ", range="
        + (rangeGiven()
            ? "[" + inputMin[0] + ", " + inputMax[0] + "]" : "from data")
        + "}";
  }

  /** Builds a {@link QuantizeAndDequantizeV4}; see {@link QuantizeAndDequantizeV4#builder()}. */
  public static final class Builder {
    private int numBits = 8;
    private boolean signedInput = true;
    private boolean narrowRange = false;
    private RoundMode roundMode = RoundMode.HALF_TO_EVEN;
    private int axis = -1;
    private float[] inputMin;
    private float[] inputMax;

    private Builder() {}

    /** Code width: in [1, 61] when signed, [1, 62] when unsigned (TensorFlow's limits). */
    public Builder numBits(int numBits) {
      this.numBits = numBits;
      return this;
    }

    /** Signed codes (TensorFlow's {@code signed_input}, default true) or unsigned ones. */
    public Builder signedInput(boolean signedInput) {
      this.signedInput = signedInput;
      return this;
    }

    /** Leave out the lowest signed code (default false). */
    public Builder narrowRange(boolean narrowRange) {
      this.narrowRange = narrowRange;
      return this;
    }

    /** HALF_TO_EVEN (default) or HALF_UP. */
    public Builder roundMode(RoundMode roundMode) {
      this.roundMode = TfOps.notNull("roundMode", roundMode);
      return this;
    }

    /** One range per slice along {@code axis} (default -1: one range for the whole tensor). */
    public Builder axis(int axis) {
      this.axis = axis;
      return this;
    }

    /**
     * A given range for the whole tensor ({@code range_given = true}). TensorFlow 2.18 accepts a
     * given range only with {@code axis = -1}: with an axis it fails with "input_min must be a
     * scalar.", and so does {@link #build()}.
     */
    public Builder range(float min, float max) {
      this.inputMin = new float[] {min};
      this.inputMax = new float[] {max};
      return this;
    }

    /** Use the data's own range ({@code range_given = false}, the default). */
    public Builder rangeFromData() {
      this.inputMin = null;
      this.inputMax = null;
      return this;
    }

    public QuantizeAndDequantizeV4 build() {
      int limit = signedInput ? 61 : 62;
      if (numBits < 1 || numBits > limit) {
        throw new IllegalArgumentException(
            "numBits must be in [1, " + limit + "] when signedInput is " + signedInput + ", got "
                + numBits);
      }
      if (roundMode == RoundMode.HALF_AWAY_FROM_ZERO) {
        throw new IllegalArgumentException(
            "roundMode must be HALF_TO_EVEN or HALF_UP for QuantizeAndDequantizeV4, got "
                + roundMode);
      }
      if (axis < -1) {
        throw new IllegalArgumentException("axis must be >= -1, got " + axis);
      }
      if (axis != -1 && inputMin != null) {
        throw new IllegalArgumentException(
            "a given range needs axis -1, got axis " + axis + " (TensorFlow 2.18 rejects it:"
                + " \"input_min must be a scalar.\"); use the data's range along an axis");
      }
      return new QuantizeAndDequantizeV4(this);
    }
  }
}
