package quantlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * 1,000 cells (-Dquantlab.soak.cells to change) in one kernel: all succeed and the live heap
 * after GC grows by less than {@link #MAX_GROWTH_KB} between cell 100 and the last cell.
 */
class KernelSoakIT {
  /**
   * JShell keeps every snippet (source, syntax tree, class) for the session, about 10-20 KB a
   * cell here; 1,000 cells may thus add ~20 MB. A leak of the cell's data (each cell makes an
   * 80 KB array) would add 80 MB.
   */
  static final long MAX_GROWTH_KB = 48 * 1024;

  @Test
  void heapStaysBoundedOver1000Cells() throws Exception {
    KernelHarness.requireJupyter();
    int n = Integer.getInteger("quantlab.soak.cells", 1000);
    JsonObject j = KernelHarness.python(3600, "kernel_scenarios.py", "soak",
        String.valueOf(n)).json();
    assertEquals(0, j.get("failures").getAsInt());
    JsonArray s = j.getAsJsonArray("samples");
    long at100 = s.get(0).getAsJsonObject().get("heap_kb").getAsLong();
    long atEnd = s.get(s.size() - 1).getAsJsonObject().get("heap_kb").getAsLong();
    System.out.printf("soak: %d cells in %.0f s; live heap %d KB after 100 cells, %d KB after "
        + "%d%n", n, j.get("seconds").getAsDouble(), at100, atEnd, n);
    assertTrue(atEnd - at100 < MAX_GROWTH_KB, "heap grew by " + (atEnd - at100) + " KB");
  }
}
