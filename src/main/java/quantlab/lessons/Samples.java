package quantlab.lessons;

import java.util.SplittableRandom;

/**
 * Reproducible sample data for lessons and demos, for where a lesson needs numbers before it has a
 * trained model.
 *
 * <p>Example: {@code Samples.gaussian(3, 0.1, 42)} gives three values drawn from N(0, 0.1^2),
 * the same three on every run.
 */
public final class Samples {
  private Samples() {}

  /** {@code n} values from N(0, sigma^2) (Box-Muller over a seeded SplittableRandom). */
  public static float[] gaussian(int n, double sigma, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (normal(rng) * sigma);
    }
    return x;
  }

  /** {@code n} values uniform in {@code [lo, hi)}. */
  public static float[] uniform(int n, double lo, double hi, long seed) {
    if (n < 0 || !(lo < hi)) {
      throw new IllegalArgumentException(
          "need n >= 0 and lo < hi, got n " + n + ", lo " + lo + ", hi " + hi);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (lo + (hi - lo) * rng.nextDouble());
    }
    return x;
  }

  /**
   * A row-major {@code [rows, cols]} weight matrix whose column {@code c} (output channel) is drawn
   * from N(0, sigma_c^2), with sigma_c spread between {@code 0.01} and {@code 0.1}: channels of
   * different scale, as in real layers.
   */
  public static float[] layerWeights(int rows, int cols, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] sigma = new double[cols];
    for (int c = 0; c < cols; c++) {
      sigma[c] = 0.01 + 0.09 * rng.nextDouble();
    }
    float[] w = new float[rows * cols];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (normal(rng) * sigma[i % cols]);
    }
    return w;
  }

  private static double normal(SplittableRandom rng) {
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
