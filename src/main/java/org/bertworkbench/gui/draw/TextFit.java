package org.bertworkbench.gui.draw;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;

/**
 * Type made smaller until a line fits its room: a picture's title or note in large type, or in
 * Japanese (wider than the English it was laid out for), shrinks rather than being cut at the
 * picture's edge. Never below 8 points; below that it is cut after all.
 */
public final class TextFit {

  static final float SMALLEST = 8;

  private TextFit() {}

  /** {@code font}, or a smaller size of it, in which {@code text} is at most {@code room} wide. */
  public static Font fitted(Graphics2D g, Font font, String text, double room) {
    Font f = font;
    while (f.getSize2D() > SMALLEST && g.getFontMetrics(f).stringWidth(text) > room) {
      f = f.deriveFont(Math.max(SMALLEST, f.getSize2D() - 0.5f));
    }
    return f;
  }

  /** Draws {@code text} at ({@code x}, {@code y}) in {@code font} made to fit before {@code right}. */
  public static void draw(Graphics2D g, Font font, String text, double x, double y, double right) {
    g.setFont(fitted(g, font, text, right - x));
    g.drawString(text, (float) x, (float) y);
  }

  /** {@code s} cut to {@code room} pixels in {@code fm}'s font, with an ellipsis when cut (a label in a fixed column). */
  public static String clipped(FontMetrics fm, String s, double room) {
    if (fm.stringWidth(s) <= room) {
      return s;
    }
    String cut = s;
    while (cut.length() > 1 && fm.stringWidth(cut + "…") > room) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + "…";
  }
}
