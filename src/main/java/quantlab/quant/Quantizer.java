package quantlab.quant;

import quantlab.quant.internal.QuantKernels;
import java.util.SplittableRandom;

/**
 * A complete quantization setting: code format, scheme, granularity, rounding and NaN policy.
 * Immutable; built with {@link #builder()}. It derives parameters from the data's own range
 * (min-max) or takes them given (for example from a {@code quantlab.calib} calibrator), and
 * quantizes, dequantizes and fake-quantizes.
 *
 * <pre>{@code
 * Quantizer qz = Quantizer.builder()
 *     .bits(4).symmetric().narrowRange(true)
 *     .perChannel(1)                      // one scale per output channel of a [784, 128] kernel
 *     .rounding(Rounding.HALF_TO_EVEN)
 *     .build();
 * QuantizedTensor t = qz.quantize(kernel, Shape.of(784, 128));
 * float[] xHat = t.dequantize();
 * }</pre>
 *
 * <p>Example: {@code Quantizer.builder().bits(2).build().quantize(new float[] {-1f, 0f, 0.4f,
 * 2f})} uses {@code scale = 1.0} and {@code zeroPoint = -1}, giving codes {@code [-2, -1, -1, 1]}.
 */
public final class Quantizer {
  private final IntFormat format;
  private final Scheme scheme;
  private final Granularity granularity;
  private final Rounding rounding;
  private final long seed;
  private final NanPolicy nanPolicy;

  private Quantizer(Builder b) {
    this.format = IntFormat.of(b.bits, b.signed, b.narrowRange);
    this.scheme = b.scheme;
    this.granularity = b.granularity;
    this.rounding = b.rounding;
    this.seed = b.seed;
    this.nanPolicy = b.nanPolicy;
  }

  /** Defaults: int8, affine, per tensor, {@link Rounding#HALF_AWAY_FROM_ZERO}, NaN rejected. */
  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.bits = format.bits();
    b.signed = format.signed();
    b.narrowRange = format.narrowRange();
    b.scheme = scheme;
    b.granularity = granularity;
    b.rounding = rounding;
    b.seed = seed;
    b.nanPolicy = nanPolicy;
    return b;
  }

  public IntFormat format() {
    return format;
  }

  public int bits() {
    return format.bits();
  }

  public Scheme scheme() {
    return scheme;
  }

  public Granularity granularity() {
    return granularity;
  }

  public Rounding rounding() {
    return rounding;
  }

  /** The seed of {@link Rounding#STOCHASTIC}; each call starts from it, so results repeat. */
  public long seed() {
    return seed;
  }

  public NanPolicy nanPolicy() {
    return nanPolicy;
  }

  /** Parameters from a rank-1 array's own min and max (or max |x| when symmetric). */
  public QuantParams paramsFor(float[] x) {
    return paramsFor(x, Shape.vector(Check.notNull("x", x).length));
  }

  /**
   * Parameters from the data's own range, one pair per tensor, channel or group. NaN is skipped
   * here (quantizing applies the {@link NanPolicy}); infinities are rejected, since no finite
   * scale can hold them.
   */
  public QuantParams paramsFor(float[] x, Shape shape) {
    Check.notNull("x", x);
    Check.notNull("shape", shape);
    Check.shapeMatches("x", x.length, shape);
    ParamLayout layout = ParamLayout.of(shape, granularity);
    int n = layout.paramCount();
    float[] lo = new float[n];
    float[] hi = new float[n];
    java.util.Arrays.fill(lo, Float.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Float.NEGATIVE_INFINITY);
    layout.forEachRun(
        (from, to, p) -> {
          float a = lo[p];
          float b = hi[p];
          for (int i = from; i < to; i++) {
            float v = x[i];
            if (Float.isInfinite(v)) {
              throw new IllegalArgumentException(
                  "x[" + i + "] is " + v + "; a range from the data needs finite values");
            }
            if (v < a) {
              a = v;
            }
            if (v > b) {
              b = v;
            }
          }
          lo[p] = a;
          hi[p] = b;
        });
    Range[] ranges = new Range[n];
    for (int p = 0; p < n; p++) {
      ranges[p] = lo[p] <= hi[p] ? Range.of(lo[p], hi[p]) : Range.of(0f, 0f);
    }
    return paramsFor(ranges);
  }

  /**
   * Parameters for given ranges (one per tensor, channel or group), with this quantizer's format,
   * scheme and granularity. Affine: each range is first widened to contain 0 (as TFLite's
   * converter and PyTorch's observers do), then nudged as {@link QuantParams#fromRange}; without
   * the widening, a range such as [0.1, 0.3] would be shifted to [0, 0.2] and clip its top.
   * Symmetric: {@link QuantParams#symmetric} of each range's largest magnitude.
   */
  public QuantParams paramsFor(Range... ranges) {
    Check.notNull("ranges", ranges);
    Range[] r = ranges.clone();
    if (scheme == Scheme.AFFINE) {
      for (int i = 0; i < r.length; i++) {
        r[i] = Check.notNull("ranges[" + i + "]", r[i]).withZero();
      }
    }
    return QuantParams.fromRanges(format, scheme, granularity, r);
  }

  /** Quantizes a rank-1 array with parameters from its own range. */
  public QuantizedTensor quantize(float[] x) {
    return quantize(x, Shape.vector(Check.notNull("x", x).length));
  }

  /** Quantizes a shaped tensor with parameters from its own range. */
  public QuantizedTensor quantize(float[] x, Shape shape) {
    return quantize(x, shape, paramsFor(x, shape));
  }

  /**
   * Quantizes with the given parameters: {@code q = clamp(round(x / scale) + zeroPoint, qmin,
   * qmax)}, element by element with each element's own scale and zero point. The format of
   * {@code params} wins over this quantizer's; the rounding and NaN policy are this quantizer's.
   */
  public QuantizedTensor quantize(float[] x, Shape shape, QuantParams params) {
    Check.notNull("x", x);
    Check.notNull("shape", shape);
    Check.notNull("params", params);
    Check.shapeMatches("x", x.length, shape);
    ParamLayout layout = params.layoutFor(shape);
    int[] q = new int[x.length];
    SplittableRandom rng = rounding == Rounding.STOCHASTIC ? new SplittableRandom(seed) : null;
    long[] clipped = {0};
    int qmin = params.qmin();
    int qmax = params.qmax();
    layout.forEachRun(
        (from, to, p) ->
            clipped[0] += QuantKernels.quantize(
                x, from, to, params.scale(p), params.zeroPoint(p), qmin, qmax, rounding, rng,
                nanPolicy, q));
    return new QuantizedTensor(shape, params, q, clipped[0]);
  }

  /** Fake-quantizes a rank-1 array with parameters from its own range. */
  public FakeQuantized fakeQuantize(float[] x) {
    return fakeQuantize(x, Shape.vector(Check.notNull("x", x).length));
  }

  /** Fake-quantizes a shaped tensor with parameters from its own range. */
  public FakeQuantized fakeQuantize(float[] x, Shape shape) {
    return fakeQuantize(x, shape, paramsFor(x, shape));
  }

  /**
   * {@code xHat = scale * (q(x) - zeroPoint)}: the real values a quantized tensor stands for,
   * computed in one pass without keeping the codes.
   */
  public FakeQuantized fakeQuantize(float[] x, Shape shape, QuantParams params) {
    Check.notNull("x", x);
    Check.notNull("shape", shape);
    Check.notNull("params", params);
    Check.shapeMatches("x", x.length, shape);
    ParamLayout layout = params.layoutFor(shape);
    float[] xHat = new float[x.length];
    SplittableRandom rng = rounding == Rounding.STOCHASTIC ? new SplittableRandom(seed) : null;
    long[] clipped = {0};
    int qmin = params.qmin();
    int qmax = params.qmax();
    layout.forEachRun(
        (from, to, p) ->
            clipped[0] += QuantKernels.fakeQuantize(
                x, from, to, params.scale(p), params.zeroPoint(p), qmin, qmax, rounding, rng,
                nanPolicy, xHat));
    return new FakeQuantized(xHat, params, clipped[0]);
  }

  /** {@code Quantizer{int4n, symmetric, per-channel(axis=1), HALF_TO_EVEN}}. */
  @Override
  public String toString() {
    return "Quantizer{" + format + ", " + scheme.name().toLowerCase(java.util.Locale.ROOT) + ", "
        + granularity + ", " + rounding
        + (rounding == Rounding.STOCHASTIC ? "(seed=" + seed + ")" : "")
        + (nanPolicy == NanPolicy.REJECT ? "" : ", NaN " + nanPolicy) + "}";
  }

  /** Builds a {@link Quantizer}; every setting has a default, see {@link Quantizer#builder()}. */
  public static final class Builder {
    private int bits = 8;
    private boolean signed = true;
    private boolean narrowRange = false;
    private Scheme scheme = Scheme.AFFINE;
    private Granularity granularity = Granularity.perTensor();
    private Rounding rounding = Rounding.HALF_AWAY_FROM_ZERO;
    private long seed = 0;
    private NanPolicy nanPolicy = NanPolicy.REJECT;

    private Builder() {}

    /** Code width in [1, 16] (default 8). */
    public Builder bits(int bits) {
      this.bits = Check.inRange("bits", bits, 1, 16);
      return this;
    }

    /** Signed codes (default) or unsigned ones. */
    public Builder signed(boolean signed) {
      this.signed = signed;
      return this;
    }

    /** Leave out the lowest code, e.g. int8 as [-127, 127] (default false). */
    public Builder narrowRange(boolean narrowRange) {
      this.narrowRange = narrowRange;
      return this;
    }

    /** Sets bits, signedness and narrow range from a format. */
    public Builder format(IntFormat format) {
      Check.notNull("format", format);
      this.bits = format.bits();
      this.signed = format.signed();
      this.narrowRange = format.narrowRange();
      return this;
    }

    public Builder scheme(Scheme scheme) {
      this.scheme = Check.notNull("scheme", scheme);
      return this;
    }

    /** Shorthand for {@code scheme(Scheme.SYMMETRIC)}. */
    public Builder symmetric() {
      return scheme(Scheme.SYMMETRIC);
    }

    /** Shorthand for {@code scheme(Scheme.AFFINE)}. */
    public Builder affine() {
      return scheme(Scheme.AFFINE);
    }

    public Builder granularity(Granularity granularity) {
      this.granularity = Check.notNull("granularity", granularity);
      return this;
    }

    public Builder perTensor() {
      return granularity(Granularity.perTensor());
    }

    public Builder perChannel(int axis) {
      return granularity(Granularity.perChannel(axis));
    }

    public Builder perGroup(int axis, int groupSize) {
      return granularity(Granularity.perGroup(axis, groupSize));
    }

    public Builder rounding(Rounding rounding) {
      this.rounding = Check.notNull("rounding", rounding);
      return this;
    }

    /** Seed for {@link Rounding#STOCHASTIC} (default 0). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder nanPolicy(NanPolicy nanPolicy) {
      this.nanPolicy = Check.notNull("nanPolicy", nanPolicy);
      return this;
    }

    /** Checks the combination (for example, narrow range needs at least 2 bits). */
    public Quantizer build() {
      return new Quantizer(this);
    }
  }
}
