package org.bertworkbench.gui.attention;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.gui.draw.Diverging;
import org.bertworkbench.gui.draw.Legends;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Exports;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.text.Fonts;

/**
 * BertViz's model view: every layer x head as a thumbnail of its attention matrix, in the head's
 * colour. The thumbnails are small images made once per input ({@link #thumbnails}); drawing the
 * grid only scales them. Switched-off heads are crossed out, the open one is outlined. The same
 * grid shows two models' differences ({@link #differenceThumbnails}) with a diverging legend. An
 * export leaves out the outline and the instructions ({@link #withHint}), and in SVG the thumbnails
 * are rectangles, not bitmaps ({@link Exports#drawThumbnail}).
 */
final class ModelViewDrawing implements Drawing {

  private static final Texts T = Texts.of(ModelViewDrawing.class);

  /** Where one head's thumbnail was drawn, for the mouse. */
  record Cell(int layer, int head, Rectangle2D box) {}

  static final int MAX_THUMB = 96;
  static final double LEFT = 44;
  static final double TOP = 48;
  static final double MIN_CELL = 28;

  private final BufferedImage[][] thumbs;
  private final boolean[][] masked;
  private final int layer;
  private final int head;
  private final String title;
  private double viewWidth;
  private double viewHeight;
  private final List<Cell> cells = new ArrayList<>();
  private double cell;
  private double height;
  private double legendScale = Double.NaN;
  private String legendLabel = "";
  private String hint = "";

  ModelViewDrawing(BufferedImage[][] thumbs, boolean[][] masked, int layer, int head, String title,
      double viewWidth, double viewHeight) {
    this.thumbs = thumbs;
    this.masked = masked;
    this.layer = layer;
    this.head = head;
    this.title = title;
    this.viewWidth = viewWidth;
    this.viewHeight = viewHeight;
    this.cell = cellSize(viewWidth, viewHeight);
    this.height = top() + cell * thumbs.length + 10;
  }

  private double cellSize(double width, double h) {
    int layers = thumbs.length;
    int heads = thumbs[0].length;
    double byWidth = (width - LEFT - 10) / heads;
    double byHeight = (h - top() - 10) / layers;
    return Math.max(MIN_CELL, Math.min(byWidth, byHeight));
  }

  /** Where the grid starts: under the title and the legend (sequential, or diverging for differences). */
  private double top() {
    return TOP + 34;
  }

  /** Adds a diverging legend from -scale to +scale at the top right, for thumbnails of differences. */
  ModelViewDrawing withLegend(double scale, String label) {
    legendScale = scale;
    legendLabel = label;
    cell = cellSize(viewWidth, viewHeight);
    height = top() + cell * thumbs.length + 10;
    return this;
  }

  @Override
  public void fitTo(double width, double h) {
    viewWidth = width;
    viewHeight = h;
    cell = cellSize(viewWidth, viewHeight);
    height = top() + cell * thumbs.length + 10;
  }

  /** Adds what a click does after the title, on screen only. */
  ModelViewDrawing withHint(String hint) {
    this.hint = hint;
    return this;
  }

  String title() {
    return title;
  }

  List<Cell> cells() {
    return cells;
  }

  /** The head under (x, y) as last drawn, or null. */
  Cell cellAt(double x, double y) {
    for (Cell c : cells) {
      if (c.box().contains(x, y)) {
        return c;
      }
    }
    return null;
  }

  /**
   * One small image per head: its [T][T] map, each pixel the maximum over the block of weights it
   * stands for (so that a sharp weight stays visible when T is large), white to the head's colour.
   */
  static BufferedImage[][] thumbnails(float[][][][] attentions) {
    int layers = attentions.length;
    int heads = attentions[0].length;
    int t = attentions[0][0].length;
    int size = Math.min(t, MAX_THUMB);
    BufferedImage[][] out = new BufferedImage[layers][heads];
    int[] lut = new int[256];
    for (int h = 0; h < heads; h++) {
      Color c = HeadColors.of(h);
      for (int v = 0; v < 256; v++) {
        lut[v] = HeadColors.ramp(c, Math.sqrt(v / 255.0));
      }
      for (int l = 0; l < layers; l++) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        float[][] m = attentions[l][h];
        for (int y = 0; y < size; y++) {
          int i0 = y * t / size;
          int i1 = Math.max(i0 + 1, (y + 1) * t / size);
          for (int x = 0; x < size; x++) {
            int j0 = x * t / size;
            int j1 = Math.max(j0 + 1, (x + 1) * t / size);
            float max = 0;
            for (int i = i0; i < i1; i++) {
              float[] row = m[i];
              for (int j = j0; j < j1; j++) {
                max = Math.max(max, row[j]);
              }
            }
            px[y * size + x] = lut[Math.min(255, (int) (max * 255))];
          }
        }
        out[l][h] = img;
      }
    }
    return out;
  }

  /**
   * One small image per head of a difference [L][N][T][T] in diverging colours on +-{@code scale},
   * each pixel the value largest in magnitude in the block it stands for.
   */
  static BufferedImage[][] differenceThumbnails(float[][][][] difference, double scale) {
    int t = difference[0][0].length;
    int size = Math.min(t, MAX_THUMB);
    BufferedImage[][] out = new BufferedImage[difference.length][difference[0].length];
    for (int l = 0; l < out.length; l++) {
      for (int h = 0; h < out[l].length; h++) {
        out[l][h] = Diverging.render(difference[l][h], size, size, scale);
      }
    }
    return out;
  }

  @Override
  public void draw(Graphics2D g, double width, double h) {
    cells.clear();
    int layers = thumbs.length;
    int heads = thumbs[0].length;
    cell = cellSize(width, viewHeight > 0 ? Math.min(h, viewHeight) : h); // fit the view, scroll beyond it
    height = top() + cell * layers + 10;
    double gap = Math.max(2, cell * 0.06);
    g.setFont(Fonts.sans(Font.BOLD, 13));
    g.setColor(Color.DARK_GRAY);
    g.drawString(title, 10, 18);
    boolean export = Drawing.isExport(g);
    if (!export && !hint.isEmpty()) {
      float x = 10 + g.getFontMetrics().stringWidth(title);
      g.setFont(Fonts.sans(Font.PLAIN, 12));
      g.setColor(Color.GRAY);
      g.drawString(": " + hint, x, 18);
    }
    if (!Double.isNaN(legendScale)) {
      g.setFont(Fonts.sans(Font.PLAIN, 11));
      double bar = 180;
      double x = Math.max(LEFT, width - bar - 24 - g.getFontMetrics().stringWidth(legendLabel));
      Diverging.legend(g, x, 24, bar, legendScale, legendLabel);
    } else {
      // The thumbnails go from white to each head's colour on a square-root scale of the weight
      // (thumbnails()): the legend shows that ramp in the open head's colour.
      Color open = HeadColors.of(Math.max(0, head));
      Legends.sequential(g, LEFT, 28, 160, f -> new Color(HeadColors.ramp(open, Math.sqrt(f))), "0", "1",
          T.get("ModelViewDrawing.legend"));
    }
    g.setFont(Fonts.sans(Font.PLAIN, 11));
    java.awt.Rectangle clip = g.getClipBounds();
    for (int hd = 0; hd < heads; hd++) {
      g.setColor(HeadColors.of(hd));
      g.drawString("H" + hd, (float) (LEFT + hd * cell + cell / 2 - 8), (float) (top() - 6));
    }
    for (int l = 0; l < layers; l++) {
      double y = top() + l * cell;
      g.setColor(Color.DARK_GRAY);
      g.drawString("L" + l, 10, (float) (y + cell / 2 + 4));
      for (int hd = 0; hd < heads; hd++) {
        double x = LEFT + hd * cell;
        Rectangle2D box = new Rectangle2D.Double(x + gap / 2, y + gap / 2, cell - gap, cell - gap);
        cells.add(new Cell(l, hd, box));
        if (clip != null && !clip.intersects(box)) {
          continue;
        }
        if (thumbs[l][hd] != null) {
          Exports.drawThumbnail(g, thumbs[l][hd], Math.round(box.getX()), Math.round(box.getY()),
              Math.round(box.getWidth()), Math.round(box.getHeight()));
        } else {
          g.setColor(new Color(0xeceff1));
          g.fill(box);
        }
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(0xcfd8dc));
        g.draw(box);
        if (masked != null && masked[l][hd]) {
          g.setColor(new Color(0, 0, 0, 120));
          g.fill(box);
          g.setColor(new Color(0xd32f2f));
          g.setStroke(new BasicStroke(2.5f));
          g.draw(new Line2D.Double(box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY()));
          g.draw(new Line2D.Double(box.getMinX(), box.getMaxY(), box.getMaxX(), box.getMinY()));
        }
        if (l == layer && hd == head && !export) {
          g.setColor(Color.BLACK);
          g.setStroke(new BasicStroke(3f));
          g.draw(new Rectangle2D.Double(box.getX() - 2, box.getY() - 2, box.getWidth() + 4, box.getHeight() + 4));
        }
      }
    }
    g.setStroke(new BasicStroke(1f));
  }

  @Override
  public double preferredWidth() {
    return Math.max(900, viewWidth);
  }

  @Override
  public double preferredHeight() {
    return height;
  }
}
