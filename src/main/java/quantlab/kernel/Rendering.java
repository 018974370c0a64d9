package quantlab.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * How cell values become notebook output (Jupyter MIME bundles).
 *
 * <ul>
 *   <li>XChart charts: {@code image/png} (ask for {@code image/svg+xml} with
 *       {@code display(chart, "image/svg+xml")}), text: the chart's title.
 *   <li>{@link java.awt.image.RenderedImage}: {@code image/png} (JJava's renderer).
 *   <li>Tablesaw tables: {@code text/html} (at most {@link #MAX_TABLE_ROWS} rows) and
 *       {@code text/plain} ({@code Table.print()}).
 *   <li>{@link HtmlRenderable} or any object with a public {@code String toHtml()}:
 *       {@code text/html} plus {@code text/plain} from {@code toString()}.
 *   <li>Everything else: {@code text/plain} from {@code toString()} (arrays as
 *       {@code Arrays.toString}).
 * </ul>
 */
public final class Rendering {
  /** Rows a table shows in HTML before "... n more rows". */
  public static final int MAX_TABLE_ROWS = 20;

  private Rendering() {}

  /** Adds quantlab's render functions to JJava's {@code renderer}. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static void register(Renderer renderer) {
    renderer.createRegistration((Class) Chart.class)
        .preferring(MIMEType.IMAGE_PNG)
        .supporting(MIMEType.IMAGE_PNG, MIMEType.IMAGE_SVG)
        .register((chart, ctx) -> {
          Chart c = (Chart) chart;
          ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> chartPng(c));
          ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> chartSvg(c));
        });
    renderer.createRegistration(Table.class)
        .preferring(MIMEType.TEXT_HTML)
        .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
        .register((table, ctx) -> {
          ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> tableHtml(table, MAX_TABLE_ROWS));
          ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> table.print());
        });
    renderer.createRegistration(HtmlRenderable.class)
        .preferring(MIMEType.TEXT_HTML)
        .supporting(MIMEType.TEXT_HTML)
        .register((obj, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, obj::toHtml));
  }

  /** The MIME bundle for {@code value}, following the rules above. */
  public static DisplayData render(Renderer renderer, Object value) {
    if (value == null) {
      return new DisplayData("null");
    }
    if (value instanceof DisplayData) {
      return (DisplayData) value;
    }
    if (value.getClass().isArray()) {
      return new DisplayData(arrayText(value));
    }
    DisplayData data = renderer.render(value);
    if (!(value instanceof DisplayDataRenderable) && !(value instanceof HtmlRenderable)
        && !data.hasDataForType(MIMEType.TEXT_HTML)) {
      String html = conventionHtml(value);
      if (html != null) {
        data.putHTML(html);
      }
    }
    if (value instanceof Chart) {
      data.putText(chartText((Chart<?, ?>) value));
    }
    if (!data.hasDataForType(MIMEType.TEXT_PLAIN)) {
      data.putText(String.valueOf(value));
    }
    return data;
  }

  /** The bundle for {@code value} in the requested MIME types only (e.g. "image/svg+xml"). */
  public static DisplayData renderAs(Renderer renderer, Object value, String... mimes) {
    if (value instanceof CharSequence && mimes.length == 1) {
      // display(text, mime): the text already is in that format
      DisplayData d = new DisplayData();
      d.putData(mimes[0], value.toString());
      if (!mimes[0].equals("text/plain")) {
        d.putText(mimes[0].equals("text/html") ? stripTags(value.toString()) : value.toString());
      }
      return d;
    }
    return renderer.renderAs(value, mimes);
  }

  /** The value of a public no-arg {@code String toHtml()} method, or null if none. */
  static String conventionHtml(Object value) {
    try {
      Method m = value.getClass().getMethod("toHtml");
      if (m.getReturnType() != String.class || Modifier.isStatic(m.getModifiers())
          || !Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
        return null;
      }
      return (String) m.invoke(value);
    } catch (NoSuchMethodException e) {
      return null;
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  static String arrayText(Object array) {
    String s = java.util.Arrays.deepToString(new Object[] {array});
    return s.substring(1, s.length() - 1);
  }

  /** Base64 PNG of {@code chart}, as Jupyter's image/png wants. */
  static String chartPng(Chart<?, ?> chart) {
    try {
      return Base64.getEncoder().encodeToString(
          BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The SVG document of {@code chart}. */
  static String chartSvg(Chart<?, ?> chart) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      VectorGraphicsEncoder.saveVectorGraphic(chart, out,
          VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String chartText(Chart<?, ?> chart) {
    String title = chart.getTitle();
    return chart.getClass().getSimpleName() + (title == null || title.isEmpty() ? ""
        : " \"" + title + "\"") + " (" + chart.getWidth() + "x" + chart.getHeight() + ")";
  }

  /** An HTML table of the first {@code maxRows} rows of {@code table}, text escaped. */
  static String tableHtml(Table table, int maxRows) {
    StringBuilder sb = new StringBuilder();
    sb.append("<table class=\"quantlab-table\">");
    if (table.name() != null && !table.name().isEmpty()) {
      sb.append("<caption>").append(escape(table.name())).append("</caption>");
    }
    sb.append("<thead><tr>");
    for (String name : table.columnNames()) {
      sb.append("<th>").append(escape(name)).append("</th>");
    }
    sb.append("</tr></thead><tbody>");
    int rows = Math.min(maxRows, table.rowCount());
    for (int r = 0; r < rows; r++) {
      sb.append("<tr>");
      for (int c = 0; c < table.columnCount(); c++) {
        sb.append("<td>").append(escape(table.column(c).getString(r))).append("</td>");
      }
      sb.append("</tr>");
    }
    sb.append("</tbody></table>");
    if (table.rowCount() > rows) {
      sb.append("<p>... ").append(table.rowCount() - rows).append(" more rows (")
          .append(table.rowCount()).append(" in all)</p>");
    }
    return sb.toString();
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }

  private static String stripTags(String html) {
    return html.replaceAll("<[^>]*>", "");
  }

  /** For tests: the data map of a bundle. */
  static Map<String, Object> data(DisplayData d) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (String mime : new String[] {"text/plain", "text/html", "image/png", "image/svg+xml",
        "image/jpeg", "text/markdown", "application/json"}) {
      try {
        MIMEType t = MIMEType.parse(mime);
        if (d.hasDataForType(t)) {
          out.put(mime, d.getData(t));
        }
      } catch (RuntimeException e) {
        throw e;
      }
    }
    return out;
  }
}
