package quantlab.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import quantlab.testing.Fuzzing;

/**
 * Runs the {@link TfliteFuzz} campaign (24,000 mutated files of 8 seed files, fixed seeds) in a
 * JVM with a 256 MB heap and prints its figures; fails when any case ended in anything but a
 * walkable read or the project's own exception, or ran longer than the case bound. A failing
 * case is printed with its seed (replay it with {@code TfliteFuzz FILE:SEED}) and its bytes are
 * in {@code target/fuzz-failures/}.
 */
class TfliteFuzzTest {

  @Test
  void campaign() throws IOException, InterruptedException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        System.out.write(b);
        log.write(b);
      }
    }, true, StandardCharsets.UTF_8);
    int exit = Fuzzing.fork(TfliteFuzz.class, 300, tee);
    String out = log.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, "the campaign failed (exit " + exit + ", -1 = timed out); see above");
    assertTrue(out.contains("24,000 cases in"), out);
    assertTrue(out.contains("; 0 failed"), out);
  }

  @Test
  void flatBufferSitesFindTheStructureOfMicroSpeech() throws IOException {
    byte[] file = TfliteModelTest.microSpeech();
    Map<FlatBufferSites.Kind, int[][]> sites = FlatBufferSites.of(file);
    TfliteModel m = TfliteModel.read(file);
    // one offset per element of each vector of tables: 10 tensors, 4 operators, 4 opcodes,
    // 1 subgraph, the buffers and the metadata entries
    assertEquals(10 + 4 + 4 + 1 + m.bufferCount() + m.metadata().size(),
        sites.get(FlatBufferSites.Kind.ELEMENT_OFFSET).length);
    for (int[] s : sites.get(FlatBufferSites.Kind.STRING_TERMINATOR)) {
      assertEquals(0, file[s[0]], "string terminator at " + s[0]);
    }
    for (int[] s : sites.get(FlatBufferSites.Kind.FIELD_OFFSET)) {
      int target = s[0] + TfliteMutator.getInt(file, s[0]);
      assertTrue(target > s[0] && target < file.length, "offset at " + s[0] + " -> " + target);
    }
  }
}
