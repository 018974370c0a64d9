package quantlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import quantlab.data.Dataset;
import quantlab.data.FashionMnist;
import quantlab.deploy.TfliteExport;
import quantlab.quant.Range;
import quantlab.tf.Architecture;
import quantlab.tf.Model;
import quantlab.tf.ModelCache;
import quantlab.tflite.TfliteModelSpec;
import quantlab.tflite.TfliteVariant;
import quantlab.tflite.TfliteWriter;

/**
 * {@code quantlab tflite export}: trains the MLP or the CNN on Fashion-MNIST (or loads it from the
 * model cache), calibrates its activations on training images and writes the chosen
 * {@code .tflite} variants.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Train (or load from the model cache) the MLP or CNN and write it as .tflite:"
        + " FLOAT32, DYNAMIC_RANGE, FLOAT16 and/or INT8 (activation ranges calibrated on"
        + " training images).")
public final class TfliteExportCommand implements Callable<Integer> {
  @Option(names = "--arch", description = "MLP or CNN (default: ${DEFAULT-VALUE}).")
  Architecture arch = Architecture.MLP;

  @Option(names = "--variant", split = ",",
      description = "Variants to write, comma-separated, from ${COMPLETION-CANDIDATES}"
          + " (default: all four).")
  List<TfliteVariant> variants;

  @Option(names = {"-o", "--output"},
      description = "Folder for <arch>-<variant>.tflite, or a .tflite file when one variant is"
          + " written (default: current folder).")
  Path output = Path.of(".");

  @Option(names = "--seed", description = "Training seed (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--epochs",
      description = "Training epochs (default: 10 for the MLP, 8 for the CNN).")
  Integer epochs;

  @Option(names = "--calibration-images",
      description = "Training images for activation calibration (default: ${DEFAULT-VALUE}).")
  int calibrationImages = 1000;

  @Option(names = "--edges",
      description = "INT8 input and output type: int8 or float (QUANTIZE / DEQUANTIZE at the"
          + " edges) (default: ${DEFAULT-VALUE}).")
  String edges = "int8";

  @Option(names = "--per-tensor-fc",
      description = "One weight scale per FULLY_CONNECTED tensor instead of per output row.")
  boolean perTensorFc;

  @Option(names = "--softmax", description = "End with SOFTMAX (probabilities), not logits.")
  boolean softmax;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!edges.equals("int8") && !edges.equals("float")) {
      err.println("quantlab tflite export: --edges must be int8 or float, got '" + edges + "'");
      return 2;
    }
    if (calibrationImages < 1) {
      err.println("quantlab tflite export: --calibration-images must be >= 1, got "
          + calibrationImages);
      return 2;
    }
    List<TfliteVariant> todo = variants == null || variants.isEmpty()
        ? List.of(TfliteVariant.values()) : variants;
    boolean singleFile = output.getFileName() != null
        && output.getFileName().toString().endsWith(".tflite");
    if (singleFile && todo.size() != 1) {
      err.println("quantlab tflite export: --output " + output + " is a file, so give exactly"
          + " one --variant (got " + todo + ")");
      return 2;
    }
    int ep = epochs != null ? epochs : (arch == Architecture.MLP ? 10 : 8);
    Dataset data = FashionMnist.load();
    ModelCache cache = ModelCache.standard();
    try (Model m = cache.getOrTrain(arch, seed, ep, data)) {
      out.printf(Locale.ROOT, "Model: %s, seed %d, %s epochs, %s training images, TF test"
          + " accuracy %s (model cache: %s)%n", arch, seed, m.info().get("epochs"),
          m.info().get("trainImages"), m.info().get("testAccuracy"), cache.dir());
      Map<String, Range> ranges = TfliteExport.calibrate(m, data.train(), calibrationImages);
      out.printf(Locale.ROOT, "Activation ranges (min-max over %d training images): %s%n",
          Math.min(calibrationImages, data.train().count()), ranges);
      TfliteModelSpec modelSpec = TfliteExport.spec(m, ranges, softmax);
      List<String> lines = new ArrayList<>();
      long float32Bytes = TfliteWriter.toBytes(modelSpec, TfliteVariant.FLOAT32).length;
      for (TfliteVariant v : todo) {
        Path file = singleFile ? output : output.resolve(
            arch.name().toLowerCase(Locale.ROOT) + "-" + v.name().toLowerCase(Locale.ROOT)
                .replace('_', '-') + ".tflite");
        TfliteWriter w = TfliteWriter.builder().variant(v)
            .floatInputOutput(edges.equals("float")).perChannelFullyConnected(!perTensorFc)
            .build();
        w.write(modelSpec, file);
        long size = Files.size(file);
        lines.add(String.format(Locale.ROOT, "wrote %-40s %,9d bytes  %5.1f%% of float32  (%s)",
            file, size, 100.0 * size / float32Bytes, w));
      }
      lines.forEach(out::println);
      out.flush();
      return 0;
    }
  }
}
