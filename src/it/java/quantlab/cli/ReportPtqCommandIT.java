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

class ReportPtqCommandIT {
  @TempDir Path tmp;

  @AfterEach
  void clear() {
    for (String p : new String[] {"quantlab.maxImages", "quantlab.maxEpochs", "quantlab.cache",
        "quantlab.offline"}) {
      System.clearProperty(p);
    }
  }

  @Test
  void shortRunPrintsEveryFigureAndTheTargets() throws Exception {
    System.setProperty("quantlab.maxImages", "300");
    System.setProperty("quantlab.maxEpochs", "1");
    System.setProperty("quantlab.cache", tmp.resolve("cache").toString());
    System.setProperty("quantlab.offline", "true");
    ReportPtqCommand cmd = new ReportPtqCommand();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    cmd.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Path md = tmp.resolve("ptq.md");
    int code = new CommandLine(cmd).execute("--skip-cnn", "--no-progress", "--markdown",
        md.toString());
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(code == 0 || code == 1, "exit " + code);
    for (String s : new String[] {"## MLP (784", "| 1 |", "int8 weights", "PTQ sweep",
        "| 2 | per-channel(axis=-1) | symmetric | TRUNCATE |", "## Targets",
        "MLP float test accuracy", "NOTE: not the full"}) {
      assertTrue(out.contains(s), "missing '" + s + "' in\n" + out);
    }
    assertTrue(Files.readString(md).contains("## Targets"));
  }

  @Test
  void reportIsRegisteredInMain() {
    CommandLine cl = Main.commandLine();
    assertTrue(cl.getSubcommands().get("report").getSubcommands().containsKey("ptq"));
  }
}
