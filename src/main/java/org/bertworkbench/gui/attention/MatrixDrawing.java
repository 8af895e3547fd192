package org.bertworkbench.gui.attention;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import org.bertworkbench.gui.draw.SentenceMarks;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Exports;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.text.Fonts;

/**
 * The attention matrix as a heatmap (row = attending token, column = attended token), linear or
 * log colour scale; token labels when the cells are large enough; the hovered cell's value written
 * under the matrix. Drawn as one image of T x T pixels, scaled.
 */
final class MatrixDrawing implements Drawing {

  private static final Texts T = Texts.of(MatrixDrawing.class);

  static final double LOG_FLOOR = 1e-4;

  private final List<String> labels;
  private final float[][] map;
  private final boolean log;
  private final Color color;
  private final String title;
  private final int hoverRow;
  private final int hoverColumn;
  private final float max;
  private BufferedImage image;
  private int[] segments = new int[0];
  private double left;
  private double top;
  private double cell;

  MatrixDrawing(List<String> labels, float[][] map, boolean log, Color color, String title, int hoverRow,
      int hoverColumn, BufferedImage image) {
    this.labels = labels;
    this.map = map;
    this.log = log;
    this.color = color;
    this.title = title;
    this.hoverRow = hoverRow;
    this.hoverColumn = hoverColumn;
    float m = 0;
    for (float[] row : map) {
      for (float v : row) {
        m = Math.max(m, v);
      }
    }
    this.max = m <= 0 ? 1 : m;
    this.image = image;
  }

  float[][] map() {
    return map;
  }

  /**
   * Marks sentences A and B along both axes (bracket and letter) and where one ends in the grid, for a
   * pair; {@code segments} [T] are the labels' sentences.
   */
  MatrixDrawing withSegments(int[] segments) {
    this.segments = segments;
    return this;
  }

  /** The picture of the cells, kept so that hovering does not redo it. */
  BufferedImage image() {
    if (image == null) {
      int t = map.length;
      image = new BufferedImage(Math.max(1, t), Math.max(1, t), BufferedImage.TYPE_INT_RGB);
      int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < t; i++) {
        for (int j = 0; j < t; j++) {
          px[i * t + j] = HeadColors.ramp(color, scaled(map[i][j]));
        }
      }
    }
    return image;
  }

  /** A value's place on the colour scale, 0..1. */
  double scaled(double v) {
    double x = v / max;
    if (!log) {
      return x;
    }
    if (x <= LOG_FLOOR) {
      return 0;
    }
    return (Math.log10(x) - Math.log10(LOG_FLOOR)) / -Math.log10(LOG_FLOOR);
  }

  /** {row, column} under (x, y) as last drawn, or null. */
  int[] cellAt(double x, double y) {
    if (cell <= 0) {
      return null;
    }
    int i = (int) Math.floor((y - top) / cell);
    int j = (int) Math.floor((x - left) / cell);
    int t = map.length;
    return i >= 0 && j >= 0 && i < t && j < t ? new int[] {i, j} : null;
  }

  @Override
  public void draw(Graphics2D g, double width, double h) {
    int t = map.length;
    boolean pair = SentenceMarks.isPair(segments) && segments.length == t;
    double marks = pair ? SentenceMarks.ROOM : 0;
    double labelSpace = Math.min(120, MatrixLabels.longest(g, labels) + 8) + marks;
    double avail = Math.min(width - 40 - 140, h - 70);
    double trial = (avail - labelSpace) / t;
    boolean withLabels = trial >= 10;
    left = withLabels ? 20 + labelSpace : 30;
    top = withLabels ? 30 + labelSpace : 40;
    cell = Math.max(0.5, (Math.min(width - left - 140, h - top - 40)) / t);
    g.setFont(Fonts.sans(Font.BOLD, 13));
    g.setColor(Color.DARK_GRAY);
    g.drawString(title, 10, 18);
    boolean export = Drawing.isExport(g);
    int row = export ? -1 : hoverRow;
    int column = export ? -1 : hoverColumn;
    double size = cell * t;
    Exports.drawImage(g, image(), Math.round(left), Math.round(top), Math.round(size), Math.round(size));
    g.setColor(new Color(0x90a4ae));
    g.draw(new Rectangle2D.Double(left, top, size, size));
    if (pair) {
      SentenceMarks.boundaries(g, segments, left, top, cell);
      SentenceMarks.rows(g, segments, left - labelSpace + 2, top, cell);
      SentenceMarks.columns(g, segments, left, top - labelSpace + 2, cell);
    }
    if (withLabels) {
      MatrixLabels.rows(g, labels, left, top, cell, row);
      MatrixLabels.columns(g, labels, left, top, cell, column);
    } else {
      g.setFont(Fonts.sans(Font.PLAIN, 11));
      g.setColor(Color.GRAY);
      g.drawString(T.format(export ? "MatrixDrawing.axes" : "MatrixDrawing.axes.hover", t), (float) left,
          (float) (top - 8));
    }
    if (row >= 0 && column >= 0 && row < t && column < t) {
      g.setColor(new Color(0xd32f2f));
      g.setStroke(new BasicStroke(Math.max(1f, (float) Math.min(2, cell / 4))));
      g.draw(new Rectangle2D.Double(left + hoverColumn * cell, top + hoverRow * cell, cell, cell));
      g.setStroke(new BasicStroke(1f));
      g.setFont(Fonts.sans(Font.PLAIN, 13));
      g.setColor(Color.BLACK);
      g.drawString(hoverText(), (float) left, (float) (top + size + 22));
    }
    drawLegend(g, left + size + 24, top, Math.min(200, size));
  }

  String hoverText() {
    if (hoverRow < 0 || hoverColumn < 0 || hoverRow >= map.length) {
      return "";
    }
    return String.format("%s (%d) → %s (%d): %.4f", labels.get(hoverRow), hoverRow, labels.get(hoverColumn),
        hoverColumn, map[hoverRow][hoverColumn]);
  }

  private void drawLegend(Graphics2D g, double x, double y, double h) {
    int steps = 50;
    for (int s = 0; s < steps; s++) {
      double v = 1 - s / (double) (steps - 1);
      g.setColor(new Color(HeadColors.ramp(color, v)));
      g.fill(new Rectangle2D.Double(x, y + s * h / steps, 14, h / steps + 1));
    }
    g.setColor(Color.GRAY);
    g.draw(new Rectangle2D.Double(x, y, 14, h));
    g.setFont(Fonts.sans(Font.PLAIN, 11));
    g.setColor(Color.DARK_GRAY);
    g.drawString(String.format("%.3g", max), (float) (x + 18), (float) (y + 10));
    g.drawString(log ? String.format("%.0e", max * LOG_FLOOR) : "0", (float) (x + 18), (float) (y + h));
    g.drawString(T.get(log ? "MatrixDrawing.log" : "MatrixDrawing.linear"), (float) (x + 18), (float) (y + h / 2));
  }

  /** The title over the matrix: the settings and the head it shows. */
  String title() {
    return title;
  }

  @Override
  public double preferredWidth() {
    return 900;
  }

  @Override
  public double preferredHeight() {
    return 300;
  }
}
