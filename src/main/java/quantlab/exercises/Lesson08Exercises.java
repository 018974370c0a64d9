package quantlab.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import quantlab.measure.Claim;
import quantlab.tfref.Mode;
import quantlab.tfref.RoundMode;
import quantlab.tfref.TfOps;
import quantlab.tfref.TfQuantType;
import quantlab.tfref.TfQuantized;

/**
 * The exercises of lesson 08 (measuring the chapter's claims): the code TensorFlow's
 * {@code QuantizeV2} gives one value in MIN_COMBINED mode, the range it reports in SCALED mode,
 * and the verdict on a speed claim from two timings. Expected results come from
 * {@link TfOps} (bit-exact with TensorFlow, docs/tensorflow-conformance.md) and {@link Claim}.
 */
final class Lesson08Exercises {
  private Lesson08Exercises() {}

  static List<Exercise<?>> all() {
    return List.of(minCombinedCode(), scaledRange(), claimVerdict());
  }

  /** TensorFlow's code, by the bit-exact replica. */
  static int minCombined(float x, float min, float max) {
    return TfOps.quantizeV2(new float[] {x}, min, max, TfQuantType.QUINT8, Mode.MIN_COMBINED,
        RoundMode.HALF_AWAY_FROM_ZERO, false).q(0);
  }

  /** The same formula in double arithmetic, as a careful learner might write it. */
  private static int minCombinedInDouble(float x, float min, float max) {
    double c = Math.max(min, Math.min(max, x));
    return (int) ((c - min) * (255.0 / ((double) max - min)) + 0.5);
  }

  static Exercise<QuantizeV2Fn> minCombinedCode() {
    List<Exercise.Case<QuantizeV2Fn>> cases = new ArrayList<>();
    // Fixed cases: 0.0 in a symmetric range (code 128 stands for 0.0039, not 0), the ends, values
    // outside the range (clamped), a one-sided range.
    float[][] fixed = {{0f, -1f, 1f}, {-1f, -1f, 1f}, {1f, -1f, 1f}, {0.5f, -1f, 1f},
        {-3f, -1f, 1f}, {7f, -1f, 1f}, {0.3f, -1.5f, 2.5f}, {0f, -1.5f, 2.5f},
        {0.25f, 0f, 1f}, {-0.1f, 0f, 1f}, {-0.05f, -0.2f, 0.1f}, {1.9f, -0.5f, 6f}};
    List<float[]> all = new ArrayList<>(List.of(fixed));
    SplittableRandom rng = new SplittableRandom(8);
    while (all.size() < 60) {
      float min = (float) -(rng.nextDouble() * 4);
      float max = (float) (0.05 + rng.nextDouble() * 4);
      float x = (float) ((rng.nextDouble() * 1.2 - 0.1) * (max - min) + min);
      all.add(new float[] {x, min, max});
    }
    for (float[] a : all) {
      float x = a[0];
      float min = a[1];
      float max = a[2];
      int expected = minCombined(x, min, max);
      // Keep only cases away from rounding ties, where float and double arithmetic agree.
      if (minCombinedInDouble(x, min, max) != expected) {
        continue;
      }
      cases.add(new Exercise.Case<>("x = " + x + ", min = " + min + ", max = " + max,
          fn -> fn.q(x, min, max), expected));
    }
    return new Exercise<>("08.1", "QuantizeV2 MIN_COMBINED code of one value (quint8)",
        QuantizeV2Fn.class, cases, Exercise::exact,
        "clamp x into [min, max]; scale = 255 / (max - min) (no zero point, no nudging); "
            + "q = (int) ((clamped - min) * scale + 0.5)");
  }

  /** TensorFlow's reported range, by the bit-exact replica. */
  static float[] scaled(float min, float max, boolean narrowRange) {
    TfQuantized t = TfOps.quantizeV2(new float[] {0f}, min, max, TfQuantType.QINT8, Mode.SCALED,
        RoundMode.HALF_TO_EVEN, narrowRange);
    return new float[] {t.outputMin(), t.outputMax()};
  }

  static Exercise<ScaledRangeFn> scaledRange() {
    List<Exercise.Case<ScaledRangeFn>> cases = new ArrayList<>();
    float[][] fixed = {{-1.5f, 2.5f}, {-2.5f, 1.5f}, {-1f, 1f}, {-128f, 127f}, {-0.3f, 0.05f},
        {-0.01f, 3f}};
    List<float[]> ranges = new ArrayList<>(List.of(fixed));
    SplittableRandom rng = new SplittableRandom(9);
    for (int i = 0; i < 20; i++) {
      ranges.add(new float[] {(float) -(0.05 + rng.nextDouble() * 5),
          (float) (0.05 + rng.nextDouble() * 5)});
    }
    for (float[] r : ranges) {
      for (boolean narrow : new boolean[] {false, true}) {
        float min = r[0];
        float max = r[1];
        cases.add(new Exercise.Case<>("min = " + min + ", max = " + max + ", narrowRange = "
            + narrow, fn -> fn.range(min, max, narrow), scaled(min, max, narrow)));
      }
    }
    return new Exercise<>("08.2", "the range QuantizeV2 reports in SCALED mode (qint8)",
        ScaledRangeFn.class, cases, Exercise.nearFloats(1e-5),
        "lowest = -128 (-127 with narrowRange), highest = 127; s = min(lowest / min, "
            + "highest / max); return {lowest / s, highest / s}");
  }

  static Exercise<ClaimVerdictFn> claimVerdict() {
    List<Exercise.Case<ClaimVerdictFn>> cases = new ArrayList<>();
    double[][] fixed = {{2.0, 1.0}, {1.0, 2.0}, {1.0, 1.05}, {1.05, 1.0}, {4.32, 2.64},
        {2.64, 4.32}, {0.177, 0.164}, {0.107, 0.164}, {1.0, 0.5}, {10, 9.5}, {10, 8.9},
        {10, 11.2}, {10, 10.8}, {3.0, 0.0}};
    List<double[]> all = new ArrayList<>(List.of(fixed));
    SplittableRandom rng = new SplittableRandom(10);
    for (int i = 0; i < 30; i++) {
      double base = 0.05 + rng.nextDouble() * 5;
      all.add(new double[] {base, base * Math.exp((rng.nextDouble() - 0.5) * 0.8)});
    }
    for (double[] a : all) {
      double base = a[0];
      double cand = a[1];
      String expected = Claim.verdict(base, cand);
      // No case within 0.1% of a band edge, where rounding of the learner's ratio could flip it.
      double gain = base / cand;
      if (Math.abs(gain - 1.1) < 1e-3 || Math.abs(gain - 1 / 1.1) < 1e-3) {
        continue;
      }
      cases.add(new Exercise.Case<>(String.format(Locale.ROOT,
          "baselineMillis = %s, candidateMillis = %s", base, cand),
          fn -> fn.verdict(base, cand), expected));
    }
    return new Exercise<>("08.3", "verdict on a speed claim from two timings",
        ClaimVerdictFn.class, cases, Exercise::exact,
        "speedup = baselineMillis / candidateMillis; \"TRUE\" if speedup >= 1.1, \"FALSE\" if "
            + "speedup <= 1 / 1.1, else \"NOT SHOWN\"");
  }
}
