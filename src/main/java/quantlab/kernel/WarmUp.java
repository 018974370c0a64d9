package quantlab.kernel;

import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import quantlab.viz.ModelCharts;

/**
 * Renders a few throwaway charts to PNG bytes in a background daemon thread when the kernel
 * starts, so the user's first chart cell does not pay for the one-time work: loading and
 * initialising AWT's headless graphics, fontconfig and the fonts, XChart's classes, the Marlin
 * rasteriser and ImageIO's PNG writer, and their first JIT compilation. Measured on this machine
 * (main-thread CPU of painting a 600x400 chart of 200 points): 0.42-0.47 s cold, 0.05 s warm.
 *
 * <p>The warm-up touches no JShell state (it runs plain Java, not snippets), holds no lock a
 * cell needs, prints nothing and discards what it renders; errors (no fonts, no display
 * libraries) are ignored: the first chart cell then reports them. {@code
 * -Dquantlab.kernel.warmUp=false} turns it off (for measuring its effect).
 */
final class WarmUp {
  /** The name of the warm-up thread (visible in thread dumps). */
  static final String THREAD_NAME = "quantlab-warm-up";

  private WarmUp() {}

  /** Starts the warm-up thread unless {@code -Dquantlab.kernel.warmUp=false}; returns it. */
  static Thread start() {
    if (!Boolean.parseBoolean(System.getProperty("quantlab.kernel.warmUp", "true"))) {
      return null;
    }
    Thread t = new Thread(WarmUp::run, THREAD_NAME);
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
    return t;
  }

  /** Renders the charts; never throws. */
  static void run() {
    try {
      // what a user's first chart usually is: XChart's default look, a line of a few hundred
      // points, title and legend (fonts), rendered twice so the rasteriser's loops get compiled
      for (int round = 0; round < 2; round++) {
        render(lineChart(round));
      }
      // quantlab.viz's look (markers, palette, axis titles)
      Map<String, double[]> curves = new LinkedHashMap<>();
      curves.put("float", new double[] {0.61, 0.78, 0.83, 0.85});
      curves.put("int8", new double[] {0.60, 0.77, 0.83, 0.84});
      render(ModelCharts.trainingCurves("warm-up", "accuracy", curves));
    } catch (RuntimeException | LinkageError e) {
      // no fonts or display libraries: the first chart cell will say so
    }
  }

  private static XYChart lineChart(int round) {
    XYChart c = new XYChart(600, 400);
    c.setTitle("warm-up");
    double[] xs = new double[200];
    double[] ys = new double[200];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = i / 20.0;
      ys[i] = Math.sin(xs[i] + round);
    }
    c.addSeries("warm-up", xs, ys);
    return c;
  }

  private static void render(Chart<?, ?> chart) {
    Rendering.chartPng(chart);
  }
}
