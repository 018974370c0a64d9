package quantlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import quantlab.testing.Fuzzing;

/**
 * Runs the {@link IdxFuzz} campaign (6,300 mutated IDX files, plain and gzip, of 7 seed files,
 * fixed seeds) in a JVM with a 256 MB heap and prints its figures; fails when any case ended in
 * anything but a walkable read or an {@link IdxFormatException}, or ran longer than the bound.
 */
class IdxFuzzTest {

  @Test
  void campaign() throws IOException, InterruptedException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        System.out.write(b);
        log.write(b);
      }
    }, true, StandardCharsets.UTF_8);
    int exit = Fuzzing.fork(IdxFuzz.class, 300, tee);
    String out = log.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, "the campaign failed (exit " + exit + ", -1 = timed out); see above");
    assertTrue(out.contains("6,300 cases in"), out);
    assertTrue(out.contains("; 0 failed"), out);
  }
}
