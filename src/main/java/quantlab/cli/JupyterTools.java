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
    return onPath(name, System.getenv("PATH"));
  }

  /** An executable named {@code name} in the directories of {@code path}, or empty. */
  static Optional<Path> onPath(String name, String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
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
   * The Pythons to try, best first: the one installed beside the {@code jupyter} on PATH (a
   * venv's, conda's or Binder's {@code /srv/conda/envs/notebook}: the environment whose Jupyter
   * the user runs, so {@code --sys-prefix} lands there), then {@code python3} on PATH, then
   * Debian's {@code /usr/bin/python3} (the one Debian's Jupyter packages belong to). No
   * duplicates.
   */
  static List<String> pythonCandidates(String path) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    onPath("jupyter", path).ifPresent(j -> {
      for (String name : new String[] {"python3", "python"}) {
        Path py = j.getParent().resolve(name);
        if (Files.isExecutable(py)) {
          out.add(py.toString());
          break;
        }
      }
    });
    onPath("python3", path).ifPresent(p -> out.add(p.toString()));
    if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
      out.add("/usr/bin/python3");
    }
    return new ArrayList<>(out);
  }

  /** The first of {@link #pythonCandidates} that can import {@code module}. */
  static Optional<String> pythonWith(String module) {
    List<String> candidates = pythonCandidates(System.getenv("PATH"));
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
