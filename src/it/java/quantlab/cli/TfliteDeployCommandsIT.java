package quantlab.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import quantlab.interp.Interpreter;

/** {@code quantlab tflite export} and {@code quantlab report tflite} on a short run. */
class TfliteDeployCommandsIT {
  @TempDir Path tmp;

  @AfterEach
  void clear() {
    for (String p : new String[] {"quantlab.maxImages", "quantlab.maxEpochs", "quantlab.cache",
        "quantlab.offline"}) {
      System.clearProperty(p);
    }
  }

  private void shortRun() {
    System.setProperty("quantlab.maxImages", "300");
    System.setProperty("quantlab.maxEpochs", "1");
    System.setProperty("quantlab.cache", tmp.resolve("cache").toString());
    System.setProperty("quantlab.offline", "true");
  }

  @Test
  void exportWritesTheChosenVariantsThatTheInterpreterRuns() throws Exception {
    shortRun();
    StringWriter text = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(text, true));
    Path dir = tmp.resolve("out");
    int code = cl.execute("tflite", "export", "--arch", "CNN", "--variant", "FLOAT32,INT8",
        "--edges", "float", "--calibration-images", "100", "-o", dir.toString());
    String out = text.toString();
    assertTrue(code == 0, "exit " + code + "\n" + out);
    for (String f : new String[] {"cnn-float32.tflite", "cnn-int8.tflite"}) {
      assertTrue(Files.isRegularFile(dir.resolve(f)), f + " missing; output:\n" + out);
      assertTrue(out.contains(f), out);
      Interpreter it = Interpreter.load(dir.resolve(f));
      assertTrue(it.runFloat(new float[1][784])[0].length == 10);
    }
    assertTrue(!Files.exists(dir.resolve("cnn-float16.tflite")));
    assertTrue(Files.size(dir.resolve("cnn-int8.tflite")) * 3
        < Files.size(dir.resolve("cnn-float32.tflite")));
  }

  @Test
  void exportRejectsBadEdges() {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute("tflite", "export", "--edges", "uint8");
    assertTrue(code == 2, "exit " + code);
    assertTrue(err.toString().contains("got 'uint8'"), err.toString());
  }

  @Test
  void reportPrintsSizesAccuraciesSpeedAndTargets() throws Exception {
    shortRun();
    ReportTfliteCommand cmd = new ReportTfliteCommand();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    cmd.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Path md = tmp.resolve("tflite.md");
    int code = new CommandLine(cmd).execute("--skip-cnn", "--seconds", "0.05",
        "--calibration-images", "100", "--markdown", md.toString());
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(code == 0, "exit " + code + "\n" + out);
    for (String s : new String[] {"| mlp-float32 |", "| mlp-float16 |", "| mlp-dynamic-range |",
        "| mlp-int8, per-channel FC |", "| mlp-int8, per-tensor FC |",
        "| TensorFlow Java 1.1.0 float32 |", "| interpreter int8 XNNPACK mode |", "## Targets",
        "NOTE: not the full"}) {
      assertTrue(out.contains(s), "missing '" + s + "' in\n" + out);
    }
    assertTrue(Files.readString(md).contains("## Targets"));
    assertTrue(Main.commandLine().getSubcommands().get("report").getSubcommands()
        .containsKey("tflite"));
  }
}
