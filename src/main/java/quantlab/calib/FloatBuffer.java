package quantlab.calib;

import java.util.Arrays;

/** A growable array of floats, for the calibrators that keep every observed value. */
final class FloatBuffer {
  private float[] data = new float[16];
  private int size;

  void add(float[] src, int from, int to) {
    int n = to - from;
    if (size + n > data.length) {
      long want = Math.max((long) data.length * 2, (long) size + n);
      if (want > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException(
            "a calibrator keeps at most " + (Integer.MAX_VALUE - 8) + " values per range, got "
                + ((long) size + n));
      }
      data = Arrays.copyOf(data, (int) want);
    }
    System.arraycopy(src, from, data, size, n);
    size += n;
  }

  int size() {
    return size;
  }

  /** The backing array; only the first {@link #size()} values are meaningful. */
  float[] array() {
    return data;
  }

  /** A copy of the values, trimmed to size. */
  float[] toArray() {
    return Arrays.copyOf(data, size);
  }
}
