package quantlab.quant;

import java.util.Arrays;

/**
 * The affine map between real values and integer codes, for a whole tensor or for each channel or
 * group of it:
 *
 * <pre>
 *   q    = clamp(round(x / scale) + zeroPoint, qmin, qmax)
 *   xHat = scale * (q - zeroPoint)
 * </pre>
 *
 * <p>Immutable. Derive it from a range as TensorFlow does ({@link #fromRange}), from the largest
 * magnitude ({@link #symmetric}), or give scale and zero point directly ({@link #of},
 * {@link #builder()}).
 *
 * <p>Example: {@code QuantParams.fromRange(IntFormat.int8(), Range.of(-1f, 1f))} has
 * {@code scale = 2/255 = 0.007843138} and {@code zeroPoint = -1}: over uint8 codes the zero point
 * is {@code 0 - (-1 / scale)}, which float32 computes as 127.49999, rounded to 127 and shifted by
 * -128. The codes cover {@code [-0.9960785, 1.0039216]}.
 * Explained in lesson 02.
 */
public final class QuantParams {
  private final IntFormat format;
  private final Granularity granularity;
  private final float[] scales;
  private final int[] zeroPoints;

  private QuantParams(IntFormat format, Granularity granularity, float[] scales, int[] zeroPoints) {
    this.format = Check.notNull("format", format);
    this.granularity = Check.notNull("granularity", granularity);
    Check.notNull("scales", scales);
    Check.notNull("zeroPoints", zeroPoints);
    Check.sameLength("scales", scales.length, "zeroPoints", zeroPoints.length);
    if (granularity instanceof Granularity.PerTensor && scales.length != 1) {
      throw new IllegalArgumentException(
          "a per-tensor QuantParams has one scale, got " + scales.length);
    }
    for (int i = 0; i < scales.length; i++) {
      Check.positiveFinite(scales.length == 1 ? "scale" : "scales[" + i + "]", scales[i]);
      int zp = zeroPoints[i];
      if (!format.contains(zp)) {
        throw new IllegalArgumentException(
            (zeroPoints.length == 1 ? "zeroPoint" : "zeroPoints[" + i + "]") + " must be in ["
                + format.qmin() + ", " + format.qmax() + "] for " + format + ", got " + zp);
      }
    }
    this.scales = scales;
    this.zeroPoints = zeroPoints;
  }

  /** Per-tensor parameters given directly. */
  public static QuantParams of(IntFormat format, float scale, int zeroPoint) {
    return new QuantParams(
        format, Granularity.perTensor(), new float[] {scale}, new int[] {zeroPoint});
  }

  /** Per-channel (or per-group) parameters given directly, one pair per channel (or group). */
  public static QuantParams of(
      IntFormat format, Granularity granularity, float[] scales, int[] zeroPoints) {
    return new QuantParams(
        format,
        granularity,
        Check.notNull("scales", scales).clone(),
        Check.notNull("zeroPoints", zeroPoints).clone());
  }

  /**
   * Affine parameters for {@code range}, exactly as TensorFlow's FakeQuant ops derive them
   * ("nudging"): {@code scale = (max - min) / (qmax - qmin)} in float32, then the zero point is
   * {@code qmin - min / scale} rounded half away from zero and clamped into {@code [qmin, qmax]},
   * so that 0.0 is always exactly a code. The represented range, {@link #minValue(int)} to
   * {@link #maxValue(int)}, may therefore shift slightly from {@code range}.
   *
   * <p>As TensorFlow does, the zero point is computed over unsigned codes and shifted for signed
   * formats, so signed and unsigned formats get the same grid.
   *
   * <p>A range of width 0 has no step: it is widened to include 0, and an all-zero range gets
   * {@code scale = 1} (zeros are exact under any scale). TensorFlow divides by zero here.
   *
   * <p>Example: int8 and range {@code [-1.5, 2.5]} give {@code scale = 4/255 = 0.015686275} and
   * {@code zeroPoint = -32} (from {@code 95.625} rounded to {@code 96} over uint8 codes).
   */
  public static QuantParams fromRange(IntFormat format, Range range) {
    float[] sz = nudge(format, Check.notNull("range", range));
    return new QuantParams(
        format, Granularity.perTensor(), new float[] {sz[0]}, new int[] {(int) sz[1]});
  }

  /**
   * Symmetric parameters for values in {@code [-maxAbs, maxAbs]}: {@code scale = maxAbs / (qmax -
   * z)} in float32 with {@code zeroPoint = z}, the format's {@link IntFormat#symmetricZeroPoint()}
   * (0 for signed codes). {@code maxAbs = 0} gives {@code scale = 1}.
   *
   * <p>Example: {@code symmetric(IntFormat.int8().narrow(), 2.54f)} has {@code scale = 0.02} and
   * {@code zeroPoint = 0}.
   */
  public static QuantParams symmetric(IntFormat format, float maxAbs) {
    return new QuantParams(
        format,
        Granularity.perTensor(),
        new float[] {symmetricScale(Check.notNull("format", format), maxAbs)},
        new int[] {format.symmetricZeroPoint()});
  }

  /**
   * Parameters with one pair per range, for a per-channel or per-group granularity (or a single
   * range per tensor), derived with {@link #fromRange} or {@link #symmetric} per {@code scheme}.
   */
  public static QuantParams fromRanges(
      IntFormat format, Scheme scheme, Granularity granularity, Range... ranges) {
    Check.notNull("format", format);
    Check.notNull("scheme", scheme);
    Check.notNull("ranges", ranges);
    float[] s = new float[ranges.length];
    int[] z = new int[ranges.length];
    for (int i = 0; i < ranges.length; i++) {
      Range r = Check.notNull("ranges[" + i + "]", ranges[i]);
      if (scheme == Scheme.SYMMETRIC) {
        s[i] = symmetricScale(format, r.maxAbs());
        z[i] = format.symmetricZeroPoint();
      } else {
        float[] sz = nudge(format, r);
        s[i] = sz[0];
        z[i] = (int) sz[1];
      }
    }
    return new QuantParams(format, granularity, s, z);
  }

  /** {scale, zeroPoint} of TensorFlow's Nudge for {@code range}. */
  static float[] nudge(IntFormat format, Range range) {
    if (range.width() == 0f) {
      range = range.withZero();
      if (range.width() == 0f) {
        return new float[] {1f, format.symmetricZeroPoint()};
      }
    }
    // TensorFlow nudges over unsigned codes [narrow ? 1 : 0, 2^bits - 1]; shift afterwards.
    int shift = format.signed() ? 1 << (format.bits() - 1) : 0;
    float quantMin = format.qmin() + shift;
    float quantMax = format.qmax() + shift;
    float min = range.min();
    float max = range.max();
    float scale = (max - min) / (quantMax - quantMin);
    float zeroPointFromMin = quantMin - min / scale;
    int zp;
    if (zeroPointFromMin < quantMin) {
      zp = (int) quantMin;
    } else if (zeroPointFromMin > quantMax) {
      zp = (int) quantMax;
    } else {
      zp = (int) Rounding.roundHalfAwayFromZero(zeroPointFromMin);
    }
    if (!(scale > 0f) || Float.isInfinite(scale)) {
      throw new IllegalArgumentException(
          "range " + range + " gives scale " + scale + " for " + format
              + "; it is too narrow or too wide for float32");
    }
    return new float[] {scale, zp - shift};
  }

  static float symmetricScale(IntFormat format, float maxAbs) {
    if (!(maxAbs >= 0f) || Float.isInfinite(maxAbs)) {
      throw new IllegalArgumentException("maxAbs must be finite and >= 0, got " + maxAbs);
    }
    int steps = format.qmax() - format.symmetricZeroPoint();
    if (maxAbs == 0f) {
      return 1f;
    }
    if (steps == 0) {
      throw new IllegalArgumentException(
          "a symmetric scheme needs codes above the zero point; " + format.describe()
              + " has none");
    }
    float scale = maxAbs / steps;
    if (!(scale > 0f)) {
      throw new IllegalArgumentException("maxAbs " + maxAbs + " is too small for float32 scales");
    }
    return scale;
  }

  /** A builder for parameters given directly. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these parameters, to change one part. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.format = format;
    b.granularity = granularity;
    b.scales = scales.clone();
    b.zeroPoints = zeroPoints.clone();
    return b;
  }

  public IntFormat format() {
    return format;
  }

  public int bits() {
    return format.bits();
  }

  public int qmin() {
    return format.qmin();
  }

  public int qmax() {
    return format.qmax();
  }

  public Granularity granularity() {
    return granularity;
  }

  /** How many (scale, zeroPoint) pairs: 1 per tensor, else one per channel or group. */
  public int count() {
    return scales.length;
  }

  /** The scale of a per-tensor QuantParams; throws for per-channel ones (use {@link #scale(int)}). */
  public float scale() {
    requirePerTensor("scale()");
    return scales[0];
  }

  /** The zero point of a per-tensor QuantParams. */
  public int zeroPoint() {
    requirePerTensor("zeroPoint()");
    return zeroPoints[0];
  }

  public float scale(int i) {
    return scales[checkIndex(i)];
  }

  public int zeroPoint(int i) {
    return zeroPoints[checkIndex(i)];
  }

  public float[] scales() {
    return scales.clone();
  }

  public int[] zeroPoints() {
    return zeroPoints.clone();
  }

  /** Whether every zero point is the format's symmetric one (0 for signed codes). */
  public boolean isSymmetric() {
    for (int z : zeroPoints) {
      if (z != format.symmetricZeroPoint()) {
        return false;
      }
    }
    return true;
  }

  /** The smallest representable real value of pair {@code i}: {@code scale * (qmin - zeroPoint)}. */
  public float minValue(int i) {
    return (float) (format.qmin() - zeroPoints[checkIndex(i)]) * scales[i];
  }

  /** The largest representable real value of pair {@code i}: {@code scale * (qmax - zeroPoint)}. */
  public float maxValue(int i) {
    return (float) (format.qmax() - zeroPoints[checkIndex(i)]) * scales[i];
  }

  /** The representable range of pair {@code i}. */
  public Range range(int i) {
    return Range.of(minValue(i), maxValue(i));
  }

  /** Checks that these parameters can quantize a tensor of {@code shape}; returns its layout. */
  public ParamLayout layoutFor(Shape shape) {
    ParamLayout layout = ParamLayout.of(shape, granularity);
    if (layout.paramCount() != scales.length) {
      throw new IllegalArgumentException(
          this + " holds " + scales.length + " scales but shape " + shape + " " + granularity
              + " needs " + layout.paramCount());
    }
    return layout;
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= scales.length) {
      throw new IndexOutOfBoundsException(
          "parameter index must be in [0, " + (scales.length - 1) + "], got " + i);
    }
    return i;
  }

  private void requirePerTensor(String method) {
    if (scales.length != 1) {
      throw new IllegalStateException(
          method + " needs per-tensor parameters; these are " + granularity + " with "
              + scales.length + " pairs: use " + method.replace("()", "(i)"));
    }
  }

  /**
   * {@code QuantParams{int8, per-tensor, scale=0.0078431, zeroPoint=0}} or, per channel,
   * {@code QuantParams{int8n, per-channel(axis=1), 128 pairs, scale=[0.0012..0.0051], zeroPoint=0}}.
   */
  @Override
  public String toString() {
    return "QuantParams{" + format + ", " + granularity + ", " + describeValues() + "}";
  }

  /** {@code scale=0.0078431, zeroPoint=0}, or for many pairs their count and ranges. */
  String describeValues() {
    if (scales.length == 1) {
      return "scale=" + fmt(scales[0]) + ", zeroPoint=" + zeroPoints[0];
    }
    if (scales.length == 0) {
      return "0 pairs";
    }
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    int zlo = Integer.MAX_VALUE;
    int zhi = Integer.MIN_VALUE;
    for (int i = 0; i < scales.length; i++) {
      lo = Math.min(lo, scales[i]);
      hi = Math.max(hi, scales[i]);
      zlo = Math.min(zlo, zeroPoints[i]);
      zhi = Math.max(zhi, zeroPoints[i]);
    }
    return scales.length + " pairs, scale=[" + fmt(lo) + ".." + fmt(hi) + "], zeroPoint="
        + (zlo == zhi ? String.valueOf(zlo) : "[" + zlo + ".." + zhi + "]");
  }

  static String fmt(float v) {
    if (v == 0f || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5)) {
      return String.format(java.util.Locale.ROOT, "%.5g", v).replaceAll("\\.?0+$", "");
    }
    return String.format(java.util.Locale.ROOT, "%.4e", v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuantParams p
        && p.format.equals(format)
        && p.granularity.equals(granularity)
        && Arrays.equals(p.scales, scales)
        && Arrays.equals(p.zeroPoints, zeroPoints);
  }

  @Override
  public int hashCode() {
    return (format.hashCode() * 31 + granularity.hashCode()) * 31
        + Arrays.hashCode(scales) * 17
        + Arrays.hashCode(zeroPoints);
  }

  /** Builds {@link QuantParams} given directly; {@code format} and a scale are required. */
  public static final class Builder {
    private IntFormat format;
    private Granularity granularity = Granularity.perTensor();
    private float[] scales;
    private int[] zeroPoints;

    private Builder() {}

    public Builder format(IntFormat format) {
      this.format = format;
      return this;
    }

    public Builder granularity(Granularity granularity) {
      this.granularity = granularity;
      return this;
    }

    /** One scale (per tensor) and zero point 0 unless {@link #zeroPoint} is called. */
    public Builder scale(float scale) {
      this.scales = new float[] {scale};
      return this;
    }

    public Builder zeroPoint(int zeroPoint) {
      this.zeroPoints = new int[] {zeroPoint};
      return this;
    }

    public Builder scales(float... scales) {
      this.scales = Check.notNull("scales", scales).clone();
      return this;
    }

    public Builder zeroPoints(int... zeroPoints) {
      this.zeroPoints = Check.notNull("zeroPoints", zeroPoints).clone();
      return this;
    }

    /** Checks every field and its fit with the others. */
    public QuantParams build() {
      if (format == null) {
        throw new IllegalStateException("format must be set");
      }
      if (scales == null) {
        throw new IllegalStateException("scale or scales must be set");
      }
      int[] z = zeroPoints;
      if (z == null) {
        z = new int[scales.length];
        Arrays.fill(z, format.symmetricZeroPoint());
      }
      return new QuantParams(format, granularity, scales.clone(), z.clone());
    }
  }
}
