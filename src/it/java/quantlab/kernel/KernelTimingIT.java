package quantlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Measures and prints (does not assert: timings depend on the machine) the time from kernel
 * start to the first executed cell (target <= 3 s on 2 cores) and the time to render a chart
 * cell (target <= 1 s). Figures are recorded in docs/kernel.md.
 */
class KernelTimingIT {
  @Test
  void reportStartupAndChartTimes() throws Exception {
    KernelHarness.requireJupyter();
    // what users get after ./quantlab kernel install: the JDK class-data archive (made once)
    boolean cds = KernelCds.ensure(KernelHarness.kernelClasspath()) != null;
    JsonObject j = KernelHarness.python(600, "kernel_scenarios.py", "timing").json();
    assertEquals("ok", j.get("first_status").getAsString());
    assertEquals("ok", j.get("chart_status").getAsString());
    assertEquals("[\"image/png\",\"text/plain\"]", j.get("chart_mimes").toString());
    System.out.println(String.format(Locale.ROOT,
        "kernel timing (%d cores, load average %.1f, class-data archive %s):%n"
        + "  kernel_info answered after      %6.2f s%n"
        + "  first cell (1 + 1) done after   %6.2f s  (target <= 3 s; kernel CPU %.2f s)%n"
        + "  chart cell, first (compile+PNG) %6.2f s  (target <= 1 s; kernel CPU %.2f s)%n"
        + "  chart cell, again               %6.2f s",
        j.get("cores").getAsInt(), j.get("load_average").getAsDouble(), cds ? "used" : "none",
        j.get("ready_s").getAsDouble(), j.get("first_cell_s").getAsDouble(),
        j.get("first_cell_cpu_s").getAsDouble(), j.get("chart_cell_s").getAsDouble(),
        j.get("chart_cell_cpu_s").getAsDouble(),
        j.get("chart_rerender_s").getAsDouble()));
  }
}
