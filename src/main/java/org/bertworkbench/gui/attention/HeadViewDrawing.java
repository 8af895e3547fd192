package org.bertworkbench.gui.attention;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.bertworkbench.gui.export.Drawing;

/**
 * BertViz's head view: the tokens in two columns, attending on the left and attended on the right,
 * a line for each weight above the threshold, its opacity the weight, one colour per head. Hovering
 * a token keeps only its lines. A short input uses the height it has (rows up to {@link #MAX_ROW},
 * labels growing with them); an input that would leave rows too low to label scrolls instead, up
 * to three views high, so that large type stays large. Level of detail for longer inputs: rows
 * shrink with T, labels are drawn only when they fit (the hovered token's always), weights under
 * the threshold are skipped and lines outside the visible band are culled.
 */
final class HeadViewDrawing implements Drawing {

  static final double TOP = 46;
  static final double MAX_ROW = 26;
  static final double MIN_ROW = 1.5;
  /**
   * The lowest row an input gets before it scrolls (within reason). Times the F5 factor it stays
   * above {@link #MAX_ROW}: presentation mode never shows a short input smaller than normal type.
   */
  static final double READABLE_ROW = 16;
  /** How many views high a readable head view may scroll before its rows shrink instead. */
  static final double MAX_SCREENS = 3;

  private final AttentionData.Maps maps;
  private final boolean[] shownHeads;
  private final double threshold;
  private final SentenceFilter filter;
  private final int hoverSide; // 0 left (attending), 1 right (attended), -1 none
  private final int hoverIndex;
  private final String title;
  private double rowHeight = MAX_ROW;
  private double leftX;
  private double rightX;
  private double height;
  private int linesDrawn;
  private double labelPixels;
  private double viewHeight;

  HeadViewDrawing(AttentionData.Maps maps, boolean[] shownHeads, double threshold, SentenceFilter filter,
      int hoverSide, int hoverIndex, String title, double viewHeight) {
    this.maps = maps;
    fitTo(0, viewHeight);
    this.shownHeads = shownHeads;
    this.threshold = threshold;
    this.filter = filter;
    this.hoverSide = hoverSide;
    this.hoverIndex = hoverIndex;
    this.title = title;
  }

  @Override
  public void fitTo(double width, double viewHeight) {
    this.viewHeight = viewHeight;
    rowHeight = rowHeight(maps.length(), viewHeight);
    height = TOP + rowHeight * maps.length() + 12;
  }

  AttentionData.Maps maps() {
    return maps;
  }

  int linesDrawn() {
    return linesDrawn;
  }

  /** The token labels' font size at the last draw in device pixels (through the zoom's scale). */
  double labelPixels() {
    return labelPixels;
  }

  int hoverIndex() {
    return hoverIndex;
  }

  int hoverSide() {
    return hoverSide;
  }

  /** Row height for {@code t} tokens in a view {@code height} high. */
  static double rowHeight(int t, double height) {
    double fit = (height - TOP - 12) / Math.max(1, t);
    if (fit < READABLE_ROW && TOP + 12 + t * READABLE_ROW <= MAX_SCREENS * height) {
      return READABLE_ROW;
    }
    return Math.max(MIN_ROW, Math.min(MAX_ROW, fit));
  }

  /** {side, index} of the token under (x, y) as last drawn, or null. */
  int[] tokenAt(double x, double y) {
    int t = maps.length();
    int i = (int) Math.floor((y - TOP) / rowHeight);
    if (i < 0 || i >= t) {
      return null;
    }
    double mid = (leftX + rightX) / 2;
    return new int[] {x < mid ? 0 : 1, i};
  }

  double rowY(int i) {
    return TOP + (i + 0.5) * rowHeight;
  }

  double leftX() {
    return leftX;
  }

  double rightX() {
    return rightX;
  }

  private boolean shown(int k) {
    int head = maps.headIds()[k];
    return head < 0 || (head < shownHeads.length && shownHeads[head]);
  }

  @Override
  public void draw(Graphics2D g, double width, double h) {
    int t = maps.length();
    rowHeight = rowHeight(t, Math.max(viewHeight > 0 ? viewHeight : h, 200)); // the view's rows, not the band's
    height = TOP + rowHeight * t + 12;
    double labelWidth = Math.min(170, Math.max(60, width * 0.2));
    double half = Math.max(170, Math.min(320, width * 0.18)); // the lines' run grows with a wide view
    leftX = Math.max(labelWidth + 14, width / 2 - half);
    rightX = Math.min(width - labelWidth - 14, width / 2 + half);
    java.awt.Rectangle clip = g.getClipBounds();
    double bandTop = clip == null ? Double.NEGATIVE_INFINITY : clip.getMinY() - 2;
    double bandBottom = clip == null ? Double.POSITIVE_INFINITY : clip.getMaxY() + 2;

    g.setFont(new Font("DejaVu Sans", Font.BOLD, 13));
    g.setColor(Color.DARK_GRAY);
    g.drawString(title, 10, 18);
    g.setFont(new Font("DejaVu Sans", Font.PLAIN, 11));
    g.setColor(Color.GRAY);
    g.drawString("attending (query)", (float) (leftX - 110), 36);
    g.drawString("attended (key)", (float) (rightX + 8), 36);

    float scale = maps.max() > 1 ? 1f / maps.max() : 1f;
    double[] shade = new double[t]; // how much the hovered token sends to / gets from each other one
    linesDrawn = 0;
    boolean many = countAbove(scale) > 4000;
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
        many ? RenderingHints.VALUE_ANTIALIAS_OFF : RenderingHints.VALUE_ANTIALIAS_ON);
    g.setStroke(new BasicStroke(rowHeight >= 6 ? 1.6f : 1f));
    Line2D.Double line = new Line2D.Double();
    for (int k = 0; k < maps.maps().length; k++) {
      if (!shown(k)) {
        continue;
      }
      Color c = HeadColors.of(maps.headIds()[k]);
      float[][] m = maps.maps()[k];
      int fromI = hoverSide == 0 ? hoverIndex : 0;
      int toI = hoverSide == 0 ? hoverIndex + 1 : t;
      for (int i = fromI; i < toI; i++) {
        if (!filter.from(maps.segments()[i])) {
          continue;
        }
        double yi = rowY(i);
        float[] row = m[i];
        int fromJ = hoverSide == 1 ? hoverIndex : 0;
        int toJ = hoverSide == 1 ? hoverIndex + 1 : t;
        for (int j = fromJ; j < toJ; j++) {
          float w = row[j] * scale;
          if (hoverSide >= 0 && filter.to(maps.segments()[j])) {
            shade[hoverSide == 0 ? j : i] += w;
          }
          if (w < threshold || w <= 0 || !filter.to(maps.segments()[j])) {
            continue;
          }
          double yj = rowY(j);
          if (Math.max(yi, yj) < bandTop || Math.min(yi, yj) > bandBottom) {
            continue;
          }
          g.setColor(HeadColors.withAlpha(c, Math.min(1, w * (hoverSide >= 0 ? 1.4 : 1))));
          line.setLine(leftX, yi, rightX, yj);
          g.draw(line);
          linesDrawn++;
        }
      }
    }
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    drawLabels(g, t, shade, bandTop, bandBottom);
  }

  private int countAbove(float scale) {
    int n = 0;
    int t = maps.length();
    for (int k = 0; k < maps.maps().length && n <= 4000; k++) {
      if (!shown(k)) {
        continue;
      }
      for (int i = 0; i < t; i++) {
        if (hoverSide == 0 && i != hoverIndex) {
          continue;
        }
        for (int j = 0; j < t; j++) {
          if (maps.maps()[k][i][j] * scale >= threshold) {
            n++;
          }
        }
      }
    }
    return n;
  }

  private void drawLabels(Graphics2D g, int t, double[] shade, double bandTop, double bandBottom) {
    double max = 0;
    for (double s : shade) {
      max = Math.max(max, s);
    }
    boolean fit = rowHeight >= 8;
    float size = (float) Math.max(8, Math.min(22, Math.min(rowHeight - 3, Math.max(13, rowHeight * 0.55 + 2))));
    labelPixels = Math.round(size) * g.getTransform().getScaleY();
    Font font = new Font("DejaVu Sans Mono", Font.PLAIN, Math.round(size));
    g.setFont(font);
    FontMetrics fm = g.getFontMetrics();
    for (int side = 0; side < 2; side++) {
      for (int i = 0; i < t; i++) {
        double y = rowY(i);
        if (y < bandTop - rowHeight || y > bandBottom + rowHeight) {
          continue;
        }
        boolean hovered = hoverSide == side && hoverIndex == i;
        boolean other = hoverSide >= 0 && hoverSide != side;
        boolean passes = side == 0 ? filter.from(maps.segments()[i]) : filter.to(maps.segments()[i]);
        double strength = other && max > 0 ? shade[i] / max : 0;
        String label = maps.labels().get(i);
        int w = fm.stringWidth(label);
        double x = side == 0 ? leftX - 6 - w : rightX + 6;
        if (fit || hovered || strength > 0.25) {
          Rectangle2D box = new Rectangle2D.Double(x - 3, y - fm.getAscent() / 2.0 - 2, w + 6,
              fm.getAscent() + 4);
          if (hovered) {
            g.setColor(new Color(0xffeb3b));
            g.fill(box);
          } else if (strength > 0) {
            g.setColor(HeadColors.withAlpha(new Color(0x90caf9), strength));
            g.fill(box);
          } else if (!fit) {
            g.setColor(new Color(255, 255, 255, 220));
            g.fill(box);
          }
          g.setColor(passes ? (maps.segments()[i] == 1 ? new Color(0xbf360c) : Color.BLACK) : Color.LIGHT_GRAY);
          g.drawString(label, (float) x, (float) (y + fm.getAscent() / 2.0 - 1));
        } else {
          g.setColor(maps.segments()[i] == 1 ? new Color(0xffab91) : new Color(0xb0bec5));
          double tick = Math.min(16, 4 + label.length() * 2);
          g.fill(new Rectangle2D.Double(side == 0 ? leftX - 4 - tick : rightX + 4, y - rowHeight * 0.35,
              tick, Math.max(0.8, rowHeight * 0.7)));
        }
      }
    }
  }

  @Override
  public double preferredWidth() {
    return 900;
  }

  @Override
  public double preferredHeight() {
    return height;
  }
}
