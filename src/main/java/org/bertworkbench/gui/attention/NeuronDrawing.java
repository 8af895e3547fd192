package org.bertworkbench.gui.attention;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.bertworkbench.core.analysis.NeuronView;
import org.bertworkbench.gui.draw.SentenceMarks;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.text.Fonts;

/**
 * BertViz's neuron view: how one attention weight is made. The query vector q of the chosen token,
 * then for every key token j its key vector k_j, the element-wise product q * k_j (which sums to
 * the dot product), the scaled score q . k_j / sqrt(D) and the softmax over the keys. Vectors as
 * rows of cells, blue negative, red positive. Clicking a row's token makes it the query.
 */
final class NeuronDrawing implements Drawing {

  private static final Texts T = Texts.of(NeuronDrawing.class);

  static final double TOP = 86;

  private final NeuronView view;
  private final List<String> tokens;
  private double viewHeight;
  private double rowHeight;
  private double height;
  private int[] segments = new int[0];

  NeuronDrawing(NeuronView view, List<String> tokens, double viewHeight) {
    this.view = view;
    this.tokens = tokens;
    this.viewHeight = viewHeight;
    this.rowHeight = rowHeight(viewHeight);
    this.height = TOP + rowHeight * tokens.size() + 20;
  }

  @Override
  public void fitTo(double width, double h) {
    viewHeight = h;
    rowHeight = rowHeight(Math.max(h, 200));
    height = TOP + rowHeight * tokens.size() + 20;
  }

  NeuronView view() {
    return view;
  }

  /** Brackets the key rows of each sentence of a pair, lettered A and B; {@code segments} [T]. */
  NeuronDrawing withSegments(int[] segments) {
    this.segments = segments;
    return this;
  }

  private double rowHeight(double h) {
    return Math.max(8, Math.min(18, (h - TOP - 20) / Math.max(1, tokens.size())));
  }

  /** The key token on the row under y, or -1. */
  int tokenAt(double y) {
    int j = (int) Math.floor((y - TOP) / rowHeight);
    return j >= 0 && j < tokens.size() ? j : -1;
  }

  @Override
  public void draw(Graphics2D g, double width, double h) {
    rowHeight = rowHeight(Math.min(h, Math.max(viewHeight, 200)));
    height = TOP + rowHeight * tokens.size() + 20;
    int d = view.queryVector().length;
    Font mono = Fonts.mono(Font.PLAIN, (int) Math.max(9, Math.min(12, rowHeight - 4)));
    Font plain = Fonts.sans(Font.PLAIN, 11);
    g.setFont(mono);
    FontMetrics fm = g.getFontMetrics();
    double labelW = 110;
    double fixed = labelW + 20 + 70 + 180 + 40;
    double cellW = Math.max(1.5, Math.min(6, (width - fixed) / (2.0 * d)));
    double kx = labelW + 16;
    double px = kx + cellW * d + 14;
    double sx = px + cellW * d + 14;
    double bx = sx + 70;
    double barW = Math.max(60, Math.min(180, width - bx - 60));

    float kMax = 1e-6f;
    float pMax = 1e-6f;
    for (int j = 0; j < tokens.size(); j++) {
      for (int k = 0; k < d; k++) {
        kMax = Math.max(kMax, Math.abs(view.keyVectors()[j][k]));
        pMax = Math.max(pMax, Math.abs(view.products()[j][k]));
      }
    }
    float qMax = 1e-6f;
    for (float v : view.queryVector()) {
      qMax = Math.max(qMax, Math.abs(v));
    }
    g.setFont(Fonts.sans(Font.BOLD, 13));
    g.setColor(Color.DARK_GRAY);
    g.drawString(T.format("NeuronDrawing.title", view.layer(), view.head(), tokens.get(view.query()), view.query()),
        10, 18);
    g.setFont(plain);
    g.setColor(Color.GRAY);
    g.drawString(T.get("NeuronDrawing.query"), (float) 10, 44);
    for (int k = 0; k < d; k++) {
      g.setColor(new Color(HeadColors.diverging(view.queryVector()[k] / qMax)));
      g.fill(new Rectangle2D.Double(kx + k * cellW, 32, Math.max(1, cellW - 0.3), 16));
    }
    g.setColor(Color.GRAY);
    g.drawString(T.get("NeuronDrawing.key"), (float) kx, (float) (TOP - 10));
    g.drawString(T.get("NeuronDrawing.product"), (float) px, (float) (TOP - 10));
    g.drawString("q·k/√" + d, (float) sx, (float) (TOP - 10));
    g.drawString(T.get("NeuronDrawing.softmax"), (float) bx, (float) (TOP - 10));
    java.awt.Rectangle clip = g.getClipBounds();
    if (segments.length == tokens.size()) {
      SentenceMarks.rows(g, segments, 10, TOP, rowHeight);
    }
    for (int j = 0; j < tokens.size(); j++) {
      double y = TOP + j * rowHeight;
      if (clip != null && (y + rowHeight < clip.getMinY() || y > clip.getMaxY())) {
        continue;
      }
      double ch = Math.max(1, rowHeight - 2);
      if (j == view.query()) {
        g.setColor(new Color(0xfff9c4));
        g.fill(new Rectangle2D.Double(4, y, width - 8, rowHeight));
      }
      g.setFont(mono);
      boolean hidden = view.softmax()[j] == 0 && j > view.query();
      g.setColor(hidden ? Color.LIGHT_GRAY : Color.BLACK);
      String label = tokens.get(j);
      g.drawString(label, (float) (labelW + 8 - fm.stringWidth(label)), (float) (y + rowHeight - 4));
      for (int k = 0; k < d; k++) {
        g.setColor(new Color(HeadColors.diverging(view.keyVectors()[j][k] / kMax)));
        g.fill(new Rectangle2D.Double(kx + k * cellW, y + 1, Math.max(1, cellW - 0.3), ch));
        g.setColor(new Color(HeadColors.diverging(view.products()[j][k] / pMax)));
        g.fill(new Rectangle2D.Double(px + k * cellW, y + 1, Math.max(1, cellW - 0.3), ch));
      }
      g.setFont(plain);
      g.setColor(hidden ? Color.LIGHT_GRAY : Color.DARK_GRAY);
      g.drawString(hidden ? T.get("NeuronDrawing.masked") : String.format("%.2f", view.scores()[j]), (float) sx,
          (float) (y + rowHeight - 4));
      double p = view.softmax()[j];
      g.setColor(HeadColors.of(view.head()));
      g.fill(new Rectangle2D.Double(bx, y + 2, Math.max(0.5, barW * p), ch - 2));
      g.setColor(Color.DARK_GRAY);
      if (rowHeight >= 10) {
        g.drawString(String.format("%.3f", p), (float) (bx + barW * p + 4), (float) (y + rowHeight - 4));
      }
    }
  }

  @Override
  public double preferredWidth() {
    return 1100;
  }

  @Override
  public double preferredHeight() {
    return height;
  }
}
