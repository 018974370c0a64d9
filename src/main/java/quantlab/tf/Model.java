package quantlab.tf;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.quantization.FakeQuantWithMinMaxVars;
import org.tensorflow.types.TFloat32;
import quantlab.data.LabeledImages;
import quantlab.quant.Range;
import quantlab.quant.Shape;

/**
 * A trained (or loaded) TensorFlow model of one of the lessons' {@link Architecture}s, with its
 * graph and session: evaluate it, read and write its weights, evaluate it with fake-quantized
 * activations, save it as a SavedModel. Close it when done (it holds native memory).
 *
 * <pre>{@code
 * try (Model m = Trainer.builder().epochs(5).build().train(Architecture.MLP, data)) {
 *   Weights w = m.weights("dense1_kernel");               // [784, 128]
 *   float[] xHat = Quant.builder().bits(4).symmetric().perChannel(-1).build()
 *       .fakeQuantize(w.values(), w.shape()).xHat();
 *   m.setWeights(w.withValues(xHat));
 *   m.evaluate(data.test());                               // accuracy with 4-bit dense1
 * }
 * }</pre>
 */
public final class Model implements AutoCloseable {
  static final String INPUT = "images";
  static final String LOGITS = "logits";
  static final String META = "quantlab-model.properties";
  private static final int EVAL_BATCH = 1000;

  private final Architecture architecture;
  private final Graph graph;
  private final Session session;
  private final SavedModelBundle bundle;
  private final Ops tf;
  private final List<String> variableNames;
  private final Map<String, Shape> variableShapes;
  private final Map<String, String> info;
  private final Map<String, Placeholder<TFloat32>> setters = new HashMap<>();
  private final Map<String, Operand<?>> assigns = new HashMap<>();
  private final Map<String, QuantPath> quantPaths = new HashMap<>();
  private int uid;

  Model(Architecture architecture, Graph graph, Session session, SavedModelBundle bundle,
      Map<String, String> info) {
    this.architecture = architecture;
    this.graph = graph;
    this.session = session;
    this.bundle = bundle;
    this.tf = Ops.create(graph);
    this.info = new LinkedHashMap<>(info);
    this.variableShapes = variableShapes(architecture);
    this.variableNames = new ArrayList<>(variableShapes.keySet());
  }

  /** Every variable of {@code arch} with its shape, in {@link #variableNames()} order. */
  static Map<String, Shape> variableShapes(Architecture arch) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    for (LayerSpec l : arch.weightLayers()) {
      Shape k = l.kernelShape();
      shapes.put(l.name() + "_kernel", k);
      shapes.put(l.name() + "_bias", Shape.of(k.dim(-1)));
    }
    for (LayerSpec.BatchNorm bn : arch.batchNorms()) {
      for (String v : bn.variableNames()) {
        shapes.put(v, Shape.of(bn.channels()));
      }
    }
    return shapes;
  }

  /**
   * A model of {@code arch} with these variable values, ready to evaluate, quantize or export,
   * without training: for instance the {@link Architecture#CNN} that folding a trained
   * {@link Architecture#CNN_BN}'s batch norms gives ({@code quantlab.ptq.BatchNormFolding}).
   * Every variable of the architecture must be given (see {@link #variableNames()}); extra ones
   * are an error too. Batch norms run in inference mode (moving averages).
   *
   * <pre>{@code
   * Model copy = Model.of(mlp.architecture(), mlp.allWeights());
   * copy.evaluate(test).accuracy() == mlp.evaluate(test).accuracy()   // true
   * }</pre>
   */
  public static Model of(Architecture arch, List<Weights> weights) {
    java.util.Objects.requireNonNull(arch, "arch");
    java.util.Objects.requireNonNull(weights, "weights");
    Map<String, Weights> byName = new LinkedHashMap<>();
    for (Weights w : weights) {
      if (byName.put(w.name(), w) != null) {
        throw new IllegalArgumentException("weights has '" + w.name() + "' twice");
      }
    }
    Map<String, Shape> shapes = variableShapes(arch);
    if (!byName.keySet().equals(shapes.keySet())) {
      throw new IllegalArgumentException("weights must hold exactly the variables of " + arch
          + " " + shapes.keySet() + ", got " + byName.keySet());
    }
    for (Map.Entry<String, Shape> e : shapes.entrySet()) {
      if (!byName.get(e.getKey()).shape().equals(e.getValue())) {
        throw new IllegalArgumentException("shape of " + e.getKey() + " must be " + e.getValue()
            + ", got " + byName.get(e.getKey()).shape());
      }
    }
    Graph g = new Graph();
    try {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.withName(INPUT).placeholder(TFloat32.class,
          Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, 784)));
      Map<String, Operand<TFloat32>> vars = new LinkedHashMap<>();
      for (Map.Entry<String, Shape> e : shapes.entrySet()) {
        vars.put(e.getKey(), Trainer.variable(tf, e.getKey(), e.getValue(),
            byName.get(e.getKey()).values()));
      }
      Operand<TFloat32> out = Net.forward(tf, arch, x, vars::get,
          (ops, i, name, a) -> ops.withName("act_" + name).identity(a));
      tf.withName(LOGITS).identity(out);
      Session session = new Session(g);
      session.initialize();
      return new Model(arch, g, session, null, Map.of("source", "Model.of"));
    } catch (RuntimeException | Error e) {
      g.close();
      throw e;
    }
  }

  public Architecture architecture() {
    return architecture;
  }

  /** What is known about how the model was made (seed, epochs, accuracy...), as strings. */
  public Map<String, String> info() {
    return java.util.Collections.unmodifiableMap(info);
  }

  /** The graph, for learners who want to look at TensorFlow's side. */
  public Graph graph() {
    return graph;
  }

  public Session session() {
    return session;
  }

  /**
   * Names of the variables, kernel then bias for each layer ({@code dense1_kernel, ...}), then
   * each batch norm's gamma, beta, moving mean and moving variance ({@code bn1_gamma, bn1_beta,
   * bn1_mean, bn1_variance}).
   */
  public List<String> variableNames() {
    return List.copyOf(variableNames);
  }

  /** Names of the layers with weights, e.g. {@code [dense1, dense2]}. */
  public List<String> layerNames() {
    return architecture.weightLayers().stream().map(LayerSpec::name).toList();
  }

  /**
   * Names of the activation taps, where {@link ActivationQuant} fake-quantizes: {@code "input"}
   * and each weight layer's output (after its ReLU).
   */
  public List<String> activationNames() {
    return Net.tapNames(architecture);
  }

  /** The current value of a variable, e.g. {@code weights("dense1_kernel")}. */
  public Weights weights(String name) {
    Shape shape = shapeOf(name);
    try (Result r = session.runner().fetch(name).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] v = new float[shape.size()];
      t.copyTo(DataBuffers.of(v, false, false));
      return new Weights(name, shape, v);
    }
  }

  /** All variables' current values, in {@link #variableNames()} order. */
  public List<Weights> allWeights() {
    return variableNames.stream().map(this::weights).toList();
  }

  /** Each layer's kernel, in layer order. */
  public List<Weights> kernels() {
    return variableNames.stream().filter(n -> n.endsWith("_kernel")).map(this::weights).toList();
  }

  /** Writes {@code w.values()} into the variable {@code w.name()}; the shape must match. */
  public void setWeights(Weights w) {
    Shape shape = shapeOf(w.name());
    if (!shape.equals(w.shape())) {
      throw new IllegalArgumentException("shape of " + w.name() + " is " + shape + ", got "
          + w.shape());
    }
    Placeholder<TFloat32> p = setters.get(w.name());
    if (p == null) {
      Ops s = tf.withSubScope("quantlab_set_" + (uid++));
      p = s.placeholder(TFloat32.class,
          Placeholder.shape(org.tensorflow.ndarray.Shape.of(toLongs(shape.dims()))));
      @SuppressWarnings("unchecked")
      Operand<TFloat32> var = (Operand<TFloat32>) graph.outputOrThrow(w.name());
      assigns.put(w.name(), s.assign(var, p));
      setters.put(w.name(), p);
    }
    try (TFloat32 t = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(toLongs(shape.dims())),
        DataBuffers.of(w.values(), true, false))) {
      session.runner().feed(p, t).addTarget(assigns.get(w.name()).op()).run().close();
    }
  }

  /** Writes several variables (e.g. a snapshot taken with {@link #allWeights()}). */
  public void setWeights(List<Weights> ws) {
    for (Weights w : ws) {
      setWeights(w);
    }
  }

  /** The logits of images {@code [from, to)}: {@code (to - from) * 10} floats. */
  public float[] logits(LabeledImages images, int from, int to) {
    return run(LOGITS, null, null, images, from, to);
  }

  /** Classifies every image of {@code images}. */
  public Evaluation evaluate(LabeledImages images) {
    return evaluateOn(images, null, null);
  }

  /** Classifies every image with the activations fake-quantized as {@code aq} says. */
  public Evaluation evaluate(LabeledImages images, ActivationQuant aq) {
    QuantPath q = quantPath(aq.bits(), aq.narrowRange());
    return evaluateOn(images, q.logits.op().name(), rangeFeeds(q, aq));
  }

  /**
   * The logits of images {@code [from, to)} with the activations fake-quantized as {@code aq}
   * says (the simulated quantized model of lesson 05): {@code (to - from) * 10} floats.
   */
  public float[] logits(LabeledImages images, int from, int to, ActivationQuant aq) {
    QuantPath q = quantPath(aq.bits(), aq.narrowRange());
    return run(q.logits.op().name(), rangeFeeds(q, aq), null, images, from, to);
  }

  private Map<Operand<?>, float[]> rangeFeeds(QuantPath q, ActivationQuant aq) {
    Map<Operand<?>, float[]> feeds = new HashMap<>();
    List<String> taps = activationNames();
    for (int i = 0; i < taps.size(); i++) {
      Range r = aq.ranges().get(taps.get(i));
      if (r == null) {
        throw new IllegalArgumentException("aq has no range for activation '" + taps.get(i)
            + "'; it needs one for each of " + taps);
      }
      feeds.put(q.min.get(i), new float[] {r.min()});
      feeds.put(q.max.get(i), new float[] {r.max()});
    }
    return feeds;
  }

  /**
   * The float activations at every tap for images {@code [0, n)} of {@code images}, flattened
   * per tap (for calibration): {@code activations.get("dense1")} holds {@code n * 128} values.
   */
  public Map<String, float[]> activations(LabeledImages images, int n) {
    Map<String, List<float[]>> parts = new LinkedHashMap<>();
    List<String> taps = activationNames();
    for (String t : taps) {
      parts.put(t, new ArrayList<>());
    }
    int count = Math.min(n, images.count());
    for (int from = 0; from < count; from += EVAL_BATCH) {
      int to = Math.min(count, from + EVAL_BATCH);
      Session.Runner r = session.runner();
      try (TFloat32 x = batch(images, from, to)) {
        r.feed(INPUT, x);
        for (String t : taps) {
          r.fetch("act_" + t);
        }
        try (Result res = r.run()) {
          for (int i = 0; i < taps.size(); i++) {
            TFloat32 a = (TFloat32) res.get(i);
            float[] v = new float[(int) a.size()];
            a.copyTo(DataBuffers.of(v, false, false));
            parts.get(taps.get(i)).add(v);
          }
        }
      }
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<float[]>> e : parts.entrySet()) {
      int total = e.getValue().stream().mapToInt(a -> a.length).sum();
      float[] all = new float[total];
      int at = 0;
      for (float[] a : e.getValue()) {
        System.arraycopy(a, 0, all, at, a.length);
        at += a.length;
      }
      out.put(e.getKey(), all);
    }
    return out;
  }

  private Evaluation evaluateOn(LabeledImages images, String logitsName,
      Map<Operand<?>, float[]> scalarFeeds) {
    int n = images.count();
    int[] predicted = new int[n];
    int classes = architecture.weightLayers().get(architecture.weightLayers().size() - 1)
        .kernelShape().dim(-1);
    for (int from = 0; from < n; from += EVAL_BATCH) {
      int to = Math.min(n, from + EVAL_BATCH);
      float[] logits = run(logitsName == null ? LOGITS : logitsName, scalarFeeds, null, images,
          from, to);
      for (int i = 0; i < to - from; i++) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
          if (logits[i * classes + c] > logits[i * classes + best]) {
            best = c;
          }
        }
        predicted[from + i] = best;
      }
    }
    return new Evaluation(quantlab.tf.ConfusionMatrix.of(images.classNames(),
        images.labels(0, n), predicted));
  }

  private float[] run(String fetch, Map<Operand<?>, float[]> scalarFeeds, Object unused,
      LabeledImages images, int from, int to) {
    List<TFloat32> toClose = new ArrayList<>();
    try (TFloat32 x = batch(images, from, to)) {
      Session.Runner r = session.runner().feed(INPUT, x).fetch(fetch);
      if (scalarFeeds != null) {
        for (Map.Entry<Operand<?>, float[]> e : scalarFeeds.entrySet()) {
          TFloat32 s = TFloat32.scalarOf(e.getValue()[0]);
          toClose.add(s);
          r.feed(e.getKey(), s);
        }
      }
      try (Result res = r.run()) {
        TFloat32 out = (TFloat32) res.get(0);
        float[] v = new float[(int) out.size()];
        out.copyTo(DataBuffers.of(v, false, false));
        return v;
      }
    } finally {
      toClose.forEach(Tensor::close);
    }
  }

  static TFloat32 batch(LabeledImages images, int from, int to) {
    return TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(to - from, images.imageSize()),
        DataBuffers.of(images.pixels(from, to), true, false));
  }

  /** The forward pass with a FakeQuant after each tap, built once per (bits, narrowRange). */
  private QuantPath quantPath(int bits, boolean narrowRange) {
    String key = bits + "/" + narrowRange;
    QuantPath q = quantPaths.get(key);
    if (q != null) {
      return q;
    }
    Ops s = tf.withSubScope("quantlab_aq" + bits + (narrowRange ? "n" : "") + "_" + (uid++));
    List<Placeholder<TFloat32>> mins = new ArrayList<>();
    List<Placeholder<TFloat32>> maxs = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Operand<TFloat32> input = (Operand<TFloat32>) graph.outputOrThrow(INPUT);
    Operand<TFloat32> logits = Net.forward(s, architecture, input, this::variable,
        (ops, i, name, x) -> {
          Placeholder<TFloat32> lo = ops.withName("min_" + name).placeholder(TFloat32.class,
              Placeholder.shape(org.tensorflow.ndarray.Shape.scalar()));
          Placeholder<TFloat32> hi = ops.withName("max_" + name).placeholder(TFloat32.class,
              Placeholder.shape(org.tensorflow.ndarray.Shape.scalar()));
          mins.add(lo);
          maxs.add(hi);
          return ops.quantization.fakeQuantWithMinMaxVars(x, lo, hi,
              FakeQuantWithMinMaxVars.numBits((long) bits),
              FakeQuantWithMinMaxVars.narrowRange(narrowRange));
        });
    q = new QuantPath(logits, mins, maxs);
    quantPaths.put(key, q);
    return q;
  }

  @SuppressWarnings("unchecked")
  private Operand<TFloat32> variable(String name) {
    return (Operand<TFloat32>) graph.outputOrThrow(name);
  }

  private record QuantPath(Operand<TFloat32> logits, List<Placeholder<TFloat32>> min,
      List<Placeholder<TFloat32>> max) {}

  private Shape shapeOf(String name) {
    Shape s = variableShapes.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no variable named '" + name + "'; the model has "
          + variableNames);
    }
    return s;
  }

  private static long[] toLongs(int[] dims) {
    long[] l = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      l[i] = dims[i];
    }
    return l;
  }

  /**
   * Saves the model as a TensorFlow SavedModel in {@code dir} (tag {@code serve}, signature
   * {@code serving_default}: input {@code images} {@code [n, 784]}, output {@code logits}
   * {@code [n, 10]}), plus {@code quantlab-model.properties} naming the architecture.
   */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir.getParent() == null ? Path.of(".") : dir.getParent());
    Signature sig = Signature.builder().key(Signature.DEFAULT_KEY)
        .input(INPUT, graph.outputOrThrow(INPUT)).output(LOGITS, graph.outputOrThrow(LOGITS))
        .build();
    SavedModelBundle.exporter(dir.toString()).withSession(session).withSignature(sig).export();
    Properties p = new Properties();
    p.setProperty("architecture", architecture.name());
    info.forEach(p::setProperty);
    try (Writer w = Files.newBufferedWriter(dir.resolve(META))) {
      p.store(w, "quantlab model: how it was made");
    }
  }

  /**
   * Loads a SavedModel written by {@link #save}. A SavedModel from elsewhere loads too if its
   * graph has the same names: a placeholder {@code images} {@code [n, 784]}, an output
   * {@code logits}, activation taps {@code act_*} and variables {@code LAYER_kernel},
   * {@code LAYER_bias} of an {@link Architecture}; name the architecture in
   * {@code quantlab-model.properties} ({@code architecture=MLP}).
   */
  public static Model load(Path dir) throws IOException {
    Path meta = dir.resolve(META);
    if (!Files.isRegularFile(meta)) {
      throw new IOException(dir + " has no " + META + "; quantlab needs it to know the "
          + "architecture (a line 'architecture=MLP' or 'architecture=CNN')");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(meta)) {
      p.load(r);
    }
    String a = p.getProperty("architecture");
    Architecture arch;
    try {
      arch = Architecture.valueOf(a);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IOException(meta + ": architecture must be one of "
          + java.util.Arrays.toString(Architecture.values()) + ", got " + a);
    }
    SavedModelBundle b = SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG);
    Map<String, String> info = new LinkedHashMap<>();
    for (String k : p.stringPropertyNames()) {
      if (!k.equals("architecture")) {
        info.put(k, p.getProperty(k));
      }
    }
    Model m = new Model(arch, b.graph(), b.session(), b, info);
    for (String v : m.variableNames) {
      Output<?> o = b.graph().output(v);
      if (o == null) {
        b.close();
        throw new IOException(dir + ": the graph has no variable '" + v + "' of " + arch);
      }
    }
    return m;
  }

  @Override
  public void close() {
    if (bundle != null) {
      bundle.close();
    } else {
      session.close();
      graph.close();
    }
  }

  /** {@code Model{MLP, 101770 parameters, seed=1, epochs=10}}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Model{").append(architecture).append(", ")
        .append(architecture.parameterCount()).append(" parameters");
    for (String k : List.of("seed", "epochs", "testAccuracy")) {
      if (info.containsKey(k)) {
        sb.append(", ").append(k).append('=').append(info.get(k));
      }
    }
    return sb.append('}').toString();
  }
}
