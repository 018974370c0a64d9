package quantlab.interp;

import java.util.Arrays;
import java.util.Locale;

/**
 * An immutable tensor value going into or out of the {@link Interpreter}: a type, a shape and
 * the elements (float32, int8 codes or int32), row-major.
 *
 * <p>Example: {@code Tensor.ofInt8(new int[] {1, 3}, new byte[] {-128, 0, 127})} prints
 * {@code Tensor{INT8 [1, 3] [-128, 0, 127]}}.
 */
public final class Tensor {
  private final DataType type;
  private final int[] shape;
  private final Object data; // float[], byte[] or int[], never shared

  private Tensor(DataType type, int[] shape, Object data) {
    this.type = type;
    this.shape = shape;
    this.data = data;
  }

  /** A float32 tensor; {@code values.length} must equal the product of {@code shape}. */
  public static Tensor ofFloat(int[] shape, float[] values) {
    checkCount(shape, values.length);
    return new Tensor(DataType.FLOAT32, shape.clone(), values.clone());
  }

  /** An int8 tensor of codes {@code q}; {@code q.length} must equal the product of shape. */
  public static Tensor ofInt8(int[] shape, byte[] q) {
    checkCount(shape, q.length);
    return new Tensor(DataType.INT8, shape.clone(), q.clone());
  }

  /** An int32 tensor. */
  public static Tensor ofInt32(int[] shape, int[] values) {
    checkCount(shape, values.length);
    return new Tensor(DataType.INT32, shape.clone(), values.clone());
  }

  /** Wraps without copying; for the interpreter's own arrays, which it never touches again. */
  static Tensor wrap(DataType type, int[] shape, Object data) {
    return new Tensor(type, shape.clone(), data);
  }

  private static void checkCount(int[] shape, int length) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "shape must not have negative dimensions, got " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
          + " elements, but " + length + " values were given");
    }
  }

  public DataType type() {
    return type;
  }

  /** A copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  /** The number of elements. */
  public int size() {
    return java.lang.reflect.Array.getLength(data);
  }

  /** A copy of the float32 values; throws unless the type is FLOAT32. */
  public float[] floats() {
    return ((float[]) require(DataType.FLOAT32)).clone();
  }

  /** A copy of the int8 codes; throws unless the type is INT8. */
  public byte[] bytes() {
    return ((byte[]) require(DataType.INT8)).clone();
  }

  /** A copy of the int32 values; throws unless the type is INT32. */
  public int[] ints() {
    return ((int[]) require(DataType.INT32)).clone();
  }

  /** Element {@code i} as a double, whatever the type (an int8 code stays a code). */
  public double get(int i) {
    switch (type) {
      case FLOAT32:
        return ((float[]) data)[i];
      case INT8:
        return ((byte[]) data)[i];
      case INT32:
        return ((int[]) data)[i];
      default:
        throw new AssertionError(type);
    }
  }

  /** The flat index of the largest element (the first one on ties): top-1 of a classifier. */
  public int argMax() {
    return argMax(0, size());
  }

  /**
   * The index, counted from {@code from}, of the largest element of {@code [from, to)} (the first
   * one on ties): top-1 of one row of a {@code [batch, classes]} output is {@code argMax(row *
   * classes, (row + 1) * classes)}.
   *
   * <p>Example: for the elements {@code [0.1, 0.7, 0.2, 0.9, 0.9, 0.0]}, {@code argMax(3, 6)} is
   * {@code 0} (the first 0.9 of the second row) and {@code argMax()} is {@code 3}.
   */
  public int argMax(int from, int to) {
    if (from < 0 || to > size() || from >= to) {
      throw new IndexOutOfBoundsException("argMax needs 0 <= from < to <= " + size()
          + ", got from " + from + ", to " + to);
    }
    int best = from;
    double bestValue = get(from);
    for (int i = from + 1; i < to; i++) {
      double v = get(i);
      if (v > bestValue) {
        best = i;
        bestValue = v;
      }
    }
    return best - from;
  }

  Object raw() {
    return data;
  }

  private Object require(DataType t) {
    if (type != t) {
      throw new IllegalStateException("tensor is " + type + ", not " + t);
    }
    return data;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Tensor)) {
      return false;
    }
    Tensor t = (Tensor) o;
    return type == t.type && Arrays.equals(shape, t.shape) && Arrays.deepEquals(
        new Object[] {data}, new Object[] {t.data});
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(new Object[] {type, shape, data});
  }

  @Override
  public String toString() {
    int n = size();
    StringBuilder sb = new StringBuilder();
    sb.append("Tensor{").append(type).append(' ').append(Arrays.toString(shape)).append(" [");
    int shown = Math.min(n, 10);
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(type == DataType.FLOAT32
          ? String.format(Locale.ROOT, "%.6g", get(i)) : Long.toString((long) get(i)));
    }
    if (n > shown) {
      sb.append(", ... (").append(n).append(" values)");
    }
    return sb.append("]}").toString();
  }
}
