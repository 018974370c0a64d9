package quantlab.exercises;

/**
 * The shape of a learner's per-channel dequantizer for int8 weights with zero point 0, as
 * TensorFlow Lite stores them: {@code xHat[i] = scales[c(i)] * q[i]}, where {@code c(i)} is
 * element {@code i}'s index along {@code quantizedDimension} of the row-major {@code shape}.
 * Example: {@code q = [1, 2, 3, 4]}, shape {@code [2, 2]}, scales {@code [0.5, 0.25]},
 * dimension 0 gives {@code [0.5, 1.0, 0.75, 1.0]}; dimension 1 gives {@code [0.5, 0.5, 1.5,
 * 1.0]}. Used by exercise 07.2.
 */
@FunctionalInterface
public interface PerChannelDequantizeFn {
  float[] xHat(byte[] q, int[] shape, float[] scales, int quantizedDimension);
}
