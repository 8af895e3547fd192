package org.bertworkbench.gui.export;

import java.awt.Graphics2D;

/**
 * A picture drawn once against {@link Graphics2D}: on screen into an image shown on a Canvas (see
 * docs/decisions/0003), to SVG through
 * JFreeSVG, to PNG through a BufferedImage. One drawing path, every export for free.
 */
public interface Drawing {

  /** Draws into a {@code width} x {@code height} area whose top-left corner is (0, 0). */
  void draw(Graphics2D g, double width, double height);

  /** The size the picture wants when exported on its own (on screen it takes what it is given). */
  default double preferredWidth() {
    return 1200;
  }

  default double preferredHeight() {
    return 600;
  }
}
