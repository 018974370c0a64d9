package quantlab.tf;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Counts of (true class, predicted class) pairs: {@code count(t, p)} images of class {@code t}
 * were predicted as {@code p}. Immutable.
 *
 * <p>Example: labels {@code [0, 0, 1]} predicted as {@code [0, 1, 1]} give {@code count(0, 0) =
 * 1}, {@code count(0, 1) = 1}, {@code count(1, 1) = 1}, accuracy {@code 2 / 3}.
 */
public final class ConfusionMatrix {
  private final List<String> classNames;
  private final long[][] counts;

  private ConfusionMatrix(List<String> classNames, long[][] counts) {
    this.classNames = classNames;
    this.counts = counts;
  }

  /**
   * The predicted class of one image: the index of its largest score (logit or probability), the
   * first one on ties.
   *
   * <p>Example: {@code argMax(new float[] {0.1f, 0.7f, 0.2f, 0.7f})} is {@code 1}.
   */
  public static int argMax(float[] scores) {
    Objects.requireNonNull(scores, "scores must not be null");
    if (scores.length == 0) {
      throw new IllegalArgumentException("scores must not be empty");
    }
    int best = 0;
    for (int k = 1; k < scores.length; k++) {
      if (scores[k] > scores[best]) {
        best = k;
      }
    }
    return best;
  }

  /** Tallies {@code predicted[i]} against {@code labels[i]}. */
  public static ConfusionMatrix of(List<String> classNames, int[] labels, int[] predicted) {
    if (labels.length != predicted.length) {
      throw new IllegalArgumentException("labels and predicted must have the same length, got "
          + labels.length + " and " + predicted.length);
    }
    int k = classNames.size();
    long[][] c = new long[k][k];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
        throw new IllegalArgumentException("labels[" + i + "] and predicted[" + i
            + "] must be in [0, " + k + "), got " + labels[i] + " and " + predicted[i]);
      }
      c[labels[i]][predicted[i]]++;
    }
    return new ConfusionMatrix(List.copyOf(classNames), c);
  }

  public List<String> classNames() {
    return classNames;
  }

  public int classCount() {
    return classNames.size();
  }

  /** Images of class {@code trueClass} predicted as {@code predictedClass}. */
  public long count(int trueClass, int predictedClass) {
    return counts[trueClass][predictedClass];
  }

  /** All images counted. */
  public long total() {
    long n = 0;
    for (long[] row : counts) {
      for (long v : row) {
        n += v;
      }
    }
    return n;
  }

  /** Images of class {@code c}. */
  public long support(int c) {
    long n = 0;
    for (long v : counts[c]) {
      n += v;
    }
    return n;
  }

  /** The diagonal over the total (NaN when empty). */
  public double accuracy() {
    long right = 0;
    for (int c = 0; c < counts.length; c++) {
      right += counts[c][c];
    }
    long n = total();
    return n == 0 ? Double.NaN : (double) right / n;
  }

  /** Recall of each class: {@code count(c, c) / support(c)} (NaN for a class never seen). */
  public double[] perClassAccuracy() {
    double[] a = new double[counts.length];
    for (int c = 0; c < counts.length; c++) {
      long s = support(c);
      a[c] = s == 0 ? Double.NaN : (double) counts[c][c] / s;
    }
    return a;
  }

  /** A copy of the counts, {@code [true][predicted]}. */
  public long[][] counts() {
    long[][] c = new long[counts.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = counts[i].clone();
    }
    return c;
  }

  /** The matrix as text: one row per true class, one column per predicted class. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ConfusionMatrix (rows: true class, columns: predicted)\n");
    sb.append(String.format(Locale.ROOT, "%-12s", ""));
    for (int p = 0; p < counts.length; p++) {
      sb.append(String.format(Locale.ROOT, "%6d", p));
    }
    sb.append('\n');
    for (int t = 0; t < counts.length; t++) {
      String n = classNames.get(t);
      sb.append(String.format(Locale.ROOT, "%-12s", t + " " + (n.length() > 9 ? n.substring(0, 9)
          : n)));
      for (int p = 0; p < counts.length; p++) {
        sb.append(String.format(Locale.ROOT, "%6d", counts[t][p]));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix m && m.classNames.equals(classNames)
        && java.util.Arrays.deepEquals(m.counts, counts);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.deepHashCode(counts);
  }
}
