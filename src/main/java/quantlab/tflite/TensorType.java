package quantlab.tflite;

/**
 * Element type of a TFLite tensor ({@code TensorType} in the schema), with its size in bits.
 *
 * <p>Example: {@code TensorType.INT8.bytesFor(10)} is 10, {@code FLOAT32.bytesFor(10)} is 40,
 * {@code INT4.bytesFor(3)} is 2 (two codes per byte).
 */
public enum TensorType {
  FLOAT32(0, 32),
  FLOAT16(1, 16),
  INT32(2, 32),
  UINT8(3, 8),
  INT64(4, 64),
  /** Variable-length strings; no fixed element size. */
  STRING(5, 0),
  BOOL(6, 8),
  INT16(7, 16),
  COMPLEX64(8, 64),
  INT8(9, 8),
  FLOAT64(10, 64),
  COMPLEX128(11, 128),
  UINT64(12, 64),
  /** A resource handle; no data of its own. */
  RESOURCE(13, 0),
  /** A variant handle; no data of its own. */
  VARIANT(14, 0),
  UINT32(15, 32),
  UINT16(16, 16),
  INT4(17, 4);

  private final int code;
  private final int bits;

  TensorType(int code, int bits) {
    this.code = code;
    this.bits = bits;
  }

  /** The schema's code for this type. */
  public int code() {
    return code;
  }

  /** Bits per element; 0 for types without a fixed size (STRING, RESOURCE, VARIANT). */
  public int bits() {
    return bits;
  }

  /** Whether elements have a fixed size in bits. */
  public boolean hasFixedSize() {
    return bits > 0;
  }

  /** Bytes that {@code count} elements take in a buffer (INT4 packs two per byte). */
  public long bytesFor(long count) {
    return (count * bits + 7) / 8;
  }

  /** The type with schema code {@code code}. */
  public static TensorType ofCode(int code) {
    for (TensorType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new TfliteFormatException("unknown tensor type code " + code + " (known: 0..17)");
  }
}
