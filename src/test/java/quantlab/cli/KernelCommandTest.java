package quantlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelCommandTest {
  @Test
  void launcherHasTheSubcommands() {
    var subs = Main.commandLine().getSubcommands().keySet();
    for (String s : new String[] {"demo", "notebook", "jshell", "kernel", "run-notebooks"}) {
      assertTrue(subs.contains(s), s + " missing from " + subs);
    }
  }

  @Test
  void installTwiceThenRemove(@TempDir Path data) throws Exception {
    String dir = data.toString();
    assertEquals(0, Main.commandLine().execute("kernel", "install", "--data-dir", dir));
    assertEquals(0, Main.commandLine().execute("kernel", "install", "--data-dir", dir));
    Path spec = data.resolve("kernels/java/kernel.json");
    assertTrue(Files.readString(spec).contains("\"interrupt_mode\": \"message\""));
    assertEquals(0, Main.commandLine().execute("kernel", "remove", "--data-dir", dir));
    assertFalse(Files.exists(spec));
  }

  @Test
  void lessonByNumberOrPath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("x.jsh");
    Files.writeString(file, "int a = 1;");
    assertEquals(file, JShellCommand.findLesson(file.toString()));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> JShellCommand.findLesson("nope.jsh"));
    assertTrue(e.getMessage().startsWith("no lesson or file named nope.jsh"), e.getMessage());
  }
}
