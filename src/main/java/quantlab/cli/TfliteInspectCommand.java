package quantlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import quantlab.tflite.TfliteFormatException;
import quantlab.tflite.TfliteInspector;
import quantlab.tflite.TfliteModel;

/**
 * {@code quantlab tflite inspect FILE [--compare OTHER]}: prints what a {@code .tflite} file
 * holds (tensors with their quantization, operators with versions, where the bytes go), and
 * optionally a tensor-by-tensor size comparison with a second file.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Print the tensors (shape, type, bytes, quantization per tensor or per channel"
        + " with the quantized dimension), operators (opcode, version, options), metadata and"
        + " the size per tensor of a .tflite file.")
public final class TfliteInspectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The .tflite file.")
  Path file;

  @Option(names = "--compare", paramLabel = "OTHER",
      description = "Also compare sizes per tensor with OTHER (e.g. float32 vs int8).")
  Path other;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      TfliteModel model = read(file);
      out.print(TfliteInspector.of(model).text());
      if (other != null) {
        TfliteModel b = read(other);
        out.println();
        out.println("a = " + file + ", b = " + other);
        out.println(TfliteInspector.compare(model, b).printAll());
      }
      out.flush();
      return 0;
    } catch (TfliteFormatException e) {
      err.println("quantlab tflite inspect: not a valid TFLite file: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("quantlab tflite inspect: cannot read " + e.getMessage());
      return 1;
    }
  }

  private static TfliteModel read(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      throw new IOException(p + ": no such file");
    }
    return TfliteModel.read(p);
  }
}
