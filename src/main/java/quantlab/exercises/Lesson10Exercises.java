package quantlab.exercises;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;
import quantlab.ptq.BatchNormFolding;
import quantlab.quant.Quantizer;
import quantlab.quant.Rounding;
import quantlab.quant.Shape;
import quantlab.tf.Weights;

/**
 * The exercises of lesson 10 (convolutions, batch norm and per-channel scales): fold one
 * channel's batch norm, the largest code each channel reaches with one per-tensor scale, and the
 * per-channel scales after folding. Expected results come from {@link BatchNormFolding} and
 * {@link Quantizer}.
 */
final class Lesson10Exercises {
  private Lesson10Exercises() {}

  static List<Exercise<?>> all() {
    return List.of(foldChannel(), perTensorCodes(), foldedScales());
  }

  static Exercise<FoldChannelFn> foldChannel() {
    List<Exercise.Case<FoldChannelFn>> cases = new ArrayList<>();
    // The javadoc example of BatchNormFolding, channel 0: f = 3 / sqrt(3.75 + 0.25) = 1.5.
    addFoldCase(cases, new float[] {0.5f, -1f}, 0.25f, 3f, 0.5f, 1f, 3.75f, 0.25f);
    // A negative gamma flips the channel's sign.
    addFoldCase(cases, new float[] {0.2f, 0.4f, -0.1f}, 0f, -2f, 0.1f, 0.3f, 0.99f, 0.01f);
    SplittableRandom rng = new SplittableRandom(101);
    for (int k = 0; k < 12; k++) {
      float[] w = new float[9 * (1 + k % 3)];
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) (rng.nextGaussian() * 0.3);
      }
      addFoldCase(cases, w, (float) (rng.nextGaussian() * 0.05),
          (float) (0.2 + 2 * rng.nextDouble()), (float) (rng.nextGaussian() * 0.2),
          (float) (rng.nextGaussian() * 0.5), (float) (0.0005 + rng.nextDouble() * 0.1), 1e-3f);
    }
    BiPredicate<Object, Object> same = (a, b) -> {
      if (!(a instanceof FoldedChannel x) || !(b instanceof FoldedChannel y) || y.w() == null) {
        return false;
      }
      return Exercise.nearFloats(1e-5).test(x.w(), y.w())
          && Exercise.near(1e-5).test((double) x.b(), (double) y.b());
    };
    return new Exercise<>("10.1", "fold a batch norm into one channel", FoldChannelFn.class,
        cases, same, "f = gamma / (float) Math.sqrt(variance + epsilon); multiply every weight by"
            + " f; the bias becomes beta + f * (b - mean); return new FoldedChannel(wFold, bFold)");
  }

  private static void addFoldCase(List<Exercise.Case<FoldChannelFn>> cases, float[] w, float b,
      float gamma, float beta, float mean, float variance, float epsilon) {
    BatchNormFolding.Folded f = BatchNormFolding.fold(
        new Weights("w", Shape.of(w.length, 1), w), new Weights("b", Shape.of(1), new float[] {b}),
        new float[] {gamma}, new float[] {beta}, new float[] {mean}, new float[] {variance},
        epsilon);
    FoldedChannel expected = new FoldedChannel(f.kernel().values(), f.bias().values()[0]);
    String input = "w = " + preview(w) + ", b = " + b + ", gamma = " + gamma + ", beta = " + beta
        + ", mean = " + mean + ", variance = " + variance + ", epsilon = " + epsilon;
    cases.add(new Exercise.Case<>(input,
        fn -> fn.fold(w.clone(), b, gamma, beta, mean, variance, epsilon), expected));
  }

  static Exercise<PerTensorCodesFn> perTensorCodes() {
    List<Exercise.Case<PerTensorCodesFn>> cases = new ArrayList<>();
    // [2, 2]: channels {0.5, -0.25} and {-0.01, 0.02}; scale 0.5 / 127 -> codes 127 and 5.
    addCodesCase(cases, new float[] {0.5f, -0.01f, -0.25f, 0.02f}, 2, 8);
    SplittableRandom rng = new SplittableRandom(102);
    int[][] shapes = {{3, 3, 1, 4}, {3, 3, 2, 8}, {3, 3, 1, 16}, {4, 6}, {3, 3, 4, 5}};
    for (int k = 0; k < shapes.length * 2; k++) {
      Shape s = Shape.of(shapes[k % shapes.length]);
      int channels = s.dim(-1);
      float[] w = new float[s.size()];
      double[] spread = new double[channels];
      for (int c = 0; c < channels; c++) {
        spread[c] = Math.pow(10, -2 * rng.nextDouble()); // channel ranges over two decades
      }
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) (rng.nextGaussian() * spread[i % channels]);
      }
      addCodesCase(cases, w, channels, k < shapes.length ? 8 : 4);
    }
    return new Exercise<>("10.2", "largest per-tensor code of each channel",
        PerTensorCodesFn.class, cases, Exercise::exact,
        "scale = max |w| over the WHOLE tensor / qmax, qmax = 2^(bits-1) - 1; channel of w[i] is "
            + "i % channels; keep the largest Math.abs((int) Math.rint(w[i] / scale)) per channel");
  }

  private static void addCodesCase(List<Exercise.Case<PerTensorCodesFn>> cases, float[] w,
      int channels, int bits) {
    Quantizer q = Quantizer.builder().bits(bits).symmetric().narrowRange(true)
        .rounding(Rounding.HALF_TO_EVEN).build();
    int[] codes = q.quantize(w, Shape.of(w.length / channels, channels)).q();
    int[] expected = new int[channels];
    for (int i = 0; i < codes.length; i++) {
      expected[i % channels] = Math.max(expected[i % channels], Math.abs(codes[i]));
    }
    cases.add(new Exercise.Case<>(w.length + " weights " + preview(w) + ", channels = "
        + channels + ", bits = " + bits, fn -> fn.maxCodes(w.clone(), channels, bits), expected));
  }

  static Exercise<FoldedScalesFn> foldedScales() {
    List<Exercise.Case<FoldedScalesFn>> cases = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(103);
    for (int k = 0; k < 10; k++) {
      int channels = 2 + rng.nextInt(15);
      float[] w = new float[9 * channels];
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) (rng.nextGaussian() * 0.2);
      }
      float[] gamma = new float[channels];
      float[] variance = new float[channels];
      for (int c = 0; c < channels; c++) {
        // from the third case on, some gammas are negative: |f| is what scales the range
        gamma[c] = (float) ((k >= 2 && c % 3 == 0 ? -1 : 1) * (0.1 + 2 * rng.nextDouble()));
        variance[c] = (float) (0.0005 + rng.nextDouble() * 0.2);
      }
      float eps = 1e-3f;
      int bits = k % 2 == 0 ? 8 : 4;
      Quantizer pc = Quantizer.builder().bits(bits).symmetric().narrowRange(true).perChannel(-1)
          .rounding(Rounding.HALF_TO_EVEN).build();
      Shape shape = Shape.of(9, channels);
      float[] before = pc.paramsFor(w, shape).scales();
      Weights folded = BatchNormFolding.fold(new Weights("w", shape, w),
          new Weights("b", Shape.of(channels), new float[channels]), gamma, new float[channels],
          new float[channels], variance, eps).kernel();
      float[] expected = pc.paramsFor(folded.values(), shape).scales();
      cases.add(new Exercise.Case<>("scales = " + preview(before) + ", gamma = " + preview(gamma)
          + ", variance = " + preview(variance) + ", epsilon = " + eps,
          fn -> fn.scales(before.clone(), gamma.clone(), variance.clone(), eps), expected));
    }
    return new Exercise<>("10.3", "per-channel scales after folding", FoldedScalesFn.class,
        cases, relativeFloats(1e-5),
        "scale[c] * Math.abs(gamma[c]) / (float) Math.sqrt(variance[c] + epsilon): a negative "
            + "gamma flips the weights' signs, not the size of their range");
  }

  /** float[] of the expected length, each element within {@code tol} of the expected, relative. */
  static BiPredicate<Object, Object> relativeFloats(double tol) {
    return (a, b) -> {
      if (!(a instanceof float[] x) || !(b instanceof float[] y) || x.length != y.length) {
        return false;
      }
      for (int i = 0; i < x.length; i++) {
        if (!(Math.abs(x[i] - y[i]) <= tol * Math.abs(x[i]))) {
          return false;
        }
      }
      return true;
    };
  }

  private static String preview(float[] v) {
    String s = Arrays.toString(v);
    return s.length() <= 90 ? s : s.substring(0, 87) + "...";
  }
}
