package quantlab.exercises;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;
import java.util.function.IntUnaryOperator;
import quantlab.pack.BitPacking;
import quantlab.quant.Granularity;
import quantlab.quant.ParamLayout;
import quantlab.quant.Quantizer;
import quantlab.quant.Rounding;
import quantlab.quant.Shape;

/**
 * The exercises of lesson 04 (quantizing a trained model's weights): per-channel scales, how many
 * codes one channel uses, and the packed size of the chapter's MLP. Expected results come
 * from {@link Quantizer}, {@link ParamLayout} and {@link BitPacking}.
 */
final class Lesson04Exercises {
  private Lesson04Exercises() {}

  /** The MLP's kernels, {@code [in, out]}: 784 -> 128 -> 10. */
  static final List<Shape> MLP_KERNELS = List.of(Shape.of(784, 128), Shape.of(128, 10));

  static List<Exercise<?>> all() {
    return List.of(channelScales(), codesUsed(), mlpBytes());
  }

  /** Symmetric, narrow range, one scale per output channel (axis -1), as the lesson uses. */
  static Quantizer perChannel(int bits) {
    return Quantizer.builder().bits(bits).symmetric().narrowRange(true).perChannel(-1)
        .rounding(Rounding.HALF_TO_EVEN).build();
  }

  static Exercise<ChannelScalesFn> channelScales() {
    List<Exercise.Case<ChannelScalesFn>> cases = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(41);
    int[][] dims = {{2, 3}, {5, 2}, {1, 4}, {7, 1}, {16, 8}, {3, 3}, {784, 4}};
    for (int k = 0; k < dims.length; k++) {
      int rows = dims[k][0];
      int cols = dims[k][1];
      int bits = 2 + k % 7;
      float[] w = new float[rows * cols];
      for (int i = 0; i < w.length; i++) {
        // Each column gets its own spread, so per-column and per-row answers differ.
        int c = i % cols;
        w[i] = (float) (rng.nextGaussian() * 0.05 * (1 + 3 * c));
      }
      if (rows > 1) {
        w[cols] = -0.9f; // a negative value with the largest magnitude in column 0
      }
      cases.add(channelScalesCase(w, rows, cols, bits));
    }
    // A dead neuron: column 1 is all zeros; its scale is 1 (zeros are exact under any scale).
    cases.add(channelScalesCase(new float[] {0.5f, 0f, -0.25f, 0f, 0.1f, 0f}, 3, 2, 4));
    return new Exercise<>("04.1", "per-channel scales of a [rows, cols] kernel",
        ChannelScalesFn.class, cases, nearArrays(1e-6),
        "channel c is column c: w[i * cols + c] for i in [0, rows); scale = max |w| / qmax with "
            + "qmax = 2^(bits-1) - 1; a channel of zeros gets scale 1");
  }

  private static Exercise.Case<ChannelScalesFn> channelScalesCase(float[] w, int rows, int cols,
      int bits) {
    float[] expected = perChannel(bits).paramsFor(w, Shape.of(rows, cols)).scales();
    String input = rows + " x " + cols + " matrix " + preview(w) + ", bits = " + bits;
    return new Exercise.Case<>(input, fn -> fn.scales(w.clone(), rows, cols, bits), expected);
  }

  static Exercise<IntUnaryOperator> mlpBytes() {
    List<Exercise.Case<IntUnaryOperator>> cases = new ArrayList<>();
    for (int b = 2; b <= 8; b++) {
      long bytes = 0;
      for (Shape s : MLP_KERNELS) {
        int channels = ParamLayout.of(s, Granularity.perChannel(-1)).paramCount();
        bytes += BitPacking.packedSize(s.size(), b) + 4L * channels; // codes + float32 scales
        bytes += 4L * s.dim(-1); // float32 biases, one per output
      }
      int bits = b;
      cases.add(new Exercise.Case<>("bits = " + b, f -> f.applyAsInt(bits), (int) bytes));
    }
    return new Exercise<>("04.3", "bytes of the MLP at b bits, per-channel scales",
        IntUnaryOperator.class, cases, Exercise::exact,
        "for each of the two layers: its kernel's codes packed at b bits (round up to whole "
            + "bytes), 4 bytes per output channel for its scale, and 4 bytes per bias");
  }

  static Exercise<CodesUsedFn> codesUsed() {
    List<Exercise.Case<CodesUsedFn>> cases = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(43);
    int[] lengths = {784, 128, 10, 784, 50, 3000, 784};
    for (int k = 0; k < lengths.length; k++) {
      float[] x = new float[lengths[k]];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (rng.nextGaussian() * 0.04);
      }
      if (k == 3) {
        x[17] = 0.6f; // one outlier, 15 standard deviations out: most codes go unused
      }
      cases.add(codesUsedCase(x, 2 + k % 7));
    }
    cases.add(codesUsedCase(new float[] {0.3f, -0.3f, 0.1f, 0.1f}, 3));
    cases.add(codesUsedCase(new float[] {0f, 0f, 0f}, 4));
    return new Exercise<>("04.2", "codes one channel uses with its own scale",
        CodesUsedFn.class, cases, Exercise::exact,
        "scale = max |x| / qmax (1 when all x are 0); q = Math.rint(x / scale); count the "
            + "distinct q (a Set<Integer> or a boolean[] of 2 * qmax + 1 entries)");
  }

  private static Exercise.Case<CodesUsedFn> codesUsedCase(float[] x, int bits) {
    int[] q = perChannel(bits).toBuilder().perTensor().build().quantize(x).q();
    int expected = (int) Arrays.stream(q).distinct().count();
    return new Exercise.Case<>(x.length + " values " + preview(x) + ", bits = " + bits,
        fn -> fn.codesUsed(x.clone(), bits), expected);
  }

  /** float[] results equal in length and each within a relative tolerance {@code tol}. */
  static BiPredicate<Object, Object> nearArrays(double tol) {
    return (a, b) -> {
      if (!(a instanceof float[] x) || !(b instanceof float[] y) || x.length != y.length) {
        return false;
      }
      for (int i = 0; i < x.length; i++) {
        if (!(Math.abs((double) x[i] - y[i]) <= tol * Math.max(1e-30, Math.abs(x[i])))) {
          return false;
        }
      }
      return true;
    };
  }

  /** The first values of a long array, for the message of a failing case. */
  static String preview(float[] v) {
    if (v.length <= 8) {
      return Arrays.toString(v);
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 4; i++) {
      sb.append(v[i]).append(", ");
    }
    return sb.append("...]").toString();
  }
}
