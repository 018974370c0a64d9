package quantlab.minifloat;

import java.util.Objects;

/**
 * A small binary floating-point format: 1 sign bit, {@code e} exponent bits, {@code m} mantissa
 * bits and an exponent {@code bias}. A bit pattern {@code S.EEEE.MMM} with exponent field
 * {@code E} and mantissa field {@code M} means
 *
 * <pre>
 *   normal    (E &gt; 0):  x = (-1)^S * 2^(E - bias)     * (1 + M / 2^m)
 *   subnormal (E = 0):  x = (-1)^S * 2^(1 - bias - m) * M
 * </pre>
 *
 * <p>except the patterns that {@link Specials} reserves for infinity and NaN. Encoding rounds to
 * the nearest representable value, ties to the even mantissa (IEEE 754 roundTiesToEven), and
 * handles overflow per {@link Overflow}. Every value of these formats is exactly a float32, so
 * {@link #decode(int)} is exact. Immutable.
 *
 * <pre>
 *   format     bits  e  m  bias  specials  max           min normal  min subnormal
 *   FLOAT16    16    5  10 15    IEEE      65504         2^-14       2^-24
 *   BFLOAT16   16    8  7  127   IEEE      3.3895314e38  2^-126      2^-133
 *   FP8_E4M3   8     4  3  7     NAN_ONLY  448           2^-6        2^-9
 *   FP8_E5M2   8     5  2  15    IEEE      57344         2^-14       2^-16
 *   FP4_E2M1   4     2  1  1     NONE      6             1           0.5
 * </pre>
 *
 * <p>Example: {@code FLOAT16.encode(0.1f)} is {@code 0x2E66}, and
 * {@code FLOAT16.round(0.1f)} is {@code 0.099975586} (= 1638 * 2^-14); {@code FP8_E4M3.round(0.1f)}
 * is {@code 0.1015625} (= 13 * 2^-7). Explained in docs/minifloat.md and the low-precision floats
 * lesson.
 */
public final class MiniFloat {
  /** IEEE 754 binary16 ("half"): e5 m10, bias 15, max 65504. */
  public static final MiniFloat FLOAT16 =
      builder().name("float16").exponentBits(5).mantissaBits(10).build();
  /** Google Brain bfloat16: the top 16 bits of a float32; e8 m7, bias 127, max 3.3895314e38. */
  public static final MiniFloat BFLOAT16 =
      builder().name("bfloat16").exponentBits(8).mantissaBits(7).build();
  /**
   * OCP fp8 E4M3 ("E4M3FN"): e4 m3, bias 7, no infinities, NaN only at S.1111.111, max 448.
   * Overflow gives NaN by default; {@link #saturating()} gives +-448 instead.
   */
  public static final MiniFloat FP8_E4M3 =
      builder().name("fp8 E4M3").exponentBits(4).mantissaBits(3).specials(Specials.NAN_ONLY)
          .build();
  /** OCP fp8 E5M2: IEEE-like e5 m2, bias 15, infinities and NaNs, max 57344. */
  public static final MiniFloat FP8_E5M2 =
      builder().name("fp8 E5M2").exponentBits(5).mantissaBits(2).build();
  /**
   * OCP MX fp4 E2M1: e2 m1, bias 1, no infinity or NaN; its 8 magnitudes are 0, 0.5, 1, 1.5, 2,
   * 3, 4, 6. Overflow saturates to +-6; encoding NaN is an error.
   */
  public static final MiniFloat FP4_E2M1 =
      builder().name("fp4 E2M1").exponentBits(2).mantissaBits(1).specials(Specials.NONE).build();

  private final String name;
  private final Codec codec;
  private final Overflow overflow;

  private MiniFloat(String name, Codec codec, Overflow overflow) {
    this.name = name;
    this.codec = codec;
    this.overflow = overflow;
  }

  /**
   * An IEEE-like format with {@code exponentBits} and {@code mantissaBits}, bias
   * {@code 2^(exponentBits-1) - 1}, infinities and NaNs: {@code MiniFloat.of(5, 2)} is fp8 E5M2.
   */
  public static MiniFloat of(int exponentBits, int mantissaBits) {
    return builder().exponentBits(exponentBits).mantissaBits(mantissaBits).build();
  }

  /** A builder for any format: exponent and mantissa bits are required, the rest defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this format, to change one part. */
  public Builder toBuilder() {
    return new Builder().name(name).exponentBits(codec.e).mantissaBits(codec.m).bias(codec.bias)
        .specials(codec.specials).overflow(overflow);
  }

  /** This format with overflow (and infinite inputs) going to +-max finite. */
  public MiniFloat saturating() {
    return withOverflow(Overflow.SATURATE);
  }

  /** This format with the given overflow policy; the bit layout and values are unchanged. */
  public MiniFloat withOverflow(Overflow overflow) {
    Objects.requireNonNull(overflow, "overflow must not be null");
    checkOverflow(codec.specials, name, overflow);
    return overflow == this.overflow ? this : new MiniFloat(name, codec, overflow);
  }

  // ---- encode, decode, round

  /**
   * The bit pattern nearest to {@code x} (in the low {@link #bits()} bits of the result), ties to
   * the even mantissa; subnormals and signed zeros kept; overflow per {@link #overflow()}; NaN
   * gives the canonical quiet NaN with {@code x}'s sign.
   *
   * <p>Example: {@code FLOAT16.encode(65519f)} is {@code 0x7BFF} (65504), {@code
   * FLOAT16.encode(65520f)} is {@code 0x7C00} (+infinity: the tie goes to the even 65536).
   *
   * @throws IllegalArgumentException if {@code x} is NaN and the format has no NaN
   */
  public int encode(float x) {
    int bits = codec.encode(x, overflow);
    if (bits < 0) {
      throw new IllegalArgumentException(this + " has no NaN; cannot encode NaN");
    }
    return bits;
  }

  /**
   * The exact float32 value of bit pattern {@code bits} (only its low {@link #bits()} bits are
   * read). Example: {@code FP8_E4M3.decode(0x7E)} is {@code 448.0}, {@code decode(0x01)} is
   * {@code 0.001953125} (2^-9), {@code decode(0x7F)} is NaN.
   */
  public float decode(int bits) {
    return codec.table[bits & codec.mask];
  }

  /**
   * {@code decode(encode(x))}: the nearest value of this format, as a float32.
   * Example: {@code BFLOAT16.round(1.00390625f)} (1 + 2^-8, a tie) is {@code 1.0};
   * {@code FP8_E5M2.round(100000f)} is +infinity, {@code FP8_E5M2.saturating().round(100000f)}
   * is {@code 57344.0}.
   */
  public float round(float x) {
    return codec.table[encode(x)];
  }

  /** {@link #round(float)} of every element. */
  public float[] round(float[] x) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = codec.table[encodeAt(x, i)];
    }
    return out;
  }

  /** {@link #encode(float)} of every element, one pattern per short (any format). */
  public short[] encodeToShorts(float[] x) {
    short[] out = new short[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (short) encodeAt(x, i);
    }
    return out;
  }

  /**
   * {@link #encode(float)} of every element, one pattern per byte, for formats of at most 8 bits.
   * Pack 4-bit patterns two to a byte with {@code quantlab.pack.BitPacking.pack(codes, 4, false)}.
   *
   * @throws UnsupportedOperationException for a format wider than 8 bits
   */
  public byte[] encodeToBytes(float[] x) {
    if (bits() > 8) {
      throw new UnsupportedOperationException(
          this + " is " + bits() + " bits wide and does not fit a byte; use encodeToShorts");
    }
    byte[] out = new byte[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (byte) encodeAt(x, i);
    }
    return out;
  }

  /** {@link #decode(int)} of every pattern. */
  public float[] decode(short[] bits) {
    float[] out = new float[bits.length];
    for (int i = 0; i < bits.length; i++) {
      out[i] = codec.table[bits[i] & codec.mask];
    }
    return out;
  }

  /** {@link #decode(int)} of every pattern. */
  public float[] decode(byte[] bits) {
    float[] out = new float[bits.length];
    for (int i = 0; i < bits.length; i++) {
      out[i] = codec.table[bits[i] & codec.mask];
    }
    return out;
  }

  private int encodeAt(float[] x, int i) {
    int bits = codec.encode(x[i], overflow);
    if (bits < 0) {
      throw new IllegalArgumentException("x[" + i + "] is NaN, which " + this + " cannot hold");
    }
    return bits;
  }

  // ---- the values of the format

  /**
   * Every finite value of the format once, ascending, zero once as {@code 0.0}: for drawing the
   * format on a number line. FP4_E2M1 gives {@code [-6, -4, -3, -2, -1.5, -1, -0.5, 0, 0.5, 1,
   * 1.5, 2, 3, 4, 6]}; FP8_E4M3 has 253 values, FP8_E5M2 247, FLOAT16 63487.
   */
  public float[] finiteValues() {
    int max = codec.maxFinite;
    float[] out = new float[2 * max + 1];
    for (int mag = 0; mag <= max; mag++) {
      out[max + mag] = codec.table[mag];
      out[max - mag] = -codec.table[mag];
    }
    out[max] = 0f;
    return out;
  }

  /** The largest finite value: 65504 for float16, 448 for fp8 E4M3. */
  public float maxValue() {
    return codec.table[codec.maxFinite];
  }

  /** The smallest positive normal value {@code 2^(1 - bias)}: 2^-14 for float16. */
  public float minNormal() {
    return codec.table[1 << codec.m];
  }

  /** The smallest positive value {@code 2^(1 - bias - m)}: 2^-24 for float16, 2^-9 for E4M3. */
  public float minSubnormal() {
    return codec.table[1];
  }

  /** The gap between 1 and the next value, {@code 2^-m}: 2^-10 for float16, 0.125 for E4M3. */
  public float epsilon() {
    return Math.scalb(1f, -codec.m);
  }

  /** Whether {@code bits} is a NaN pattern of this format. */
  public boolean isNaN(int bits) {
    return codec.isNaN(bits & codec.mask & ~codec.signBit);
  }

  /** Whether {@code bits} is +-infinity in this format (never true without infinities). */
  public boolean isInfinite(int bits) {
    return codec.isInfinity(bits & codec.mask & ~codec.signBit);
  }

  /** The name given to the builder, e.g. {@code fp8 E4M3}, or {@code E4M3} when none was. */
  public String name() {
    return name;
  }

  /** Total width {@code 1 + exponentBits + mantissaBits}. */
  public int bits() {
    return 1 + codec.e + codec.m;
  }

  public int exponentBits() {
    return codec.e;
  }

  public int mantissaBits() {
    return codec.m;
  }

  public int bias() {
    return codec.bias;
  }

  public Specials specials() {
    return codec.specials;
  }

  public Overflow overflow() {
    return overflow;
  }

  public boolean hasInfinity() {
    return codec.specials == Specials.IEEE;
  }

  public boolean hasNaN() {
    return codec.specials != Specials.NONE;
  }

  /**
   * {@code fp8 E4M3 (bias 7, max 448, min subnormal 0.001953125)}; a non-default overflow policy
   * is added ({@code , saturating} or {@code , overflow to infinity/NaN}).
   */
  @Override
  public String toString() {
    String s = name + " (bias " + codec.bias + ", max " + show(maxValue()) + ", min subnormal "
        + show(minSubnormal());
    if (overflow != defaultOverflow(codec.specials)) {
      s += overflow == Overflow.SATURATE ? ", saturating" : ", overflow to infinity/NaN";
    }
    return s + ")";
  }

  private static String show(float v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e7f) {
      return Long.toString((long) v);
    }
    return Float.toString(v);
  }

  /** Same layout, bias, specials and overflow policy (the name is ignored). */
  @Override
  public boolean equals(Object o) {
    return o instanceof MiniFloat f && f.codec.e == codec.e && f.codec.m == codec.m
        && f.codec.bias == codec.bias && f.codec.specials == codec.specials
        && f.overflow == overflow;
  }

  @Override
  public int hashCode() {
    return Objects.hash(codec.e, codec.m, codec.bias, codec.specials, overflow);
  }

  static Overflow defaultOverflow(Specials specials) {
    return specials == Specials.NONE ? Overflow.SATURATE : Overflow.INFINITY_OR_NAN;
  }

  static void checkOverflow(Specials specials, String name, Overflow overflow) {
    if (specials == Specials.NONE && overflow != Overflow.SATURATE) {
      throw new IllegalArgumentException(
          name + " has neither infinity nor NaN, so overflow must be SATURATE, got " + overflow);
    }
  }

  /**
   * Builds a {@link MiniFloat}. Required: {@code exponentBits} in [2, 8] and {@code mantissaBits}
   * in [1, 23] with a total width of at most 16 bits. Defaults: bias {@code 2^(e-1) - 1}, specials
   * {@link Specials#IEEE}, overflow {@link Overflow#INFINITY_OR_NAN} ({@link Overflow#SATURATE}
   * for {@link Specials#NONE}), name {@code E<e>M<m>}. Every value must be exactly a float32:
   * the bias must keep the max exponent at most 127 and the min subnormal at least 2^-149.
   */
  public static final class Builder {
    private String name;
    private Integer e;
    private Integer m;
    private Integer bias;
    private Specials specials = Specials.IEEE;
    private Overflow overflow;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder exponentBits(int exponentBits) {
      this.e = exponentBits;
      return this;
    }

    public Builder mantissaBits(int mantissaBits) {
      this.m = mantissaBits;
      return this;
    }

    public Builder bias(int bias) {
      this.bias = bias;
      return this;
    }

    public Builder specials(Specials specials) {
      this.specials = Objects.requireNonNull(specials, "specials must not be null");
      return this;
    }

    public Builder overflow(Overflow overflow) {
      this.overflow = Objects.requireNonNull(overflow, "overflow must not be null");
      return this;
    }

    /** Checks the settings and computes the value table. */
    public MiniFloat build() {
      if (e == null || m == null) {
        throw new IllegalStateException(
            "exponentBits and mantissaBits are required, got exponentBits=" + e
                + ", mantissaBits=" + m);
      }
      Codec codec = new Codec(e, m, bias == null ? (1 << (e - 1)) - 1 : bias, specials);
      String n = name == null ? "E" + e + "M" + m : name;
      Overflow o = overflow == null ? defaultOverflow(specials) : overflow;
      checkOverflow(specials, n, o);
      return new MiniFloat(n, codec, o);
    }
  }
}
