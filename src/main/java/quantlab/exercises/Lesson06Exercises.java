package quantlab.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import quantlab.tfref.FakeQuantNudge;
import quantlab.tfref.TfOps;

/**
 * Lesson 06 (quantization-aware training): fake quantization with TensorFlow's nudged range, its
 * straight-through gradient, and one SGD step through it. Expected values come from quantlab's
 * replicas of TensorFlow's kernels ({@link TfOps#fakeQuantWithMinMaxArgs},
 * {@link TfOps#fakeQuantWithMinMaxArgsGradient}).
 */
final class Lesson06Exercises {
  private Lesson06Exercises() {}

  static List<Exercise<?>> all() {
    return List.of(fakeQuant(), steGradient(), steStep());
  }

  /** Ranges {min, max, bits}: hand-picked ones first, then random ones (seeded). */
  static List<float[]> ranges(long seed, int random) {
    List<float[]> r = new ArrayList<>(List.of(
        new float[] {-1f, 1f, 8}, // the zero point is 127.49999 in float32: nudges up
        new float[] {-1.5f, 2.5f, 8}, // TfOps' javadoc example
        new float[] {-2f, 1.75f, 4}, // scale 0.25, exact: ties are exact
        new float[] {-1.5f, 1.5f, 2}, // nudges to [-2, 1]
        new float[] {0.5f, 3f, 8}, // 0 outside [min, max]: the range moves to [0, 2.5]
        new float[] {-4f, -1f, 4}, // all negative: the range moves to [-3, 0]
        new float[] {-6f, 6f, 8})); // FakeQuantWithMinMaxArgs' defaults
    SplittableRandom rng = new SplittableRandom(seed);
    while (r.size() < 7 + random) {
      float min = (float) -(0.05 + rng.nextDouble() * 5);
      float max = (float) (0.05 + rng.nextDouble() * 5);
      int bits = 2 + rng.nextInt(7);
      if (!nearHalf(zeroPointFromMin(min, max, bits))) {
        r.add(new float[] {min, max, bits});
      }
    }
    return r;
  }

  static double zeroPointFromMin(float min, float max, int bits) {
    return -(double) min / (((double) max - min) / ((1 << bits) - 1));
  }

  /** True when {@code v} is within 1e-3 of a half: float and double may round it differently. */
  static boolean nearHalf(double v) {
    double frac = v - Math.floor(v);
    return Math.abs(frac - 0.5) < 1e-3;
  }

  static String describe(float x, float[] r) {
    return "x = " + x + ", min = " + r[0] + ", max = " + r[1] + ", bits = " + (int) r[2];
  }

  static Exercise<FakeQuantFn> fakeQuant() {
    List<Exercise.Case<FakeQuantFn>> cases = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(61);
    for (float[] r : ranges(62, 25)) {
      float min = r[0];
      float max = r[1];
      int bits = (int) r[2];
      double zp = zeroPointFromMin(min, max, bits);
      if (nearHalf(zp) && zp != Math.floor(zp) + 0.5) {
        continue; // [-1, 1] at 8 bits: 127.49999 in float32, 127.5 or so in double
      }
      FakeQuantNudge n = FakeQuantNudge.of(min, max, bits, false);
      List<Float> xs = new ArrayList<>(List.of(0f, min, max, min - 1, max + 1));
      if (bits == 4 && min == -2f) {
        xs.addAll(List.of(0.125f, -0.125f, 0.375f)); // exact ties: they go up
      }
      for (int i = 0; i < 4; i++) {
        xs.add((float) (min - 0.2 * (max - min) + rng.nextDouble() * 1.4 * (max - min)));
      }
      for (float x : xs) {
        double steps = (Math.min(Math.max(x, n.nudgedMin()), n.nudgedMax()) - (double) n
            .nudgedMin()) / n.scale();
        if (nearHalf(steps) && steps != Math.floor(steps) + 0.5) {
          continue; // almost a tie: float and double arithmetic may round it differently
        }
        float expected = TfOps.fakeQuantWithMinMaxArgs(new float[] {x}, min, max, bits,
            false)[0];
        cases.add(new Exercise.Case<>(describe(x, r), f -> f.xHat(x, min, max, bits),
            expected));
      }
    }
    return new Exercise<>("06.1", "fake-quantize one value with TensorFlow's nudged range",
        FakeQuantFn.class, cases, Exercise.near(1e-5),
        "scale = (max - min) / (2^bits - 1); zeroPoint = Math.round(-min / scale) clamped into "
            + "[0, 2^bits - 1]; nudgedMin = -zeroPoint * scale, nudgedMax = (2^bits - 1 - "
            + "zeroPoint) * scale; clamp x into [nudgedMin, nudgedMax]; xHat = nudgedMin + "
            + "scale * floor((clamped - nudgedMin) / scale + 0.5)");
  }

  static float steReference(float x, float min, float max, int bits) {
    return TfOps.fakeQuantWithMinMaxArgsGradient(new float[] {1f}, new float[] {x}, min, max,
        bits, false)[0];
  }

  static Exercise<SteGradientFn> steGradient() {
    List<Exercise.Case<SteGradientFn>> cases = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(63);
    for (float[] r : ranges(64, 13)) {
      float min = r[0];
      float max = r[1];
      int bits = (int) r[2];
      FakeQuantNudge n = FakeQuantNudge.of(min, max, bits, false);
      List<Float> xs = new ArrayList<>(List.of(0.5f * (min + max), max + 1, min, max,
          n.nudgedMin(), n.nudgedMax(), Math.nextDown(n.nudgedMin()),
          Math.nextUp(n.nudgedMax()), min - 1));
      for (int i = 0; i < 3; i++) {
        xs.add((float) (min - 0.3 * (max - min) + rng.nextDouble() * 1.6 * (max - min)));
      }
      for (float x : xs) {
        if (x != 0f && Math.abs(x) < Float.MIN_NORMAL) {
          continue; // TensorFlow reads subnormals as 0 (DAZ): a detail not worth an exercise
        }
        cases.add(new Exercise.Case<>(describe(x, r), f -> f.gradient(x, min, max, bits),
            steReference(x, min, max, bits)));
      }
    }
    return new Exercise<>("06.2", "the straight-through gradient of fake quantization",
        SteGradientFn.class, cases, Exercise::exact,
        "the range is nudged first: FakeQuantNudge n = FakeQuantNudge.of(min, max, bits, false); "
            + "return 1 when n.nudgedMin() <= x <= n.nudgedMax() (both ends count), else 0");
  }

  static Exercise<SteStepFn> steStep() {
    List<Exercise.Case<SteStepFn>> cases = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(65);
    float[] rates = {0.1f, 0.01f, 0.5f};
    int k = 0;
    for (float[] r : ranges(66, 10)) {
      float min = r[0];
      float max = r[1];
      int bits = (int) r[2];
      FakeQuantNudge n = FakeQuantNudge.of(min, max, bits, false);
      float[] ws = {(float) (0.3 * min + 0.2 * max), (float) (max + 0.5),
          n.nudgedMax(), (float) (min - 0.7), (float) (min + rng.nextDouble() * (max - min))};
      for (float w : ws) {
        float g = (float) (rng.nextDouble() * 4 - 2);
        float lr = rates[k++ % rates.length];
        float expected = w - lr * TfOps.fakeQuantWithMinMaxArgsGradient(new float[] {g},
            new float[] {w}, min, max, bits, false)[0];
        cases.add(new Exercise.Case<>("w = " + w + ", gradient = " + g + ", learningRate = "
            + lr + ", min = " + min + ", max = " + max + ", bits = " + bits,
            f -> f.step(w, g, lr, min, max, bits), expected));
      }
    }
    return new Exercise<>("06.3", "one SGD step on a shadow weight through the STE",
        SteStepFn.class, cases, Exercise.near(1e-6),
        "update the float weight w, not xHat: dL/dw = gradient * (STE gradient at w, your 06.2); "
            + "return w - learningRate * dL/dw (a weight outside the nudged range does not move)");
  }
}
