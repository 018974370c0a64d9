package quantlab.exercises;

/**
 * The shape of a learner's SQNR: {@code 10 * log10(sum x^2 / sum (xHat - x)^2)} in dB.
 */
@FunctionalInterface
public interface SqnrFn {
  double sqnrDb(float[] x, float[] xHat);
}
