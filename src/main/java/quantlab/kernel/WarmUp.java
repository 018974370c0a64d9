package quantlab.kernel;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Renders a throwaway chart to PNG bytes in a background daemon thread when the kernel
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

  /**
   * Renders one chart like a user's first (XChart's default look, 600x400, a line of 200
   * points, title and legend for the fonts); never throws. One is enough: rendering more (a
   * second round, a quantlab.viz chart) cost 0.5 s more CPU before the first cell and did not
   * make the first chart cell cheaper (measured, docs/kernel.md).
   */
  static void run() {
    try {
      render(lineChart(0));
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
