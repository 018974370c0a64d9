package quantlab.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * The statics every cell can call (imported with {@code import static quantlab.kernel.Notebook.*}),
 * compatible with IJava/JJava: {@code display(obj)}, {@code display(text, mime)},
 * {@code updateDisplay(id, obj)}, {@code render(obj, mimes...)}, {@code clearOutput()}.
 *
 * <pre>{@code
 * String id = display("step 0");          // shows "step 0", returns its display id
 * for (int i = 1; i <= 10; i++) updateDisplay(id, "step " + i);   // replaces it in place
 * display("<b>bold</b>", "text/html");    // HTML as is
 * for (int i = 0; i <= 100; i += 10) {    // a progress line that replaces itself
 *   clearOutput(true);                    // clear when the next output arrives (no flicker)
 *   System.out.println(i + " %");
 * }
 * }</pre>
 *
 * <p>Outside a kernel (plain {@code jshell}), charts and images are written to PNG files under
 * {@code charts/} and the path printed (charts also open in a window when a display exists);
 * tables and other values are printed as text.
 */
public final class Notebook {
  private static volatile String lastDisplayId;
  private static final AtomicInteger FILES = new AtomicInteger();
  private static final Renderer OFFLINE = newRenderer();

  private Notebook() {}

  private static Renderer newRenderer() {
    Renderer r = new Renderer();
    Rendering.register(r);
    return r;
  }

  /** Shows {@code value} now (rich output as for a cell's value); returns its display id. */
  public static String display(Object value) {
    QuantlabKernel k = QuantlabKernel.current();
    if (k == null) {
      return offline(value);
    }
    DisplayData data = Rendering.render(k.getRenderer(), value);
    return show(k, data);
  }

  /**
   * Shows {@code value} as the given MIME types, e.g. {@code display(chart, "image/svg+xml")}
   * or {@code display("<b>x</b>", "text/html")} (text is taken as already in that format).
   */
  public static String display(Object value, String... mimes) {
    QuantlabKernel k = QuantlabKernel.current();
    if (k == null) {
      return offline(value);
    }
    return show(k, Rendering.renderAs(k.getRenderer(), value, mimes));
  }

  private static String show(QuantlabKernel k, DisplayData data) {
    String id = data.hasDisplayId() ? data.getDisplayId() : UUID.randomUUID().toString();
    data.setDisplayId(id);
    k.display(data);
    lastDisplayId = id;
    return id;
  }

  /** Replaces what display {@code id} shows with {@code value}. */
  public static void updateDisplay(String id, Object value) {
    QuantlabKernel k = QuantlabKernel.current();
    if (k == null) {
      offline(value);
      return;
    }
    k.getIO().display.updateDisplay(id, Rendering.render(k.getRenderer(), value));
  }

  /** Replaces what display {@code id} shows with {@code value} rendered as {@code mimes}. */
  public static void updateDisplay(String id, Object value, String... mimes) {
    QuantlabKernel k = QuantlabKernel.current();
    if (k == null) {
      offline(value);
      return;
    }
    k.getIO().display.updateDisplay(id, Rendering.renderAs(k.getRenderer(), value, mimes));
  }

  /**
   * Clears everything the running cell has shown so far (text and displays), like IPython's
   * {@code clear_output()}. Outside a kernel it does nothing.
   */
  public static void clearOutput() {
    clearOutput(false);
  }

  /**
   * Clears the running cell's output; with {@code wait} the front end clears only when the next
   * output arrives, so an animation redrawn in a loop does not flicker (IPython's
   * {@code clear_output(wait=True)}). Text printed before the call is sent first, so it is
   * cleared too. Outside a kernel it does nothing.
   */
  public static void clearOutput(boolean wait) {
    QuantlabKernel k = QuantlabKernel.current();
    if (k == null) {
      return;
    }
    System.out.flush();
    System.err.flush();
    k.clearOutput(wait);
  }

  /** The MIME bundle for {@code value}; a cell ending with it shows exactly that bundle. */
  public static DisplayData render(Object value, String... mimes) {
    QuantlabKernel k = QuantlabKernel.current();
    Renderer r = k == null ? OFFLINE : k.getRenderer();
    return mimes.length == 0 ? Rendering.render(r, value) : Rendering.renderAs(r, value, mimes);
  }

  /** True when {@code value} is the id the last {@code display} call returned (not echoed). */
  static boolean isLastDisplayId(Object value) {
    return value != null && value == lastDisplayId;
  }

  private static String offline(Object value) {
    try {
      if (value instanceof Chart) {
        Path file = nextFile();
        BitmapEncoder.saveBitmap((Chart<?, ?>) value, file.toString(),
            BitmapEncoder.BitmapFormat.PNG);
        System.out.println("chart written to " + file.toAbsolutePath());
        if (!java.awt.GraphicsEnvironment.isHeadless()) {
          new org.knowm.xchart.SwingWrapper<>((Chart<?, ?>) value).displayChart();
        }
        return file.toString();
      }
      if (value instanceof java.awt.image.RenderedImage) {
        Path file = nextFile();
        javax.imageio.ImageIO.write((java.awt.image.RenderedImage) value, "png", file.toFile());
        System.out.println("image written to " + file.toAbsolutePath());
        return file.toString();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println(value instanceof Table ? ((Table) value).print() : String.valueOf(value));
    return "";
  }

  private static Path nextFile() throws IOException {
    Path dir = Path.of(System.getProperty("quantlab.charts.dir", "charts"));
    Files.createDirectories(dir);
    return dir.resolve(String.format("chart-%03d.png", FILES.incrementAndGet()));
  }
}
