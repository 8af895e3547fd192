package org.bertworkbench.gui.embeddings;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.bertworkbench.gui.draw.Diverging;
import org.bertworkbench.gui.draw.StripsDrawing;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;

/**
 * The cosine similarity of every position embedding with every other (P x P) as a heatmap; the
 * positions the current input uses are framed, and the selected token's position is marked.
 */
final class PositionMapDrawing implements Drawing {

  private static final Texts T = Texts.of(PositionMapDrawing.class);
  private static final double LEFT = 60;
  private static final double TOP = 40;

  private final float[][] cosine;
  private final int used;
  private final int selected;
  private BufferedImage image;
  private double side;

  PositionMapDrawing(float[][] cosine, int used, int selected) {
    this.cosine = cosine;
    this.used = used;
    this.selected = selected;
  }

  PositionMapDrawing with(int newUsed, int newSelected) {
    PositionMapDrawing d = new PositionMapDrawing(cosine, newUsed, newSelected);
    d.image = image;
    return d;
  }

  float[][] cosine() {
    return cosine;
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    int p = cosine.length;
    side = Math.max(50, Math.min(width - LEFT - 40, height - TOP - 110));
    int px = (int) Math.round(side);
    if (image == null || image.getWidth() != px) {
      image = Diverging.render(cosine, px, px, 1.0);
    }
    g.setColor(Color.BLACK);
    g.setFont(Fonts.sans(Font.BOLD, 14));
    g.drawString(T.format("PositionMapDrawing.title", String.valueOf(p)), 10f, 20f);
    g.drawImage(image, (int) LEFT, (int) TOP, px, px, null);
    g.setColor(Color.GRAY);
    g.draw(new Rectangle2D.Double(LEFT, TOP, px, px));
    // Axis ticks every 64 positions.
    g.setFont(Fonts.sans(Font.PLAIN, 11));
    FontMetrics fm = g.getFontMetrics();
    for (int t = 0; t <= p; t += 64) {
      double at = t * side / p;
      String s = String.valueOf(t);
      g.setColor(Color.GRAY);
      g.draw(new Line2D.Double(LEFT + at, TOP + side, LEFT + at, TOP + side + 4));
      g.draw(new Line2D.Double(LEFT - 4, TOP + at, LEFT, TOP + at));
      g.setColor(Color.DARK_GRAY);
      g.drawString(s, (float) (LEFT + at - fm.stringWidth(s) / 2.0), (float) (TOP + side + 16));
      g.drawString(s, (float) (LEFT - 8 - fm.stringWidth(s)), (float) (TOP + at + 4));
    }
    String axis = T.get("PositionMapDrawing.axis");
    g.drawString(axis, (float) (LEFT + side / 2 - fm.stringWidth(axis) / 2.0), (float) (TOP + side + 30));
    // The input's positions, and the selected one.
    if (used > 0) {
      double u = used * side / p;
      g.setColor(new Color(0x2e7d32));
      g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 3}, 0));
      g.draw(new Rectangle2D.Double(LEFT, TOP, u, u));
      g.setStroke(new BasicStroke(1f));
    }
    if (selected >= 0) {
      double s = (selected + 0.5) * side / p;
      g.setColor(StripsDrawing.SELECTED);
      g.draw(new Line2D.Double(LEFT, TOP + s, LEFT + side, TOP + s));
      g.draw(new Line2D.Double(LEFT + s, TOP, LEFT + s, TOP + side));
    }
    double y = Diverging.legend(g, LEFT, TOP + side + 42, 220, 1.0, T.get("PositionMapDrawing.legend"));
    g.setFont(Fonts.sans(Font.PLAIN, 12));
    g.setColor(Color.DARK_GRAY);
    g.drawString(T.format("PositionMapDrawing.note", String.valueOf(used)), (float) LEFT, (float) (y + 12));
  }

  /** The pair of positions under (x, y) as last drawn, or null. */
  int[] hit(double x, double y) {
    int p = cosine.length;
    if (side <= 0 || x < LEFT || y < TOP || x >= LEFT + side || y >= TOP + side) {
      return null;
    }
    return new int[] {(int) ((y - TOP) / side * p), (int) ((x - LEFT) / side * p)};
  }

  @Override
  public double preferredWidth() {
    return 760;
  }

  @Override
  public double preferredHeight() {
    return 520;
  }
}
