package quantlab.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Guards for tests that need a tool outside the JVM (Jupyter, Chromium, Node.js, a data set).
 *
 * <p>When the tool is missing, the test is skipped with a loud message naming the tool and how to
 * install it. When the environment variable {@code QUANTLAB_NO_SKIP} is {@code 1} (as
 * {@code .ci/run} sets it), the test fails instead, so CI never passes by skipping.
 */
public final class Tools {
  private Tools() {}

  /** True when CI asked for no skips. */
  public static boolean noSkip() {
    return "1".equals(System.getenv("QUANTLAB_NO_SKIP"));
  }

  /**
   * Skips (or, under {@code QUANTLAB_NO_SKIP=1}, fails) the calling test unless {@code present}.
   *
   * @param present whether the tool was found
   * @param tool what is missing, e.g. {@code "/usr/bin/chromium"}
   * @param install how to get it, e.g. {@code "apt-get install chromium"}
   */
  public static void require(boolean present, String tool, String install) {
    if (present) {
      return;
    }
    String message = "SKIPPED: needs " + tool + ", which this machine lacks (" + install + ")";
    if (noSkip()) {
      Assertions.fail(message.replace("SKIPPED", "FAILED (QUANTLAB_NO_SKIP=1)"));
    }
    System.err.println("*** " + message);
    Assumptions.abort(message);
  }

  /** Skips (or fails in CI) unless the file {@code path} exists and is executable. */
  public static Path requireExecutable(String path, String install) {
    Path p = Path.of(path);
    require(Files.isExecutable(p), path, install);
    return p;
  }

  /** Skips (or fails in CI) unless the file or directory {@code path} exists. */
  public static Path requireFile(String path, String install) {
    Path p = Path.of(path);
    require(Files.exists(p), path, install);
    return p;
  }
}
