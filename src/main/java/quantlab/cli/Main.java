package quantlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code ./quantlab} launcher; each subcommand is its own class in this
 * package.
 */
@Command(
    name = "quantlab",
    mixinStandardHelpOptions = true,
    version = "quantlab 0.1.0",
    description = "Learn how neural-network weights are quantized, in Java.",
    subcommands = {DemoCommand.class, LessonsCommand.class, TfliteCommand.class,
        ReportCommand.class, NotebookCommand.class, JShellCommand.class,
        KernelCommand.class, RunNotebooksCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the launcher with {@code args} and exits with the command's status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
