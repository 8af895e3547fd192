package org.bertworkbench.gui.attention;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.List;
import org.bertworkbench.gui.text.Fonts;

/**
 * The token labels of a T x T heatmap: right-aligned row labels to its left, rotated column labels
 * above it, the hovered row and column in red. Shared by the matrix and comparison drawings.
 */
final class MatrixLabels {

  /** The labels' face, chosen when drawn: the window's language picks the family. */
  static Font font() {
    return Fonts.mono(Font.PLAIN, 11);
  }
  static final Color HOVER = new Color(0xd32f2f);

  private MatrixLabels() {}

  /** The width of the longest label in {@link #font()}, in pixels. */
  static int longest(Graphics2D g, List<String> labels) {
    FontMetrics fm = g.getFontMetrics(font());
    int longest = 0;
    for (String s : labels) {
      longest = Math.max(longest, fm.stringWidth(s));
    }
    return longest;
  }

  /** Row labels ending 4 px left of {@code left}, one per cell of height {@code cell} from {@code top}. */
  static void rows(Graphics2D g, List<String> labels, double left, double top, double cell, int hoverRow) {
    g.setFont(font());
    FontMetrics fm = g.getFontMetrics();
    for (int i = 0; i < labels.size(); i++) {
      g.setColor(i == hoverRow ? HOVER : Color.DARK_GRAY);
      String s = labels.get(i);
      g.drawString(s, (float) (left - 4 - fm.stringWidth(s)), (float) (top + (i + 0.5) * cell + 4));
    }
  }

  /** Column labels rotated to read upwards, starting 4 px above {@code top}. */
  static void columns(Graphics2D g, List<String> labels, double left, double top, double cell, int hoverColumn) {
    g.setFont(font());
    AffineTransform saved = g.getTransform();
    for (int j = 0; j < labels.size(); j++) {
      g.setTransform(saved);
      g.translate(left + (j + 0.5) * cell + 4, top - 4);
      g.rotate(-Math.PI / 2);
      g.setColor(j == hoverColumn ? HOVER : Color.DARK_GRAY);
      g.drawString(labels.get(j), 0, 0);
    }
    g.setTransform(saved);
  }
}
