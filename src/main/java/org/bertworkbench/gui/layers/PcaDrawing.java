package org.bertworkbench.gui.layers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.analysis.Pca;
import org.bertworkbench.gui.draw.LayerNames;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;

/**
 * All tokens at one layer on the first two principal components; colour by segment, labels =
 * tokens. Labels are placed greedily ({@link #placeLabels}): the selected and the hovered token
 * first, then the points farthest from the centre, each at the first of four places beside its point
 * that overlaps no label placed before; a label with no free place is left out (hovering its point
 * shows it). An export draws neither the hover nor the selection ring.
 */
final class PcaDrawing implements Drawing {

  private static final Texts T = Texts.of(PcaDrawing.class);

  /** Where a token's label was drawn. */
  record Label(int token, Rectangle2D box) {}

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
  private int hovered = -1;
  private final List<Label> labels = new ArrayList<>();

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

  /** The same map with token {@code i} under the mouse (-1: none): its label is always drawn. */
  PcaDrawing hovering(int i) {
    hovered = i;
    return this;
  }

  int hovered() {
    return hovered;
  }

  /** Where token {@code i}'s point was last drawn, {x, y}. */
  double[] point(int i) {
    return points[i].clone();
  }

  /** The labels as last drawn, each with its box. */
  List<Label> labels() {
    return List.copyOf(labels);
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    g.setColor(Color.BLACK);
    g.setFont(Fonts.sans(Font.BOLD, 14));
    String where = LayerNames.outputOf(layer);
    String whole = T.format("PcaDrawing.title", tokens.size(), where);
    String first = T.format("PcaDrawing.title.first", tokens.size(), where);
    String second = T.get("PcaDrawing.title.second");
    // On two lines when one does not fit (a narrow window, or large type): never cut off.
    boolean oneLine = g.getFontMetrics().stringWidth(whole) <= width - 20;
    if (oneLine) {
      g.drawString(whole, 10f, 20f);
    } else {
      g.drawString(first, 10f, 20f);
      g.drawString(second, 10f, 38f);
    }
    double[][] s = pca.scores();
    double maxX = 1e-9;
    double maxY = 1e-9;
    for (double[] p : s) {
      maxX = Math.max(maxX, Math.abs(p[0]));
      maxY = Math.max(maxY, Math.abs(p.length > 1 ? p[1] : 0));
    }
    double left = MARGIN;
    double top = oneLine ? 40 : 58;
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
    g.setFont(Fonts.sans(Font.PLAIN, 12));
    g.setColor(Color.DARK_GRAY);
    g.drawString(T.format("PcaDrawing.pc1", 100 * pca.explained(0)),
        (float) (left + w - 220), (float) (top + h + 18));
    if (pca.variances().length > 1) {
      g.drawString(T.format("PcaDrawing.pc2", 100 * pca.explained(1)), (float) left,
          (float) (top - 4));
    }
    points = new double[s.length][2];
    boolean export = Drawing.isExport(g);
    int hover = export ? -1 : hovered;
    for (int i = 0; i < s.length; i++) {
      points[i][0] = cx + s[i][0] / maxX * (w / 2 - 12);
      points[i][1] = cy - (s[i].length > 1 ? s[i][1] / maxY : 0) * (h / 2 - 12);
    }
    Font mono = Fonts.mono(Font.PLAIN, 12);
    g.setFont(mono);
    placeLabels(g.getFontMetrics(), new Rectangle2D.Double(left, top, w, h), cx, cy, hover);
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < s.length; i++) {
        if ((i == selected || i == hover) != (pass == 1)) {
          continue; // the selected and hovered tokens last, on top
        }
        double x = points[i][0];
        double y = points[i][1];
        Color c = segments[i] == 0 ? SEGMENT_A : SEGMENT_B;
        double r = i == selected ? 6 : 4;
        g.setColor(c);
        g.fill(marker(segments[i], x, y, r));
        if (i == selected && !export) {
          g.setColor(SELECTED);
          g.setStroke(new BasicStroke(2f));
          g.draw(new Ellipse2D.Double(x - r - 3, y - r - 3, 2 * r + 6, 2 * r + 6));
          g.setStroke(new BasicStroke(1f));
        }
      }
    }
    FontMetrics fm = g.getFontMetrics();
    for (Label label : labels) {
      int i = label.token();
      if (i == hover) {
        g.setColor(new Color(255, 255, 255, 230));
        g.fill(label.box());
      }
      g.setColor(i == selected ? SELECTED : Color.BLACK);
      g.drawString(tokens.get(i), (float) label.box().getX(), (float) (label.box().getY() + fm.getAscent()));
    }
    // Legend.
    double ly = top + h + 40;
    g.setFont(Fonts.sans(Font.PLAIN, 12));
    g.setColor(SEGMENT_A);
    g.fill(marker(0, left + 4.5, ly - 4.5, 4.5));
    g.setColor(Color.DARK_GRAY);
    g.drawString(T.get("PcaDrawing.segmentA"), (float) (left + 14), (float) ly);
    g.setColor(SEGMENT_B);
    g.fill(marker(1, left + 104.5, ly - 4.5, 4.5));
    g.setColor(Color.DARK_GRAY);
    g.drawString(T.format("PcaDrawing.segmentB", LayerNames.hiddenState(layer), layer, layers),
        (float) (left + 114), (float) ly);
    if (labels.size() < s.length) {
      g.drawString(T.format(export ? "PcaDrawing.labelsLeftOut" : "PcaDrawing.labelsLeftOut.hover", labels.size(),
          s.length), (float) left, (float) (ly + 17));
    }
  }

  /**
   * Greedy placement: in order of priority (selected, hovered, then farthest from the centre, where
   * the points are sparse) each label takes the first of right-above, right-below, left-above,
   * left-below its point that stays in the plot and overlaps no label placed before, or is left out.
   */
  private void placeLabels(FontMetrics fm, Rectangle2D plot, double cx, double cy, int hover) {
    labels.clear();
    Integer[] order = new Integer[points.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingInt((Integer i) -> i == selected ? 0 : i == hover ? 1 : 2)
        .thenComparingDouble(i -> -Math.hypot(points[i][0] - cx, points[i][1] - cy)));
    double lh = fm.getAscent() + fm.getDescent();
    for (int i : order) {
      double tw = fm.stringWidth(tokens.get(i));
      double x = points[i][0];
      double y = points[i][1];
      Rectangle2D[] places = {
          new Rectangle2D.Double(x + 7, y - 4 - fm.getAscent(), tw, lh),
          new Rectangle2D.Double(x + 7, y + 4, tw, lh),
          new Rectangle2D.Double(x - 7 - tw, y - 4 - fm.getAscent(), tw, lh),
          new Rectangle2D.Double(x - 7 - tw, y + 4, tw, lh)};
      Rectangle2D chosen = null;
      for (Rectangle2D r : places) {
        if (plot.contains(r) && labels.stream().noneMatch(l -> l.box().intersects(r))) {
          chosen = r;
          break;
        }
      }
      if (chosen == null && (i == selected || i == hover)) {
        chosen = places[0]; // what the user points at is always named
      }
      if (chosen != null) {
        labels.add(new Label(i, chosen));
      }
    }
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

  /**
   * A point's mark: a circle for sentence A, a diamond for sentence B, so that the two sentences are
   * told apart without their colours (in grey print, for a colour-blind reader).
   */
  static java.awt.Shape marker(int segment, double x, double y, double r) {
    if (segment == 0) {
      return new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
    }
    double d = r * 1.3;
    java.awt.geom.Path2D.Double diamond = new java.awt.geom.Path2D.Double();
    diamond.moveTo(x, y - d);
    diamond.lineTo(x + d, y);
    diamond.lineTo(x, y + d);
    diamond.lineTo(x - d, y);
    diamond.closePath();
    return diamond;
  }
}
