package quantlab.interp;

import java.util.Locale;

/**
 * How closely two sets of outputs agree: elements equal bit for bit, the largest absolute
 * difference, the largest difference in output codes ({@code |a - b| / codeScale}) and how many
 * samples disagree on top-1.
 */
record Agreement(int samples, int elements, int bitEqual, double maxAbsDiff, long maxCodeDiff,
    int codesDiffering, int top1Mismatches) {

  static Agreement of(float[][] ours, float[][] theirs, double codeScale) {
    if (ours.length != theirs.length) {
      throw new IllegalArgumentException(ours.length + " vs " + theirs.length + " samples");
    }
    int elements = 0;
    int equal = 0;
    double maxAbs = 0;
    long maxCode = 0;
    int differing = 0;
    int top1 = 0;
    for (int i = 0; i < ours.length; i++) {
      if (ours[i].length != theirs[i].length) {
        throw new IllegalArgumentException("sample " + i + ": " + ours[i].length + " vs "
            + theirs[i].length + " outputs");
      }
      for (int k = 0; k < ours[i].length; k++) {
        elements++;
        if (Float.floatToIntBits(ours[i][k]) == Float.floatToIntBits(theirs[i][k])) {
          equal++;
        }
        double d = Math.abs((double) ours[i][k] - theirs[i][k]);
        maxAbs = Math.max(maxAbs, d);
        long codes = Math.round(d / codeScale);
        maxCode = Math.max(maxCode, codes);
        differing += codes != 0 ? 1 : 0;
      }
      top1 += argMax(ours[i]) != argMax(theirs[i]) ? 1 : 0;
    }
    return new Agreement(ours.length, elements, equal, maxAbs, maxCode, differing, top1);
  }

  static int argMax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "%d samples, %d outputs: %d bit-equal, max |diff| %.3g, max code diff %d (%d outputs"
            + " differ), top-1 mismatches %d",
        samples, elements, bitEqual, maxAbsDiff, maxCodeDiff, codesDiffering, top1Mismatches);
  }
}
