package quantlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelCdsTest {
  @Test
  void archiveNameDependsOnTheJdkOnly(@TempDir Path dir) throws Exception {
    Path home = Path.of(System.getProperty("java.home"));
    Path a = KernelCds.archiveFor(dir, home);
    assertEquals(a, KernelCds.archiveFor(dir, home));
    assertTrue(a.getFileName().toString().matches("kernel-jdk-[0-9a-f]{16}\\.jsa"), a.toString());
    assertEquals(dir, a.getParent());
    // another JDK (here: a folder without lib/modules) gets another archive
    assertNotEquals(a, KernelCds.archiveFor(dir, dir));
  }

  @Test
  void flagsOnlyWhenTheArchiveExists(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("kernel-jdk-0000000000000000.jsa");
    assertEquals(List.of(), KernelCds.jvmFlags(a));
    Files.writeString(a, "not an archive");
    assertEquals(List.of("-XX:SharedArchiveFile=" + a, "-Xlog:cds=off"), KernelCds.jvmFlags(a));
  }

  /** A stale or broken archive must not stop the kernel JVM nor print anything. */
  @Test
  void aJvmGivenABrokenArchiveRunsSilently(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("kernel-jdk-0000000000000000.jsa");
    Files.writeString(a, "not an archive");
    List<String> cmd = new ArrayList<>();
    cmd.add(Kernelspec.currentJava());
    cmd.addAll(KernelCds.jvmFlags(a));
    cmd.add("-version");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.lines().allMatch(l -> !l.toLowerCase().contains("cds")
        && !l.toLowerCase().contains("shared")), out);
  }
}
