package quantlab.calib;

import quantlab.quant.Granularity;
import quantlab.quant.IntFormat;
import quantlab.quant.Range;
import quantlab.quant.Rounding;
import quantlab.quant.Scheme;
import quantlab.quant.Shape;

/**
 * A range calibration method and its settings: a small immutable value whose {@link #create()}
 * makes a fresh, stateful {@link Calibrator}. The static methods are the short way in.
 *
 * <table>
 *   <caption>Methods</caption>
 *   <tr><th>entry point</th><th>range</th></tr>
 *   <tr><td>{@link #minMax()}</td><td>{@code [min x, max x]} over every batch</td></tr>
 *   <tr><td>{@link #movingAverage(double)}</td><td>moving averages of each batch's min and
 *       max</td></tr>
 *   <tr><td>{@link #percentile(double)}</td><td>the tails beyond a percentile clipped</td></tr>
 *   <tr><td>{@link #mse(IntFormat, Scheme)}</td><td>the clipping with the least fake-quantization
 *       MSE</td></tr>
 *   <tr><td>{@link #entropy()}</td><td>the clipping with the least KL divergence (TensorRT)</td></tr>
 * </table>
 *
 * <pre>{@code
 * Range r = Calibration.percentile(99.99).calibrate(batch1, batch2);     // per tensor
 * Range[] rs = Calibration.minMax().perChannel(1).calibrate(Shape.of(784, 128), kernel);
 * QuantParams p = quantizer.paramsFor(rs);
 * }</pre>
 *
 * <p>Example: {@code Calibration.minMax().calibrate(new float[] {-1f, 2f}, new float[] {3f})} is
 * {@code [-1.0, 3.0]}. Explained in lesson 04; docs/calibration.md compares the methods.
 */
public sealed interface Calibration
    permits Calibration.MinMax, Calibration.MovingAverage, Calibration.Percentile,
        Calibration.Mse, Calibration.Entropy {

  /** TensorFlow's default decay for moving-average ranges ({@code MovingAvgQuantize}). */
  double DEFAULT_DECAY = 0.999;

  /** TensorRT's histogram size for entropy calibration. */
  int DEFAULT_ENTROPY_BINS = 2048;

  /** TensorRT's number of quantized levels for entropy calibration (int8's 0..127). */
  int DEFAULT_ENTROPY_LEVELS = 128;

  /** Which values share a range: per tensor (the default), per channel or per group. */
  Granularity granularity();

  /** The same method with another granularity. */
  Calibration withGranularity(Granularity granularity);

  /** The same method with one range per index along {@code axis}. */
  default Calibration perChannel(int axis) {
    return withGranularity(Granularity.perChannel(axis));
  }

  /** A fresh calibrator that has observed nothing yet. */
  Calibrator create();

  /** Observes each batch (rank 1) with a fresh calibrator and returns the per-tensor range. */
  default Range calibrate(float[]... batches) {
    Calibrator c = create();
    for (float[] b : batches) {
      c.observe(b);
    }
    return c.range();
  }

  /** Observes each batch, all of {@code shape}, and returns one range per tensor/channel/group. */
  default Range[] calibrate(Shape shape, float[]... batches) {
    Calibrator c = create();
    for (float[] b : batches) {
      c.observe(b, shape);
    }
    return c.ranges();
  }

  /** The smallest range holding every observed value. */
  static MinMax minMax() {
    return new MinMax(Granularity.perTensor());
  }

  /** Moving averages of each batch's min and max with decay {@value #DEFAULT_DECAY}. */
  static MovingAverage movingAverage() {
    return movingAverage(DEFAULT_DECAY);
  }

  /** Moving averages of each batch's min and max with the given decay in [0, 1). */
  static MovingAverage movingAverage(double decay) {
    return new MovingAverage(decay, Granularity.perTensor());
  }

  /**
   * Two-sided percentile clipping: {@code [P(100 - p), P(p)]} of the observed values, e.g.
   * {@code percentile(99.99)} clips the lowest and highest 0.01%. {@code p} must be in [50, 100].
   */
  static Percentile percentile(double p) {
    return new Percentile(p, false, Granularity.perTensor());
  }

  /**
   * The clipping that minimises the mean squared error of fake quantization in {@code format}
   * with {@code scheme}, rounding half away from zero (as {@link quantlab.quant.Quantizer}).
   */
  static Mse mse(IntFormat format, Scheme scheme) {
    return new Mse(format, scheme, Rounding.HALF_AWAY_FROM_ZERO, Granularity.perTensor());
  }

  /** TensorRT's entropy calibration: 2048 bins of |x|, 128 levels (int8). */
  static Entropy entropy() {
    return new Entropy(DEFAULT_ENTROPY_BINS, DEFAULT_ENTROPY_LEVELS, Granularity.perTensor());
  }

  /**
   * Entropy calibration for {@code format}: 2048 bins and as many levels as a symmetric
   * quantizer has codes from 0 up, {@code qmax - zeroPoint + 1} (128 for int8, 8 for int4).
   */
  static Entropy entropy(IntFormat format) {
    int levels = format.qmax() - format.symmetricZeroPoint() + 1;
    return new Entropy(DEFAULT_ENTROPY_BINS, levels, Granularity.perTensor());
  }

  /** Entropy calibration with {@code bins} histogram bins and {@code levels} quantized levels. */
  static Entropy entropy(int bins, int levels) {
    return new Entropy(bins, levels, Granularity.perTensor());
  }

  /**
   * Min-max: {@code [min x, max x]} over all observed values. Keeps only two numbers per range.
   * Exact, never clips, but one outlier stretches the range and coarsens every step.
   */
  record MinMax(Granularity granularity) implements Calibration {
    public MinMax {
      checkGranularity(granularity);
    }

    @Override
    public MinMax withGranularity(Granularity granularity) {
      return new MinMax(granularity);
    }

    @Override
    public MinMax perChannel(int axis) {
      return withGranularity(Granularity.perChannel(axis));
    }

    @Override
    public MinMaxCalibrator create() {
      return new MinMaxCalibrator(this);
    }

    @Override
    public String toString() {
      return "minMax(" + granularity + ")";
    }
  }

  /**
   * Exponential moving average of each batch's min and max: the first batch sets {@code min} and
   * {@code max}; each later batch {@code b} updates {@code min = decay * min + (1 - decay) *
   * min(b)} (and likewise {@code max}). With decay 0.999 (TensorFlow's {@code MovingAvgQuantize}
   * and tfmot's {@code MovingAverageQuantizer}) old batches fade slowly; decay 0 keeps the last
   * batch's range.
   */
  record MovingAverage(double decay, Granularity granularity) implements Calibration {
    public MovingAverage {
      if (!(decay >= 0 && decay < 1)) {
        throw new IllegalArgumentException("decay must be in [0, 1), got " + decay);
      }
      checkGranularity(granularity);
    }

    @Override
    public MovingAverage withGranularity(Granularity granularity) {
      return new MovingAverage(decay, granularity);
    }

    @Override
    public MovingAverage perChannel(int axis) {
      return withGranularity(Granularity.perChannel(axis));
    }

    @Override
    public MovingAverageCalibrator create() {
      return new MovingAverageCalibrator(this);
    }

    @Override
    public String toString() {
      return "movingAverage(decay=" + decay + ", " + granularity + ")";
    }
  }

  /**
   * Percentile clipping, exact on the observed values (all of them are kept). Two-sided:
   * {@code [P(100 - p), P(p)]}. Symmetric ({@link #symmetric()}, {@code ofAbs} true): {@code t =
   * P(p)} of {@code |x|}, range {@code [-t, t]} (an end whose side holds no value stays at 0).
   */
  record Percentile(double percentile, boolean ofAbs, Granularity granularity)
      implements Calibration {
    public Percentile {
      if (!(percentile >= 50 && percentile <= 100)) {
        throw new IllegalArgumentException("percentile must be in [50, 100], got " + percentile);
      }
      checkGranularity(granularity);
    }

    /** The same percentile taken of {@code |x|}, for a symmetric range. */
    public Percentile symmetric() {
      return new Percentile(percentile, true, granularity);
    }

    /** The same percentile taken at both tails (the default). */
    public Percentile twoSided() {
      return new Percentile(percentile, false, granularity);
    }

    @Override
    public Percentile withGranularity(Granularity granularity) {
      return new Percentile(percentile, ofAbs, granularity);
    }

    @Override
    public Percentile perChannel(int axis) {
      return withGranularity(Granularity.perChannel(axis));
    }

    @Override
    public PercentileCalibrator create() {
      return new PercentileCalibrator(this);
    }

    @Override
    public String toString() {
      return "percentile(" + Observations.pct(percentile) + "%" + (ofAbs ? " of |x|" : "")
          + ", " + granularity + ")";
    }
  }

  /**
   * MSE-optimal clipping for a given format, scheme and rounding: a search over candidate ranges,
   * each {@code alpha} times the min-max range, for the one with the least mean squared error of
   * fake quantization of the observed values (all kept). See {@link MseCalibrator}.
   */
  record Mse(IntFormat format, Scheme scheme, Rounding rounding, Granularity granularity)
      implements Calibration {
    public Mse {
      if (format == null || scheme == null || rounding == null) {
        throw new NullPointerException("format, scheme and rounding must not be null, got "
            + format + ", " + scheme + ", " + rounding);
      }
      checkGranularity(granularity);
    }

    /** The same search with another rounding mode. */
    public Mse rounding(Rounding rounding) {
      return new Mse(format, scheme, rounding, granularity);
    }

    @Override
    public Mse withGranularity(Granularity granularity) {
      return new Mse(format, scheme, rounding, granularity);
    }

    @Override
    public Mse perChannel(int axis) {
      return withGranularity(Granularity.perChannel(axis));
    }

    @Override
    public MseCalibrator create() {
      return new MseCalibrator(this);
    }

    @Override
    public String toString() {
      return "mse(" + format + ", " + scheme.name().toLowerCase(java.util.Locale.ROOT) + ", "
          + rounding + ", " + granularity + ")";
    }
  }

  /**
   * TensorRT's entropy calibration: the threshold {@code t} whose clipped-and-quantized histogram
   * of {@code |x|} is closest in KL divergence to the original. See {@link EntropyCalibrator}.
   */
  record Entropy(int bins, int levels, Granularity granularity) implements Calibration {
    public Entropy {
      if (levels < 2) {
        throw new IllegalArgumentException("levels must be >= 2, got " + levels);
      }
      if (bins < levels || bins > 1 << 20) {
        throw new IllegalArgumentException(
            "bins must be in [levels, 2^20] = [" + levels + ", " + (1 << 20) + "], got " + bins);
      }
      checkGranularity(granularity);
    }

    @Override
    public Entropy withGranularity(Granularity granularity) {
      return new Entropy(bins, levels, granularity);
    }

    @Override
    public Entropy perChannel(int axis) {
      return withGranularity(Granularity.perChannel(axis));
    }

    @Override
    public EntropyCalibrator create() {
      return new EntropyCalibrator(this);
    }

    @Override
    public String toString() {
      return "entropy(" + bins + " bins, " + levels + " levels, " + granularity + ")";
    }
  }

  private static void checkGranularity(Granularity granularity) {
    if (granularity == null) {
      throw new NullPointerException("granularity must not be null");
    }
  }
}
