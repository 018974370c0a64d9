package quantlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RenderingTest {
  static final Renderer R = renderer();

  static Renderer renderer() {
    Renderer r = new Renderer();
    org.dflib.jjava.jupyter.kernel.display.common.Image.registerAll(r);
    org.dflib.jjava.jupyter.kernel.display.common.Text.registerAll(r);
    Rendering.register(r);
    return r;
  }

  static BufferedImage decodePng(Object base64) throws Exception {
    byte[] bytes = Base64.getDecoder().decode(base64.toString().replaceAll("\\s", ""));
    // PNG signature: 0x89 'P' 'N' 'G'
    assertEquals(0x89, bytes[0] & 0xff);
    assertEquals("PNG", new String(bytes, 1, 3, "US-ASCII"));
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }

  @Test
  void xchartIsAPngOfItsSizeWithATextFallback() throws Exception {
    XYChart chart = new XYChart(320, 200);
    chart.setTitle("loss");
    chart.addSeries("y", new double[] {1, 2, 3}, new double[] {3, 1, 2});
    Map<String, Object> data = Rendering.data(Rendering.render(R, chart));
    assertEquals(java.util.Set.of("image/png", "text/plain"), data.keySet());
    BufferedImage img = decodePng(data.get("image/png"));
    assertEquals(320, img.getWidth());
    assertEquals(200, img.getHeight());
    assertEquals("XYChart \"loss\" (320x200)", data.get("text/plain"));
  }

  @Test
  void xchartAsSvgOnRequest() {
    XYChart chart = new XYChart(100, 80);
    chart.addSeries("y", new double[] {1, 2}, new double[] {1, 2});
    Map<String, Object> data = Rendering.data(Rendering.renderAs(R, chart, "image/svg+xml"));
    String svg = data.get("image/svg+xml").toString();
    assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
    assertFalse(data.containsKey("image/png"));
  }

  @Test
  void renderedImageIsAPngWithItsPixels() throws Exception {
    BufferedImage src = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
    src.setRGB(2, 1, 0xff0000);
    Map<String, Object> data = Rendering.data(Rendering.render(R, src));
    BufferedImage back = decodePng(data.get("image/png"));
    assertEquals(3, back.getWidth());
    assertEquals(2, back.getHeight());
    assertEquals(0xff0000, back.getRGB(2, 1) & 0xffffff);
    assertEquals(0x000000, back.getRGB(0, 0) & 0xffffff);
  }

  @Test
  void tableIsEscapedHtmlWithTextFallback() {
    Table t = Table.create("weights").addColumns(DoubleColumn.create("w", 0.5, -1.25),
        StringColumn.create("layer", "<dense>", "a&b"));
    Map<String, Object> data = Rendering.data(Rendering.render(R, t));
    String html = data.get("text/html").toString();
    assertTrue(html.startsWith("<table class=\"quantlab-table\"><caption>weights</caption>"
        + "<thead><tr><th>w</th><th>layer</th></tr></thead><tbody>"), html);
    assertTrue(html.contains("<tr><td>0.5</td><td>&lt;dense&gt;</td></tr>"), html);
    assertTrue(html.contains("<tr><td>-1.25</td><td>a&amp;b</td></tr>"), html);
    assertEquals(t.print(), data.get("text/plain"));
  }

  @Test
  void longTableShowsTheFirstRowsAndHowManyMore() {
    double[] xs = new double[Rendering.MAX_TABLE_ROWS + 5];
    Table t = Table.create("t").addColumns(DoubleColumn.create("x", xs));
    String html = Rendering.tableHtml(t, Rendering.MAX_TABLE_ROWS);
    assertEquals(Rendering.MAX_TABLE_ROWS + 1, html.split("<tr>", -1).length - 1); // + header
    assertTrue(html.endsWith("<p>... 5 more rows (25 in all)</p>"), html);
  }

  /** Implements the interface. */
  public static final class Badge implements HtmlRenderable {
    @Override
    public String toHtml() {
      return "<span>int8</span>";
    }

    @Override
    public String toString() {
      return "Badge(int8)";
    }
  }

  /** Only follows the toHtml() naming convention. */
  public static final class Conventional {
    public String toHtml() {
      return "<i>q</i>";
    }

    @Override
    public String toString() {
      return "Conventional";
    }
  }

  @Test
  void ownHtmlByInterfaceOrConventionPlusToString() {
    Map<String, Object> a = Rendering.data(Rendering.render(R, new Badge()));
    assertEquals(Map.of("text/html", "<span>int8</span>", "text/plain", "Badge(int8)"), a);
    Map<String, Object> b = Rendering.data(Rendering.render(R, new Conventional()));
    assertEquals(Map.of("text/html", "<i>q</i>", "text/plain", "Conventional"), b);
  }

  @Test
  void everythingElseIsText() {
    assertEquals(Map.of("text/plain", "42"), Rendering.data(Rendering.render(R, 42)));
    assertEquals(Map.of("text/plain", "null"), Rendering.data(Rendering.render(R, null)));
    assertEquals(Map.of("text/plain", "[1, 2, 3]"),
        Rendering.data(Rendering.render(R, new int[] {1, 2, 3})));
    assertEquals(Map.of("text/plain", "[[1.5], [2.5]]"),
        Rendering.data(Rendering.render(R, new double[][] {{1.5}, {2.5}})));
  }

  @Test
  void textWithAMimeIsTakenAsIs() {
    Map<String, Object> d = Rendering.data(Rendering.renderAs(R, "<b>x</b> y", "text/html"));
    assertEquals(Map.of("text/html", "<b>x</b> y", "text/plain", "x y"), d);
    Map<String, Object> md = Rendering.data(Rendering.renderAs(R, "# T", "text/markdown"));
    assertEquals(Map.of("text/markdown", "# T", "text/plain", "# T"), md);
  }
}
