package quantlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code quantlab report}: commands that reproduce measured figures from scratch. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Reproduce measured figures from scratch and print them.",
    subcommands = {ReportPtqCommand.class, ReportQatCommand.class, ReportTfliteCommand.class,
        ReportCnnCommand.class})
public final class ReportCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
