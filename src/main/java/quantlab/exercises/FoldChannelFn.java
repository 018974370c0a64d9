package quantlab.exercises;

/**
 * The shape of a learner's batch-norm folding of one output channel: the channel's weights
 * {@code w} and bias {@code b}, and the batch norm's {@code gamma}, {@code beta}, moving
 * {@code mean} and {@code variance} and {@code epsilon} for that channel. With {@code f = gamma /
 * sqrt(variance + epsilon)}: {@code wFold = f * w}, {@code bFold = beta + f * (b - mean)}.
 * Explained in lesson 10.
 */
@FunctionalInterface
public interface FoldChannelFn {
  FoldedChannel fold(float[] w, float b, float gamma, float beta, float mean, float variance,
      float epsilon);
}
