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

class ReportCnnCommandIT {
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
    ReportCnnCommand cmd = new ReportCnnCommand();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    cmd.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Path md = tmp.resolve("cnn.md");
    int code = new CommandLine(cmd).execute("--no-progress", "--calibration-images", "100",
        "--markdown", md.toString());
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(code == 0 || code == 1, "exit " + code);
    for (String s : new String[] {"## Training: CNN_BN", "CNN_BN / CNN = ", "## Folding",
        "| bn1 (after conv1) | 16 |", "| CNN_BN folded conv1_kernel | 16 |",
        "| 3 | per-channel(axis=-1) |", "## Only the conv kernels", "## int8 weights and int8",
        "| int8 (float input/output) |", "## Figures", "| folded model = batch-norm model |"
            + " logits within 1e-4 relative |", "## Targets", "NOTE: not the full"}) {
      assertTrue(out.contains(s), "missing '" + s + "' in\n" + out);
    }
    assertTrue(out.contains("LiteRT.js"), out);
    assertTrue(Files.readString(md).contains("## Targets"));
  }

  @Test
  void reportIsRegisteredInMain() {
    assertTrue(Main.commandLine().getSubcommands().get("report").getSubcommands()
        .containsKey("cnn"));
  }
}
