package quantlab.quant;

import java.util.Arrays;

/**
 * The dimensions of a row-major tensor stored in a flat array. Element {@code [i0, i1, ..., ik]}
 * sits at {@code sum(ij * stride(j))}, and {@code stride(last) = 1}.
 *
 * <p>Example: a Dense layer's kernel in TensorFlow is {@code Shape.of(784, 128)} (inputs x
 * outputs); its output channels are along axis 1, {@code stride(0) = 128}, {@code size() = 100352}.
 */
public final class Shape {
  private static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;
  private final int size;

  private Shape(int[] dims) {
    long n = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0) {
        throw new IllegalArgumentException(
            "dims[" + i + "] must be >= 0, got " + dims[i] + " in " + Arrays.toString(dims));
      }
      n *= dims[i];
      if (n > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(dims) + " has more elements than a Java array can hold");
      }
    }
    this.dims = dims;
    this.size = (int) n;
  }

  /** A shape with the given dimensions; {@code of()} is a scalar. */
  public static Shape of(int... dims) {
    Check.notNull("dims", dims);
    return dims.length == 0 ? SCALAR : new Shape(dims.clone());
  }

  /** A rank-1 shape of {@code n} elements. */
  public static Shape vector(int n) {
    return new Shape(new int[] {n});
  }

  public int rank() {
    return dims.length;
  }

  /** The number of elements. */
  public int size() {
    return size;
  }

  /** The size of dimension {@code axis}; negative axes count from the end. */
  public int dim(int axis) {
    return dims[checkAxis(axis)];
  }

  public int[] dims() {
    return dims.clone();
  }

  /** Elements between consecutive indices along {@code axis}: the product of later dims. */
  public int stride(int axis) {
    int a = checkAxis(axis);
    int s = 1;
    for (int i = a + 1; i < dims.length; i++) {
      s *= dims[i];
    }
    return s;
  }

  /**
   * Resolves a possibly negative axis ({@code -1} is the last) and rejects one out of range.
   *
   * @throws IllegalArgumentException naming the axis and the shape
   */
  public int checkAxis(int axis) {
    int a = axis < 0 ? axis + dims.length : axis;
    if (a < 0 || a >= dims.length) {
      throw new IllegalArgumentException(
          "axis must be in [" + -dims.length + ", " + (dims.length - 1) + "] for shape " + this
              + ", got " + axis);
    }
    return a;
  }

  /** This shape with dimension {@code axis} replaced by {@code size}. */
  public Shape withDim(int axis, int size) {
    int[] d = dims.clone();
    d[checkAxis(axis)] = size;
    return new Shape(d);
  }

  @Override
  public String toString() {
    return Arrays.toString(dims);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(s.dims, dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }
}
