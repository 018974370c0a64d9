package quantlab.viz;

import java.awt.Color;

/**
 * The Okabe-Ito palette: eight colours that stay distinct for the common forms of colour blindness
 * (Okabe and Ito, "Color Universal Design", 2008). Every quantlab chart draws its series in this
 * order.
 */
public final class Palette {
  private Palette() {}

  public static final Color BLUE = new Color(0x0072B2);
  public static final Color ORANGE = new Color(0xE69F00);
  public static final Color GREEN = new Color(0x009E73);
  public static final Color VERMILLION = new Color(0xD55E00);
  public static final Color SKY_BLUE = new Color(0x56B4E9);
  public static final Color REDDISH_PURPLE = new Color(0xCC79A7);
  public static final Color YELLOW = new Color(0xF0E442);
  public static final Color BLACK = new Color(0x000000);
  public static final Color GREY = new Color(0x999999);

  /** The series colours in order: blue, orange, green, vermillion, sky blue, purple, yellow. */
  public static Color[] series() {
    return new Color[] {BLUE, ORANGE, GREEN, VERMILLION, SKY_BLUE, REDDISH_PURPLE, YELLOW, BLACK};
  }

  /** Colour {@code i} of {@link #series()}, cycling. */
  public static Color series(int i) {
    Color[] s = series();
    return s[Math.floorMod(i, s.length)];
  }
}
