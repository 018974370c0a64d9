package quantlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

  @Test
  void printsOneRowPerSettingAndPerChannelWins() {
    DemoCommand demo = new DemoCommand();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    demo.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertEquals(0, new CommandLine(demo).execute("--seed", "7"));
    List<String> rows = Arrays.stream(bytes.toString(StandardCharsets.UTF_8).split("\n"))
        .filter(l -> l.matches("^[0-9]+ .*")).toList();
    assertEquals(6, rows.size(), rows.toString());
    for (int i = 0; i < rows.size(); i += 2) {
      double perTensor = Double.parseDouble(rows.get(i).trim().split("\\s+")[3]);
      double perChannel = Double.parseDouble(rows.get(i + 1).trim().split("\\s+")[3]);
      assertTrue(perChannel > perTensor, rows.get(i) + " / " + rows.get(i + 1));
    }
    double sqnr8 = Double.parseDouble(rows.get(0).trim().split("\\s+")[3]);
    double sqnr4 = Double.parseDouble(rows.get(2).trim().split("\\s+")[3]);
    // Four fewer bits: about 4 * 6.02 dB less.
    assertEquals(24.1, sqnr8 - sqnr4, 3.0);
  }
}
