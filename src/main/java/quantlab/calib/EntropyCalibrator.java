package quantlab.calib;

import quantlab.quant.ValueHistogram;
import quantlab.quant.Range;

/**
 * TensorRT's entropy calibration: the threshold {@code t} that loses the least information, in
 * Kullback-Leibler divergence, when {@code |x|} is clipped at {@code t} and quantized. Observed
 * values are kept (4 bytes each) so that the histogram spans exactly {@code [0, max|x|]}.
 *
 * <p>The algorithm, from Szymon Migacz, "8-bit Inference with TensorRT", NVIDIA GTC 2017 (slides
 * s7310), as also implemented in NVIDIA's pytorch-quantization ({@code _compute_amax_entropy}) and
 * in MXNet/TVM ({@code MinimizeKL}):
 *
 * <ol>
 *   <li>Histogram {@code h} of {@code |x|} with {@code bins} (2048) equal bins over {@code [0,
 *       max|x|]}.
 *   <li>For each candidate {@code i} in {@code [levels, bins]} (128 to 2048):
 *       <ul>
 *         <li>reference {@code P = h[0..i)} with the outliers {@code sum(h[i..bins))} added to
 *             its last bin {@code P[i-1]};
 *         <li>candidate {@code Q}: the bins {@code h[0..i)} (without the outliers) merged into
 *             {@code levels} groups (bin {@code j} goes to group {@code floor(j * levels / i)}),
 *             and each group's total spread evenly back over those of its bins that are not
 *             empty (empty bins stay empty);
 *         <li>{@code KL(P||Q) = sum over P[j] > 0 of p[j] * ln(p[j] / q[j])} after normalising
 *             both to sum 1; infinite when some {@code q[j] = 0} where {@code p[j] > 0}.
 *       </ul>
 *   <li>The threshold is the upper edge of the last kept bin, {@code t = i * max|x| / bins}, of
 *       the {@code i} with the least divergence (the largest such {@code i} on ties, as
 *       pytorch-quantization). The slides use the bin's centre, {@code (i - 0.5) * width}; the
 *       difference is half a bin.
 * </ol>
 *
 * <p>The range is {@code [-t, t]}, with an end left at 0 when no value lies on its side (ReLU
 * outputs give {@code [0, t]}). Unlike MXNet and TVM, no smoothing constant is added to empty
 * bins; a candidate with an infinite divergence is simply never chosen ({@code i = bins} is always
 * finite). Each candidate costs {@code O(i)}, so one range costs about {@code bins^2 / 2}
 * operations (2 million for 2048 bins).
 */
public final class EntropyCalibrator
    extends ObservingCalibrator<Calibration.Entropy, EntropyCalibrator> {
  private final ValueSink values = new ValueSink();

  EntropyCalibrator(Calibration.Entropy method) {
    super(method);
  }

  @Override
  Observations.Sink sink() {
    return values;
  }

  /**
   * The histogram of {@code |x|} over {@code [0, max|x|]} with {@code bins} bins, for range
   * {@code p}; {@code max|x| = 0} gives {@code [0, 1]}.
   */
  private ValueHistogram absHistogram(int p) {
    float[] x = values.array(p);
    int n = values.size(p);
    float maxAbs = Math.max(-values.min(p), values.max(p));
    double hi = maxAbs > 0 ? maxAbs : 1;
    int bins = method.bins();
    long[] counts = new long[bins];
    double perUnit = bins / hi;
    for (int i = 0; i < n; i++) {
      int b = (int) (Math.abs(x[i]) * perUnit);
      counts[b >= bins ? bins - 1 : b]++;
    }
    return ValueHistogram.ofCounts(0, hi, counts, 0, 0);
  }

  /**
   * The histogram of {@code |x|} that the threshold is chosen from, for a per-tensor calibration
   * (range {@code 0} otherwise): {@code bins} bins over {@code [0, max|x|]}.
   */
  public ValueHistogram histogram() {
    return histogram(0);
  }

  /** The histogram of {@code |x|} of range {@code p} (a channel or group). */
  public ValueHistogram histogram(int p) {
    obs.requireValues(p);
    return absHistogram(p);
  }

  /**
   * {@code KL(P||Q)} for every candidate {@code i = levels .. h.bins()}: element {@code k} belongs
   * to {@code i = levels + k}, threshold {@code h.edge(i)}. Useful to plot the curve the
   * calibration minimises.
   */
  public static double[] divergences(ValueHistogram h, int levels) {
    int bins = h.bins();
    if (levels < 1 || levels > bins) {
      throw new IllegalArgumentException(
          "levels must be in [1, bins] = [1, " + bins + "], got " + levels);
    }
    long[] c = h.counts();
    long[] suffix = new long[bins + 1];
    for (int j = bins - 1; j >= 0; j--) {
      suffix[j] = suffix[j + 1] + c[j];
    }
    double[] out = new double[bins - levels + 1];
    double[] q = new double[bins];
    for (int i = levels; i <= bins; i++) {
      out[i - levels] = divergence(c, i, suffix[i], levels, q);
    }
    return out;
  }

  /** KL(P||Q) of candidate {@code i}; {@code q} is scratch space of at least {@code i}. */
  private static double divergence(long[] c, int i, long outliers, int levels, double[] q) {
    // Q: merge c[0..i) into `levels` groups, spread each group's total over its non-empty bins.
    int start = 0;
    double sumQ = 0;
    for (int g = 0; g < levels; g++) {
      int end = (int) (((long) (g + 1) * i) / levels); // group g is bins [start, end)
      long total = 0;
      int nonEmpty = 0;
      for (int j = start; j < end; j++) {
        total += c[j];
        if (c[j] != 0) {
          nonEmpty++;
        }
      }
      double share = nonEmpty == 0 ? 0 : (double) total / nonEmpty;
      for (int j = start; j < end; j++) {
        q[j] = c[j] != 0 ? share : 0;
      }
      sumQ += total;
      start = end;
    }
    double sumP = sumQ + outliers;
    if (sumQ == 0) {
      return Double.POSITIVE_INFINITY;
    }
    double kl = 0;
    for (int j = 0; j < i; j++) {
      double pj = j == i - 1 ? c[j] + outliers : c[j];
      if (pj == 0) {
        continue;
      }
      if (q[j] == 0) {
        return Double.POSITIVE_INFINITY;
      }
      double pn = pj / sumP;
      kl += pn * Math.log(pn / (q[j] / sumQ));
    }
    return kl;
  }

  /**
   * The threshold TensorRT's method picks from histogram {@code h} of {@code |x|}:
   * {@code h.edge(i)} for the candidate {@code i} in {@code [levels, bins]} of least divergence.
   */
  public static double threshold(ValueHistogram h, int levels) {
    double[] kl = divergences(h, levels);
    int best = kl.length - 1;
    for (int k = kl.length - 2; k >= 0; k--) {
      if (kl[k] < kl[best]) {
        best = k;
      }
    }
    return h.edge(levels + best);
  }

  @Override
  Range compute(int p) {
    if (values.min(p) == 0f && values.max(p) == 0f) {
      return Range.of(0f, 0f);
    }
    float t = (float) threshold(absHistogram(p), method.levels());
    return values.around(p, t);
  }

  /** {@code EntropyCalibrator{2048 bins, 128 levels, 1 batch, 100100 values, range=[-3.9, 3.9]}}. */
  @Override
  public String toString() {
    return obs.describe("EntropyCalibrator", method.bins() + " bins, " + method.levels()
        + " levels", this::compute);
  }
}
