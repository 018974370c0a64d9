package quantlab.exercises;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import quantlab.interp.Interpreter;
import quantlab.interp.NeuronTrace;
import quantlab.interp.QuantizedMultiplier;
import quantlab.interp.Requant;
import quantlab.interp.Tensor;
import quantlab.tflite.TfliteLayerSpec;
import quantlab.tflite.TfliteModelSpec;
import quantlab.tflite.TfliteVariant;
import quantlab.tflite.TfliteWriter;

/**
 * The exercises of lesson 05 (activations and integer-only inference). Expected results come from
 * quantlab's interpreter: the accumulators of {@link NeuronTrace}s on small int8 models written
 * by {@link TfliteWriter}, {@link QuantizedMultiplier#of(double)} and
 * {@link Requant#requantizeReference}.
 */
final class Lesson05Exercises {
  private Lesson05Exercises() {}

  static List<Exercise<?>> all() {
    return List.of(
        accumulator("05.1", "int32 accumulator of an int8 dot product",
            "subtract the input zero point from each x (in int), multiply by w, add up, then add "
                + "the bias"),
        multiplier("05.2", "the real multiplier M as a Q31 mantissa and a shift",
            "shift = Math.getExponent(M) + 1 puts q = M / 2^shift in [0.5, 1); multiplier = "
                + "round(q * 2^31) half away from zero (Math.round on a positive double); if "
                + "that is 2^31, halve it and add 1 to shift"),
        requantize("05.3", "requantize an accumulator to an int8 code (reference arithmetic)",
            "high = floor((acc * multiplier + 2^30) / 2^31) in long (Math.floorDiv); then "
                + "divide by 2^(-shift) rounding half away from zero; add zeroPoint; clamp to "
                + "[-128, 127]"));
  }

  /** Cases from traces of small FULLY_CONNECTED models with different input zero points. */
  private static Exercise<AccumulatorFn> accumulator(String id, String title, String hint) {
    // Built on the first check, not when the registry loads: it writes and traces four models.
    return new Exercise<>(id, title, AccumulatorFn.class, Lesson05Exercises::accumulatorCases,
        Exercise::exact, hint);
  }

  private static List<Exercise.Case<AccumulatorFn>> accumulatorCases() {
    List<Exercise.Case<AccumulatorFn>> cases = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(5);
    float[][] inputRanges = {{0f, 1f}, {-2f, 6f}, {-1f, 1f}, {-10f, 0.5f}};
    int[] depths = {4, 9, 16, 33};
    for (int m = 0; m < inputRanges.length; m++) {
      int depth = depths[m];
      int units = 3;
      float[] w = new float[units * depth];
      float[] b = new float[units];
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) rng.nextGaussian() * 0.3f;
      }
      for (int i = 0; i < units; i++) {
        b[i] = (float) rng.nextGaussian();
      }
      TfliteModelSpec spec = TfliteModelSpec.builder().name("exercise_05_1").input(1, depth)
          .inputRange(inputRanges[m][0], inputRanges[m][1])
          .layer(TfliteLayerSpec.fullyConnected(units, w, b).outputRange(-4f, 4f)).build();
      Interpreter interp = Interpreter.of(TfliteWriter.toBytes(spec, TfliteVariant.INT8));
      int batch = 2;
      byte[] codes = new byte[batch * depth];
      for (int i = 0; i < codes.length; i++) {
        codes[i] = (byte) (rng.nextInt(256) - 128);
      }
      Tensor x = Tensor.ofInt8(new int[] {batch, depth}, codes);
      for (int out = 0; out < batch * units; out++) {
        NeuronTrace t = interp.trace(x, 0, out);
        int[] xs = t.inputs();
        int[] ws = t.weights();
        int zp = t.inputZeroPoint();
        int bias = t.bias();
        cases.add(new Exercise.Case<>("x = " + Arrays.toString(xs) + ", inputZeroPoint = " + zp
            + ", w = " + Arrays.toString(ws) + ", bias = " + bias,
            fn -> fn.acc(xs.clone(), zp, ws.clone(), bias), t.accumulator()));
      }
    }
    return cases;
  }

  private static Exercise<MultiplierFn> multiplier(String id, String title, String hint) {
    List<Exercise.Case<MultiplierFn>> cases = new ArrayList<>();
    List<Double> ms = new ArrayList<>(List.of(0.5, 0.25, 0.3, 0.75, 0.001229063880,
        0.0002714719186, 0.1, 1.0 / 3, 0.999, 1 - Math.pow(2, -40), 0.5 - Math.pow(2, -45),
        Math.pow(2, -20) * 0.7));
    SplittableRandom rng = new SplittableRandom(6);
    for (int i = 0; i < 30; i++) {
      ms.add(rng.nextDouble() * Math.pow(2, -rng.nextInt(20)));
    }
    for (double m : ms) {
      if (m <= 0) {
        continue;
      }
      QuantizedMultiplier qm = QuantizedMultiplier.of(m);
      cases.add(new Exercise.Case<>("M = " + m, fn -> fn.quantize(m),
          new int[] {qm.multiplier(), qm.shift()}));
    }
    return new Exercise<>(id, title, MultiplierFn.class, cases, Exercise::exact, hint);
  }

  private static Exercise<RequantizeFn> requantize(String id, String title, String hint) {
    List<Exercise.Case<RequantizeFn>> cases = new ArrayList<>();
    // {acc, multiplier, shift, zeroPoint}: ties of the high multiply and of the shift, both
    // signs, clamping at both ends, then random ones.
    List<int[]> all = new ArrayList<>(List.of(
        new int[] {24366, 1351370027, -9, 23},
        new int[] {20, 1 << 30, -2, 3},
        new int[] {5, 1 << 30, -1, 0},
        new int[] {-5, 1 << 30, -1, 0},
        new int[] {-3, 1 << 30, 0, 0},
        new int[] {-6, 1 << 30, -2, 0},
        new int[] {1000, 1288490189, -1, -5},
        new int[] {-45707, 1193946125, -11, -128},
        new int[] {45707, 1193946125, -11, -128},
        new int[] {400000, 1193946125, -5, 10},
        new int[] {-400000, 1193946125, -5, 10},
        new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, -31, 0},
        new int[] {Integer.MIN_VALUE, 1 << 30, -24, 0}));
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < 60; i++) {
      int shift = -rng.nextInt(16);
      int m = (1 << 30) + rng.nextInt(1 << 30);
      int acc = rng.nextInt(-(1 << (12 - shift)), 1 << (12 - shift));
      if (i % 5 == 0) {
        acc = acc & ~((1 << Math.max(0, -shift - 1)) - 1); // more exact halves
      }
      all.add(new int[] {acc, m, shift, rng.nextInt(256) - 128});
    }
    for (int[] a : all) {
      int expected = Requant.requantizeReference(a[0], new QuantizedMultiplier(a[1], a[2]), a[3],
          -128, 127);
      cases.add(new Exercise.Case<>("acc = " + a[0] + ", multiplier = " + a[1] + ", shift = "
          + a[2] + ", zeroPoint = " + a[3], fn -> fn.q(a[0], a[1], a[2], a[3]), expected));
    }
    return new Exercise<>(id, title, RequantizeFn.class, cases, Exercise::exact, hint);
  }
}
