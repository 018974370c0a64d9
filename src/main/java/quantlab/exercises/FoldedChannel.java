package quantlab.exercises;

import java.util.Arrays;

/**
 * One output channel after folding its batch norm (exercise 10.1): its weights and its bias.
 *
 * @param w the folded weights, {@code f * w}
 * @param b the folded bias, {@code beta + f * (b - mean)}
 */
public record FoldedChannel(float[] w, float b) {
  @Override
  public boolean equals(Object o) {
    return o instanceof FoldedChannel c && Arrays.equals(c.w, w)
        && Float.compare(c.b, b) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(w) + Float.hashCode(b);
  }

  /** {@code FoldedChannel{w=[0.75, -1.5], b=-0.625}}. */
  @Override
  public String toString() {
    return "FoldedChannel{w=" + (w == null ? "null" : Arrays.toString(w)) + ", b=" + b + "}";
  }
}
