package quantlab.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import quantlab.data.IdxArray;
import quantlab.data.LabeledImages;
import quantlab.interp.Interpreter;
import quantlab.tf.Evaluation;
import quantlab.tflite.TfliteLayerSpec;
import quantlab.tflite.TfliteModelSpec;
import quantlab.tflite.TfliteVariant;
import quantlab.tflite.TfliteWriter;

/**
 * {@link TfliteEvaluation} on 1x2 "images" and an identity layer, so the predicted class is the
 * brighter pixel; every 7th label is deliberately wrong, so the accuracy is known by construction.
 */
class TfliteEvaluationTest {
  static final int N = 2503; // more than two batches of 1000

  static LabeledImages images() {
    byte[] px = new byte[2 * N];
    byte[] labels = new byte[N];
    for (int i = 0; i < N; i++) {
      int a = (i * 37) % 256;
      int b = (a + 1 + (i % 200)) % 256; // never equal to a
      px[2 * i] = (byte) a;
      px[2 * i + 1] = (byte) b;
      int brighter = b > a ? 1 : 0;
      labels[i] = (byte) (i % 7 == 0 ? 1 - brighter : brighter);
    }
    return LabeledImages.of(IdxArray.of(new int[] {N, 1, 2}, px),
        IdxArray.of(new int[] {N}, labels), List.of("left", "right"));
  }

  static int wrongByConstruction() {
    return (N + 6) / 7; // i = 0, 7, 14, ...
  }

  static TfliteModelSpec identity() {
    return TfliteModelSpec.builder().name("id").input(1, 2).inputRange(0f, 1f)
        .layer(TfliteLayerSpec.fullyConnected(2, new float[] {1f, 0f, 0f, 1f}, new float[2])
            .name("fc").outputRange(0f, 1f))
        .build();
  }

  @Test
  void floatModel() {
    Evaluation e = TfliteEvaluation.evaluate(
        Interpreter.of(TfliteWriter.toBytes(identity(), TfliteVariant.FLOAT32)), images());
    assertEquals(N, e.count());
    assertEquals((double) (N - wrongByConstruction()) / N, e.accuracy(), 1e-12);
  }

  @Test
  void int8ModelWithInt8AndWithFloatEdges() {
    // Input scale 1/255 holds every pixel exactly; weight 1 -> code 127, scale 1/127; output
    // scale 1/255: each output code equals its input code, so no two outputs tie.
    for (boolean floatEdges : new boolean[] {false, true}) {
      byte[] model = TfliteExport.toBytes(identity(), TfliteVariant.INT8, floatEdges, true);
      Evaluation e = TfliteEvaluation.evaluate(Interpreter.of(model), images());
      assertEquals((double) (N - wrongByConstruction()) / N, e.accuracy(), 1e-12,
          "floatEdges " + floatEdges);
      assertEquals(wrongByConstruction(), e.confusion().count(0, 1) + e.confusion().count(1, 0));
    }
  }

  @Test
  void wrongImageSize() {
    LabeledImages three = LabeledImages.of(IdxArray.of(new int[] {1, 1, 3}, new byte[3]),
        IdxArray.of(new int[] {1}, new byte[1]), List.of("a", "b"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TfliteEvaluation.evaluate(
            Interpreter.of(TfliteWriter.toBytes(identity(), TfliteVariant.FLOAT32)), three));
    assertEquals("the model takes 2 values per sample, the images have 3 pixels",
        e.getMessage());
  }
}
