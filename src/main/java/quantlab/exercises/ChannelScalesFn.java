package quantlab.exercises;

/**
 * The shape of a learner's per-channel scales of a row-major {@code [rows, cols]} matrix, one
 * scale per column (the output channels of a Dense kernel {@code [in, out]}), symmetric with
 * narrow range: {@code scale_c = max_i |w[i][c]| / qmax} with {@code qmax = 2^(bits-1) - 1}.
 * Explained in lesson 04.
 */
@FunctionalInterface
public interface ChannelScalesFn {
  float[] scales(float[] w, int rows, int cols, int bits);
}
