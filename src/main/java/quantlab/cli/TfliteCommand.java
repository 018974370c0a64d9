package quantlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code quantlab tflite ...}: TensorFlow Lite files; see the subcommands. */
@Command(
    name = "tflite",
    mixinStandardHelpOptions = true,
    description = "TensorFlow Lite files: look inside any .tflite model, export the trained models.",
    subcommands = {TfliteInspectCommand.class, TfliteExportCommand.class})
public final class TfliteCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
