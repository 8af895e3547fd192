package org.bertworkbench.gui.explain;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.explain.Explanation;
import org.bertworkbench.gui.draw.Diverging;
import org.bertworkbench.gui.draw.TextFit;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;

/**
 * The input's tokens as running boxes, each on the colour of its total attribution on the diverging
 * map (red: the token raises f, blue: it lowers it), symmetric around 0 up to the largest |total|,
 * its number under it; the token f is read at is framed. Under the tokens the colour legend, then
 * what f is and the completeness line (integrated gradients), so that an exported picture says
 * everything the view does.
 */
final class TokenColoursDrawing implements Drawing {

  private static final Texts T = Texts.of(TokenColoursDrawing.class);
  static final double MARGIN = 12;
  static final double LINE = 44;

  private final Explanation e;
  private final double scale;
  private double laidOutWidth = -1;
  private List<Rectangle2D> boxes = List.of();
  private double height = 200;

  TokenColoursDrawing(Explanation e) {
    this.e = e;
    double max = 0;
    for (double v : e.attribution().total()) {
      max = Math.max(max, Math.abs(v));
    }
    scale = max > 0 ? max : 1;
  }

  /** The colour scale: the largest |total|; the map is symmetric around 0. */
  double scale() {
    return scale;
  }

  /** The box token {@code t} was last drawn in (drawing units). */
  Rectangle2D box(int t) {
    return boxes.get(t);
  }

  @Override
  public void fitTo(double width, double height) {
    layOut(width);
  }

  private void layOut(double width) {
    if (width == laidOutWidth) {
      return;
    }
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = scratch.createGraphics();
    FontMetrics fm = g.getFontMetrics(tokenFont());
    FontMetrics small = g.getFontMetrics(numberFont());
    List<Rectangle2D> out = new ArrayList<>();
    double x = MARGIN;
    double y = MARGIN + 26;
    for (int t = 0; t < e.tokens().size(); t++) {
      double w = Math.max(fm.stringWidth(e.tokens().get(t)), small.stringWidth(number(t))) + 10;
      if (x + w > width - MARGIN && x > MARGIN) {
        x = MARGIN;
        y += LINE;
      }
      out.add(new Rectangle2D.Double(x, y, w, fm.getHeight() + 6));
      x += w + 4;
    }
    g.dispose();
    boxes = out;
    laidOutWidth = width;
    double bottom = out.isEmpty() ? y : out.get(out.size() - 1).getMaxY() + 16;
    height = bottom + 36 + 3 * 20 + MARGIN;
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    layOut(width);
    g.setColor(Color.WHITE);
    g.fill(new Rectangle2D.Double(0, 0, width, height));
    g.setColor(Color.DARK_GRAY);
    TextFit.draw(g, Fonts.sans(Font.BOLD, 13), T.format("TokenColoursDrawing.title", e.attribution().method()
        .cliName(), e.model()), MARGIN, MARGIN + 12, width - MARGIN);
    double[] total = e.attribution().total();
    int at = e.explained().position();
    for (int t = 0; t < boxes.size(); t++) {
      Rectangle2D b = boxes.get(t);
      RoundRectangle2D r = new RoundRectangle2D.Double(b.getX(), b.getY(), b.getWidth(), b.getHeight(), 6, 6);
      g.setColor(new Color(Diverging.rgb(total[t], scale)));
      g.fill(r);
      g.setColor(t == at ? Color.BLACK : new Color(0xbdbdbd));
      g.setStroke(new java.awt.BasicStroke(t == at ? 2f : 1f));
      g.draw(r);
      g.setStroke(new java.awt.BasicStroke(1f));
      g.setFont(tokenFont());
      FontMetrics fm = g.getFontMetrics();
      g.setColor(Math.abs(total[t]) > 0.6 * scale ? Color.WHITE : Color.BLACK);
      String s = e.tokens().get(t);
      g.drawString(s, (float) (b.getCenterX() - fm.stringWidth(s) / 2.0), (float) (b.getY() + 3 + fm.getAscent()));
      g.setFont(numberFont());
      FontMetrics small = g.getFontMetrics();
      g.setColor(Color.DARK_GRAY);
      String v = number(t);
      g.drawString(v, (float) (b.getCenterX() - small.stringWidth(v) / 2.0), (float) (b.getMaxY() + 11));
    }
    double y = boxes.isEmpty() ? MARGIN + 30 : boxes.get(boxes.size() - 1).getMaxY() + 22;
    double legend = Math.min(260, Math.max(120, width / 3));
    String label = T.get("TokenColoursDrawing.legend");
    g.setFont(Fonts.sans(Font.PLAIN, 11));
    Diverging.legend(g, MARGIN, y, legend, scale, TextFit.clipped(g.getFontMetrics(), label,
        width - 2 * MARGIN - legend - 12));
    y += 46;
    g.setColor(Color.BLACK);
    Font text = Fonts.sans(Font.PLAIN, 12);
    for (String line : AttributionText.lines(e)) {
      TextFit.draw(g, text, line, MARGIN, y, width - MARGIN);
      y += 20;
    }
  }

  /** Every token's number alike, three decimals ("0.100", "-0.002"), so that they read as one column. */
  private String number(int t) {
    return String.format(java.util.Locale.ROOT, "%.3f", e.attribution().total()[t]);
  }

  private static Font tokenFont() {
    return Fonts.sans(Font.PLAIN, 14);
  }

  private static Font numberFont() {
    return Fonts.sans(Font.PLAIN, 9);
  }

  @Override
  public double preferredHeight() {
    if (laidOutWidth < 0) {
      layOut(preferredWidth());
    }
    return height;
  }

  @Override
  public double preferredWidth() {
    return laidOutWidth > 0 ? laidOutWidth : 1200;
  }
}
