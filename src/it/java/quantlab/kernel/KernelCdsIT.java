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
    // (the -m main class itself is loaded from jrt:, the classes it uses from the archive)
    long shared = out.lines().filter(l -> l.contains("com.sun.tools.javac.")
        && l.endsWith("source: shared objects file")).count();
    long fromImage = out.lines().filter(l -> l.contains("com.sun.tools.javac.")
        && l.contains("source: jrt:/")).count();
    assertTrue(shared >= 100 && shared > 10 * fromImage, "javac classes from the archive: "
        + shared + ", from the JDK image: " + fromImage);
  }
}
