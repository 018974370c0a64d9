package quantlab.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import quantlab.kernel.Kernelspec;

/**
 * {@code quantlab run-notebooks}: executes every notebook under notebooks/ headless with the Java
 * kernel (nbclient) and reports each one's time and failure. Does not need {@code kernel
 * install}: the kernelspec is written to a temporary Jupyter path.
 */
@Command(name = "run-notebooks", description = "Execute every notebook under notebooks/ "
    + "(or the given ones) with the Java kernel; report per-notebook time and failures.")
public final class RunNotebooksCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", description = "Notebooks or folders (default: notebooks/).")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--timeout", description = "Seconds a cell may run (default: ${DEFAULT-VALUE}).")
  int timeout = 600;

  @Option(names = "--write", description = "Save the executed notebooks (with outputs) in place.")
  boolean write;

  @Override
  public Integer call() throws Exception {
    Optional<String> python = JupyterTools.pythonWith("nbclient");
    if (python.isEmpty()) {
      System.err.println("run-notebooks needs Python's nbclient. Debian/Ubuntu: sudo apt-get "
          + "install python3-nbclient; pip: python3 -m pip install --user nbclient");
      return 1;
    }
    List<Path> notebooks = new ArrayList<>();
    for (Path p : paths.isEmpty() ? List.of(Path.of("notebooks")) : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(f -> f.toString().endsWith(".ipynb")
              && !f.toString().contains(".ipynb_checkpoints")).sorted().forEach(notebooks::add);
        }
      } else {
        notebooks.add(p);
      }
    }
    if (notebooks.isEmpty()) {
      System.out.println("no notebooks found under " + (paths.isEmpty() ? "notebooks/" : paths));
      return 0;
    }
    Path jupyterPath = Files.createTempDirectory("quantlab-jupyter");
    Kernelspec.install(jupyterPath);
    Path script = jupyterPath.resolve("run_notebooks.py");
    try (InputStream in = RunNotebooksCommand.class.getResourceAsStream(
        "/quantlab/kernel/run_notebooks.py")) {
      Files.copy(in, script);
    }
    List<String> cmd = new ArrayList<>(List.of(python.get(), script.toString(),
        Kernelspec.NAME, String.valueOf(timeout), write ? "1" : "0"));
    notebooks.forEach(n -> cmd.add(n.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    pb.environment().put("JUPYTER_PATH", jupyterPath.toString());
    System.out.println("quantlab: executing " + notebooks.size() + " notebook(s) with "
        + python.get() + " (nbclient) and the Java kernel");
    return pb.start().waitFor();
  }
}
