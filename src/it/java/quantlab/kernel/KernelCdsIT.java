package quantlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Makes (once per JDK, in ~/.cache/quantlab) the class-data archive of the JDK classes the
 * kernel uses, and checks a JVM maps JShell's compiler from it.
 */
class KernelCdsIT {
  @Test
  void archiveIsMadeAndHoldsTheCompiler() throws Exception {
    Path a = KernelCds.ensure(KernelHarness.kernelClasspath());
    assertNotNull(a, "no archive was made (see stderr)");
    // -Xshare:on fails instead of running without the archive when it cannot be mapped
    Process p = new ProcessBuilder(List.of(Kernelspec.currentJava(), "-Xshare:on",
        "-XX:SharedArchiveFile=" + a, "-Xlog:class+load=info", "-m",
        "jdk.compiler/com.sun.tools.javac.Main", "-version"))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("com.sun.tools.javac.main.Main source: shared objects file"),
        "javac's Main was not loaded from the archive:\n" + out.lines()
            .filter(l -> l.contains("javac.main.Main")).toList());
  }
}
