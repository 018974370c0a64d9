package quantlab.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TfliteExportTest {
  @Test
  void convKernelHwioToOhwiByHand() {
    // k[y][x][i][o] with kh = kw = 1, cin = 2, cout = 2: rows are cin: [[a, b], [c, d]].
    // TFLite wants [o][i]: [[a, c], [b, d]].
    assertArrayEquals(new float[] {1, 3, 2, 4},
        TfliteExport.hwioToOhwi(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
    // kh = 2, kw = 1, cin = 1, cout = 2: k = [[y0o0, y0o1], [y1o0, y1o1]] = [1, 2, 3, 4];
    // filter [o][y] = [[1, 3], [2, 4]].
    assertArrayEquals(new float[] {1, 3, 2, 4},
        TfliteExport.hwioToOhwi(new float[] {1, 2, 3, 4}, 2, 1, 1, 2));
    // kh = 1, kw = 2, cin = 2, cout = 1: no output axis to move, order unchanged.
    assertArrayEquals(new float[] {1, 2, 3, 4},
        TfliteExport.hwioToOhwi(new float[] {1, 2, 3, 4}, 1, 2, 2, 1));
  }

  @Test
  void wrongKernelSizeIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TfliteExport.hwioToOhwi(new float[5], 1, 1, 2, 2));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("got 5"));
  }
}
