package quantlab.exercises;

/**
 * The shape of a learner's per-channel scales after folding, from the scales before: each
 * channel's weights are multiplied by {@code f[c] = gamma[c] / sqrt(variance[c] + epsilon)}, so
 * its symmetric scale {@code max |w| / qmax} is multiplied by {@code |f[c]|}. Explained in
 * lesson 10.
 */
@FunctionalInterface
public interface FoldedScalesFn {
  float[] scales(float[] scales, float[] gamma, float[] variance, float epsilon);
}
