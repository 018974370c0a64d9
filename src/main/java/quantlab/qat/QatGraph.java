package quantlab.qat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.quantization.FakeQuantWithMinMaxVars;
import org.tensorflow.op.quantization.FakeQuantWithMinMaxVarsPerChannel;
import org.tensorflow.types.TFloat32;
import quantlab.quant.Range;
import quantlab.tf.EpochResult;
import quantlab.tf.GraphExtension;

/**
 * What quantization-aware training adds to the trainer's graph: a per-channel fake quant on every
 * kernel and a per-tensor fake quant with moving-average range at every activation tap.
 */
final class QatGraph implements GraphExtension {
  /** Smallest per-channel range, so an all-zero channel does not give scale 0 (NaN). */
  static final float MIN_RANGE = 1e-8f;
  static final String FQ_PREFIX = "qat_fq_";

  private final int weightBits;
  private final int activationBits;
  private final float decay;
  private final QatGradient gradient;
  private final Map<String, Range> initialRanges;
  private final Map<String, Variable<TFloat32>> mins = new LinkedHashMap<>();
  private final Map<String, Variable<TFloat32>> maxs = new LinkedHashMap<>();
  private final Map<String, Operand<TFloat32>> weightRanges = new LinkedHashMap<>();
  private final List<Map<String, Double>> perEpoch = new ArrayList<>();

  QatGraph(int weightBits, int activationBits, float decay, QatGradient gradient,
      Map<String, Range> initialRanges) {
    this.weightBits = weightBits;
    this.activationBits = activationBits;
    this.decay = decay;
    this.gradient = gradient;
    this.initialRanges = initialRanges;
  }

  @Override
  public Operand<TFloat32> weight(Ops tf, String name, Operand<TFloat32> w, boolean training) {
    if (!name.endsWith("_kernel")) {
      return w; // biases stay float (int32 in integer inference)
    }
    Operand<TFloat32> m = perChannelMaxAbs(tf, w);
    if (!training) {
      weightRanges.put(name, m);
      return tf.withName(FQ_PREFIX + name).quantization.fakeQuantWithMinMaxVarsPerChannel(w,
          tf.math.neg(m), m, FakeQuantWithMinMaxVarsPerChannel.numBits((long) weightBits),
          FakeQuantWithMinMaxVarsPerChannel.narrowRange(true));
    }
    return through(tf, w, x -> tf.quantization.fakeQuantWithMinMaxVarsPerChannel(x,
        tf.math.neg(m), m, FakeQuantWithMinMaxVarsPerChannel.numBits((long) weightBits),
        FakeQuantWithMinMaxVarsPerChannel.narrowRange(true)));
  }

  /**
   * {@code max |w|} over every axis but the last (the output channels), at least
   * {@link #MIN_RANGE}, recomputed from the current weights each step; no gradient flows into it.
   */
  static Operand<TFloat32> perChannelMaxAbs(Ops tf, Operand<TFloat32> w) {
    int rank = w.shape().numDimensions();
    int[] axes = new int[rank - 1];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    return tf.stopGradient(tf.math.maximum(tf.max(tf.math.abs(w), tf.constant(axes)),
        tf.constant(MIN_RANGE)));
  }

  @Override
  public Operand<TFloat32> activation(Ops tf, int index, String name, Operand<TFloat32> x,
      boolean training) {
    Variable<TFloat32> lo = mins.get(name);
    Variable<TFloat32> hi = maxs.get(name);
    if (lo == null) {
      Range r = initialRanges.get(name);
      if (r == null) {
        throw new IllegalStateException("no initial range for activation '" + name + "'");
      }
      lo = tf.withName("qat_min_" + name).variable(tf.constant(Math.min(r.min(), 0f)));
      hi = tf.withName("qat_max_" + name).variable(tf.constant(Math.max(r.max(), 0f)));
      mins.put(name, lo);
      maxs.put(name, hi);
    }
    if (!training) {
      return tf.withName(FQ_PREFIX + name).quantization.fakeQuantWithMinMaxVars(x, lo, hi,
          FakeQuantWithMinMaxVars.numBits((long) activationBits),
          FakeQuantWithMinMaxVars.narrowRange(false));
    }
    // EMA of the batch range (kept to contain 0, as tfmot does): v = d v + (1 - d) batch.
    Operand<org.tensorflow.types.TInt32> all = tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
    Operand<TFloat32> bmin = tf.stopGradient(tf.math.minimum(tf.min(x, all), tf.constant(0f)));
    Operand<TFloat32> bmax = tf.stopGradient(tf.math.maximum(tf.max(x, all), tf.constant(0f)));
    Operand<TFloat32> d = tf.constant(decay);
    Operand<TFloat32> d1 = tf.constant(1 - decay);
    Operand<TFloat32> newLo = tf.stopGradient(tf.assign(lo,
        tf.math.add(tf.math.mul(lo, d), tf.math.mul(bmin, d1))));
    Operand<TFloat32> newHi = tf.stopGradient(tf.assign(hi,
        tf.math.add(tf.math.mul(hi, d), tf.math.mul(bmax, d1))));
    return through(tf, x, v -> tf.quantization.fakeQuantWithMinMaxVars(v, newLo, newHi,
        FakeQuantWithMinMaxVars.numBits((long) activationBits),
        FakeQuantWithMinMaxVars.narrowRange(false)));
  }

  private Operand<TFloat32> through(Ops tf, Operand<TFloat32> x,
      java.util.function.Function<Operand<TFloat32>, Operand<TFloat32>> fq) {
    if (gradient == QatGradient.CLIPPED_STE) {
      return fq.apply(x);
    }
    return tf.math.add(x, tf.stopGradient(tf.math.sub(fq.apply(x), x)));
  }

  @Override
  public void afterEpoch(Session session, EpochResult result) {
    perEpoch.add(readRanges(session));
  }

  /**
   * The current ranges as named series values: {@code "dense1 max"}, {@code "dense1 min"} for
   * each activation tap, {@code "dense1_kernel mean range"} (mean per-channel max |w|).
   */
  Map<String, Double> readRanges(Session session) {
    Map<String, Double> out = new LinkedHashMap<>();
    Map<String, Range> act = activationRanges(session);
    act.forEach((k, r) -> {
      out.put(k + " min", (double) r.min());
      out.put(k + " max", (double) r.max());
    });
    for (Map.Entry<String, Operand<TFloat32>> e : weightRanges.entrySet()) {
      float[] v = fetch(session, e.getValue());
      double s = 0;
      for (float f : v) {
        s += f;
      }
      out.put(e.getKey() + " mean range", s / v.length);
    }
    return out;
  }

  Map<String, Range> activationRanges(Session session) {
    Map<String, Range> out = new LinkedHashMap<>();
    for (String k : mins.keySet()) {
      out.put(k, Range.of(fetch(session, mins.get(k))[0], fetch(session, maxs.get(k))[0]));
    }
    return out;
  }

  static float[] fetch(Session session, Operand<?> op) {
    try (Result r = session.runner().fetch(op).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] v = new float[(int) t.size()];
      t.copyTo(DataBuffers.of(v, false, false));
      return v;
    }
  }

  List<Map<String, Double>> perEpoch() {
    return perEpoch;
  }
}
