package quantlab.calib;

import java.util.Arrays;
import quantlab.quant.Range;

/** Keeps every observed value of each range, with its min and max. */
final class ValueSink implements Observations.Sink {
  private FloatBuffer[] buffers;
  private float[] lo;
  private float[] hi;

  @Override
  public void start(int ranges) {
    buffers = new FloatBuffer[ranges];
    for (int p = 0; p < ranges; p++) {
      buffers[p] = new FloatBuffer();
    }
    lo = new float[ranges];
    hi = new float[ranges];
    Arrays.fill(lo, Float.POSITIVE_INFINITY);
    Arrays.fill(hi, Float.NEGATIVE_INFINITY);
  }

  @Override
  public void accept(float[] b, int from, int to, int p) {
    buffers[p].add(b, from, to);
    float a = lo[p];
    float z = hi[p];
    for (int i = from; i < to; i++) {
      a = Math.min(a, b[i]);
      z = Math.max(z, b[i]);
    }
    lo[p] = a;
    hi[p] = z;
  }

  /** The backing array of range {@code p}; only the first {@link #size(int)} values count. */
  float[] array(int p) {
    return buffers[p].array();
  }

  int size(int p) {
    return buffers[p].size();
  }

  /** A copy of range {@code p}'s values, in the order observed. */
  float[] values(int p) {
    return buffers[p].toArray();
  }

  float min(int p) {
    return lo[p];
  }

  float max(int p) {
    return hi[p];
  }

  /**
   * {@code [lower ? -t : 0, upper ? t : 0]} with {@code lower} when range {@code p} holds a
   * negative value and {@code upper} when it holds a positive one: a symmetric threshold that
   * does not reach to a side without data.
   */
  Range around(int p, float t) {
    return Range.of(lo[p] < 0 ? -t : 0f, hi[p] > 0 ? t : 0f);
  }
}
