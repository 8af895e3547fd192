package org.bertworkbench.gui.draw;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.function.DoubleFunction;
import org.bertworkbench.gui.text.Fonts;

/**
 * Colour legends for heat maps on a one-sided scale (a weight, a share, a count): a gradient bar
 * from the scale's low end to its high end, the two end values under it and what the colour means
 * beside it. Diverging scales have theirs in {@link Diverging#legend}. Every heat map draws one, so
 * that a picture on a slide can be read without the window around it.
 */
public final class Legends {

  /** The height a legend takes, bar and end values. */
  public static final double HEIGHT = 28;

  private Legends() {}

  /**
   * Draws the legend with its bar's top-left at (x, y), {@code width} wide; {@code colour} gives the
   * colour at a fraction 0..1 of the scale. Returns the y under the legend.
   */
  public static double sequential(Graphics2D g, double x, double y, double width, DoubleFunction<Color> colour,
      String lo, String hi, String label) {
    int steps = 40;
    double bw = width / steps;
    for (int i = 0; i < steps; i++) {
      g.setColor(colour.apply((i + 0.5) / steps));
      g.fill(new Rectangle2D.Double(x + i * bw, y, bw + 0.5, 10));
    }
    g.setColor(Color.GRAY);
    g.draw(new Rectangle2D.Double(x, y, width, 10));
    Font saved = g.getFont();
    g.setFont(Fonts.sans(Font.PLAIN, 10));
    FontMetrics fm = g.getFontMetrics();
    g.setColor(Color.DARK_GRAY);
    g.drawString(lo, (float) x, (float) (y + 22));
    g.drawString(hi, (float) (x + width - fm.stringWidth(hi)), (float) (y + 22));
    if (!label.isEmpty()) {
      g.drawString(label, (float) (x + width + 8), (float) (y + 9));
    }
    g.setFont(saved);
    return y + HEIGHT;
  }
}
