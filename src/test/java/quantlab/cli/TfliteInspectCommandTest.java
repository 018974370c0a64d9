package quantlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TfliteInspectCommandTest {
  @TempDir Path dir;

  Path microSpeech() throws IOException {
    Path p = dir.resolve("micro_speech_quantized.tflite");
    try (InputStream in = getClass().getResourceAsStream(
        "/quantlab/tflite/micro_speech_quantized.tflite")) {
      Files.copy(in, p);
    }
    return p;
  }

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void inspectsMicroSpeech() throws IOException {
    Run r = run("tflite", "inspect", microSpeech().toString());
    assertEquals(0, r.code(), r.err());
    String o = r.out();
    assertTrue(o.contains("TFLite model: 18,800 bytes, schema version 3"), o);
    assertTrue(o.contains("min_runtime_version: 1.5.0"), o);
    assertTrue(o.contains("DEPTHWISE_CONV_2D v3 (deprecated_builtin_code only)"), o);
    // The per-channel filter and its quantized dimension, which Netron does not show.
    assertTrue(o.contains("8 scales on dim 3"), o);
    assertTrue(o.contains("final_fc_weights/read/transpose"), o);
    assertTrue(o.contains("bytes per tensor"), o);
  }

  @Test
  void comparesTwoFiles() throws IOException {
    Path a = microSpeech();
    Run r = run("tflite", "inspect", a.toString(), "--compare", a.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("comparison"), r.out());
    assertTrue(r.out().contains("(file)"), r.out());
  }

  @Test
  void reportsABrokenFileWithExitCode1() throws IOException {
    Path bad = dir.resolve("bad.tflite");
    Files.write(bad, "definitely not a flatbuffer".getBytes());
    Run r = run("tflite", "inspect", bad.toString());
    assertEquals(1, r.code());
    assertEquals("quantlab tflite inspect: not a valid TFLite file: header: file identifier is"
        + " 'nite', expected 'TFL3' (not a TFLite model, or damaged)", r.err().strip());
    Run missing = run("tflite", "inspect", dir.resolve("nope.tflite").toString());
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("no such file"), missing.err());
  }

  @Test
  void tfliteAloneListsItsSubcommands() {
    Run r = run("tflite");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("inspect"), r.out());
  }
}
