package quantlab.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static quantlab.interp.ShapeInferenceTest.refused;

import org.junit.jupiter.api.Test;

/** Building the interpreter's graph from a file: the DEQUANTIZE fold and shared buffers. */
class TfliteGraphReaderTest {
  /** float16 bit patterns of 1, 2, 3, 4 (0x3C00, 0x4000, 0x4200, 0x4400; IEEE 754 binary16). */
  static final short[] ONE_TO_FOUR = {0x3C00, 0x4000, 0x4200, 0x4400};

  @Test
  void dequantizeOfAnOmittedInputIsNotFolded() {
    // mlp_float16:5315691754460436831: DEQUANTIZE input -1 made the fold read tensor -1
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 4);
    int y = b.floatTensor("y", 1, 4);
    b.op(ModelBuilder.DEQUANTIZE, 3, new int[] {-1}, new int[] {y}, null);
    refused(b.build(new int[] {x}, new int[] {y}), "input 0 is omitted (-1)");
  }

  @Test
  void aFoldedFloat16ConstantKeepsItsOwnShape() {
    // cnn_float16:-7655752102223154181: the DEQUANTIZE output declared [2] while the float16
    // constant holds 4 values; the folded tensor took the declared shape and ADD read past its
    // data. DEQUANTIZE's output has its input's shape (TFLite resizes it in Prepare).
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 4);
    int h = b.constFloat16("c_f16", new int[] {4}, ONE_TO_FOUR);
    int c = b.floatTensor("c", 2);
    int y = b.floatTensor("y", 4);
    b.op(ModelBuilder.DEQUANTIZE, 3, new int[] {h}, new int[] {c}, null);
    b.op(ModelBuilder.ADD, 1, new int[] {x, c}, new int[] {y},
        ModelBuilder.add(ModelBuilder.NONE));
    Tensor out = Interpreter.of(b.build(new int[] {x}, new int[] {y}))
        .run(Tensor.ofFloat(new int[] {4}, new float[] {10, 20, 30, 40}));
    assertArrayEquals(new float[] {11, 22, 33, 44}, out.floats());
  }

  @Test
  void tensorsSharingABufferShareOneDecodedArray() {
    // so that a file pointing many tensors at one large buffer costs the buffer once
    ModelBuilder b = new ModelBuilder();
    int x = b.floatTensor("x", 1, 2);
    int w1 = b.constFloat("w1", new int[] {2, 2}, new float[] {1, 0, 0, 1});
    int w2 = b.sharingBuffer("w2", w1, 2, 2);
    int h = b.floatTensor("h", 1, 2);
    int y = b.floatTensor("y", 1, 2);
    b.op(ModelBuilder.FULLY_CONNECTED, 1, new int[] {x, w1}, new int[] {h},
        ModelBuilder.fc(ModelBuilder.NONE));
    b.op(ModelBuilder.FULLY_CONNECTED, 1, new int[] {h, w2}, new int[] {y},
        ModelBuilder.fc(ModelBuilder.NONE));
    byte[] model = b.build(new int[] {x}, new int[] {y});
    Graph g = TfliteGraphReader.read(model);
    assertSame(g.tensor(w1).data(), g.tensor(w2).data());
    // identity twice
    assertArrayEquals(new float[] {3, 4}, Interpreter.of(model)
        .run(Tensor.ofFloat(new int[] {1, 2}, new float[] {3, 4})).floats());
  }
}
