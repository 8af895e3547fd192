package org.bertworkbench.gui.export;

import java.awt.Graphics2D;

/**
 * A picture drawn once against {@link Graphics2D}: on screen into an image shown on a Canvas (see
 * docs/decisions/0003), to SVG through
 * JFreeSVG, to PNG through a BufferedImage. One drawing path, every export for free.
 *
 * <p>An export is drawn by the same code with {@link #isExport} true: a picture for a slide shows
 * what the data say, not where the mouse was, so hover marks, selection frames and instructions
 * ("click a head…") are left out. {@link #isVector} tells a drawing that images would be embedded as
 * bitmaps: it draws them through {@link Exports#drawImage}, which writes rectangles instead.
 */
public interface Drawing {

  /** Draws into a {@code width} x {@code height} area whose top-left corner is (0, 0). */
  void draw(Graphics2D g, double width, double height);

  /**
   * Tells the picture the area it shows in on screen, in drawing units, before each draw. A picture
   * whose layout follows the view (rows that fill the height) lays itself out here; its {@link
   * #preferredHeight()} may then exceed {@code height}, and the canvas scrolls. (Laying out from the
   * height {@code draw} is given cannot shrink again: once taller than the view, that height is its
   * own.)
   */
  default void fitTo(double width, double height) {}

  /** The size the picture wants when exported on its own (on screen it takes what it is given). */
  default double preferredWidth() {
    return 1200;
  }

  default double preferredHeight() {
    return 600;
  }

  /** True when {@code g} draws an export (PNG, SVG, the clipboard), not the screen. */
  static boolean isExport(Graphics2D g) {
    return Boolean.TRUE.equals(g.getRenderingHint(Exports.EXPORT));
  }

  /** True when {@code g} writes vectors (SVG). */
  static boolean isVector(Graphics2D g) {
    return g instanceof org.jfree.svg.SVGGraphics2D;
  }
}
