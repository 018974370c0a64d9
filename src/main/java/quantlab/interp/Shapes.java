package quantlab.interp;

import java.util.Arrays;

/** Shape arithmetic: counts, broadcasting, RESHAPE target resolution. */
final class Shapes {
  private Shapes() {}

  static int count(int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  /** NumPy broadcasting of two shapes; throws if incompatible. */
  static int[] broadcast(int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
      int db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and "
            + Arrays.toString(b) + " do not broadcast");
      }
      out[i] = da == 1 ? db : da; // [0] with [1] broadcasts to [0], not [1]
    }
    return out;
  }

  /** For each flat index of {@code out}, the flat index into a tensor of shape {@code in}. */
  static int[] broadcastIndex(int[] in, int[] out) {
    int n = count(out);
    int[] idx = new int[n];
    int rank = out.length;
    int off = rank - in.length;
    int[] inStride = new int[rank];
    int s = 1;
    for (int i = rank - 1; i >= 0; i--) {
      int d = i - off >= 0 ? in[i - off] : 1;
      inStride[i] = d == 1 ? 0 : s;
      s *= d;
    }
    int[] coord = new int[rank];
    for (int f = 0; f < n; f++) {
      int k = 0;
      for (int i = 0; i < rank; i++) {
        k += coord[i] * inStride[i];
      }
      idx[f] = k;
      for (int i = rank - 1; i >= 0; i--) {
        if (++coord[i] < out[i]) {
          break;
        }
        coord[i] = 0;
      }
    }
    return idx;
  }

  /**
   * The RESHAPE target for {@code count} elements: resolves one -1; when the model was written
   * for batch 1 and runs on a batch of N, a leading 1 becomes N.
   */
  static int[] reshapeTarget(int[] target, int count) {
    int[] t = target.clone();
    int unknown = -1;
    long known = 1;
    for (int i = 0; i < t.length; i++) {
      if (t[i] == -1) {
        if (unknown >= 0) {
          throw new IllegalArgumentException(
              "RESHAPE target has two -1 dimensions: " + Arrays.toString(target));
        }
        unknown = i;
      } else if (t[i] < 0) {
        throw new IllegalArgumentException("RESHAPE target " + Arrays.toString(target)
            + " has the negative dimension " + t[i] + " (only -1 is allowed)");
      } else {
        known = Math.min(known * t[i], (long) Integer.MAX_VALUE + 1);
      }
    }
    if (unknown >= 0) {
      if (known == 0 || count % known != 0) {
        throw new IllegalArgumentException("cannot reshape " + count + " elements to "
            + Arrays.toString(target));
      }
      t[unknown] = (int) (count / known);
      return t;
    }
    if (known != count && t.length > 0 && t[0] == 1 && known > 0 && count % known == 0) {
      t[0] = (int) (count / known); // batch dimension
      return t;
    }
    if (known != count) {
      throw new IllegalArgumentException("cannot reshape " + count + " elements to "
          + Arrays.toString(target));
    }
    return t;
  }
}
