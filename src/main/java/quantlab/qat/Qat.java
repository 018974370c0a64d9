package quantlab.qat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import quantlab.data.Dataset;
import quantlab.data.LabeledImages;
import quantlab.ptq.ActivationCalibration;
import quantlab.ptq.Ptq;
import quantlab.ptq.PtqResult;
import quantlab.quant.Quantizer;
import quantlab.quant.Range;
import quantlab.quant.Rounding;
import quantlab.tf.ActivationQuant;
import quantlab.tf.EpochResult;
import quantlab.tf.Knobs;
import quantlab.tf.Model;
import quantlab.tf.Trainer;
import quantlab.tf.TrainingListener;
import quantlab.tf.Weights;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Quantization-aware training: fine-tunes a trained float model with fake quantization in the
 * training graph, so the weights adapt to the grid they will be stored on.
 *
 * <ul>
 *   <li>Weights: per output channel, symmetric, narrow range ({@code q} in {@code [-(2^(b-1) -
 *       1), 2^(b-1) - 1]}), {@code FakeQuantWithMinMaxVarsPerChannel} with range {@code [-m, m]},
 *       {@code m = max|w|} of the channel recomputed from the current weights at every step (as
 *       tfmot's {@code LastValueQuantizer}; no range variable to learn).
 *   <li>Activations: per tensor at every tap ({@code "input"} and each layer's output), {@code
 *       FakeQuantWithMinMaxVars} with a moving-average range {@code v = d v + (1 - d) batch},
 *       {@code d = 0.999} (tfmot's default 8-bit scheme), started from min-max calibration of the
 *       float model on {@link Builder#calibrationImages} training images.
 *   <li>Gradients: {@link QatGradient#CLIPPED_STE} (TensorFlow's fake-quant gradient kernels,
 *       registered by {@link FakeQuantGradients}) or {@link QatGradient#PLAIN_STE}.
 * </ul>
 *
 * <pre>{@code
 * Model mlp = ModelCache.standard().getOrTrain(Architecture.MLP, 1, 10, data);
 * try (QatResult r = Qat.builder().weightBits(4).epochs(2).listener(new ProgressBarListener())
 *     .build().fineTune(mlp, data)) {
 *   r.evaluate(data.test());        // accuracy with 4-bit weights and 8-bit activations
 *   r.activationRanges();           // {input=[0, 1], dense1=[0, 9.3..], dense2=[...]}
 * }
 * }</pre>
 *
 * <p>Reproducible: one seed fixes the minibatch order; the start is the float model's weights.
 */
public final class Qat {
  /** tfmot's default EMA decay for activation ranges. */
  public static final float DEFAULT_DECAY = 0.999f;

  private final int weightBits;
  private final int activationBits;
  private final int epochs;
  private final int batchSize;
  private final float learningRate;
  private final long seed;
  private final float decay;
  private final int calibrationImages;
  private final QatGradient gradient;
  private final List<TrainingListener> listeners;

  private Qat(Builder b) {
    weightBits = b.weightBits;
    activationBits = b.activationBits;
    epochs = b.epochs;
    batchSize = b.batchSize;
    learningRate = b.learningRate;
    seed = b.seed;
    decay = b.decay;
    calibrationImages = b.calibrationImages;
    gradient = b.gradient;
    listeners = List.copyOf(b.listeners);
  }

  /**
   * Defaults: 4-bit weights, 8-bit activations, 2 epochs, batch 128, Adam learning rate 1e-4,
   * seed 1, decay 0.999, 1000 calibration images, {@link QatGradient#CLIPPED_STE}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this one's settings (to vary one of them). */
  public Builder toBuilder() {
    Builder b = new Builder().weightBits(weightBits).activationBits(activationBits)
        .epochs(epochs).batchSize(batchSize).learningRate(learningRate).seed(seed).decay(decay)
        .calibrationImages(calibrationImages).gradient(gradient);
    listeners.forEach(b::listener);
    return b;
  }

  public int weightBits() {
    return weightBits;
  }

  public int activationBits() {
    return activationBits;
  }

  /** Fine-tunes on {@code data.train()} (validation {@code data.test()}), capped by the knobs. */
  public QatResult fineTune(Model floatModel, Dataset data) {
    return fineTune(floatModel, Knobs.limit(data.train()), Knobs.limit(data.test()));
  }

  /**
   * Fine-tunes a copy of {@code floatModel} (which is left unchanged) on {@code train};
   * {@code validation} (may be null) is evaluated with fake quantization after each epoch.
   */
  public QatResult fineTune(Model floatModel, LabeledImages train, LabeledImages validation) {
    Objects.requireNonNull(floatModel, "floatModel");
    Objects.requireNonNull(train, "train");
    if (gradient == QatGradient.CLIPPED_STE) {
      FakeQuantGradients.register();
    }
    Map<String, Range> ranges = Ptq.calibrate(floatModel, train,
        Math.min(calibrationImages, train.count()), ActivationCalibration.minMax());
    QatGraph graph = new QatGraph(weightBits, activationBits, decay, gradient, ranges);
    List<EpochResult> seen = new ArrayList<>();
    Trainer.Builder tb = Trainer.builder().epochs(epochs).batchSize(batchSize)
        .learningRate(learningRate).seed(seed).initialWeights(floatModel.allWeights())
        .extension(graph).listener(seen::add);
    listeners.forEach(tb::listener);
    Model m = tb.build().train(floatModel.architecture(), train, validation);
    int n = seen.size();
    double[] loss = new double[n];
    double[] trainAcc = new double[n];
    double[] testAcc = new double[n];
    double[] secs = new double[n];
    Map<String, double[]> rangeSeries = new LinkedHashMap<>();
    for (int e = 0; e < n; e++) {
      loss[e] = seen.get(e).loss();
      trainAcc[e] = seen.get(e).trainAccuracy();
      testAcc[e] = seen.get(e).testAccuracy();
      secs[e] = seen.get(e).seconds();
      final int ep = e;
      graph.perEpoch().get(e).forEach((k, v) ->
          rangeSeries.computeIfAbsent(k, x -> new double[n])[ep] = v);
    }
    return new QatResult(m, graph,
        new QatCurves(loss, trainAcc, testAcc, secs, rangeSeries), weightBits, activationBits,
        gradient);
  }

  /**
   * PTQ and QAT side by side at each weight bit width, both from {@code floatModel} and with
   * this configuration's activation bits: PTQ quantizes the float weights per channel
   * (symmetric, narrow range, round half up like TensorFlow's FakeQuant) and the activations
   * with min-max ranges from the same calibration images; QAT fine-tunes as {@link #fineTune}.
   * Columns: weight_bits, activation_bits, float_accuracy, ptq_accuracy, qat_accuracy,
   * qat_minus_ptq_points, qat_epoch_seconds.
   */
  public Table compareWithPtq(Model floatModel, LabeledImages train, LabeledImages test,
      int... weightBitWidths) {
    return compare(floatModel, train, test, false, weightBitWidths).table();
  }

  /**
   * {@link #compareWithPtq} on {@code data.train()} and {@code data.test()} (capped by the
   * knobs), keeping each QAT run's {@link QatCurves}: every run is evaluated on the test images
   * after each epoch, and its {@code qat_accuracy} is the last of those evaluations. Each bit
   * width is fine-tuned once. Explained in lesson 06.
   */
  public QatComparison compare(Model floatModel, Dataset data, int... weightBitWidths) {
    return compare(floatModel, Knobs.limit(data.train()), Knobs.limit(data.test()),
        weightBitWidths);
  }

  /** {@link #compare(Model, Dataset, int...)} on the images given (no knobs applied). */
  public QatComparison compare(Model floatModel, LabeledImages train, LabeledImages test,
      int... weightBitWidths) {
    return compare(floatModel, train, test, true, weightBitWidths);
  }

  private QatComparison compare(Model floatModel, LabeledImages train, LabeledImages test,
      boolean curvesOnTest, int... weightBitWidths) {
    Objects.requireNonNull(floatModel, "floatModel");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    if (weightBitWidths.length == 0) {
      throw new IllegalArgumentException("weightBitWidths must name at least one bit width");
    }
    double floatAcc = floatModel.evaluate(test).accuracy();
    Map<String, Range> ranges = Ptq.calibrate(floatModel, train,
        Math.min(calibrationImages, train.count()), ActivationCalibration.minMax());
    ActivationQuant aq = new ActivationQuant(activationBits, false, ranges);
    IntColumn wb = IntColumn.create("weight_bits");
    IntColumn ab = IntColumn.create("activation_bits");
    DoubleColumn fl = DoubleColumn.create("float_accuracy");
    DoubleColumn ptq = DoubleColumn.create("ptq_accuracy");
    DoubleColumn qat = DoubleColumn.create("qat_accuracy");
    DoubleColumn gain = DoubleColumn.create("qat_minus_ptq_points");
    DoubleColumn secs = DoubleColumn.create("qat_epoch_seconds");
    Map<Integer, QatCurves> curves = new LinkedHashMap<>();
    Map<Integer, List<Weights>> kernels = new LinkedHashMap<>();
    for (int bits : weightBitWidths) {
      PtqResult p = Ptq.weightsAndActivations(floatModel, weightQuantizer(bits), aq, test,
          floatAcc);
      double q;
      double s;
      try (QatResult r = toBuilder().weightBits(bits).build().fineTune(floatModel, train,
          curvesOnTest ? test : null)) {
        double[] perEpoch = r.curves().testAccuracy();
        q = curvesOnTest ? perEpoch[perEpoch.length - 1] : r.evaluate(test).accuracy();
        s = java.util.Arrays.stream(r.curves().seconds()).average().orElse(Double.NaN);
        curves.put(bits, r.curves());
        kernels.put(bits, r.model().kernels());
      }
      wb.append(bits);
      ab.append(activationBits);
      fl.append(floatAcc);
      ptq.append(p.accuracy());
      qat.append(q);
      gain.append(100 * (q - p.accuracy()));
      secs.append(s);
    }
    for (DoubleColumn c : List.of(fl, ptq, qat)) {
      c.setPrintFormatter(decimals(4));
    }
    gain.setPrintFormatter(decimals(2));
    secs.setPrintFormatter(decimals(2));
    Table t = Table.create("PTQ vs QAT, " + floatModel.architecture() + ", a" + activationBits
        + ", " + Knobs.epochs(epochs) + " QAT epochs, " + test.count() + " test images", wb, ab,
        fl, ptq, qat, gain, secs);
    return new QatComparison(t, curves, kernels);
  }

  /** Prints {@code digits} decimals with a dot, whatever the default locale. */
  private static NumberColumnFormatter decimals(int digits) {
    java.text.DecimalFormat f = new java.text.DecimalFormat("0." + "0".repeat(digits),
        java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
    return new NumberColumnFormatter(f, "");
  }

  /** The PTQ weight quantizer matching QAT's weight fake quant at {@code bits}. */
  public static Quantizer weightQuantizer(int bits) {
    return Quantizer.builder().bits(bits).symmetric().narrowRange(true).perChannel(-1)
        .rounding(Rounding.HALF_UP).build();
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT,
        "Qat{w%da%d, %s, %d epochs, lr %s, batch %d, seed %d, decay %s}", weightBits,
        activationBits, gradient, epochs, learningRate, batchSize, seed, decay);
  }

  /** Configures {@link Qat}. */
  public static final class Builder {
    private int weightBits = 4;
    private int activationBits = 8;
    private int epochs = 2;
    private int batchSize = 128;
    private float learningRate = 1e-4f;
    private long seed = 1;
    private float decay = DEFAULT_DECAY;
    private int calibrationImages = 1000;
    private QatGradient gradient = QatGradient.CLIPPED_STE;
    private final List<TrainingListener> listeners = new ArrayList<>();

    private Builder() {}

    /** Weight bits, 2 to 8 (per channel, symmetric, narrow range). */
    public Builder weightBits(int bits) {
      if (bits < 2 || bits > 8) {
        throw new IllegalArgumentException("weightBits must be in [2, 8], got " + bits);
      }
      this.weightBits = bits;
      return this;
    }

    /** Activation bits, 2 to 8 (per tensor, affine). */
    public Builder activationBits(int bits) {
      if (bits < 2 || bits > 8) {
        throw new IllegalArgumentException("activationBits must be in [2, 8], got " + bits);
      }
      this.activationBits = bits;
      return this;
    }

    /** Fine-tuning epochs, at least 1 (capped by {@code QUANTLAB_MAX_EPOCHS}). */
    public Builder epochs(int epochs) {
      if (epochs < 1) {
        throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
      }
      this.epochs = epochs;
      return this;
    }

    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** Adam's learning rate (default 1e-4, a tenth of training from scratch). */
    public Builder learningRate(float learningRate) {
      if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
        throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
      }
      this.learningRate = learningRate;
      return this;
    }

    /** Seeds the minibatch order. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** EMA decay of the activation ranges, in (0, 1) (default 0.999). */
    public Builder decay(float decay) {
      if (!(decay > 0 && decay < 1)) {
        throw new IllegalArgumentException("decay must be in (0, 1), got " + decay);
      }
      this.decay = decay;
      return this;
    }

    /** Training images whose float activations start the ranges (min-max), at least 1. */
    public Builder calibrationImages(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("calibrationImages must be >= 1, got " + n);
      }
      this.calibrationImages = n;
      return this;
    }

    public Builder gradient(QatGradient gradient) {
      this.gradient = Objects.requireNonNull(gradient, "gradient");
      return this;
    }

    /** Adds a listener (e.g. {@code new ProgressBarListener()}). */
    public Builder listener(TrainingListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    public Qat build() {
      return new Qat(this);
    }
  }
}
