package quantlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import quantlab.kernel.Kernelspec;

/** {@code quantlab kernel install|remove}: the Jupyter kernelspec of quantlab's Java kernel. */
@Command(name = "kernel", description = "Install or remove the Java kernel in Jupyter.",
    subcommands = {KernelCommand.Install.class, KernelCommand.Remove.class})
public final class KernelCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("usage: ./quantlab kernel install|remove [--sys-prefix]");
  }

  /** Where to install: the user's data dir, sys.prefix (Binder, venvs), or a given dir. */
  static final class Target {
    @Option(names = "--sys-prefix", description = "Install into the Python environment's "
        + "prefix (sys.prefix/share/jupyter), as Binder needs.")
    boolean sysPrefix;

    @Option(names = "--data-dir", description = "Install under this Jupyter data directory.")
    Path dataDir;

    Path resolve() throws Exception {
      if (dataDir != null) {
        return dataDir;
      }
      if (sysPrefix) {
        String py = JupyterTools.pythonWith("sys").orElseThrow(
            () -> new IllegalStateException("--sys-prefix needs python3 on PATH"));
        Process p = new ProcessBuilder(List.of(py, "-c", "import sys; print(sys.prefix)"))
            .start();
        String prefix = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return Path.of(prefix, "share", "jupyter");
      }
      return Kernelspec.userDataDir();
    }
  }

  /** {@code quantlab kernel install}. */
  @Command(name = "install", description = "Install (or reinstall) the kernel 'java'.")
  static final class Install implements Callable<Integer> {
    @picocli.CommandLine.Mixin Target target = new Target();

    @Option(names = "--quick-start", description = "Run the kernel JVM with the C1 compiler "
        + "only: cells and charts appear sooner, hot numeric loops run ~5x slower.")
    boolean quickStart;

    @Override
    public Integer call() throws Exception {
      Path file = Kernelspec.install(target.resolve(), quickStart);
      System.out.println("installed the Jupyter kernel '" + Kernelspec.NAME + "' ("
          + Kernelspec.DISPLAY_NAME + "): " + file);
      return 0;
    }
  }

  /** {@code quantlab kernel remove}. */
  @Command(name = "remove", description = "Remove the kernel 'java'.")
  static final class Remove implements Callable<Integer> {
    @picocli.CommandLine.Mixin Target target = new Target();

    @Override
    public Integer call() throws Exception {
      Path data = target.resolve();
      boolean removed = Kernelspec.remove(data);
      System.out.println(removed ? "removed the kernel from " + data.resolve("kernels/java")
          : "no kernel 'java' under " + data.resolve("kernels"));
      return 0;
    }
  }

  static List<String> args(String... a) {
    return new ArrayList<>(List.of(a));
  }
}
