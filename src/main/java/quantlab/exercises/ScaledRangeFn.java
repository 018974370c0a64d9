package quantlab.exercises;

/**
 * The shape of a learner's {@code {output_min, output_max}} that TensorFlow's {@code QuantizeV2}
 * reports for {@code qint8} in {@code SCALED} mode, given the range {@code [min, max]}
 * ({@code min < 0 < max}) and {@code narrow_range}. Explained in lesson 08.
 */
@FunctionalInterface
public interface ScaledRangeFn {
  float[] range(float min, float max, boolean narrowRange);
}
