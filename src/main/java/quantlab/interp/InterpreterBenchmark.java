package quantlab.interp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import quantlab.tflite.TfliteLayerSpec;
import quantlab.tflite.TfliteModelSpec;
import quantlab.tflite.TfliteVariant;
import quantlab.tflite.TfliteWriter;

/**
 * Measures the interpreter on an MLP: latency at batch 1 (median of single runs) and throughput
 * at batch 256 (samples per second), float32 against int8 in both requantization modes.
 *
 * <p>{@code java -cp ... quantlab.interp.InterpreterBenchmark [seconds per case]} prints a table
 * such as
 *
 * <pre>
 *   model                        latency b=1 (us)   throughput b=256 (samples/s)
 *   MLP 784-128-10 float32                  ...                    ...
 * </pre>
 *
 * <p>The MLP has random weights (the trained Fashion-MNIST models come from another part of the
 * project); its speed does not depend on the weight values. Figures in docs/interpreter.md.
 */
public final class InterpreterBenchmark {
  private InterpreterBenchmark() {}

  /** One measured case. */
  public record Row(String model, double latencyMicros, double samplesPerSecond) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-36s %14.1f %20.0f", model, latencyMicros,
          samplesPerSecond);
    }
  }

  /** An MLP {@code 784 -> hidden (RELU) -> 10 -> SOFTMAX} with random weights. */
  public static TfliteModelSpec mlp(int hidden, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] w1 = gaussian(rnd, hidden * 784, 1.5 / Math.sqrt(784));
    float[] b1 = gaussian(rnd, hidden, 0.1);
    float[] w2 = gaussian(rnd, 10 * hidden, 1.5 / Math.sqrt(hidden));
    float[] b2 = gaussian(rnd, 10, 0.1);
    return TfliteModelSpec.builder().name("mlp").input(1, 784).inputRange(0f, 1f)
        .layer(TfliteLayerSpec.fullyConnected(hidden, w1, b1)
            .activation(quantlab.tflite.Activation.RELU).outputRange(0f, 6f))
        .layer(TfliteLayerSpec.fullyConnected(10, w2, b2).outputRange(-12f, 12f))
        .layer(TfliteLayerSpec.softmax())
        .build();
  }

  private static float[] gaussian(SplittableRandom rnd, int n, double std) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator
      double u = 1.0 - rnd.nextDouble();
      double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
      v[i] = (float) (g * std);
    }
    return v;
  }

  /** Measures the float32 and int8 (float edges) MLP, {@code seconds} per case. */
  public static List<Row> run(int hidden, double seconds) {
    TfliteModelSpec spec = mlp(hidden, 1);
    byte[] f32 = TfliteWriter.toBytes(spec, TfliteVariant.FLOAT32);
    byte[] i8 = TfliteWriter.builder().variant(TfliteVariant.INT8).floatInputOutput(true).build()
        .toBytes(spec);
    String name = "MLP 784-" + hidden + "-10";
    List<Row> rows = new ArrayList<>();
    rows.add(measure(name + " float32", Interpreter.of(f32), seconds));
    Interpreter q = Interpreter.of(i8);
    rows.add(measure(name + " int8 XNNPACK mode", q, seconds));
    rows.add(measure(name + " int8 REFERENCE mode",
        q.withRequantization(Requantization.REFERENCE), seconds));
    return rows;
  }

  static Row measure(String name, Interpreter it, double seconds) {
    SplittableRandom rnd = new SplittableRandom(7);
    float[][] batch = new float[256][784];
    for (float[] row : batch) {
      for (int i = 0; i < row.length; i++) {
        row[i] = (float) rnd.nextDouble();
      }
    }
    Tensor one = Tensor.ofFloat(new int[] {1, 784}, batch[0]);
    long budget = (long) (seconds * 1e9);
    // warm-up: let the JIT compile the kernels
    long end = System.nanoTime() + budget / 2;
    while (System.nanoTime() < end) {
      it.run(one);
      it.runFloat(batch);
    }
    List<Long> single = new ArrayList<>();
    end = System.nanoTime() + budget;
    while (System.nanoTime() < end || single.size() < 10) {
      long t0 = System.nanoTime();
      it.run(one);
      single.add(System.nanoTime() - t0);
    }
    long[] s = single.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(s);
    double latencyMicros = s[s.length / 2] / 1e3;
    int batches = 0;
    long t0 = System.nanoTime();
    end = t0 + budget;
    while (System.nanoTime() < end || batches < 3) {
      it.runFloat(batch);
      batches++;
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    return new Row(name, latencyMicros, batches * 256 / elapsed);
  }

  /** Prints the table; optional argument: seconds per case (default 3). */
  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    System.out.printf(Locale.ROOT, "%-36s %14s %20s%n", "model", "latency b=1 (us)",
        "throughput b=256 (samples/s)");
    for (Row r : run(128, seconds)) {
      System.out.println(r);
    }
    System.out.println("(" + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + ", one thread)");
  }
}
