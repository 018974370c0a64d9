package quantlab.exercises;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import quantlab.minifloat.MiniFloat;
import quantlab.quant.IntFormat;
import quantlab.quant.internal.QuantKernels;
import quantlab.quant.QuantParams;
import quantlab.quant.QuantizedTensor;
import quantlab.quant.Rounding;
import quantlab.quant.Shape;
import quantlab.tflite.TfliteQuantization;

/**
 * Exercises of lesson 07 (deploying with TensorFlow Lite). Expected results come from quantlab's
 * implementation: {@link MiniFloat#FLOAT16} for the float16 file's bits, {@link QuantizedTensor}
 * with the parameters {@link TfliteQuantization#toQuantParams} reads from a file for per-channel
 * weights, and {@link QuantKernels#code} with the float32 bias scale, as
 * {@code quantlab.tflite.TfliteWriter} computes int32 biases.
 */
final class Lesson07Exercises {
  private Lesson07Exercises() {}

  static List<Exercise<?>> all() {
    return List.of(
        float16Bits("07.1", "float16 bits of a float32 weight",
            "take Float.floatToIntBits(x): keep the sign bit; exponent field - 127 + 15; keep the"
                + " top 10 of the 23 mantissa bits and round the 13 dropped bits to nearest, ties"
                + " to even (a carry out of the mantissa goes into the exponent)"),
        perChannelDequantize("07.2", "dequantize per-channel int8 weights",
            "the channel of flat index i is (i / stride) % shape[quantizedDimension], where"
                + " stride is the product of the dimensions after quantizedDimension; then"
                + " xHat = scales[channel] * q"),
        biasCodes("07.3", "int32 bias codes of an int8 layer",
            "bias scale = inputScale * weightScales[c] in float; divide the bias by it; round"
                + " half away from zero (Math.round rounds -2.5 to -2!)"));
  }

  private static Exercise<Float16BitsFn> float16Bits(String id, String title, String hint) {
    List<Float> values = new ArrayList<>(List.of(1.0f, -2.0f, 0.1f, 0.5f, 65504f, -65504f,
        0x1p-14f, -0x1p-14f, 1f + 0x1p-11f, 1f + 3 * 0x1p-11f, 2047.9f, 0.0123f, -0.4567f,
        3.14159265f, 1f - 0x1p-12f));
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < 60; i++) {
      // log-uniform magnitudes over the normal float16 range [2^-14, 2^15], both signs
      float v = (float) Math.pow(2, -14 + rng.nextDouble() * 29);
      values.add(rng.nextBoolean() ? v : -v);
    }
    for (int i = 0; i < 20; i++) {
      values.add((float) (rng.nextGaussian() * 0.05)); // weight-sized values
    }
    List<Exercise.Case<Float16BitsFn>> cases = new ArrayList<>();
    for (float x : values) {
      if (Math.abs(x) < 0x1p-14f || Math.abs(x) > 65504f) {
        continue; // the exercise covers normal float16 numbers only
      }
      int expected = MiniFloat.FLOAT16.encode(x);
      cases.add(new Exercise.Case<>("x = " + x + " (float32 bits 0x"
          + Integer.toHexString(Float.floatToIntBits(x)) + ")",
          fn -> new Hex16(fn.bits(x)), new Hex16(expected)));
    }
    return new Exercise<>(id, title, Float16BitsFn.class, cases, Exercise::exact, hint);
  }

  /** A 16-bit pattern shown in hex ("0x3c00"); only the low 16 bits count. */
  record Hex16(int bits) {
    Hex16 {
      bits &= 0xFFFF;
    }

    @Override
    public String toString() {
      return String.format("0x%04x", bits);
    }
  }

  private static Exercise<PerChannelDequantizeFn> perChannelDequantize(String id, String title,
      String hint) {
    int[][] shapes = {{2, 2}, {2, 2}, {3, 4}, {3, 4}, {4, 2, 2, 1}, {1, 2, 2, 3}, {2, 3, 4},
        {2, 3, 4}, {5}, {3, 1, 1, 2}};
    int[] dims = {0, 1, 0, 1, 0, 3, 1, 2, 0, 0};
    SplittableRandom rng = new SplittableRandom(8);
    List<Exercise.Case<PerChannelDequantizeFn>> cases = new ArrayList<>();
    for (int k = 0; k < shapes.length; k++) {
      int[] shape = shapes[k];
      int dim = dims[k];
      int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
      byte[] q = new byte[n];
      int[] qi = new int[n];
      for (int i = 0; i < n; i++) {
        qi[i] = k == 0 ? i + 1 : rng.nextInt(255) - 127;
        q[i] = (byte) qi[i];
      }
      float[] scales = new float[shape[dim]];
      for (int c = 0; c < scales.length; c++) {
        scales[c] = k == 0 ? (c == 0 ? 0.5f : 0.25f) : (float) (0.001 + rng.nextDouble() * 0.05);
      }
      QuantParams p = TfliteQuantization.perChannel(scales, new long[scales.length], dim)
          .toQuantParams(IntFormat.int8().narrow());
      float[] expected = QuantizedTensor.of(Shape.of(shape), p, qi).dequantize();
      String input = "q = " + abbreviate(Arrays.toString(qi)) + ", shape = "
          + Arrays.toString(shape) + ", scales = " + abbreviate(Arrays.toString(scales))
          + ", quantizedDimension = " + dim;
      cases.add(new Exercise.Case<>(input,
          fn -> fn.xHat(q.clone(), shape.clone(), scales.clone(), dim), expected));
    }
    return new Exercise<>(id, title, PerChannelDequantizeFn.class, cases, Exercise.nearFloats(1e-6),
        hint);
  }

  private static Exercise<BiasCodesFn> biasCodes(String id, String title, String hint) {
    List<Exercise.Case<BiasCodesFn>> cases = new ArrayList<>();
    // A hand-made case with exact ties: 0.3125 / (0.5 * 0.25) = 2.5 and -2.5.
    addBiasCase(cases, new float[] {0.3125f, -0.3125f, 0f, 1f}, 0.5f,
        new float[] {0.25f, 0.25f, 0.25f, 0.125f});
    SplittableRandom rng = new SplittableRandom(9);
    float[] inputScales = {1f / 255, 0.0472f, 0.0189f, 0.11f, 1f / 255, 0.0068f};
    for (float inputScale : inputScales) {
      int channels = 3 + rng.nextInt(8);
      float[] bias = new float[channels];
      float[] weightScales = new float[channels];
      for (int c = 0; c < channels; c++) {
        bias[c] = (float) (rng.nextGaussian() * 0.1);
        weightScales[c] = (float) (0.0005 + rng.nextDouble() * 0.01);
      }
      addBiasCase(cases, bias, inputScale, weightScales);
    }
    return new Exercise<>(id, title, BiasCodesFn.class, cases, Exercise::exact, hint);
  }

  private static void addBiasCase(List<Exercise.Case<BiasCodesFn>> cases, float[] bias,
      float inputScale, float[] weightScales) {
    int[] expected = new int[bias.length];
    for (int c = 0; c < bias.length; c++) {
      float biasScale = inputScale * weightScales[c];
      expected[c] = QuantKernels.code(bias[c], biasScale, 0, -Integer.MAX_VALUE,
          Integer.MAX_VALUE, Rounding.HALF_AWAY_FROM_ZERO, null);
    }
    cases.add(new Exercise.Case<>("bias = " + Arrays.toString(bias) + ", inputScale = "
        + inputScale + ", weightScales = " + Arrays.toString(weightScales),
        fn -> fn.q(bias.clone(), inputScale, weightScales.clone()), expected));
  }

  private static String abbreviate(String s) {
    return s.length() <= 100 ? s : s.substring(0, 97) + "...";
  }
}
