package quantlab.viz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Saves and encodes charts: PNG for notebooks and files, SVG where a vector image is wanted.
 *
 * <p>Example: {@code ChartFiles.save(QuantCharts.numberLine(p), Path.of("grid.png"))}.
 */
public final class ChartFiles {
  private ChartFiles() {}

  /** Writes {@code chart} to {@code file} as PNG or SVG, chosen by the file's extension. */
  public static Path save(Chart<?, ?> chart, Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    byte[] bytes;
    if (name.endsWith(".png")) {
      bytes = png(chart);
    } else if (name.endsWith(".svg")) {
      bytes = svg(chart).getBytes(StandardCharsets.UTF_8);
    } else {
      throw new IllegalArgumentException("file must end in .png or .svg, got " + file);
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return file;
  }

  /** The chart as PNG bytes. */
  public static byte[] png(Chart<?, ?> chart) throws IOException {
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }

  /** The chart as an SVG document. */
  public static String svg(Chart<?, ?> chart) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(chart, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void write(Chart<?, ?> chart, OutputStream out) throws IOException {
    VectorGraphicsEncoder.saveVectorGraphic(chart, out,
        VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
  }
}
