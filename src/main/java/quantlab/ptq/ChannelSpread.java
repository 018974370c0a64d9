package quantlab.ptq;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import quantlab.tf.Weights;

/**
 * How different the output channels of one kernel are: each channel's largest magnitude
 * {@code m[c] = max |w[..., c]|} (output channels along the last axis, as TF keeps kernels), and
 * the ratio of the largest {@code m} to the smallest. One symmetric per-tensor scale is
 * {@code max m / qmax}; a channel then reaches codes up to only about {@code qmax * m[c] / max m},
 * so it keeps about {@code bits - log2(max m / m[c])} bits of its own: a ratio of 16 costs the
 * narrowest channel 4 of its bits. Per-channel scales give every channel all {@code qmax} codes.
 * Explained in lesson 10.
 *
 * <p>Example: a {@code [2, 2]} kernel {@code {0.5, -0.01, -0.25, 0.02}} has columns {@code {0.5,
 * -0.25}} and {@code {-0.01, 0.02}}, so {@code m = [0.5, 0.02]}, ratio 25; at 8 bits (qmax 127)
 * with one per-tensor scale {@code 0.5 / 127} channel 1 reaches code {@code rint(0.02 / (0.5 /
 * 127)) = 5} ({@link #perTensorMaxCodes}), and keeps {@code 8 - log2(25) = 3.36} bits
 * ({@link #perTensorBits}).
 *
 * @param name what the kernel is, e.g. {@code "conv1_kernel (folded)"}
 * @param maxAbs {@code max |w|} of each output channel
 */
public record ChannelSpread(String name, float[] maxAbs) {
  public ChannelSpread {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(maxAbs, "maxAbs");
    if (maxAbs.length == 0) {
      throw new IllegalArgumentException("maxAbs must not be empty");
    }
    maxAbs = maxAbs.clone();
  }

  /** The spread of {@code kernel}'s output channels (its last axis), named after it. */
  public static ChannelSpread of(Weights kernel) {
    return of(kernel.name(), kernel);
  }

  /** The spread of {@code kernel}'s output channels (its last axis), named {@code name}. */
  public static ChannelSpread of(String name, Weights kernel) {
    Objects.requireNonNull(kernel, "kernel");
    int out = kernel.shape().dim(-1);
    float[] m = new float[out];
    float[] v = kernel.values();
    for (int i = 0; i < v.length; i++) {
      m[i % out] = Math.max(m[i % out], Math.abs(v[i]));
    }
    return new ChannelSpread(name, m);
  }

  @Override
  public float[] maxAbs() {
    return maxAbs.clone();
  }

  public int channels() {
    return maxAbs.length;
  }

  /** The channel with the largest {@code max |w|}. */
  public int widest() {
    int best = 0;
    for (int c = 1; c < maxAbs.length; c++) {
      if (maxAbs[c] > maxAbs[best]) {
        best = c;
      }
    }
    return best;
  }

  /** The channel with the smallest {@code max |w|}. */
  public int narrowest() {
    int best = 0;
    for (int c = 1; c < maxAbs.length; c++) {
      if (maxAbs[c] < maxAbs[best]) {
        best = c;
      }
    }
    return best;
  }

  /** Largest over smallest {@code max |w|} (infinite when a channel is all zero). */
  public double ratio() {
    float lo = maxAbs[narrowest()];
    return lo == 0 ? Double.POSITIVE_INFINITY : (double) maxAbs[widest()] / lo;
  }

  /**
   * Each channel's {@code max |w|} divided by the widest channel's: the fraction of a symmetric
   * per-tensor grid the channel's weights cover.
   */
  public double[] relative() {
    double top = maxAbs[widest()];
    double[] r = new double[maxAbs.length];
    for (int c = 0; c < r.length; c++) {
      r[c] = top == 0 ? 0 : maxAbs[c] / top;
    }
    return r;
  }

  /**
   * The largest code {@code |q|} each channel reaches with one symmetric narrow-range per-tensor
   * scale {@code s = max m / qmax}, {@code qmax = 2^(bits-1) - 1}: {@code rint(m[c] / s)}
   * (half to even). With per-channel scales every channel reaches {@code qmax}.
   */
  public int[] perTensorMaxCodes(int bits) {
    int qmax = qmax(bits);
    double top = maxAbs[widest()];
    int[] q = new int[maxAbs.length];
    if (top == 0) {
      return q;
    }
    float s = (float) (top / qmax);
    for (int c = 0; c < q.length; c++) {
      q[c] = (int) Math.rint(maxAbs[c] / s);
    }
    return q;
  }

  /**
   * The bits a channel keeps under one per-tensor scale: {@code bits - log2(max m / m[c])}
   * (negative infinity for an all-zero channel).
   */
  public double[] perTensorBits(int bits) {
    qmax(bits);
    double top = maxAbs[widest()];
    double[] b = new double[maxAbs.length];
    for (int c = 0; c < b.length; c++) {
      b[c] = maxAbs[c] == 0 ? Double.NEGATIVE_INFINITY : bits - Math.log(top / maxAbs[c])
          / Math.log(2);
    }
    return b;
  }

  private static int qmax(int bits) {
    if (bits < 2 || bits > 16) {
      throw new IllegalArgumentException("bits must be in [2, 16], got " + bits);
    }
    return (1 << (bits - 1)) - 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelSpread s && s.name.equals(name) && Arrays.equals(s.maxAbs, maxAbs);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(maxAbs);
  }

  /**
   * {@code ChannelSpread{conv1_kernel, 16 channels, max|w| from 0.0312 (channel 3) to 0.8200
   * (channel 9), ratio 26.3}}.
   */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "ChannelSpread{%s, %d channels, max|w| from %.4g (channel "
        + "%d) to %.4g (channel %d), ratio %.3g}", name, maxAbs.length, maxAbs[narrowest()],
        narrowest(), maxAbs[widest()], widest(), ratio());
  }
}
