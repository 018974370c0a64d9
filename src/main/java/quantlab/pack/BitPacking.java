package quantlab.pack;

import java.util.Objects;
import quantlab.quant.IntFormat;

/**
 * Packs integer codes of 1 to 8 bits densely into bytes, and back.
 *
 * <p>Layout: a little-endian bit stream. Code {@code i} occupies stream bits
 * {@code [i * bits, (i + 1) * bits)}, its least significant bit first, where stream bit {@code k}
 * is bit {@code k % 8} (0 = least significant) of byte {@code k / 8}. A code may straddle two
 * bytes (3, 5, 6, 7 bits); unused bits of the last byte are 0. Signed codes are stored as their
 * low {@code bits} bits in two's complement and sign-extended when unpacked.
 *
 * <pre>
 *   size   = ceil(count * bits / 8) bytes
 *   byte j = sum over stream bits k in [8j, 8j + 8) of bit(k) * 2^(k - 8j)
 * </pre>
 *
 * <p>For 4 bits the first code is the low nibble, as in TensorFlow Lite's INT4 tensors
 * ({@code PackInt8IntoDenseInt4} / {@code UnpackDenseInt4IntoInt8} in
 * {@code tensorflow/lite/kernels/internal/portable_tensor_utils.cc}); for 2 bits the first code is
 * in bits 0-1, as in its {@code UnpackPackedIntToInt8}.
 *
 * <p>Example: {@code pack(new int[] {1, -1, 7, -8, 3}, 4, true)} gives the 3 bytes
 * {@code [0xF1, 0x87, 0x03]}: -1 is nibble {@code 0xF}, -8 is {@code 0x8}. Explained in
 * docs/packing.md and the bit-packing lesson.
 */
public final class BitPacking {
  private BitPacking() {}

  /**
   * Bytes needed for {@code count} codes of {@code bits} bits: {@code ceil(count * bits / 8)}.
   * Example: {@code packedSize(5, 3)} is 2, {@code packedSize(100352, 4)} is 50176.
   */
  public static int packedSize(int count, int bits) {
    checkBits(bits);
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    return (int) (((long) count * bits + 7) / 8);
  }

  /**
   * Packs {@code q}, each code within {@code bits} bits ({@code [-2^(bits-1), 2^(bits-1) - 1]}
   * when {@code signed}, else {@code [0, 2^bits - 1]}).
   *
   * <p>Example: {@code pack(new int[] {1, 0, 1, 1, 0, 0, 0, 1, 1}, 1, false)} gives
   * {@code [0x8D, 0x01]}.
   *
   * @throws IllegalArgumentException for bits outside [1, 8] or a code out of range, naming its
   *     index and value
   */
  public static byte[] pack(int[] q, int bits, boolean signed) {
    Objects.requireNonNull(q, "q must not be null");
    checkCodes(q, bits, signed);
    byte[] out = new byte[packedSize(q.length, bits)];
    if (bits == 8) {
      for (int i = 0; i < q.length; i++) {
        out[i] = (byte) q[i];
      }
      return out;
    }
    int mask = (1 << bits) - 1;
    int acc = 0; // pending stream bits, lowest first; at most 7 + 8 of them
    int filled = 0;
    int pos = 0;
    for (int code : q) {
      acc |= (code & mask) << filled;
      filled += bits;
      if (filled >= 8) {
        out[pos++] = (byte) acc;
        acc >>>= 8;
        filled -= 8;
      }
    }
    if (filled > 0) {
      out[pos] = (byte) acc;
    }
    return out;
  }

  /** {@link #pack(int[], int, boolean)} with the bits and signedness of {@code format}. */
  public static byte[] pack(int[] q, IntFormat format) {
    Objects.requireNonNull(format, "format must not be null");
    return pack(q, format.bits(), format.signed());
  }

  /**
   * The first {@code count} codes of {@code bytes}, packed as {@link #pack} does; signed codes
   * are sign-extended. Bytes after the first {@code packedSize(count, bits)} are not read.
   *
   * <p>Example: {@code unpack(new byte[] {(byte) 0xF1, (byte) 0x87, 0x03}, 5, 4, true)} gives
   * {@code [1, -1, 7, -8, 3]}; with {@code signed = false}, {@code [1, 15, 7, 8, 3]}.
   *
   * @throws IllegalArgumentException if {@code bytes} is shorter than {@code packedSize(count,
   *     bits)}
   */
  public static int[] unpack(byte[] bytes, int count, int bits, boolean signed) {
    Objects.requireNonNull(bytes, "bytes must not be null");
    int need = packedSize(count, bits);
    if (bytes.length < need) {
      throw new IllegalArgumentException(
          "bytes.length (" + bytes.length + ") is too short for " + count + " codes of " + bits
              + " bits: needs " + need);
    }
    int[] q = new int[count];
    int shift = 32 - bits; // (v << shift) >> shift sign-extends a bits-wide v
    if (bits == 8) {
      for (int i = 0; i < count; i++) {
        q[i] = signed ? bytes[i] : bytes[i] & 0xFF;
      }
      return q;
    }
    int mask = (1 << bits) - 1;
    int acc = 0;
    int available = 0;
    int pos = 0;
    for (int i = 0; i < count; i++) {
      if (available < bits) {
        acc |= (bytes[pos++] & 0xFF) << available;
        available += 8;
      }
      int v = acc & mask;
      acc >>>= bits;
      available -= bits;
      q[i] = signed ? (v << shift) >> shift : v;
    }
    return q;
  }

  static void checkBits(int bits) {
    if (bits < 1 || bits > 8) {
      throw new IllegalArgumentException("bits must be in [1, 8], got " + bits);
    }
  }

  private static void checkCodes(int[] q, int bits, boolean signed) {
    checkBits(bits);
    int qmin = signed ? -(1 << (bits - 1)) : 0;
    int qmax = signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
    for (int i = 0; i < q.length; i++) {
      if (q[i] < qmin || q[i] > qmax) {
        throw new IllegalArgumentException(
            "q[" + i + "] must be in [" + qmin + ", " + qmax + "] for " + (signed ? "int" : "uint")
                + bits + ", got " + q[i]);
      }
    }
  }
}
