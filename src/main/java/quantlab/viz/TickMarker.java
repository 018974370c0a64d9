package quantlab.viz;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import org.knowm.xchart.style.markers.Marker;

/** A vertical tick as a series marker: draws grid points and clipping edges on a number line. */
final class TickMarker extends Marker {
  private static final BasicStroke TICK = new BasicStroke(1.2f);
  private final double heightFactor;

  TickMarker(double heightFactor) {
    this.heightFactor = heightFactor;
  }

  @Override
  public void paint(Graphics2D g, double xOffset, double yOffset, int markerSize) {
    g.setStroke(TICK);
    double half = markerSize * heightFactor / 2;
    g.draw(new Line2D.Double(xOffset, yOffset - half, xOffset, yOffset + half));
  }
}
