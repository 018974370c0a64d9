package quantlab.exercises;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntUnaryOperator;
import quantlab.quant.IntFormat;
import quantlab.quant.internal.QuantKernels;
import quantlab.quant.Rounding;

/**
 * Every exercise of the lessons, by id ({@code "LL.N"}: lesson LL, exercise N). Expected results
 * come from quantlab's own implementation, never from the solution text. To add an exercise, add
 * an entry here and a cell with {@code // BEGIN SOLUTION} to the lesson (see lessons/README.md).
 */
public final class Exercises {
  private Exercises() {}

  private static final Map<String, Exercise<?>> ALL = new LinkedHashMap<>();

  static {
    // Lesson 01: bits and precision.
    add(intFunction("01.1", "number of codes of a bit width",
        "each extra bit doubles the number of codes", 1, 16,
        b -> IntFormat.signed(b).levels()));
    add(intFunction("01.2", "bytes of a 784x128 weight matrix at b bits, packed",
        "784 * 128 values of b bits each, 8 bits per byte; round up", 1, 32,
        b -> (int) ((784L * 128 * b + 7) / 8)));
    // Lesson 02: range, scale and zero point.
    add(quantize("02.1", "quantize one value with scale and zero point",
        "divide by scale, round half away from zero (Math.round is half up!), add zeroPoint, "
            + "then clamp into [qmin, qmax]"));
    add(dequantize("02.2", "dequantize one code",
        "subtract zeroPoint first, then multiply by scale"));
    // Lesson 03: truncation and rounding error.
    add(rounding("03.1", "round half to even", Rounding.HALF_TO_EVEN,
        "Math.rint rounds ties to even; or check the fraction yourself"));
    add(rounding("03.2", "truncate toward zero", Rounding.TRUNCATE,
        "a cast to long drops the fraction toward zero"));
    add(sqnr("03.3", "SQNR in dB between x and xHat",
        "sum x*x and (xHat - x)^2 in double, then 10 * Math.log10 of their ratio"));
    Lesson04Exercises.all().forEach(Exercises::add);
    Lesson05Exercises.all().forEach(Exercises::add);
    Lesson06Exercises.all().forEach(Exercises::add);
    Lesson07Exercises.all().forEach(Exercises::add);
    Lesson08Exercises.all().forEach(Exercises::add);
    Lesson10Exercises.all().forEach(Exercises::add);
  }

  /** The exercise with this id. */
  public static Exercise<?> get(String id) {
    Exercise<?> e = ALL.get(id);
    if (e == null) {
      throw new IllegalArgumentException("no exercise '" + id + "'; there are " + ALL.keySet());
    }
    return e;
  }

  /** All exercises in id order. */
  public static List<Exercise<?>> all() {
    return Collections.unmodifiableList(new ArrayList<>(ALL.values()));
  }

  private static void add(Exercise<?> e) {
    if (ALL.put(e.id(), e) != null) {
      throw new IllegalStateException("duplicate exercise id " + e.id());
    }
  }

  private static Exercise<IntUnaryOperator> intFunction(String id, String title, String hint,
      int from, int to, IntUnaryOperator reference) {
    List<Exercise.Case<IntUnaryOperator>> cases = new ArrayList<>();
    for (int b = from; b <= to; b++) {
      int arg = b;
      cases.add(new Exercise.Case<>("bits = " + b, f -> f.applyAsInt(arg),
          reference.applyAsInt(b)));
    }
    return new Exercise<>(id, title, IntUnaryOperator.class, cases, Exercise::exact, hint);
  }

  private static Exercise<DoubleUnaryOperator> rounding(String id, String title, Rounding mode,
      String hint) {
    List<Exercise.Case<DoubleUnaryOperator>> cases = new ArrayList<>();
    double[] fixed = {2.5, -2.5, 3.5, -3.5, 0.5, -0.5, 2.7, -2.7, 0.0, 1.0, -1.2, 1e6 + 0.5};
    SplittableRandom rng = new SplittableRandom(3);
    List<Double> values = new ArrayList<>();
    for (double v : fixed) {
      values.add(v);
    }
    for (int i = 0; i < 40; i++) {
      values.add(Math.round((rng.nextDouble() * 200 - 100) * 4) / 4.0); // many ties
    }
    for (double v : values) {
      cases.add(new Exercise.Case<>("v = " + v, f -> f.applyAsDouble(v), mode.round(v)));
    }
    return new Exercise<>(id, title, DoubleUnaryOperator.class, cases, Exercise.near(0), hint);
  }

  private static Exercise<QuantizeFn> quantize(String id, String title, String hint) {
    List<Exercise.Case<QuantizeFn>> cases = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(2);
    float[][] fixed = {{0.3f, 0.1f, 0, -8, 7}, {-1.5f, 4f / 255, -32, -128, 127},
        {2.5f, 4f / 255, -32, -128, 127}, {100f, 0.5f, 0, -8, 7}, {-100f, 0.5f, 3, 0, 15},
        {0.25f, 0.5f, 0, -8, 7}, {-0.25f, 0.5f, 0, -8, 7}};
    List<float[]> all = new ArrayList<>(List.of(fixed));
    for (int i = 0; i < 40; i++) {
      int bits = 2 + rng.nextInt(7);
      IntFormat f = rng.nextBoolean() ? IntFormat.signed(bits) : IntFormat.unsigned(bits);
      float scale = (float) (0.01 + rng.nextDouble());
      int zp = f.qmin() + rng.nextInt(f.levels());
      float x = (float) ((rng.nextDouble() * 2 - 1) * scale * f.levels());
      all.add(new float[] {x, scale, zp, f.qmin(), f.qmax()});
    }
    for (float[] a : all) {
      float x = a[0];
      float scale = a[1];
      int zp = (int) a[2];
      int qmin = (int) a[3];
      int qmax = (int) a[4];
      cases.add(new Exercise.Case<>("x = " + x + ", scale = " + scale + ", zeroPoint = " + zp
          + ", qmin = " + qmin + ", qmax = " + qmax, fn -> fn.q(x, scale, zp, qmin, qmax),
          QuantKernels.code(x, scale, zp, qmin, qmax, Rounding.HALF_AWAY_FROM_ZERO, null)));
    }
    return new Exercise<>(id, title, QuantizeFn.class, cases, Exercise::exact, hint);
  }

  private static Exercise<SqnrFn> sqnr(String id, String title, String hint) {
    List<Exercise.Case<SqnrFn>> cases = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(4);
    for (int bits : new int[] {2, 4, 6, 8}) {
      for (int k = 0; k < 3; k++) {
        float[] x = new float[64 + rng.nextInt(64)];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        float[] xHat = quantlab.quant.Quant.fakeQuantize(x, bits);
        double expected = quantlab.quant.ErrorStats.of(x, xHat).sqnrDb();
        cases.add(new Exercise.Case<>(x.length + " values in [-1, 1] fake-quantized to " + bits
            + " bits", fn -> fn.sqnrDb(x, xHat), expected));
      }
    }
    return new Exercise<>(id, title, SqnrFn.class, cases, Exercise.near(1e-6), hint);
  }

  private static Exercise<DequantizeFn> dequantize(String id, String title, String hint) {
    List<Exercise.Case<DequantizeFn>> cases = new ArrayList<>();
    int[][] qz = {{-128, 0}, {127, 0}, {0, -32}, {64, -32}, {255, 128}, {3, 3}};
    float[] scales = {0.5f, 4f / 255, 0.02f};
    for (int[] p : qz) {
      for (float s : scales) {
        float[] xHat = new float[1];
        QuantKernels.dequantize(new int[] {p[0]}, 0, 1, s, p[1], xHat);
        cases.add(new Exercise.Case<>("q = " + p[0] + ", scale = " + s + ", zeroPoint = " + p[1],
            fn -> fn.xHat(p[0], s, p[1]), xHat[0]));
      }
    }
    return new Exercise<>(id, title, DequantizeFn.class, cases, Exercise.near(1e-6), hint);
  }
}
