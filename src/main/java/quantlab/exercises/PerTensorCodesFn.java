package quantlab.exercises;

/**
 * The shape of a learner's per-channel view of one per-tensor grid: for a kernel stored
 * row-major with its {@code channels} output channels along the last axis ({@code w[i]} belongs
 * to channel {@code i % channels}), the largest code {@code |q|} each channel reaches with one
 * symmetric narrow-range scale for the whole tensor, {@code scale = max |w| / qmax}, {@code q =
 * rint(w / scale)}. Explained in lesson 10.
 */
@FunctionalInterface
public interface PerTensorCodesFn {
  int[] maxCodes(float[] w, int channels, int bits);
}
