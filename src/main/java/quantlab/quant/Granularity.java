package quantlab.quant;

/**
 * Which values share one scale and zero point.
 *
 * <ul>
 *   <li>{@link #perTensor()}: one pair for the whole tensor.
 *   <li>{@link #perChannel(int)}: one pair for each index along {@code axis} (each output channel
 *       of a layer); parameter shape {@code [dim(axis)]}.
 *   <li>{@link #perGroup(int, int)}: one pair for each run of {@code groupSize} consecutive
 *       indices along {@code axis}, separately for every position of the other axes; parameter
 *       shape = the tensor's shape with {@code dim(axis)} replaced by {@code dim(axis) /
 *       groupSize}.
 * </ul>
 *
 * <p>Example: a {@code [784, 128]} kernel has 1 parameter pair per tensor, 128 per channel along
 * axis 1, and {@code 784 / 32 * 128 = 3136} per group of 32 along axis 0. Explained in lesson 02.
 */
public sealed interface Granularity {

  /** How many (scale, zeroPoint) pairs a tensor of {@code shape} needs. */
  int paramCount(Shape shape);

  /** Checks that this granularity fits {@code shape}, naming the axis or group size if not. */
  void validate(Shape shape);

  static Granularity perTensor() {
    return PerTensor.INSTANCE;
  }

  static Granularity perChannel(int axis) {
    return new PerChannel(axis);
  }

  static Granularity perGroup(int axis, int groupSize) {
    return new PerGroup(axis, groupSize);
  }

  /** One scale and zero point for the whole tensor. */
  record PerTensor() implements Granularity {
    static final PerTensor INSTANCE = new PerTensor();

    @Override
    public int paramCount(Shape shape) {
      return 1;
    }

    @Override
    public void validate(Shape shape) {}

    @Override
    public String toString() {
      return "per-tensor";
    }
  }

  /** One scale and zero point per index along {@code axis} (negative counts from the end). */
  record PerChannel(int axis) implements Granularity {
    @Override
    public int paramCount(Shape shape) {
      return shape.dim(axis);
    }

    @Override
    public void validate(Shape shape) {
      shape.checkAxis(axis);
    }

    @Override
    public String toString() {
      return "per-channel(axis=" + axis + ")";
    }
  }

  /** One scale and zero point per {@code groupSize} consecutive values along {@code axis}. */
  record PerGroup(int axis, int groupSize) implements Granularity {
    public PerGroup {
      if (groupSize < 1) {
        throw new IllegalArgumentException("groupSize must be >= 1, got " + groupSize);
      }
    }

    @Override
    public int paramCount(Shape shape) {
      validate(shape);
      return shape.size() / groupSize;
    }

    @Override
    public void validate(Shape shape) {
      int d = shape.dim(axis);
      if (d % groupSize != 0) {
        throw new IllegalArgumentException(
            "groupSize " + groupSize + " must divide dim(" + axis + ") = " + d + " of shape "
                + shape);
      }
    }

    @Override
    public String toString() {
      return "per-group(axis=" + axis + ", size=" + groupSize + ")";
    }
  }
}
