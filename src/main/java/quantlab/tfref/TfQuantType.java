package quantlab.tfref;

/**
 * The quantized element types of TensorFlow's {@code QuantizeV2} and {@code Dequantize}:
 * {@code qint8}, {@code quint8}, {@code qint16}, {@code quint16}, with the range of their codes.
 *
 * <p>Example: {@code TfQuantType.QINT8.lowest()} is {@code -128} and {@code highest()} is
 * {@code 127}; {@code QUINT16.highest()} is {@code 65535}.
 */
public enum TfQuantType {
  /** Signed 8-bit codes in [-128, 127]. */
  QINT8(8, true),
  /** Unsigned 8-bit codes in [0, 255]. */
  QUINT8(8, false),
  /** Signed 16-bit codes in [-32768, 32767]. */
  QINT16(16, true),
  /** Unsigned 16-bit codes in [0, 65535]. */
  QUINT16(16, false);

  private final int bits;
  private final boolean signed;

  TfQuantType(int bits, boolean signed) {
    this.bits = bits;
    this.signed = signed;
  }

  /** 8 or 16: TensorFlow uses {@code sizeof(T) * 8} in MIN_FIRST mode. */
  public int bits() {
    return bits;
  }

  public boolean signed() {
    return signed;
  }

  /** {@code std::numeric_limits<T>::min()}: -128, 0, -32768 or 0. */
  public int lowest() {
    return signed ? -(1 << (bits - 1)) : 0;
  }

  /** {@code std::numeric_limits<T>::max()}: 127, 255, 32767 or 65535. */
  public int highest() {
    return signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
  }

  /** Whether {@code q} is a code of this type. */
  public boolean contains(int q) {
    return q >= lowest() && q <= highest();
  }

  /** TensorFlow's name of the type: {@code qint8}, {@code quint16}, ... */
  public String tfName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return tfName();
  }
}
