package quantlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * 1,000 cells (-Dquantlab.soak.cells to change) in one kernel, each making 1 MB of data in a
 * redeclared variable: all succeed, and the live heap after GC grows by less than
 * {@link #MAX_GROWTH_PER_CELL_KB} per cell between cell 100 and the last.
 */
class KernelSoakIT {
  /**
   * JShell keeps every snippet of the session (source, wrapped source, class bytes twice, javac
   * symbols), measured at about 250 KB per cell here; a heap histogram shows the same growth
   * without the kernel around JShell, the kernel's own share (its cell history) is about
   * 0.1 KB a cell; JShell has no API to forget a snippet (see docs/kernel.md). A kernel that
   * kept each cell's 1 MB array (JShell does, in the old snippet class's static field, unless
   * the kernel releases it) grows by 1,024 KB a cell. 512 KB separates the two.
   */
  static final long MAX_GROWTH_PER_CELL_KB = 512;

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
    double perCell = (atEnd - at100) / (double) (n - 100);
    System.out.printf("soak: %d cells in %.0f s; live heap %d KB after 100 cells, %d KB after "
        + "%d (%.0f KB per cell)%n", n, j.get("seconds").getAsDouble(), at100, atEnd, n, perCell);
    assertTrue(perCell < MAX_GROWTH_PER_CELL_KB, "heap grew " + perCell + " KB per cell");
  }
}
