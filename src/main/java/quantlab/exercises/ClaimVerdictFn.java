package quantlab.exercises;

/**
 * The shape of a learner's verdict on "the candidate takes less time than the baseline" from two
 * measured times: {@code "TRUE"}, {@code "FALSE"} or {@code "NOT SHOWN"}. Explained in lesson 08
 * ({@code quantlab.measure.Claim#verdict}).
 */
@FunctionalInterface
public interface ClaimVerdictFn {
  String verdict(double baselineMillis, double candidateMillis);
}
