package org.bertworkbench.gui.sentences;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.analysis.SentenceFile;
import org.bertworkbench.gui.draw.TextFit;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Exports;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.text.Fonts;

/**
 * The projector: up to 100,000 sentence embeddings as points on two principal components, one
 * scale for both axes (distances on the picture are distances in the plane), coloured by their
 * label (the {@value #COLOURS} most frequent labels each a colour, the rest grey), with a legend.
 *
 * <p>The points are never shapes: they are written into the int raster of one image at the
 * device's resolution, which is kept for the next draw at the same size, and can be made ahead on
 * a worker thread ({@link #prepare}); the FX thread then only copies it. A grid over the plane
 * finds the point under the mouse without looking at them all.
 */
public final class ProjectorDrawing implements Drawing {

  /** Labels that get their own colour; the rest are "other". */
  static final int COLOURS = 20;
  static final double TOP = 46;
  static final double LEFT = 16;
  static final double BOTTOM = 28;
  static final double LEGEND = 200;
  /** How near the mouse must be to a point to pick it, in drawing units. */
  static final double PICK = 8;
  /** The cells of the pick grid a side. */
  static final int GRID = 256;

  /** 20 colours apart from each other and from the grey of "other" (d3's category20 without its greys). */
  static final int[] PALETTE = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0xbcbd22,
      0x17becf, 0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xdbdb8d, 0x9edae5,
      0x393b79, 0x637939};
  static final int OTHER = 0xb0b0b0;
  static final int UNLABELLED = 0x1e88e5;

  private final String title;
  private final String subtitle;
  private final String otherName;
  private final List<SentenceFile.Line> lines;
  private final String[] labels;
  private final float[] xs;
  private final float[] ys;
  /** Each point's colour (RGB). */
  private final int[] colours;
  /** The points in drawing order: "other" first, the most frequent label next, the rarest last (on top). */
  private final int[] order;
  private final List<String> legendNames = new ArrayList<>();
  private final List<Integer> legendCounts = new ArrayList<>();
  private final int otherCount;
  private final float minX;
  private final float maxX;
  private final float minY;
  private final float maxY;
  private final int[] gridStart;
  private final int[] gridPoints;
  private volatile Raster raster;
  private int selected = -1;
  private double fitted;

  /** The points' image at one device size. */
  private record Raster(int width, int height, BufferedImage image) {}

  /** Where the plane goes in a drawing of one size: its centre, units per plane unit. */
  record Layout(double left, double top, double width, double height, double scale, double cx, double cy) {}

  /**
   * @param lines the sentences, one per point
   * @param labels each point's label, null for none (all null: one colour, no legend)
   * @param xs the first coordinate of each point
   * @param ys the second
   */
  public ProjectorDrawing(String title, String subtitle, String otherName, List<SentenceFile.Line> lines,
      String[] labels, float[] xs, float[] ys) {
    int n = lines.size();
    if (labels.length != n || xs.length != n || ys.length != n) {
      String sizes = n + "/" + labels.length + "/" + xs.length + "/" + ys.length;
      throw new IllegalArgumentException(sizes); // lines, labels, x and y of different lengths
    }
    this.title = title;
    this.subtitle = subtitle;
    this.otherName = otherName;
    this.lines = List.copyOf(lines);
    this.labels = labels.clone();
    this.xs = xs.clone();
    this.ys = ys.clone();
    Map<String, Integer> counts = new HashMap<>();
    for (String l : labels) {
      if (l != null) {
        counts.merge(l, 1, Integer::sum);
      }
    }
    List<Map.Entry<String, Integer>> byCount = new ArrayList<>(counts.entrySet());
    byCount.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
        : Integer.compare(b.getValue(), a.getValue()));
    Map<String, Integer> rank = new HashMap<>();
    for (int r = 0; r < Math.min(COLOURS, byCount.size()); r++) {
      rank.put(byCount.get(r).getKey(), r);
      legendNames.add(byCount.get(r).getKey());
      legendCounts.add(byCount.get(r).getValue());
    }
    colours = new int[n];
    int[] key = new int[n];
    int others = 0;
    for (int i = 0; i < n; i++) {
      Integer r = labels[i] == null ? null : rank.get(labels[i]);
      if (counts.isEmpty()) {
        colours[i] = UNLABELLED;
      } else if (r == null) {
        colours[i] = OTHER;
        others++;
      } else {
        colours[i] = PALETTE[r];
      }
      key[i] = r == null ? -1 : r;
    }
    otherCount = counts.isEmpty() ? 0 : others;
    order = sortedBy(key);
    float x0 = Float.POSITIVE_INFINITY;
    float x1 = Float.NEGATIVE_INFINITY;
    float y0 = Float.POSITIVE_INFINITY;
    float y1 = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      x0 = Math.min(x0, xs[i]);
      x1 = Math.max(x1, xs[i]);
      y0 = Math.min(y0, ys[i]);
      y1 = Math.max(y1, ys[i]);
    }
    minX = n == 0 ? 0 : x0;
    maxX = n == 0 ? 0 : x1;
    minY = n == 0 ? 0 : y0;
    maxY = n == 0 ? 0 : y1;
    gridStart = new int[GRID * GRID + 1];
    gridPoints = new int[n];
    int[] cellOf = new int[n];
    for (int i = 0; i < n; i++) {
      cellOf[i] = cell(xs[i], ys[i]);
      gridStart[cellOf[i] + 1]++;
    }
    for (int c = 0; c < GRID * GRID; c++) {
      gridStart[c + 1] += gridStart[c];
    }
    int[] fill = Arrays.copyOf(gridStart, GRID * GRID);
    for (int i = 0; i < n; i++) {
      gridPoints[fill[cellOf[i]]++] = i;
    }
  }

  /** The indices 0..n-1 ordered by key, stable (a counting sort: keys are -1..COLOURS-1). */
  private static int[] sortedBy(int[] key) {
    int[] start = new int[COLOURS + 2];
    for (int k : key) {
      start[k + 2]++;
    }
    for (int k = 1; k < start.length; k++) {
      start[k] += start[k - 1];
    }
    int[] out = new int[key.length];
    for (int i = 0; i < key.length; i++) {
      out[start[key[i] + 1]++] = i;
    }
    return out;
  }

  private int gridX(float x) {
    float span = maxX - minX;
    return span <= 0 ? 0 : Math.max(0, Math.min(GRID - 1, (int) ((x - minX) / span * GRID)));
  }

  private int gridY(float y) {
    float span = maxY - minY;
    return span <= 0 ? 0 : Math.max(0, Math.min(GRID - 1, (int) ((y - minY) / span * GRID)));
  }

  private int cell(float x, float y) {
    return gridY(y) * GRID + gridX(x);
  }

  public List<SentenceFile.Line> lines() {
    return lines;
  }

  /** Point {@code i}'s label, or null. */
  public String label(int i) {
    return labels[i];
  }

  /** Point {@code i}'s colour, RGB. */
  public int colour(int i) {
    return colours[i];
  }

  /** The labels with a colour of their own, the most frequent first. */
  public List<String> legend() {
    return List.copyOf(legendNames);
  }

  /** How many points the legend's "other" stands for (0 without labels). */
  public int otherCount() {
    return otherCount;
  }

  public int size() {
    return lines.size();
  }

  /** The selected point, or -1. */
  public int selected() {
    return selected;
  }

  /** Marks point {@code i} (-1: none); the canvas draws again to show it. */
  public void select(int i) {
    selected = i < 0 || i >= lines.size() ? -1 : i;
  }

  boolean hasLegend() {
    return !legendNames.isEmpty();
  }

  Layout layout(double width, double height) {
    double left = LEFT;
    double w = Math.max(10, width - LEFT - 12 - (hasLegend() ? LEGEND : 0));
    double h = Math.max(10, height - TOP - BOTTOM);
    double sx = maxX - minX;
    double sy = maxY - minY;
    double scale = Math.min(sx <= 0 ? Double.MAX_VALUE : (w - 8) / sx, sy <= 0 ? Double.MAX_VALUE : (h - 8) / sy);
    if (scale == Double.MAX_VALUE) {
      scale = 1;
    }
    return new Layout(left, TOP, w, h, scale, (minX + maxX) / 2.0, (minY + maxY) / 2.0);
  }

  /** Where point {@code i} is in a drawing of this size, in drawing units. */
  public Point2D position(int i, double width, double height) {
    Layout l = layout(width, height);
    return new Point2D.Double(l.left + l.width / 2 + (xs[i] - l.cx) * l.scale,
        l.top + l.height / 2 - (ys[i] - l.cy) * l.scale);
  }

  /** The point nearest (x, y) of a drawing of this size, within {@value #PICK} units, or -1. */
  public int hit(double x, double y, double width, double height) {
    if (lines.isEmpty()) {
      return -1;
    }
    Layout l = layout(width, height);
    float px = (float) (l.cx + (x - l.left - l.width / 2) / l.scale);
    float py = (float) (l.cy - (y - l.top - l.height / 2) / l.scale);
    double r = PICK / l.scale;
    int gx0 = gridX((float) (px - r));
    int gx1 = gridX((float) (px + r));
    int gy0 = gridY((float) (py - r));
    int gy1 = gridY((float) (py + r));
    if (px + r < minX || px - r > maxX || py + r < minY || py - r > maxY) {
      return -1;
    }
    int best = -1;
    double bestD = r * r;
    for (int gy = gy0; gy <= gy1; gy++) {
      for (int gx = gx0; gx <= gx1; gx++) {
        int c = gy * GRID + gx;
        for (int k = gridStart[c]; k < gridStart[c + 1]; k++) {
          int i = gridPoints[k];
          double dx = xs[i] - px;
          double dy = ys[i] - py;
          double d = dx * dx + dy * dy;
          if (d <= bestD) {
            bestD = d;
            best = i;
          }
        }
      }
    }
    return best;
  }

  /**
   * Makes the points' image for a drawing of {@code width} x {@code height} units shown at {@code
   * factor} device pixels a unit, so that the next draw at that size only copies it. Safe on any
   * thread.
   */
  public void prepare(double width, double height, double factor) {
    Layout l = layout(width, height);
    int w = (int) Math.ceil(l.width * factor);
    int h = (int) Math.ceil(l.height * factor);
    Raster r = raster;
    if (r == null || r.width != w || r.height != h) {
      raster = render(l, w, h, factor);
    }
  }

  /**
   * Draws the whole picture once off screen as the canvas will ({@code factor} device pixels a
   * unit): the points' image is made for that size, and the first draw on the FX thread finds
   * Java2D's text and image code loaded and the fonts opened (the first draw of a run paid over
   * 100 ms for them). For a worker thread.
   */
  public void warmUp(double width, double height, double factor) {
    BufferedImage off = new BufferedImage(Math.max(1, (int) Math.ceil(width * factor)),
        Math.max(1, (int) Math.ceil(height * factor)), BufferedImage.TYPE_INT_ARGB_PRE);
    Graphics2D g = off.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.scale(factor, factor);
      draw(g, width, height);
    } finally {
      g.dispose();
    }
  }

  /** The points written into a {@code w} x {@code h} ARGB image, the plot area at {@code factor} pixels a unit. */
  private Raster render(Layout l, int w, int h, double factor) {
    BufferedImage image = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_ARGB);
    int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    int dot = lines.size() > 20_000 ? 2 : lines.size() > 2_000 ? 3 : 5;
    int side = Math.max(1, (int) Math.round(dot * factor));
    int half = side / 2;
    double s = l.scale * factor;
    double ox = l.width * factor / 2;
    double oy = l.height * factor / 2;
    for (int i : order) {
      int x = (int) Math.round(ox + (xs[i] - l.cx) * s) - half;
      int y = (int) Math.round(oy - (ys[i] - l.cy) * s) - half;
      int argb = 0xff000000 | colours[i];
      for (int yy = Math.max(0, y); yy < Math.min(h, y + side); yy++) {
        int row = yy * w;
        for (int xx = Math.max(0, x); xx < Math.min(w, x + side); xx++) {
          px[row + xx] = argb;
        }
      }
    }
    return new Raster(w, h, image);
  }

  /** The points' image as last made (for tests), or null. */
  BufferedImage image() {
    Raster r = raster;
    return r == null ? null : r.image;
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    g.setColor(Color.WHITE);
    g.fill(new Rectangle2D.Double(0, 0, width, height));
    g.setColor(Color.DARK_GRAY);
    g.setFont(Fonts.sans(Font.BOLD, 13));
    g.drawString(title, 12f, 18f);
    g.setFont(Fonts.sans(Font.PLAIN, 11));
    g.drawString(subtitle, 12f, 36f);
    Layout l = layout(width, height);
    g.setColor(new Color(0xdddddd));
    g.draw(new Rectangle2D.Double(l.left, l.top, l.width, l.height));
    double factor = Math.max(1, Math.abs(g.getTransform().getScaleX()));
    prepare(width, height, factor);
    Raster r = raster;
    Exports.drawImage(g, r.image, l.left, l.top, r.width / factor, r.height / factor);
    if (selected >= 0 && !Drawing.isExport(g)) {
      Point2D p = position(selected, width, height);
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(2f));
      g.draw(new Ellipse2D.Double(p.getX() - 7, p.getY() - 7, 14, 14));
    }
    if (hasLegend()) {
      drawLegend(g, l.left + l.width + 12, l.top);
    }
  }

  private void drawLegend(Graphics2D g, double x, double y) {
    g.setFont(Fonts.sans(Font.PLAIN, 11));
    FontMetrics fm = g.getFontMetrics();
    double step = Math.max(16, fm.getHeight() + 2);
    int rows = legendNames.size() + (otherCount > 0 ? 1 : 0);
    for (int k = 0; k < rows; k++) {
      boolean other = k == legendNames.size();
      g.setColor(new Color(other ? OTHER : PALETTE[k]));
      double top = y + k * step;
      g.fill(new Rectangle2D.Double(x, top + 2, 10, 10));
      g.setColor(Color.DARK_GRAY);
      String name = (other ? otherName : legendNames.get(k)) + " (" + (other ? otherCount : legendCounts.get(k))
          + ")";
      g.drawString(TextFit.clipped(fm, name, LEGEND - 30), (float) (x + 16), (float) (top + 11));
    }
  }


  @Override
  public double preferredWidth() {
    return 1200;
  }

  /** The view's height once shown: the projector fills it and never scrolls. */
  @Override
  public void fitTo(double width, double height) {
    fitted = height;
  }

  @Override
  public double preferredHeight() {
    return fitted > 0 ? fitted : 900;
  }

  /** The numbers: each point's line, sentence, label and two coordinates. */
  public Table table() {
    List<List<Object>> rows = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      rows.add(Arrays.asList(lines.get(i).number(), lines.get(i).text(), labels[i] == null ? "" : labels[i],
          xs[i], ys[i]));
    }
    return new Table(List.of("line", "text", "label", "pc1", "pc2"), rows);
  }
}
