package quantlab.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import quantlab.testing.Tools;

/**
 * Third-party float models from Google's MediaPipe npm packages (Apache-2.0), installed by
 * {@code .ci/setup.d/40-tflite-npm.sh} ({@code npm ci} in src/it/js/mediapipe): every file reads
 * and summarises, and a few facts known about them hold.
 */
class MediapipeModelsIT {
  static final String DIR = "src/it/js/mediapipe/node_modules/@mediapipe/";
  static final String INSTALL = "bash .ci/setup.d/40-tflite-npm.sh (npm ci in src/it/js/mediapipe)";

  static TfliteModel model(String relative) throws IOException {
    Path p = Tools.requireFile(DIR + relative, INSTALL);
    return TfliteModel.read(p);
  }

  @Test
  void everyMediapipeFileReadsAndSummarises() throws IOException {
    for (String f : List.of("face_detection/face_detection_short_range.tflite",
        "face_detection/face_detection_full_range.tflite",
        "face_detection/face_detection_full_range_sparse.tflite",
        "selfie_segmentation/selfie_segmentation.tflite",
        "selfie_segmentation/selfie_segmentation_landscape.tflite")) {
      TfliteModel m = model(f);
      TfliteInspector in = TfliteInspector.of(m);
      assertEquals(m.subgraph().tensors().size(), in.tensors().rowCount(), f);
      assertEquals(m.subgraph().operators().size(), in.operators().rowCount(), f);
      long constBytes = m.subgraph().tensors().stream().mapToLong(TfliteTensor::bufferSize).sum();
      assertTrue(constBytes > 0 && constBytes < m.fileSize(), f);
      String text = in.text();
      assertTrue(text.contains("TFLite model: "), f);
      // Float models: float32 input, no quantization on activations.
      assertEquals(TensorType.FLOAT32, m.subgraph().inputTensor().type(), f);
      for (TfliteTensor t : m.subgraph().tensors()) {
        if (t.hasData() && t.type() == TensorType.FLOAT16 && !t.isSparse()) {
          assertEquals(t.elementCount(), t.float16s().length, t.name());
        }
      }
    }
  }

  @Test
  void faceDetectionShortRangeUsesDeprecatedOpcodesOnly() throws IOException {
    TfliteModel m = model("face_detection/face_detection_short_range.tflite");
    for (TfliteOpcode c : m.opcodes()) {
      // Old-style file: builtin_code is never set; ADD is code 0 in both fields.
      assertEquals(0, c.builtinCode(), c.toString());
      assertEquals(c.deprecatedBuiltinCode(), c.resolvedCode());
    }
    assertTrue(m.opcodes().stream().anyMatch(c -> c.name().equals("DEPTHWISE_CONV_2D")
        && c.usesDeprecatedCodeOnly()));
    TfliteSubgraph g = m.subgraph();
    assertEquals(List.of(1, 128, 128, 3), box(g.inputTensor().shape()));
    assertEquals(2, g.outputs().length);
    assertEquals(List.of(1, 896, 16), box(g.tensor("regressors").shape()));
    // Weights are stored as float16, each widened by a DEQUANTIZE to a float32 tensor.
    TfliteTensor kernel = g.tensor("conv2d/Kernel");
    assertEquals(TensorType.FLOAT16, kernel.type());
    assertEquals(List.of(24, 5, 5, 3), box(kernel.shape()));
    assertTrue(g.operators().stream().anyMatch(o -> o.opName().equals("DEQUANTIZE")
        && o.input(0) == kernel.index()
        && g.tensor(o.output(0)).type() == TensorType.FLOAT32));
  }

  @Test
  void selfieSegmentationHasACustomOperator() throws IOException {
    TfliteModel m = model("selfie_segmentation/selfie_segmentation.tflite");
    TfliteSubgraph g = m.subgraph();
    assertEquals(List.of(1, 256, 256, 3), box(g.inputTensor().shape()));
    assertEquals(List.of(1, 256, 256, 1), box(g.outputTensor().shape()));
    TfliteOperator custom = g.operators().stream()
        .filter(o -> o.customCode().equals("Convolution2DTransposeBias")).findFirst()
        .orElseThrow();
    assertEquals(32, custom.builtinCode()); // BuiltinOperator.CUSTOM
    assertFalse(m.minRuntimeVersion().isPresent());
  }

  @Test
  void sparseFaceDetectionHasDensifyAndSparseTensors() throws IOException {
    TfliteModel m = model("face_detection/face_detection_full_range_sparse.tflite");
    assertTrue(m.opcodes().stream().anyMatch(c -> c.name().equals("DENSIFY")));
    assertTrue(m.subgraph().tensors().stream().anyMatch(TfliteTensor::isSparse));
    assertEquals("2.2.0", m.minRuntimeVersion().orElseThrow());
  }

  static List<Integer> box(int[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }
}
