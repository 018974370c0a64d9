package quantlab.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import quantlab.quant.IntFormat;
import quantlab.quant.QuantParams;

class ChartFilesTest {
  private final XYChart chart = QuantCharts.numberLine(QuantParams.of(IntFormat.int4(), 1f, 0));

  @Test
  void pngDecodesAtTheNotebookSize() throws Exception {
    byte[] png = ChartFiles.png(chart);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(Look.WIDTH, img.getWidth());
    assertEquals(Look.HEIGHT, img.getHeight());
  }

  @Test
  void savesByExtension(@TempDir Path dir) throws Exception {
    Path png = ChartFiles.save(chart, dir.resolve("a/grid.png"));
    assertTrue(Files.size(png) > 1000);
    String svg = Files.readString(ChartFiles.save(chart, dir.resolve("grid.svg")));
    assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary files left behind");
    }
    assertEquals("file must end in .png or .svg, got " + dir.resolve("grid.gif"),
        assertThrows(IllegalArgumentException.class,
            () -> ChartFiles.save(chart, dir.resolve("grid.gif"))).getMessage());
  }
}
