package quantlab.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.flatbuffers.FlatBufferBuilder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tensorflow.lite.schema.Buffer;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;

/** The reader's bound on what shared FlatBuffer tables may make it visit. */
class TfliteReaderTest {

  /**
   * A model whose subgraphs vector lists one subgraph {@code subgraphs} times, and that
   * subgraph's tensors vector one tensor {@code tensors} times (FlatBuffers let any number of
   * offsets point at one table). Built with the generated schema classes.
   */
  static byte[] shared(int subgraphs, int tensors, String tensorName) {
    FlatBufferBuilder fb = new FlatBufferBuilder(1024);
    int name = fb.createString(tensorName);
    int shape = Tensor.createShapeVector(fb, new int[] {1});
    Tensor.startTensor(fb);
    Tensor.addShape(fb, shape);
    Tensor.addType(fb, org.tensorflow.lite.schema.TensorType.FLOAT32);
    Tensor.addBuffer(fb, 0);
    Tensor.addName(fb, name);
    int t = Tensor.endTensor(fb);
    int[] ts = new int[tensors];
    Arrays.fill(ts, t);
    int tensorVector = SubGraph.createTensorsVector(fb, ts);
    int inputs = SubGraph.createInputsVector(fb, new int[] {0});
    int outputs = SubGraph.createOutputsVector(fb, new int[] {0});
    SubGraph.startSubGraph(fb);
    SubGraph.addTensors(fb, tensorVector);
    SubGraph.addInputs(fb, inputs);
    SubGraph.addOutputs(fb, outputs);
    int sg = SubGraph.endSubGraph(fb);
    int[] sgs = new int[subgraphs];
    Arrays.fill(sgs, sg);
    int subgraphVector = Model.createSubgraphsVector(fb, sgs);
    Buffer.startBuffer(fb);
    int sentinel = Buffer.endBuffer(fb);
    int buffers = Model.createBuffersVector(fb, new int[] {sentinel});
    Model.startModel(fb);
    Model.addVersion(fb, 3);
    Model.addSubgraphs(fb, subgraphVector);
    Model.addBuffers(fb, buffers);
    Model.finishModelBuffer(fb, Model.endModel(fb));
    return fb.sizedByteArray();
  }

  @Test
  @Timeout(10)
  void sharedTablesCannotAmplifyTheFile() {
    // 3,000 subgraphs x 3,000 tensors from a 24 KB file: 9 million tensors to build, seconds
    // of work and gigabytes of objects before the bound; now refused within the first few
    byte[] file = shared(3000, 3000, "x");
    TfliteFormatException e =
        assertThrows(TfliteFormatException.class, () -> TfliteModel.read(file));
    assertTrue(e.getMessage().startsWith("subgraph "), e.getMessage());
    assertTrue(e.getMessage().contains("the file's offsets lead to more than 2 times its "
        + file.length + " bytes of vector entries and strings"), e.getMessage());
  }

  @Test
  @Timeout(10)
  void aLongNameSharedByManyTensorsIsBoundedToo() {
    // one 8 KB name for 2,000 tensors: 16 MB of strings from a 16 KB file
    byte[] file = shared(1, 2000, "n".repeat(8000));
    TfliteFormatException e =
        assertThrows(TfliteFormatException.class, () -> TfliteModel.read(file));
    assertTrue(e.getMessage().contains("a string: the file's offsets lead to more than"),
        e.getMessage());
  }

  @Test
  void modestSharingStillReads() {
    // FlatBuffers builders share equal strings and vtables; a model listing one tensor table
    // ten times stays well inside the bound
    TfliteModel m = TfliteModel.read(shared(1, 10, "x"));
    assertEquals(10, m.subgraph().tensors().size());
    assertEquals("x", m.subgraph().tensor(9).name());
  }
}
