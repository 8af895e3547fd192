package org.bertworkbench.gui.finetune;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import org.bertworkbench.gui.text.Fonts;

/** Small pieces the fine-tuning drawings share: colours, the empty-state note, number formats. */
final class Drawings {

  /** The notes' face, chosen when drawn: Japanese text needs a Japanese font. */
  static Font note() {
    return Fonts.sans(Font.PLAIN, 13);
  }

  /** Colours of the entity types, in order of first appearance (tagging). */
  private static final int[] PALETTE = {0x1e88e5, 0xfb8c00, 0x43a047, 0x8e24aa, 0x00acc1, 0xd81b60, 0x6d4c41,
      0x546e7a};

  private Drawings() {}

  /** A grey line saying why nothing is drawn. */
  static void note(Graphics2D g, String text) {
    g.setFont(note());
    g.setColor(Color.GRAY);
    g.drawString(text, 12f, 24f);
  }

  /** White to {@code c} as {@code v} goes 0..1. */
  static Color ramp(Color c, double v) {
    double t = Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    return new Color((int) Math.round(255 + (c.getRed() - 255) * t), (int) Math.round(255 + (c.getGreen() - 255) * t),
        (int) Math.round(255 + (c.getBlue() - 255) * t));
  }

  /** {@code c} with alpha {@code a} in 0..1. */
  static Color alpha(Color c, double a) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(Math.max(0, Math.min(1, a)) * 255));
  }

  /** The colour of the {@code i}-th entity type. */
  static Color entity(int i) {
    return i < PALETTE.length ? new Color(PALETTE[i]) : Color.getHSBColor((i * 0.618f) % 1f, 0.65f, 0.8f);
  }

  /** "87.5%", or "–" for NaN. */
  static String percent(double v) {
    return Double.isNaN(v) ? "–" : String.format("%.1f%%", 100 * v);
  }

  /** {@code s} cut to {@code max} characters with an ellipsis. */
  static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
