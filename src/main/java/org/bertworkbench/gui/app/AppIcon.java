package org.bertworkbench.gui.app;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * The application icon, a head view in miniature: four tokens on the left attend to four on the
 * right, one head's strong lines in white over the others' in light blue. One geometry, on a 256
 * grid, gives both the SVG source and every PNG size in {@code assets/icon/} ({@link #svg},
 * {@link #image}); AppIconAssetsTest checks that the files there are what this draws.
 */
public final class AppIcon {

  /** The PNG sizes shipped in {@code assets/icon/}. */
  public static final List<Integer> SIZES = List.of(16, 32, 48, 64, 128, 256);

  static final Color BACKGROUND = new Color(0x1565c0);
  static final Color WEAK = new Color(0x90, 0xca, 0xf9, 190);
  static final Color STRONG = Color.WHITE;
  static final Color TOKEN = new Color(0xffb74d);
  static final double[] ROWS = {64, 104, 144, 184};
  static final double LEFT = 62;
  static final double RIGHT = 194;
  /** Row i on the left to row {@code STRONG_TO[i]} on the right (one head), and {@code WEAK_TO[i]} (others). */
  static final int[] STRONG_TO = {0, 2, 1, 3};
  static final int[] WEAK_TO = {1, 0, 3, 2};

  private AppIcon() {}

  /** The icon as a {@code size} x {@code size} image with transparent corners. */
  public static BufferedImage image(int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.scale(size / 256.0, size / 256.0);
      g.setColor(BACKGROUND);
      g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 88, 88));
      lines(g, WEAK, 5, WEAK_TO);
      lines(g, STRONG, 10, STRONG_TO);
      g.setColor(TOKEN);
      for (double y : ROWS) {
        g.fill(new Ellipse2D.Double(LEFT - 14, y - 14, 28, 28));
        g.fill(new Ellipse2D.Double(RIGHT - 14, y - 14, 28, 28));
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void lines(Graphics2D g, Color colour, float width, int[] to) {
    g.setColor(colour);
    g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    for (int i = 0; i < ROWS.length; i++) {
      g.draw(new Line2D.Double(LEFT + 8, ROWS[i], RIGHT - 8, ROWS[to[i]]));
    }
  }

  /** The icon's SVG source, the same shapes on the 256 grid. */
  public static String svg() {
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\" viewBox=\"0 0 256 256\">\n");
    s.append("  <!-- BERT Workbench: a head view in miniature (written by AppIcon.svg) -->\n"); // i18n-ok: SVG markup
    s.append("  <rect x=\"8\" y=\"8\" width=\"240\" height=\"240\" rx=\"44\" fill=\"#1565c0\"/>\n");
    svgLines(s, "#90caf9\" stroke-opacity=\"0.75", 5, WEAK_TO);
    svgLines(s, "#ffffff", 10, STRONG_TO);
    s.append("  <g fill=\"#ffb74d\">\n");
    for (double y : ROWS) {
      s.append(String.format(Locale.ROOT, "    <circle cx=\"%.0f\" cy=\"%.0f\" r=\"14\"/>%n", LEFT, y)); // i18n-ok: SVG markup
      s.append(String.format(Locale.ROOT, "    <circle cx=\"%.0f\" cy=\"%.0f\" r=\"14\"/>%n", RIGHT, y)); // i18n-ok: SVG markup
    }
    s.append("  </g>\n</svg>\n");
    return s.toString();
  }

  private static void svgLines(StringBuilder s, String stroke, int width, int[] to) {
    s.append("  <g stroke=\"").append(stroke).append("\" stroke-width=\"").append(width)
        .append("\" stroke-linecap=\"round\">\n");
    for (int i = 0; i < ROWS.length; i++) {
      s.append(String.format(Locale.ROOT, "    <line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\"/>%n", LEFT + 8,
          ROWS[i], RIGHT - 8, ROWS[to[i]]));
    }
    s.append("  </g>\n");
  }
}
