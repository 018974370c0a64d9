package quantlab.exercises;

/**
 * The shape of a learner's count of the distinct codes {@code q} that the values {@code x} of one
 * channel take under a symmetric, narrow-range grid of {@code bits} bits fitted to their own
 * {@code max |x|}. Explained in lesson 04.
 */
@FunctionalInterface
public interface CodesUsedFn {
  int codesUsed(float[] x, int bits);
}
