package quantlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import quantlab.kernel.Kernelspec;

/** {@code quantlab notebook}: installs the Java kernel and opens Jupyter on notebooks/. */
@Command(name = "notebook", description = "Install the Java kernel and start Jupyter Notebook "
    + "on notebooks/ (prints how to install Jupyter when it is missing).")
public final class NotebookCommand implements Callable<Integer> {
  @Option(names = "--dir", description = "Folder to open (default: ${DEFAULT-VALUE}).")
  Path dir = Path.of("notebooks");

  @Option(names = "--no-browser", description = "Do not open a browser.")
  boolean noBrowser;

  @Option(names = "--port", description = "Port for Jupyter (default: Jupyter's, 8888).")
  Integer port;

  @Parameters(description = "Extra arguments passed to jupyter-notebook.", arity = "0..*")
  List<String> extra = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Optional<Path> jupyter = JupyterTools.notebookCommand();
    if (jupyter.isEmpty()) {
      System.err.println(JupyterTools.INSTALL_HELP);
      return 1;
    }
    Path spec = Kernelspec.install(Kernelspec.userDataDir());
    System.out.println("quantlab: kernel 'java' installed at " + spec);
    Files.createDirectories(dir);
    List<String> cmd = new ArrayList<>(List.of(jupyter.get().toString(),
        "--notebook-dir=" + dir.toAbsolutePath()));
    if (noBrowser) {
      cmd.add("--no-browser");
    }
    if (port != null) {
      cmd.add("--port=" + port);
    }
    cmd.addAll(extra);
    System.out.println("quantlab: " + String.join(" ", cmd));
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
    return p.waitFor();
  }
}
