package quantlab.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds the Jupyter programs the launcher uses and says how to install them when missing. */
final class JupyterTools {
  private JupyterTools() {}

  /** How to get Jupyter, printed when it is missing. */
  static final String INSTALL_HELP = String.join("\n",
      "Jupyter is not installed. Install it one of these ways, then run ./quantlab notebook again:",
      "  Debian/Ubuntu:  sudo apt-get install jupyter-notebook python3-nbclient",
      "  pip:            python3 -m pip install --user notebook nbclient",
      "  conda:          conda install -c conda-forge notebook nbclient",
      "Or work without Jupyter in plain JShell:  ./quantlab jshell [lesson]");

  /** An executable named {@code name} on PATH, or empty. */
  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p) && !Files.isDirectory(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** {@code jupyter-notebook} (Debian's and pip's launcher), or empty. */
  static Optional<Path> notebookCommand() {
    return onPath("jupyter-notebook");
  }

  /**
   * A Python that can import {@code module}: Debian's {@code /usr/bin/python3} first (the one
   * its Jupyter packages belong to), then {@code python3} on PATH.
   */
  static Optional<String> pythonWith(String module) {
    List<String> candidates = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
      candidates.add("/usr/bin/python3");
    }
    onPath("python3").ifPresent(p -> candidates.add(p.toString()));
    for (String py : candidates) {
      try {
        Process p = new ProcessBuilder(py, "-c", "import " + module)
            .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return Optional.of(py);
        }
      } catch (IOException e) {
        // try the next one
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
