package org.bertworkbench.gui.attention;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import org.bertworkbench.gui.draw.Diverging;
import org.bertworkbench.gui.draw.Legends;
import org.bertworkbench.gui.draw.SentenceMarks;
import org.bertworkbench.gui.draw.TextFit;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.text.Fonts;

/**
 * Two models' attention maps of the same tokens side by side (one neutral grey scale, 0 to the
 * larger maximum of the two, so that equal weights look equal) and their difference, second minus first,
 * in diverging colours (blue: the second model attends less, red: more) on a scale symmetric
 * around 0. Hovering a cell in any of the three marks it in all three and writes its three values.
 */
final class ComparisonDrawing implements Drawing {

  private static final Texts T = Texts.of(ComparisonDrawing.class);

  /** One model's map and what it is: "model · which map" (drawn on two lines). */
  record Side(String title, float[][] map) {}

  private static final double GAP = 34;
  private static final double MIN_LABEL_CELL = 9;

  private final List<String> labels;
  private final Side first;
  private final Side second;
  private final float[][] difference;
  private final String title;
  private final int hoverRow;
  private final int hoverColumn;
  private final float max;
  private final double scale;
  private BufferedImage firstImage;
  private BufferedImage secondImage;
  private BufferedImage differenceImage;
  private double left;
  private int[] segments = new int[0];
  private double top;
  private double cell;

  /** Grey, so that the two maps do not borrow the difference map's red and blue. */
  static final Color INK = new Color(0x212121);

  ComparisonDrawing(List<String> labels, Side first, Side second, float[][] difference, String title,
      int hoverRow, int hoverColumn) {
    this.labels = labels;
    this.first = first;
    this.second = second;
    this.difference = difference;
    this.title = title;
    this.hoverRow = hoverRow;
    this.hoverColumn = hoverColumn;
    this.max = Math.max(maxOf(first.map()), maxOf(second.map()));
    double largest = 0;
    for (float[] row : difference) {
      for (float v : row) {
        largest = Math.max(largest, Math.abs(v));
      }
    }
    this.scale = largest > 0 ? roundUp(largest) : 1;
  }

  /** Marks sentences A and B of a pair (bracket, letter, boundary lines); {@code segments} [T]. */
  ComparisonDrawing withSegments(int[] segments) {
    this.segments = segments;
    return this;
  }

  /** The same maps with another hovered cell; the pictures of the maps are kept. */
  ComparisonDrawing hovering(int row, int column) {
    ComparisonDrawing d = new ComparisonDrawing(labels, first, second, difference, title, row, column);
    d.segments = segments;
    d.firstImage = firstImage;
    d.secondImage = secondImage;
    d.differenceImage = differenceImage;
    return d;
  }

  int hoverRow() {
    return hoverRow;
  }

  int hoverColumn() {
    return hoverColumn;
  }

  Side first() {
    return first;
  }

  Side second() {
    return second;
  }

  float[][] difference() {
    return difference;
  }

  List<String> labels() {
    return labels;
  }

  /** The symmetric scale of the difference colours: values beyond +-scale take the full colour. */
  double scale() {
    return scale;
  }

  /** {panel (0 first, 1 second, 2 difference), row, column} under (x, y) as last drawn, or null. */
  int[] cellAt(double x, double y) {
    if (cell <= 0) {
      return null;
    }
    int t = difference.length;
    double size = cell * t;
    for (int p = 0; p < 3; p++) {
      double x0 = panelX(p, size);
      int i = (int) Math.floor((y - top) / cell);
      int j = (int) Math.floor((x - x0) / cell);
      if (x >= x0 && y >= top && i < t && j < t) {
        return new int[] {p, i, j};
      }
    }
    return null;
  }

  private double panelX(int panel, double size) {
    return left + panel * (size + GAP);
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    int t = difference.length;
    boolean pair = SentenceMarks.isPair(segments) && segments.length == t;
    double labelSpace = Math.min(110, MatrixLabels.longest(g, labels) + 8) + (pair ? SentenceMarks.ROOM : 0);
    double trial = Math.min((width - 20 - labelSpace - 2 * GAP) / 3, height - 66 - labelSpace - 90) / t;
    boolean withLabels = trial >= MIN_LABEL_CELL;
    left = 10 + (withLabels ? labelSpace : 0);
    top = 68 + (withLabels ? labelSpace : 0);
    cell = Math.max(0.5, Math.min((width - left - 10 - 2 * GAP) / 3, height - top - 90) / t);
    double size = cell * t;

    g.setFont(Fonts.sans(Font.BOLD, 13));
    g.setColor(Color.DARK_GRAY);
    g.drawString(title, 10, 18);
    String[] titles = {first.title(), second.title(), T.get("ComparisonDrawing.difference")};
    Font bold = Fonts.sans(Font.BOLD, 12);
    Font plain = Fonts.sans(Font.PLAIN, 12);
    for (int p = 0; p < 3; p++) {
      String[] lines = titles[p].split(" · ", 2);
      g.setColor(p == 2 ? new Color(0x4a148c) : Color.DARK_GRAY);
      g.setFont(bold);
      g.drawString(TextFit.clipped(g.getFontMetrics(), lines[0], size + GAP - 6), (float) panelX(p, size), 38f);
      g.setFont(plain);
      g.drawString(TextFit.clipped(g.getFontMetrics(), lines.length > 1 ? lines[1] : "", size + GAP - 6), (float) panelX(p, size), 53f);
    }

    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    int px = (int) Math.max(1, Math.round(size));
    if (differenceImage == null || differenceImage.getWidth() != px) {
      differenceImage = Diverging.render(difference, px, px, scale);
    }
    BufferedImage[] images = {firstImage(), secondImage(), differenceImage};
    boolean export = org.bertworkbench.gui.export.Drawing.isExport(g);
    int hoverRow = export ? -1 : this.hoverRow;
    int hoverColumn = export ? -1 : this.hoverColumn;
    for (int p = 0; p < 3; p++) {
      double x0 = panelX(p, size);
      g.drawImage(images[p], (int) Math.round(x0), (int) Math.round(top), px, px, null);
      g.setColor(new Color(0x90a4ae));
      g.draw(new Rectangle2D.Double(x0, top, size, size));
      if (pair) {
        SentenceMarks.boundaries(g, segments, x0, top, cell);
      }
      if (withLabels) {
        MatrixLabels.columns(g, labels, x0, top, cell, hoverColumn);
      }
      if (hoverRow >= 0 && hoverColumn >= 0 && hoverRow < t && hoverColumn < t) {
        g.setColor(new Color(0x212121));
        g.setStroke(new BasicStroke(Math.max(1f, (float) Math.min(2, cell / 4))));
        g.draw(new Rectangle2D.Double(x0 + hoverColumn * cell, top + hoverRow * cell, cell, cell));
        g.setStroke(new BasicStroke(1f));
      }
    }
    if (pair && withLabels) {
      SentenceMarks.rows(g, segments, left - labelSpace + 2, top, cell);
    }
    if (withLabels) {
      MatrixLabels.rows(g, labels, left, top, cell, hoverRow);
    } else {
      g.setFont(Fonts.sans(Font.PLAIN, 11));
      g.setColor(Color.GRAY);
      g.drawString(T.format(export ? "ComparisonDrawing.axes" : "ComparisonDrawing.axes.hover", t), (float) left,
          (float) (top - 6));
    }
    double legendY = top + size + 12;
    rampLegend(g, left, legendY, Math.max(120, Math.min(size, 320)));
    Diverging.legend(g, panelX(2, size), legendY, Math.max(120, Math.min(size, 320)), scale, "");
    g.setFont(Fonts.sans(Font.PLAIN, 11));
    g.setColor(Color.GRAY);
    g.drawString(T.get("ComparisonDrawing.colours"), (float) panelX(2, size), (float) (legendY + 39));
    g.setFont(Fonts.sans(Font.PLAIN, 13));
    g.setColor(Color.BLACK);
    if (!export) {
      g.drawString(hoverText(), (float) left, (float) (legendY + 62));
    }
  }

  private void rampLegend(Graphics2D g, double x, double y, double w) {
    double under = Legends.sequential(g, x, y, w, f -> new Color(HeadColors.ramp(INK, f)), "0", Diverging.format(max),
        "");
    g.setFont(Fonts.sans(Font.PLAIN, 11));
    g.setColor(Color.GRAY);
    g.drawString(T.get("ComparisonDrawing.ramp"), (float) x, (float) (under + 11));
  }

  /** The hovered cell's three values, or a hint. */
  String hoverText() {
    int t = difference.length;
    if (hoverRow < 0 || hoverColumn < 0 || hoverRow >= t || hoverColumn >= t) {
      return T.get("ComparisonDrawing.hoverHint");
    }
    return T.format("ComparisonDrawing.hover", labels.get(hoverRow),
        hoverRow, labels.get(hoverColumn), hoverColumn, first.map()[hoverRow][hoverColumn],
        second.map()[hoverRow][hoverColumn], difference[hoverRow][hoverColumn]);
  }

  private BufferedImage firstImage() {
    if (firstImage == null) {
      firstImage = rampImage(first.map());
    }
    return firstImage;
  }

  private BufferedImage secondImage() {
    if (secondImage == null) {
      secondImage = rampImage(second.map());
    }
    return secondImage;
  }

  private BufferedImage rampImage(float[][] map) {
    int t = map.length;
    BufferedImage image = new BufferedImage(Math.max(1, t), Math.max(1, t), BufferedImage.TYPE_INT_RGB);
    int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    float m = max <= 0 ? 1 : max;
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < t; j++) {
        px[i * t + j] = HeadColors.ramp(INK, map[i][j] / m);
      }
    }
    return image;
  }


  private static float maxOf(float[][] map) {
    float m = 0;
    for (float[] row : map) {
      for (float v : row) {
        m = Math.max(m, v);
      }
    }
    return m;
  }

  /** Up to two significant digits, so that the legend's ends are round numbers. */
  private static double roundUp(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)) - 1);
    return Math.ceil(v / p) * p;
  }

  @Override
  public double preferredWidth() {
    return 1400;
  }

  @Override
  public double preferredHeight() {
    return 380;
  }
}
