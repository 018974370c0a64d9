package quantlab.quant;

/**
 * The integer codes a quantizer may produce: {@code bits} wide, signed or unsigned, and optionally
 * narrow (the most negative code left out so the range is symmetric).
 *
 * <pre>
 *   signed:          qmin = -2^(bits-1)      qmax = 2^(bits-1) - 1
 *   signed, narrow:  qmin = -2^(bits-1) + 1  qmax = 2^(bits-1) - 1
 *   unsigned:        qmin = 0                qmax = 2^bits - 1
 *   unsigned narrow: qmin = 1                qmax = 2^bits - 1
 * </pre>
 *
 * <p>Example: {@code IntFormat.int8().narrow()} has {@code qmin = -127}, {@code qmax = 127} and
 * 255 levels, the format TensorFlow Lite wants for weights. Explained in lesson 01.
 */
public final class IntFormat {
  private final int bits;
  private final boolean signed;
  private final boolean narrowRange;

  private IntFormat(int bits, boolean signed, boolean narrowRange) {
    Check.inRange("bits", bits, 1, 16);
    if (narrowRange && bits == 1) {
      throw new IllegalArgumentException(
          "narrowRange needs bits >= 2: a 1-bit narrow range would hold a single code, got bits 1");
    }
    this.bits = bits;
    this.signed = signed;
    this.narrowRange = narrowRange;
  }

  /** Codes of {@code bits} bits, signed or not, full range. Bits must be in [1, 16]. */
  public static IntFormat of(int bits, boolean signed) {
    return new IntFormat(bits, signed, false);
  }

  /** Codes of {@code bits} bits, signed or not, narrow or full range. */
  public static IntFormat of(int bits, boolean signed, boolean narrowRange) {
    return new IntFormat(bits, signed, narrowRange);
  }

  /** Signed codes of {@code bits} bits, e.g. {@code signed(4)} is [-8, 7]. */
  public static IntFormat signed(int bits) {
    return new IntFormat(bits, true, false);
  }

  /** Unsigned codes of {@code bits} bits, e.g. {@code unsigned(4)} is [0, 15]. */
  public static IntFormat unsigned(int bits) {
    return new IntFormat(bits, false, false);
  }

  /** int8: [-128, 127]. */
  public static IntFormat int8() {
    return signed(8);
  }

  /** uint8: [0, 255]. */
  public static IntFormat uint8() {
    return unsigned(8);
  }

  /** int4: [-8, 7]. */
  public static IntFormat int4() {
    return signed(4);
  }

  /** The same format with the lowest code left out (narrow range). */
  public IntFormat narrow() {
    return new IntFormat(bits, signed, true);
  }

  /** The same format with {@code narrowRange} set as given. */
  public IntFormat withNarrowRange(boolean narrow) {
    return new IntFormat(bits, signed, narrow);
  }

  public int bits() {
    return bits;
  }

  public boolean signed() {
    return signed;
  }

  public boolean narrowRange() {
    return narrowRange;
  }

  /** The smallest code. */
  public int qmin() {
    int lowest = signed ? -(1 << (bits - 1)) : 0;
    return narrowRange ? lowest + 1 : lowest;
  }

  /** The largest code. */
  public int qmax() {
    return signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
  }

  /** How many distinct codes: {@code qmax - qmin + 1}; 256 for int8, 255 for narrow int8. */
  public int levels() {
    return qmax() - qmin() + 1;
  }

  /**
   * The zero point of a symmetric scheme in this format: 0 for signed codes, {@code 2^(bits-1)}
   * for unsigned ones (128 for uint8).
   */
  public int symmetricZeroPoint() {
    return signed ? 0 : 1 << (bits - 1);
  }

  /** Whether {@code q} is a valid code. */
  public boolean contains(int q) {
    return q >= qmin() && q <= qmax();
  }

  /** {@code int8}, {@code uint4}, {@code int8n} (narrow). */
  @Override
  public String toString() {
    return (signed ? "int" : "uint") + bits + (narrowRange ? "n" : "");
  }

  /** Like {@link #toString()} with the code range: {@code int8n [-127, 127]}. */
  public String describe() {
    return this + " [" + qmin() + ", " + qmax() + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntFormat f
        && f.bits == bits
        && f.signed == signed
        && f.narrowRange == narrowRange;
  }

  @Override
  public int hashCode() {
    return (bits * 31 + (signed ? 1 : 0)) * 31 + (narrowRange ? 1 : 0);
  }
}
