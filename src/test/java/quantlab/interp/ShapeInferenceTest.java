package quantlab.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Models whose shapes do not fit together are refused at load time with an
 * {@link UnsupportedModelException} naming the operator, as TFLite's {@code AllocateTensors}
 * refuses them in each kernel's {@code Prepare}. Each case is a minimal hand-built model of a
 * defect the fuzz campaign ({@code quantlab.tflite.TfliteFuzz}) found: before, the model loaded
 * and its first run threw a raw IllegalArgumentException, IllegalStateException,
 * ArithmeticException or ArrayIndexOutOfBoundsException.
 */
class ShapeInferenceTest {

  static UnsupportedModelException refused(byte[] model, String expected) {
    UnsupportedModelException e =
        assertThrows(UnsupportedModelException.class, () -> Interpreter.of(model));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    return e;
  }

  @Test
  void depthwiseMultiplierThatDoesNotFitTheFilter() {
    // 1 input channel * depth_multiplier 1 = 1, but the filter has 8 channels
    // (micro_speech with its depthwise input shape mutated, case micro_speech:2777141817862700927)
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 4, 4, 1);
    int w = b.constFloat("w", new int[] {1, 2, 2, 8}, new float[32]);
    int y = b.floatTensor("y", 1, 3, 3, 8);
    b.op(ModelBuilder.DEPTHWISE_CONV_2D, 1, new int[] {x, w, -1}, new int[] {y},
        ModelBuilder.depthwise(false, 1, 1, 1, ModelBuilder.NONE));
    UnsupportedModelException e = refused(b.build(new int[] {x}, new int[] {y}),
        "operator 0 (DEPTHWISE_CONV_2D, version 1): input channels 1 * depth_multiplier 1"
            + " != filter channels 8");
    assertEquals(0, e.operatorIndex());
  }

  @Test
  void fullyConnectedInputThatIsNotAMultipleOfTheDepth() {
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 5);
    int w = b.constFloat("w", new int[] {2, 4}, new float[8]);
    int y = b.floatTensor("y", 1, 2);
    b.op(ModelBuilder.FULLY_CONNECTED, 1, new int[] {x, w}, new int[] {y},
        ModelBuilder.fc(ModelBuilder.NONE));
    refused(b.build(new int[] {x}, new int[] {y}),
        "input [1, 5] is not a multiple of the weights' depth 4");
  }

  @Test
  void zeroStride() {
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 4, 4, 1);
    int w = b.constFloat("w", new int[] {1, 3, 3, 1}, new float[9]);
    int y = b.floatTensor("y", 1, 2, 2, 1);
    b.op(ModelBuilder.CONV_2D, 1, new int[] {x, w}, new int[] {y},
        ModelBuilder.conv(false, 0, 1, ModelBuilder.NONE));
    refused(b.build(new int[] {x}, new int[] {y}), "strides must be >= 1, got 0 x 0");
  }

  @Test
  void dilationWhoseEffectiveFilterOverflowsAnInt() {
    // (3 - 1) * 2^30 + 1 = 2^31 + 1: the int arithmetic wrapped before
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 4, 4, 1);
    int w = b.constFloat("w", new int[] {1, 3, 3, 1}, new float[9]);
    int y = b.floatTensor("y", 1, 4, 4, 1);
    b.op(ModelBuilder.CONV_2D, 1, new int[] {x, w}, new int[] {y},
        ModelBuilder.conv(true, 1, 1 << 30, ModelBuilder.NONE));
    refused(b.build(new int[] {x}, new int[] {y}), "is larger than 2^31 - 1");
  }

  @Test
  void averagePoolWithAZeroFilter() {
    // int8 average of zero taps divided by zero (ArithmeticException) before
    ModelBuilder b = new ModelBuilder();
    int x = b.int8Tensor("x", 0.5f, 0, 1, 4, 4, 1);
    int y = b.int8Tensor("y", 0.5f, 0, 1, 4, 4, 1);
    b.op(ModelBuilder.AVERAGE_POOL_2D, 2, new int[] {x}, new int[] {y},
        ModelBuilder.pool(false, 0, 1, ModelBuilder.NONE));
    refused(b.build(new int[] {x}, new int[] {y}), "filter size must be >= 1, got 0 x 0");
  }

  @Test
  void softmaxOfAScalar() {
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x");
    int y = b.floatTensor("y");
    b.op(ModelBuilder.SOFTMAX, 1, new int[] {x}, new int[] {y}, ModelBuilder.softmax(1f));
    refused(b.build(new int[] {x}, new int[] {y}), "needs a last dimension of at least 1");
  }

  @Test
  void operatorsOutOfExecutionOrder() {
    // y = relu-free FC(h), h = FC(x), written in the wrong order
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 2);
    int w = b.constFloat("w", new int[] {2, 2}, new float[4]);
    int h = b.floatTensor("h", 1, 2);
    int y = b.floatTensor("y", 1, 2);
    b.op(ModelBuilder.FULLY_CONNECTED, 1, new int[] {h, w}, new int[] {y},
        ModelBuilder.fc(ModelBuilder.NONE));
    b.op(ModelBuilder.FULLY_CONNECTED, 1, new int[] {x, w}, new int[] {h},
        ModelBuilder.fc(ModelBuilder.NONE));
    refused(b.build(new int[] {x}, new int[] {y}),
        "operator 0 (FULLY_CONNECTED, version 1): input 'h' FLOAT32 [1, 2] is computed by no"
            + " earlier operator");
  }

  @Test
  void modelOutputThatNothingComputes() {
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 2);
    int y = b.floatTensor("y", 1, 2);
    int z = b.floatTensor("z", 1, 2);
    b.op(ModelBuilder.SOFTMAX, 1, new int[] {x}, new int[] {y}, ModelBuilder.softmax(1f));
    UnsupportedModelException e = refused(b.build(new int[] {x}, new int[] {z}),
        "model output 'z' FLOAT32 [1, 2] is computed by no operator");
    assertEquals(-1, e.operatorIndex());
  }

  @Test
  void reshapeToANegativeDimension() {
    // [-2, -1] of 4 elements gave the shape [-2, -2] before
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 4);
    int y = b.floatTensor("y", 2, 2);
    b.op(ModelBuilder.RESHAPE, 1, new int[] {x}, new int[] {y}, ModelBuilder.reshape(-2, -1));
    refused(b.build(new int[] {x}, new int[] {y}),
        "RESHAPE target [-2, -1] has the negative dimension -2");
  }

  @Test
  void inputLargerThanAJavaArray() {
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 65536, 65536);
    int y = b.floatTensor("y", 65536, 65536);
    b.op(ModelBuilder.SOFTMAX, 1, new int[] {x}, new int[] {y}, ModelBuilder.softmax(1f));
    refused(b.build(new int[] {x}, new int[] {y}),
        "model input 'x' FLOAT32 [65536, 65536] holds more elements than a Java array");
  }

  @Test
  void emptyPlusOneBroadcastsToEmpty() {
    // NumPy: np.zeros((0,)) + np.ones((1,)) has shape (0,); the shape [1] was computed before,
    // and the kernel read element 0 of the empty input (cnn_int8:4411568029625217903)
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 0);
    int c = b.constFloat("c", new int[] {1}, new float[] {1f});
    int y = b.floatTensor("y", 0);
    b.op(ModelBuilder.ADD, 1, new int[] {x, c}, new int[] {y}, ModelBuilder.add(ModelBuilder.NONE));
    Tensor out = Interpreter.of(b.build(new int[] {x}, new int[] {y}))
        .run(Tensor.ofFloat(new int[] {0}, new float[0]));
    assertArrayEquals(new int[] {0}, out.shape());
    assertEquals(0, out.size());
  }

  @Test
  void shapesAreStillResolvedAtRunTimeForOtherBatchSizes() {
    // the load-time check uses the declared batch (1); a batch of 3 still runs
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 2);
    int w = b.constFloat("w", new int[] {1, 2}, new float[] {1, 1});
    int y = b.floatTensor("y", 1, 1);
    b.op(ModelBuilder.FULLY_CONNECTED, 1, new int[] {x, w}, new int[] {y},
        ModelBuilder.fc(ModelBuilder.NONE));
    float[][] out = Interpreter.of(b.build(new int[] {x}, new int[] {y}))
        .runFloat(new float[][] {{1, 2}, {3, 4}, {5, 6}});
    assertArrayEquals(new float[] {3}, out[0]);
    assertArrayEquals(new float[] {7}, out[1]);
    assertArrayEquals(new float[] {11}, out[2]);
  }
}
