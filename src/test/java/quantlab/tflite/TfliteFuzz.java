package quantlab.tflite;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import quantlab.interp.DataType;
import quantlab.interp.Interpreter;
import quantlab.interp.Requantization;
import quantlab.interp.Tensor;
import quantlab.interp.TensorInfo;
import quantlab.interp.UnsupportedModelException;
import quantlab.quant.IntFormat;
import quantlab.testing.Fuzzing;

/**
 * The {@code .tflite} fuzz campaign: {@link TfliteMutator} cases of several seed files, each read
 * by {@link TfliteModel}. A case must end either in a read, after which everything a user can
 * touch must work (every accessor, toString, the inspector's tables and text, loading into the
 * {@link Interpreter} and, when its operators are supported, one run on zero inputs), or in
 * the project's own refusal with a message: {@link TfliteFormatException} from the reader,
 * {@link UnsupportedModelException} from the interpreter. Anything else (another exception, an
 * error, a case longer than the time bound) is a failure: the case is printed with its seed and
 * its bytes are saved under {@code target/fuzz-failures/}.
 *
 * <p>Run by {@code TfliteFuzzTest} in a JVM with a 256 MB heap. By hand: {@code java -Xmx256m
 * -cp target/test-classes:target/classes:$(cat target/classpath.txt) quantlab.tflite.TfliteFuzz
 * [cases per seed file] [base seed] [seed-file:case-seed to replay one case]}, or {@code
 * --files FILE...} to read and walk saved files.
 */
public final class TfliteFuzz {
  /** Cases per seed file when not given; 8 seed files make 24,000 cases. */
  static final int DEFAULT_CASES_PER_FILE = 3000;
  /** The base seed when not given; printed with each seed file's own seed. */
  static final long DEFAULT_SEED = 20260613L;
  /** Longest a case may run before the campaign is stopped as hung. */
  static final long CASE_BOUND_MS = 5000;
  /** The largest model (elements of all its tensors, as declared) run on zero inputs. */
  static final long RUN_BUDGET_ELEMENTS = 1 << 16;

  private final Fuzzing.Tally tally = new Fuzzing.Tally();
  private final Map<String, Fuzzing.Tally> bySeedFile = new LinkedHashMap<>();
  private final Map<TfliteMutator.Mutation, int[]> byMutation = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private final PrintStream out;
  private int ran;

  private TfliteFuzz(PrintStream out) {
    this.out = out;
  }

  /** The seed files: a third-party model and TfliteWriter's variants of an MLP and a CNN. */
  static Map<String, byte[]> seedFiles() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("micro_speech", TfliteModelTest.microSpeech());
    TfliteModelSpec mlp = smallMlp();
    files.put("mlp_float32", TfliteWriter.toBytes(mlp, TfliteVariant.FLOAT32));
    files.put("mlp_float16", TfliteWriter.toBytes(mlp, TfliteVariant.FLOAT16));
    files.put("mlp_dynamic_range", TfliteWriter.builder().variant(TfliteVariant.DYNAMIC_RANGE)
        .minElementsForWeights(64).build().toBytes(mlp));
    files.put("mlp_int8_per_tensor", TfliteWriter.builder().variant(TfliteVariant.INT8)
        .perChannelFullyConnected(false).build().toBytes(mlp));
    files.put("mlp_int8_per_channel", TfliteWriter.builder().variant(TfliteVariant.INT8)
        .perChannelFullyConnected(true).floatInputOutput(true).build().toBytes(mlp));
    files.put("cnn_int8", TfliteWriter.builder().variant(TfliteVariant.INT8)
        .floatInputOutput(true).build().toBytes(Specs.cnn()));
    files.put("cnn_float16", TfliteWriter.toBytes(Specs.cnn(), TfliteVariant.FLOAT16));
    return files;
  }

  /** 48 -> 24 (RELU) -> 10 -> SOFTMAX: the lessons' MLP in small, so structure dominates. */
  static TfliteModelSpec smallMlp() {
    return TfliteModelSpec.builder().name("mlp").input(1, 48).inputRange(0f, 1f)
        .layer(TfliteLayerSpec.fullyConnected(24, Specs.random(24 * 48, 1, 0.2f),
            Specs.random(24, 2, 0.1f)).activation(Activation.RELU).outputRange(0f, 6f))
        .layer(TfliteLayerSpec.fullyConnected(10, Specs.random(10 * 24, 3, 0.3f),
            Specs.random(10, 4, 0.1f)).outputRange(-2f, 6f))
        .layer(TfliteLayerSpec.softmax())
        .build();
  }

  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals("--files")) {
      TfliteFuzz f = new TfliteFuzz(System.out);
      for (int i = 1; i < args.length; i++) {
        try {
          String[] o = f.outcome(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(args[i])));
          System.out.println(args[i] + ": " + o[0] + " / " + o[1]);
        } catch (Throwable t) {
          System.out.println(args[i] + ": FAILED " + t);
        }
      }
      return;
    }
    int perFile = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_CASES_PER_FILE;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_SEED;
    TfliteFuzz f = new TfliteFuzz(System.out);
    if (args.length > 2) {
      String[] one = args[2].split(":");
      f.replay(one[0], Long.parseLong(one[1]));
      return;
    }
    int failed = f.campaign(perFile, seed);
    System.out.flush();
    System.exit(failed == 0 ? 0 : 1);
  }

  /** Runs every seed file's cases; prints the figures; returns the number of failed cases. */
  int campaign(int perFile, long seed) throws IOException {
    Fuzzing.Watchdog dog = new Fuzzing.Watchdog(CASE_BOUND_MS);
    Map<String, byte[]> files = seedFiles();
    out.printf(Locale.ROOT, "TFLite fuzz campaign: %d seed files x %,d cases, base seed %d,"
        + " heap %s, case bound %d ms%n", files.size(), perFile, seed,
        Runtime.getRuntime().maxMemory() / (1 << 20) + " MB", CASE_BOUND_MS);
    long t0 = System.nanoTime();
    int fileIndex = 0;
    for (var e : files.entrySet()) {
      long fileSeed = seed + 1_000_003L * fileIndex++;
      long t1 = System.nanoTime();
      TfliteMutator mutator = new TfliteMutator(e.getValue());
      Fuzzing.Tally mine = new Fuzzing.Tally();
      bySeedFile.put(e.getKey(), mine);
      SplittableRandom rng = new SplittableRandom(fileSeed);
      for (int i = 0; i < perFile; i++) {
        long caseSeed = rng.nextLong();
        String what = e.getKey() + ":" + caseSeed + " (case " + i + ")";
        dog.start(what);
        oneCase(e.getKey(), mutator, caseSeed, what, mine);
        dog.stop();
      }
      out.printf(Locale.ROOT, "  %-22s %,6d bytes, file seed %d: %,d cases in %.1f s (%s)%n",
          e.getKey(), e.getValue().length, fileSeed, perFile, (System.nanoTime() - t1) / 1e9,
          summary(mine));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.println();
    out.printf(Locale.ROOT, "%,d cases in %.1f s (%.0f cases/s); %,d ran in the interpreter;"
        + " %d failed%n", tally.total(), seconds, tally.total() / seconds, ran, failures.size());
    out.println();
    out.println("Cases per seed file:");
    out.println();
    out.println("| seed file | cases | read | refused by the reader | loaded by the interpreter"
        + " | ran on zeros |");
    out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (var e : bySeedFile.entrySet()) {
      Fuzzing.Tally t = e.getValue();
      int refused = t.total(REFUSED);
      int read = t.total() - refused - t.total(FAILED);
      out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d |%n", e.getKey(), t.total(),
          read, refused, t.total(RAN) + t.total(NOT_RUN), t.total(RAN));
    }
    out.println();
    out.println("Cases per mutation (cases / read / refused):");
    out.println();
    out.println("| mutation | cases | read | refused |");
    out.println("| --- | ---: | ---: | ---: |");
    byMutation.forEach((m, c) -> out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d |%n",
        m.name().toLowerCase(Locale.ROOT), c[0], c[1], c[0] - c[1]));
    out.println();
    out.println("Outcomes by class and message category:");
    out.println();
    tally.print(out, 12);
    if (!failures.isEmpty()) {
      out.println();
      out.println("FAILED cases (" + failures.size() + "):");
      failures.forEach(out::println);
    }
    return failures.size();
  }

  private static String summary(Fuzzing.Tally t) {
    return String.format(Locale.ROOT, "%,d refused, %,d interpreter refused, %,d ran",
        t.total(REFUSED), t.total(INTERP_REFUSED), t.total(RAN));
  }

  static final String REFUSED = "refused by the reader: TfliteFormatException";
  static final String INTERP_REFUSED = "read; refused by the interpreter: "
      + "UnsupportedModelException";
  static final String INTERP_FORMAT = "read; refused by the interpreter: TfliteFormatException";
  static final String RAN = "read; loaded; ran on zero inputs";
  static final String NOT_RUN = "read; loaded; not run (tensors over the run budget)";
  static final String FAILED = "FAILED";

  /** Replays one case and prints its outcome and, if it fails, the stack trace. */
  void replay(String seedFile, long caseSeed) throws IOException {
    byte[] original = seedFiles().get(seedFile);
    if (original == null) {
      throw new IllegalArgumentException("no seed file " + seedFile + "; known: "
          + seedFiles().keySet());
    }
    TfliteMutator.Case c = new TfliteMutator(original).mutate(caseSeed);
    out.println(seedFile + ":" + caseSeed + ": " + c.mutation() + ", " + c.bytes().length
        + " bytes");
    try {
      out.println(outcome(c.bytes())[0] + " / " + outcome(c.bytes())[1]);
    } catch (Throwable t) {
      t.printStackTrace(out);
    }
  }

  private void oneCase(String file, TfliteMutator mutator, long caseSeed, String what,
      Fuzzing.Tally mine) {
    TfliteMutator.Case c = mutator.mutate(caseSeed);
    int[] m = byMutation.computeIfAbsent(c.mutation(), k -> new int[2]);
    m[0]++;
    String[] o;
    try {
      o = outcome(c.bytes());
    } catch (Throwable t) {
      String saved = Fuzzing.saveFailure(file + "-" + caseSeed + ".tflite", c.bytes()).toString();
      StringBuilder sb = new StringBuilder("  " + what + " " + c.mutation() + ": " + t
          + " escaped; bytes in " + saved);
      for (StackTraceElement e : t.getStackTrace()) {
        sb.append("\n      at ").append(e);
        if (e.getClassName().startsWith("quantlab.tflite.TfliteFuzz")) {
          break;
        }
      }
      if (failures.size() < 40) {
        failures.add(sb.toString());
      } else if (failures.size() == 40) {
        failures.add("  (more failures not listed)");
      }
      o = new String[] {FAILED, t.getClass().getSimpleName()};
    }
    if (!o[0].equals(REFUSED) && !o[0].equals(FAILED)) {
      m[1]++;
    }
    tally.add(o[0], o[1]);
    mine.add(o[0], o[1]);
  }

  /** Reads and walks {@code bytes}; returns the outcome class and message category. */
  String[] outcome(byte[] bytes) {
    TfliteModel model;
    try {
      model = TfliteModel.read(bytes);
    } catch (TfliteFormatException e) {
      return new String[] {REFUSED, message(e)};
    }
    walk(model);
    Interpreter interp;
    try {
      interp = Interpreter.of(model);
    } catch (UnsupportedModelException e) {
      return new String[] {INTERP_REFUSED, message(e)};
    } catch (TfliteFormatException e) {
      return new String[] {INTERP_FORMAT, message(e)};
    }
    interp.inputs().forEach(TensorInfo::toString);
    interp.outputs().forEach(i -> {
      i.sampleSize();
      i.toString();
    });
    interp.operators();
    interp.toString();
    long declared = 0;
    for (TfliteTensor t : model.subgraph().tensors()) {
      declared += Math.max(1, t.elementCount());
    }
    if (declared > RUN_BUDGET_ELEMENTS) {
      return new String[] {NOT_RUN, ""};
    }
    List<Tensor> zeros = new ArrayList<>();
    for (TensorInfo in : interp.inputs()) {
      int n = 1;
      for (int d : in.shape()) {
        n *= d;
      }
      zeros.add(in.type() == DataType.INT8 ? Tensor.ofInt8(in.shape(), new byte[n])
          : Tensor.ofFloat(in.shape(), new float[n]));
    }
    for (Tensor t : interp.runAll(zeros)) {
      t.toString();
    }
    if (ran++ % 4 == 0) {
      interp.withRequantization(Requantization.REFERENCE).runAll(zeros);
    }
    return new String[] {RAN, ""};
  }

  private static String message(RuntimeException e) {
    if (e.getMessage() == null || e.getMessage().isBlank()) {
      throw new AssertionError(e.getClass().getSimpleName() + " without a message", e);
    }
    return Fuzzing.category(e.getMessage());
  }

  /** Everything a user can touch on a model that read. */
  static void walk(TfliteModel m) {
    m.version();
    m.description();
    m.toString();
    m.minRuntimeVersion();
    m.metadata();
    m.fileSize();
    m.totalBufferBytes();
    for (int i = 0; i < m.bufferCount(); i++) {
      m.bufferSize(i);
    }
    for (TfliteOpcode c : m.opcodes()) {
      c.toString();
      c.usesDeprecatedCodeOnly();
      c.name();
      c.customCode();
    }
    for (TfliteSubgraph g : m.subgraphs()) {
      g.toString();
      g.name();
      for (int i : g.inputs()) {
        g.tensor(i);
      }
      for (int o : g.outputs()) {
        g.tensor(o);
      }
      if (g.inputs().length > 0) {
        g.inputTensor();
      }
      if (g.outputs().length > 0) {
        g.outputTensor();
      }
      for (TfliteTensor t : g.tensors()) {
        walk(t);
        if (g.tensor(t.name()).index() > t.index()) {
          throw new AssertionError("tensor(name) found a later tensor");
        }
      }
      for (TfliteOperator o : g.operators()) {
        o.toString();
        o.opName();
        o.customCode();
        o.version();
        o.builtinCode();
        o.opcodeIndex();
        for (int i = 0; i < o.inputCount(); i++) {
          if (o.input(i) >= 0) {
            g.tensor(o.input(i));
          }
        }
        for (int i = 0; i < o.outputCount(); i++) {
          g.tensor(o.output(i));
        }
        o.options().activation();
        o.options().toString();
      }
    }
    TfliteInspector in = TfliteInspector.of(m);
    in.toString();
    in.text(); // every subgraph's tensors and operators tables, the sizes table
    if (!m.subgraphs().isEmpty()) {
      TfliteInspector.compare(m, m).print();
      for (TfliteTensor t : m.subgraph().tensors()) {
        if (t.isQuantized() && m.subgraph().tensor(t.name()) == t) {
          in.channels(t.name()).print();
        }
      }
    }
  }

  static void walk(TfliteTensor t) {
    t.toString();
    t.name();
    t.shape();
    t.shapeSignature();
    t.rank();
    t.elementCount();
    t.bufferIndex();
    t.bufferSize();
    t.hasData();
    t.isVariable();
    t.data();
    t.isQuantized();
    TfliteQuantization q = t.quantization().orElse(null);
    if (q != null) {
      q.toString();
      q.describe();
      q.count();
      q.isPerChannel();
      q.min();
      q.max();
      q.quantizedDimension();
      q.scales();
      q.zeroPoints();
      q.hashCode();
      if (q.hasScales()) {
        q.scale();
        q.zeroPoint();
        for (int i = 0; i < q.count(); i++) {
          q.scale(i);
          q.zeroPoint(i);
        }
        try {
          q.toQuantParams(IntFormat.int8());
        } catch (IllegalArgumentException e) {
          // documented: parameters that quantlab's QuantParams refuses (e.g. a NaN scale)
          if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("toQuantParams refused without a message", e);
          }
        }
      }
    }
    if (!t.isSparse()) {
      switch (t.type()) {
        case FLOAT32 -> t.floats();
        case FLOAT16 -> {
          t.float16s();
          t.float16Bits();
        }
        case INT8 -> t.int8s();
        case UINT8 -> t.uint8s();
        case INT16 -> t.int16s();
        case INT32 -> t.int32s();
        case INT64 -> t.int64s();
        default -> { }
      }
    }
  }
}
