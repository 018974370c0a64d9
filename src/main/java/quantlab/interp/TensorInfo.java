package quantlab.interp;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a model input or output looks like: name, type, shape and (for int8) quantization.
 *
 * <p>Example: {@code TensorInfo{'input' INT8 [1, 1960], scale=0.101961, zeroPoint=-128}}.
 */
public final class TensorInfo {
  private final String name;
  private final DataType type;
  private final int[] shape;
  private final float scale;
  private final int zeroPoint;

  TensorInfo(Graph.TensorSpec spec) {
    this.name = spec.name();
    this.type = spec.type();
    this.shape = spec.shape().clone();
    this.scale = spec.scale();
    this.zeroPoint = spec.zeroPoint();
  }

  public String name() {
    return name;
  }

  public DataType type() {
    return type;
  }

  public int[] shape() {
    return shape.clone();
  }

  /** Elements of one sample (the shape without its leading batch dimension). */
  public int sampleSize() {
    int n = 1;
    for (int i = 1; i < shape.length; i++) {
      n *= shape[i];
    }
    return shape.length == 0 ? 1 : n;
  }

  /** The quantization scale, 0 for a float tensor. */
  public float scale() {
    return scale;
  }

  public int zeroPoint() {
    return zeroPoint;
  }

  @Override
  public String toString() {
    String q = scale == 0f ? "" : String.format(Locale.ROOT, ", scale=%.6g, zeroPoint=%d", scale,
        zeroPoint);
    return "TensorInfo{'" + name + "' " + type + " " + Arrays.toString(shape) + q + "}";
  }
}
