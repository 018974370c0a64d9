package quantlab.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import quantlab.quant.Granularity;
import quantlab.quant.IntFormat;
import quantlab.quant.QuantParams;

/** The spec value types and the small enums of the package. */
class LayerSpecTest {
  @Test
  void transposeTurnsAKerasKernelIntoFullyConnectedLayout() {
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6},
        TfliteLayerSpec.transpose(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
  }

  @Test
  void outputSizesFollowTensorFlowsFormulas() {
    // SAME: ceil(in / stride); VALID: ceil((in - ((k - 1) * d + 1) + 1) / stride).
    assertEquals(14, Padding.SAME.outputSize(28, 3, 2, 1));
    assertEquals(26, Padding.VALID.outputSize(28, 3, 1, 1));
    assertEquals(8, Padding.VALID.outputSize(12, 3, 1, 2));
    assertEquals(13, Padding.VALID.outputSize(28, 3, 2, 1));
  }

  @Test
  void bytesPerType() {
    assertEquals(10, TensorType.INT8.bytesFor(10));
    assertEquals(40, TensorType.FLOAT32.bytesFor(10));
    assertEquals(2, TensorType.INT4.bytesFor(3));
    assertEquals(TensorType.INT8, TensorType.ofCode(9));
    TfliteFormatException e = assertThrows(TfliteFormatException.class,
        () -> TensorType.ofCode(99));
    assertEquals("unknown tensor type code 99 (known: 0..17)", e.getMessage());
  }

  @Test
  void layerOptionsAreChecked() {
    TfliteLayerSpec fc = TfliteLayerSpec.fullyConnected(2, new float[4], null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> fc.activation(Activation.TANH));
    assertEquals("activation must be NONE, RELU, RELU6 or RELU_N1_TO_1, got TANH",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TfliteLayerSpec.maxPool2d(2, 2)
        .dilation(2, 2));
    assertEquals("MAX_POOL_2D has no dilation", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> fc.strides(2, 2));
    assertEquals("FULLY_CONNECTED has no strides", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TfliteLayerSpec.softmax()
        .activation(Activation.RELU));
    assertEquals("SOFTMAX has no fused activation", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TfliteLayerSpec.conv2d(2, 3, 3, 1, new float[17], null));
    assertEquals("filters must have 18 values, got 17", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TfliteLayerSpec.conv2d(2, 3, 3, 1,
        new float[18], null).strides(0, 1));
    assertEquals("strideH must be >= 1, got 0", e.getMessage());
  }

  @Test
  void specChecksReshapeAndResidualAdds() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TfliteModelSpec.builder().input(1, 6).layer(TfliteLayerSpec.reshape(-1, -1)).build());
    assertEquals("layer 0 (RESHAPE 'reshape_0'): newShape [-1, -1] has more than one -1",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TfliteModelSpec.builder().input(1, 6).layer(TfliteLayerSpec.reshape(4, 2)).build());
    assertEquals("layer 0 (RESHAPE 'reshape_0'): cannot reshape [1, 6] (6 values) to [4, 2]",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TfliteModelSpec.builder()
        .input(1, 6).layer(TfliteLayerSpec.fullyConnected(3, new float[18], null))
        .layer(TfliteLayerSpec.addFrom(-1)).build());
    assertEquals("layer 1 (ADD 'add_1'): adds [1, 6] to [1, 3]; shapes must be equal",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TfliteModelSpec.builder()
        .input(1, 4, 4, 3).layer(TfliteLayerSpec.add(new float[2], 2)).build());
    assertEquals("layer 0 (ADD 'add_0'): constant [2] does not broadcast to [1, 4, 4, 3]",
        e.getMessage());
    TfliteModelSpec ok = TfliteModelSpec.builder().input(2, 3).layer(TfliteLayerSpec.reshape(-1))
        .build();
    assertArrayEquals(new int[] {6}, ok.outputShape());
  }

  @Test
  void quantizationBridgesToQuantParams() {
    TfliteQuantization q = TfliteQuantization.perChannel(new float[] {0.5f, 0.25f},
        new long[] {0, 0}, 3);
    QuantParams p = q.toQuantParams(IntFormat.int8().narrow());
    assertEquals(Granularity.perChannel(3), p.granularity());
    assertEquals(0.25f, p.scale(1));
    assertEquals(q, TfliteQuantization.of(p));
    assertEquals("2 scales on dim 3 (0.250..0.500)", q.describe());
    assertEquals("TfliteQuantization{scale=0.00390625 zp=-128}",
        TfliteQuantization.perTensor(1f / 256, -128).toString());
  }
}
