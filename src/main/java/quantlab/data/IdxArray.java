package quantlab.data;

import java.util.Arrays;

/**
 * The content of an IDX file of unsigned bytes: its dimensions and its data, row-major. MNIST
 * images are {@code [count, 28, 28]}, labels {@code [count]}.
 *
 * <p>Example: {@code IdxArray.of(new int[] {2, 2}, new byte[] {1, 2, 3, (byte) 255}).unsigned(3)}
 * is {@code 255}.
 */
public final class IdxArray {
  private final int[] dims;
  private final byte[] data;

  private IdxArray(int[] dims, byte[] data) {
    this.dims = dims;
    this.data = data;
  }

  /** Wraps (a copy of) {@code data}; its length must be the product of {@code dims}. */
  public static IdxArray of(int[] dims, byte[] data) {
    if (dims == null || data == null) {
      throw new IllegalArgumentException("dims and data must not be null");
    }
    if (dims.length < 1 || dims.length > 255) {
      throw new IllegalArgumentException("dims must have 1..255 entries, got " + dims.length);
    }
    long n = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0) {
        throw new IllegalArgumentException("dims[" + i + "] must be >= 0, got " + dims[i]);
      }
      n *= dims[i];
      if (n > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "dims " + Arrays.toString(dims) + " hold more elements than a Java array");
      }
    }
    if (n != data.length) {
      throw new IllegalArgumentException("data.length must be " + n + " for dims "
          + Arrays.toString(dims) + ", got " + data.length);
    }
    return new IdxArray(dims.clone(), data.clone());
  }

  /** Wraps without copying; for the reader, which owns its buffer. */
  static IdxArray wrap(int[] dims, byte[] data) {
    return new IdxArray(dims, data);
  }

  public int[] dims() {
    return dims.clone();
  }

  public int rank() {
    return dims.length;
  }

  public int dim(int i) {
    return dims[i];
  }

  /** Number of elements. */
  public int size() {
    return data.length;
  }

  /** Element {@code i} as an unsigned value in [0, 255]. */
  public int unsigned(int i) {
    return data[i] & 0xFF;
  }

  /** A copy of the raw bytes. */
  public byte[] bytes() {
    return data.clone();
  }

  /** The raw bytes without a copy, for this package. */
  byte[] rawBytes() {
    return data;
  }

  /** {@code IdxArray{ubyte [60000, 28, 28]}}. */
  @Override
  public String toString() {
    return "IdxArray{ubyte " + Arrays.toString(dims) + "}";
  }
}
