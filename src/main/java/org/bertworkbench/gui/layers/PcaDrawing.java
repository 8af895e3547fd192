package org.bertworkbench.gui.layers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import org.bertworkbench.core.analysis.Pca;
import org.bertworkbench.gui.draw.LayerNames;
import org.bertworkbench.gui.export.Drawing;

/** All tokens at one layer on the first two principal components; colour by segment, labels = tokens. */
final class PcaDrawing implements Drawing {

  static final Color SEGMENT_A = new Color(0x1e88e5);
  static final Color SEGMENT_B = new Color(0xfb8c00);
  static final Color SELECTED = new Color(0xd32f2f);
  private static final double MARGIN = 56;

  private final List<String> tokens;
  private final int[] segments;
  private final Pca pca;
  private final int layer;
  private final int layers;
  private final int selected;
  private double[][] points;

  PcaDrawing(List<String> tokens, int[] segments, Pca pca, int layer, int layers, int selected) {
    this.tokens = tokens;
    this.segments = segments;
    this.pca = pca;
    this.layer = layer;
    this.layers = layers;
    this.selected = selected;
  }

  Pca pca() {
    return pca;
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    g.setColor(Color.BLACK);
    g.setFont(new Font("DejaVu Sans", Font.BOLD, 14));
    String where = LayerNames.outputOf(layer);
    g.drawString("All " + tokens.size() + " tokens at " + where + ", on their two main directions (PCA)", 10f, 20f);
    double[][] s = pca.scores();
    double maxX = 1e-9;
    double maxY = 1e-9;
    for (double[] p : s) {
      maxX = Math.max(maxX, Math.abs(p[0]));
      maxY = Math.max(maxY, Math.abs(p.length > 1 ? p[1] : 0));
    }
    double left = MARGIN;
    double top = 40;
    double w = Math.max(40, width - MARGIN - 30);
    double h = Math.max(40, height - top - 70);
    double cx = left + w / 2;
    double cy = top + h / 2;
    g.setColor(new Color(0xfafafa));
    g.fill(new Rectangle2D.Double(left, top, w, h));
    g.setColor(new Color(0xcfd8dc));
    g.draw(new Rectangle2D.Double(left, top, w, h));
    g.draw(new Line2D.Double(left, cy, left + w, cy));
    g.draw(new Line2D.Double(cx, top, cx, top + h));
    g.setFont(new Font("DejaVu Sans", Font.PLAIN, 12));
    g.setColor(Color.DARK_GRAY);
    g.drawString(String.format(Locale.ROOT, "PC1 → (%.0f%% of the variance)", 100 * pca.explained(0)),
        (float) (left + w - 220), (float) (top + h + 18));
    if (pca.variances().length > 1) {
      g.drawString(String.format(Locale.ROOT, "PC2 ↑ (%.0f%%)", 100 * pca.explained(1)), (float) left,
          (float) (top - 4));
    }
    points = new double[s.length][2];
    boolean labels = s.length <= 150;
    Font mono = new Font("DejaVu Sans Mono", Font.PLAIN, 12);
    g.setFont(mono);
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < s.length; i++) {
        if ((i == selected) != (pass == 1)) {
          continue; // the selected token last, on top
        }
        double x = cx + s[i][0] / maxX * (w / 2 - 12);
        double y = cy - (s[i].length > 1 ? s[i][1] / maxY : 0) * (h / 2 - 12);
        points[i][0] = x;
        points[i][1] = y;
        Color c = segments[i] == 0 ? SEGMENT_A : SEGMENT_B;
        double r = i == selected ? 6 : 4;
        g.setColor(c);
        g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        if (i == selected) {
          g.setColor(SELECTED);
          g.setStroke(new BasicStroke(2f));
          g.draw(new Ellipse2D.Double(x - r - 3, y - r - 3, 2 * r + 6, 2 * r + 6));
          g.setStroke(new BasicStroke(1f));
        }
        if (labels || i == selected) {
          g.setColor(i == selected ? SELECTED : Color.BLACK);
          g.drawString(tokens.get(i), (float) (x + 7), (float) (y - 4));
        }
      }
    }
    // Legend.
    double ly = top + h + 40;
    g.setFont(new Font("DejaVu Sans", Font.PLAIN, 12));
    g.setColor(SEGMENT_A);
    g.fill(new Ellipse2D.Double(left, ly - 9, 9, 9));
    g.setColor(Color.DARK_GRAY);
    g.drawString("segment A", (float) (left + 14), (float) ly);
    g.setColor(SEGMENT_B);
    g.fill(new Ellipse2D.Double(left + 100, ly - 9, 9, 9));
    g.setColor(Color.DARK_GRAY);
    g.drawString("segment B    " + LayerNames.hiddenState(layer) + " (hidden_states[" + layer + "] of 0-" + layers + ")"
        + (labels ? "" : "   (labels hidden above 150 tokens)"),
        (float) (left + 114), (float) ly);
  }

  /** The token drawn nearest (x, y), within 10 pixels, or -1. */
  int hit(double x, double y) {
    if (points == null) {
      return -1;
    }
    int best = -1;
    double bestD = 100;
    for (int i = 0; i < points.length; i++) {
      double dx = points[i][0] - x;
      double dy = points[i][1] - y;
      double d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  @Override
  public double preferredWidth() {
    return 900;
  }

  @Override
  public double preferredHeight() {
    return 480;
  }
}
