package quantlab.exercises;

/**
 * The shape of a learner's int32 accumulator for one output of an int8 layer (weights have zero
 * point 0, as in TensorFlow Lite): {@code acc = sum_k (x[k] - inputZeroPoint) * w[k] + bias}.
 * Explained in lesson 05.
 */
@FunctionalInterface
public interface AccumulatorFn {
  int acc(int[] x, int inputZeroPoint, int[] w, int bias);
}
