package quantlab.tf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import quantlab.data.Dataset;
import quantlab.data.LabeledImages;
import quantlab.quant.Shape;

/**
 * Trains a model in TensorFlow Java's graph mode: Adam on shuffled minibatches, softmax
 * cross-entropy loss, reproducible from a seed (weights start Glorot-uniform from a Java
 * {@link SplittableRandom}, the minibatch order comes from the same seed).
 *
 * <pre>{@code
 * Dataset data = FashionMnist.load();
 * Model mlp = Trainer.builder().epochs(10).seed(1).listener(new ProgressBarListener()).build()
 *     .train(Architecture.MLP, data);
 * mlp.evaluate(data.test());  // Evaluation{accuracy=0.88.. on 10000 images}
 * }</pre>
 *
 * <p>The loss is {@code softmaxCrossEntropyWithLogits} with one-hot labels, since TensorFlow has no
 * gradient for the sparse variant. {@link Knobs} caps the epochs and images.
 */
public final class Trainer {
  static final float BETA1 = 0.9f;
  static final float BETA2 = 0.999f;
  static final float EPSILON = 1e-7f;

  private final int epochs;
  private final int batchSize;
  private final float learningRate;
  private final long seed;
  private final List<TrainingListener> listeners;
  private final List<Weights> initialWeights;
  private final GraphExtension extension;

  private Trainer(Builder b) {
    this.initialWeights = b.initialWeights;
    this.extension = b.extension;
    this.epochs = b.epochs;
    this.batchSize = b.batchSize;
    this.learningRate = b.learningRate;
    this.seed = b.seed;
    this.listeners = List.copyOf(b.listeners);
  }

  /** Defaults: 10 epochs, batch 128, learning rate 0.001, seed 1, no listener. */
  public static Builder builder() {
    return new Builder();
  }

  public int epochs() {
    return epochs;
  }

  public long seed() {
    return seed;
  }

  /** Trains on {@code data.train()}, reporting test accuracy on {@code data.test()} per epoch. */
  public Model train(Architecture arch, Dataset data) {
    return train(arch, Knobs.limit(data.train()), Knobs.limit(data.test()));
  }

  /**
   * Trains on {@code train}; after each epoch, evaluates on {@code validation} (may be null).
   * Runs {@code min(epochs, QUANTLAB_MAX_EPOCHS)} epochs.
   */
  public Model train(Architecture arch, LabeledImages train, LabeledImages validation) {
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(train, "train");
    int runEpochs = Knobs.epochs(epochs);
    Graph g = new Graph();
    Session session = null;
    try {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.withName(Model.INPUT).placeholder(TFloat32.class,
          Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, train.imageSize())));
      Placeholder<TInt32> y = tf.withName("labels").placeholder(TInt32.class,
          Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1)));
      Map<String, Variable<TFloat32>> vars = new LinkedHashMap<>();
      SplittableRandom init = new SplittableRandom(seed);
      for (LayerSpec l : arch.weightLayers()) {
        Shape k = l.kernelShape();
        float[] k0 = glorot(k, init);
        Shape b = Shape.of(k.dim(-1));
        float[] b0 = new float[b.size()];
        if (initialWeights != null) {
          k0 = initial(l.name() + "_kernel", k);
          b0 = initial(l.name() + "_bias", b);
        }
        vars.put(l.name() + "_kernel", variable(tf, l.name() + "_kernel", k, k0));
        vars.put(l.name() + "_bias", variable(tf, l.name() + "_bias", b, b0));
      }
      // Batch norms: gamma and beta are trained; the moving averages are updated by the step.
      Map<String, Variable<TFloat32>> moving = new LinkedHashMap<>();
      for (LayerSpec.BatchNorm bn : arch.batchNorms()) {
        Shape c = Shape.of(bn.channels());
        float[][] start = {filled(bn.channels(), 1f), new float[bn.channels()],
            new float[bn.channels()], filled(bn.channels(), 1f)};
        List<String> names = bn.variableNames();
        for (int i = 0; i < 4; i++) {
          String name = names.get(i);
          Variable<TFloat32> v = variable(tf, name, c,
              initialWeights != null ? initial(name, c) : start[i]);
          (i < 2 ? vars : moving).put(name, v);
        }
      }
      List<Net.MovingUpdate> updates = new ArrayList<>();
      Operand<TFloat32> logits;
      Operand<TFloat32> trainLogits;
      if (extension == null && !arch.hasBatchNorm()) {
        Operand<TFloat32> out = Net.forward(tf, arch, x, vars::get,
            (ops, i, name, a) -> ops.withName("act_" + name).identity(a));
        logits = tf.withName(Model.LOGITS).identity(out);
        trainLogits = logits;
      } else {
        // Two passes: training (batch statistics, extension's training view) and evaluation.
        GraphExtension ext = extension != null ? extension : new GraphExtension() {};
        Ops ts = tf.withSubScope("training");
        Map<String, Operand<TFloat32>> trainW = new LinkedHashMap<>();
        Map<String, Operand<TFloat32>> evalW = new LinkedHashMap<>();
        vars.forEach((k, v) -> {
          trainW.put(k, ext.weight(ts, k, v, true));
          evalW.put(k, ext.weight(tf, k, v, false));
        });
        evalW.putAll(moving);
        trainLogits = Net.forward(ts, arch, x, trainW::get,
            (ops, i, name, a) -> ext.activation(ops, i, name, a, true), updates);
        Operand<TFloat32> out = Net.forward(tf, arch, x, evalW::get,
            (ops, i, name, a) -> ext.activation(ops, i, name,
                ops.withName("act_" + name).identity(a), false));
        logits = tf.withName(Model.LOGITS).identity(out);
      }
      int classes = train.classCount();
      Operand<TFloat32> loss = tf.withName("loss").math.mean(
          tf.nn.softmaxCrossEntropyWithLogits(trainLogits,
              tf.oneHot(y, tf.constant(classes), tf.constant(1f), tf.constant(0f))).loss(),
          tf.constant(0));
      Placeholder<TFloat32> b1t = tf.withName("adam_beta1_power").placeholder(TFloat32.class);
      Placeholder<TFloat32> b2t = tf.withName("adam_beta2_power").placeholder(TFloat32.class);
      Op minimize = adamStep(tf, g, loss, vars, moving, updates, learningRate, b1t, b2t);
      session = new Session(g);
      session.initialize();

      Map<String, String> info = new LinkedHashMap<>();
      info.put("seed", Long.toString(seed));
      info.put("epochs", Integer.toString(runEpochs));
      info.put("batchSize", Integer.toString(batchSize));
      info.put("learningRate", Float.toString(learningRate));
      info.put("trainImages", Integer.toString(train.count()));
      Model model = new Model(arch, g, session, null, info);

      SplittableRandom shuffle = new SplittableRandom(seed ^ 0x5DEECE66DL);
      int n = train.count();
      int batches = (n + batchSize - 1) / batchSize;
      int[] order = new int[n];
      long step = 0;
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      for (int e = 1; e <= runEpochs; e++) {
        for (int i = n - 1; i > 0; i--) {
          int r = shuffle.nextInt(i + 1);
          int t = order[i];
          order[i] = order[r];
          order[r] = t;
        }
        for (TrainingListener l : listeners) {
          l.onEpochStart(e, runEpochs, batches);
        }
        long t0 = System.nanoTime();
        double lossSum = 0;
        long right = 0;
        for (int b = 0; b < batches; b++) {
          int from = b * batchSize;
          int to = Math.min(n, from + batchSize);
          int[] idx = java.util.Arrays.copyOfRange(order, from, to);
          int[] labels = train.labels(idx);
          try (TFloat32 xb = TFloat32.tensorOf(
                  org.tensorflow.ndarray.Shape.of(to - from, train.imageSize()),
                  DataBuffers.of(train.pixels(idx), true, false));
              TInt32 yb = TInt32.vectorOf(labels);
              TFloat32 p1 = TFloat32.scalarOf((float) Math.pow(BETA1, ++step));
              TFloat32 p2 = TFloat32.scalarOf((float) Math.pow(BETA2, step));
              Result r = session.runner().feed(x, xb).feed(y, yb).feed(b1t, p1).feed(b2t, p2)
                  .addTarget(minimize)
                  .fetch(loss).fetch(trainLogits).run()) {
            float batchLoss = ((TFloat32) r.get(0)).getFloat();
            float[] lg = new float[labels.length * classes];
            ((TFloat32) r.get(1)).copyTo(DataBuffers.of(lg, false, false));
            for (int i = 0; i < labels.length; i++) {
              int best = 0;
              float bestV = lg[i * classes];
              for (int c = 1; c < classes; c++) {
                float v = lg[i * classes + c];
                if (v > bestV) {
                  bestV = v;
                  best = c;
                }
              }
              if (best == labels[i]) {
                right++;
              }
            }
            lossSum += batchLoss * (to - from);
            for (TrainingListener l : listeners) {
              l.onBatch(e, b + 1, batches, batchLoss);
            }
          }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        EpochResult partial = new EpochResult(e, runEpochs, lossSum / n, (double) right / n,
            Double.NaN, seconds);
        if (extension != null) {
          extension.afterEpoch(session, partial);
        }
        double test = validation == null ? Double.NaN : model.evaluate(validation).accuracy();
        EpochResult res = new EpochResult(e, runEpochs, lossSum / n, (double) right / n, test,
            seconds);
        info.put("epoch" + e, String.format(java.util.Locale.ROOT, "loss=%.5f train=%.5f "
            + "test=%.5f seconds=%.3f", res.loss(), res.trainAccuracy(), res.testAccuracy(),
            res.seconds()));
        if (!Double.isNaN(test)) {
          info.put("testAccuracy", String.format(java.util.Locale.ROOT, "%.4f", test));
        }
        model = new Model(arch, g, session, null, info);
        for (TrainingListener l : listeners) {
          l.onEpoch(res);
        }
      }
      for (TrainingListener l : listeners) {
        l.onEnd();
      }
      return new Model(arch, g, session, null, info);
    } catch (RuntimeException | Error e) {
      if (session != null) {
        session.close();
      }
      g.close();
      throw e;
    }
  }

  /**
   * One Adam step for every variable: {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2)
   * g^2}, {@code w -= lr sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)} (TensorFlow's
   * {@code ApplyAdam}), with {@code b1^t} and {@code b2^t} fed from Java each step.
   *
   * <p>Why not tensorflow-framework's {@code Adam}: its {@code finish} updates the {@code
   * beta1_power} and {@code beta2_power} variables without waiting for the {@code ApplyAdam} ops
   * that read them, and the variables are TF1 reference variables read in place, so two runs
   * with one seed differed. Here nothing is updated before every gradient is computed, and the
   * powers are not variables at all.
   *
   * <p>The batch norms' moving averages are updated in the same step, also after every gradient
   * is computed (so after the forward pass that measured the batch statistics).
   */
  private static Op adamStep(Ops tf, Graph g, Operand<TFloat32> loss,
      Map<String, Variable<TFloat32>> vars, Map<String, Variable<TFloat32>> moving,
      List<Net.MovingUpdate> movingUpdates, float lr, Placeholder<TFloat32> beta1Power,
      Placeholder<TFloat32> beta2Power) {
    List<Variable<TFloat32>> vs = new ArrayList<>(vars.values());
    org.tensorflow.Output<?>[] xs = new org.tensorflow.Output<?>[vs.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = vs.get(i).asOutput();
    }
    org.tensorflow.Output<?>[] grads = g.addGradients(loss.asOutput(), xs);
    List<Op> computed = new ArrayList<>();
    for (org.tensorflow.Output<?> gr : grads) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> gf = (Operand<TFloat32>) gr;
      computed.add(tf.identity(gf));
    }
    Ops after = tf.withControlDependencies(computed);
    List<Op> updates = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Variable<TFloat32>> e : vars.entrySet()) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> grad = after.identity((Operand<TFloat32>) grads[i++]);
      org.tensorflow.ndarray.Shape shape = e.getValue().shape();
      Variable<TFloat32> m = tf.withName(e.getKey() + "_adam_m").variable(
          tf.fill(tf.constant(shape.asArray()), tf.constant(0f)));
      Variable<TFloat32> v = tf.withName(e.getKey() + "_adam_v").variable(
          tf.fill(tf.constant(shape.asArray()), tf.constant(0f)));
      updates.add(after.train.applyAdam(e.getValue(), m, v, beta1Power, beta2Power,
          tf.constant(lr), tf.constant(BETA1), tf.constant(BETA2), tf.constant(EPSILON), grad));
    }
    for (Net.MovingUpdate u : movingUpdates) {
      Variable<TFloat32> v = moving.get(u.variable());
      Operand<TFloat32> batch = after.identity(u.batchValue());
      updates.add(after.withName(u.variable() + "_update").assign(v, after.math.add(
          after.math.mul(v, after.constant(u.momentum())),
          after.math.mul(batch, after.constant(1 - u.momentum())))));
    }
    return tf.withControlDependencies(updates).withName("train").noOp();
  }

  private float[] initial(String name, Shape shape) {
    for (Weights w : initialWeights) {
      if (w.name().equals(name)) {
        if (!w.shape().equals(shape)) {
          throw new IllegalArgumentException("initialWeights: " + name + " must have shape "
              + shape + ", got " + w.shape());
        }
        return w.values().clone();
      }
    }
    throw new IllegalArgumentException("initialWeights has no '" + name + "'");
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  static Variable<TFloat32> variable(Ops tf, String name, Shape shape, float[] init) {
    long[] dims = new long[shape.rank()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = shape.dim(i);
    }
    return tf.withName(name).variable(tf.constant(org.tensorflow.ndarray.Shape.of(dims),
        DataBuffers.of(init, true, false)));
  }

  /**
   * Glorot (Xavier) uniform: {@code U(-limit, limit)}, {@code limit = sqrt(6 / (fanIn +
   * fanOut))}; for a kernel {@code [.., in, out]} the fans are {@code receptive * in} and
   * {@code receptive * out}.
   */
  static float[] glorot(Shape k, SplittableRandom rng) {
    int receptive = k.size() / (k.dim(-2) * k.dim(-1));
    double fanIn = (double) receptive * k.dim(-2);
    double fanOut = (double) receptive * k.dim(-1);
    double limit = Math.sqrt(6 / (fanIn + fanOut));
    float[] w = new float[k.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) ((2 * rng.nextDouble() - 1) * limit);
    }
    return w;
  }

  /** Configures a {@link Trainer}. */
  public static final class Builder {
    private int epochs = 10;
    private int batchSize = 128;
    private float learningRate = 1e-3f;
    private long seed = 1;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private List<Weights> initialWeights;
    private GraphExtension extension;

    private Builder() {}

    /**
     * Starts from these variable values (e.g. {@code model.allWeights()} of a trained model, to
     * fine-tune it) instead of Glorot-uniform kernels and zero biases; every kernel and bias of
     * the architecture must be present.
     */
    public Builder initialWeights(List<Weights> weights) {
      this.initialWeights = List.copyOf(Objects.requireNonNull(weights, "weights"));
      return this;
    }

    /** Changes the graph the trainer builds (see {@link GraphExtension}); null for none. */
    public Builder extension(GraphExtension extension) {
      this.extension = extension;
      return this;
    }

    /** Epochs to train, at least 1 (capped by {@code QUANTLAB_MAX_EPOCHS}). */
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

    /** Adam's learning rate (default 0.001). */
    public Builder learningRate(float learningRate) {
      if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
        throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
      }
      this.learningRate = learningRate;
      return this;
    }

    /** Seeds the initial weights and the minibatch order. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Adds a listener (called in the order added). */
    public Builder listener(TrainingListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    public Trainer build() {
      return new Trainer(this);
    }
  }
}
