package quantlab.interp;

import static quantlab.interp.ShapeInferenceTest.refused;

import org.junit.jupiter.api.Test;

/**
 * Load-time refusals of quantization parameters and omitted inputs the kernels cannot run, each
 * a minimal hand-built model of a defect the fuzz campaign found (before, the model loaded and
 * its run threw a raw IllegalArgumentException from the requantization arithmetic, or the
 * validator itself an ArrayIndexOutOfBoundsException).
 */
class ValidatorTest {

  /** int8 x -> FULLY_CONNECTED(w, bias) -> y, with the given scales. */
  static byte[] int8Fc(float inScale, float weightScale, float outScale, int outZeroPoint) {
    ModelBuilder b = new ModelBuilder();
    int x = b.int8Tensor("x", inScale, 0, 1, 2);
    int w = b.constInt8("w", new int[] {2, 2}, new byte[] {1, 2, 3, 4},
        new float[] {weightScale}, 0);
    int bias = b.constInt32("b", new int[] {2}, new int[] {0, 0},
        new float[] {inScale * weightScale});
    int y = b.int8Tensor("y", outScale, outZeroPoint, 1, 2);
    b.op(ModelBuilder.FULLY_CONNECTED, 4, new int[] {x, w, bias}, new int[] {y},
        ModelBuilder.fc(ModelBuilder.NONE));
    return b.build(new int[] {x}, new int[] {y});
  }

  @Test
  void omittedFirstInput() {
    // cnn_int8:-8124331185417642677: an operator input of -1 (TFLite's "omitted") at position 0
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 2);
    int y = b.floatTensor("y", 1, 2);
    b.op(ModelBuilder.SOFTMAX, 1, new int[] {-1}, new int[] {y}, ModelBuilder.softmax(1f));
    refused(b.build(new int[] {x}, new int[] {y}),
        "operator 0 (SOFTMAX, version 1): input 0 is omitted (-1), but the operator needs it");
  }

  @Test
  void omittedSecondAddInput() {
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 2);
    int y = b.floatTensor("y", 1, 2);
    b.op(ModelBuilder.ADD, 1, new int[] {x, -1}, new int[] {y},
        ModelBuilder.add(ModelBuilder.NONE));
    refused(b.build(new int[] {x}, new int[] {y}), "input 1 is omitted (-1)");
  }

  @Test
  void activationScaleThatIsNaNOrZero() {
    refused(int8Fc(0.5f, 0.25f, Float.NaN, 0),
        "int8 tensor 'y' INT8 [1, 2] has scale NaN; a scale must be finite and > 0");
    refused(int8Fc(0f, 0.25f, 1f, 0), "int8 tensor 'x' INT8 [1, 2] has scale 0.0");
  }

  @Test
  void activationZeroPointOutsideInt8() {
    refused(int8Fc(0.5f, 0.25f, 1f, 300),
        "int8 tensor 'y' INT8 [1, 2] has zeroPoint 300; an int8 zero point must be in [-128, 127]");
  }

  @Test
  void negativeWeightScale() {
    // mlp_int8_per_channel:1159096091090495872: "real multiplier must be finite and >= 0" at run
    refused(int8Fc(0.5f, -0.25f, 1f, 0),
        "weights 'w' INT8 [2, 2] have scale -0.25; weight scales must be finite and >= 0");
  }

  @Test
  void int8SoftmaxWithANegativeBeta() {
    // mlp_int8_per_tensor:-3912813182845819518: the reference kernel's multiplier was negative
    ModelBuilder b = new ModelBuilder();
    int x = b.int8Tensor("x", 0.1f, 0, 1, 4);
    int y = b.int8Tensor("y", 1f / 256, -128, 1, 4);
    b.op(ModelBuilder.SOFTMAX, 2, new int[] {x}, new int[] {y}, ModelBuilder.softmax(-1f));
    refused(b.build(new int[] {x}, new int[] {y}),
        "int8 SOFTMAX needs beta * input scale * 2^26 in [0.5, inf), got beta -1.0");
  }

  @Test
  void int8AddWithAnInputToOutputScaleRatioXnnpackRefuses() {
    // cnn_int8:-4855664245988000054: ratio 1e6; the reference output multiplier was > 1 and
    // RoundingDivideByPOT got a negative exponent at run time
    ModelBuilder b = new ModelBuilder();
    int x = b.int8Tensor("x", 1f, 0, 1, 2);
    int c = b.constInt8("c", new int[] {1, 2}, new byte[] {1, 2}, new float[] {1f}, 0);
    int y = b.int8Tensor("y", 1e-6f, 0, 1, 2);
    b.op(ModelBuilder.ADD, 2, new int[] {x, c}, new int[] {y},
        ModelBuilder.add(ModelBuilder.NONE));
    refused(b.build(new int[] {x}, new int[] {y}),
        "the input-to-output scale ratio must be in [2^-10, 2^8)");
  }
}
