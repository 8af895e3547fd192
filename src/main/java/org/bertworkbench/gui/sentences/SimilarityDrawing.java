package org.bertworkbench.gui.sentences;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bertworkbench.core.analysis.SentenceFile;
import org.bertworkbench.gui.draw.Diverging;
import org.bertworkbench.gui.draw.TextFit;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Exports;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.text.Fonts;

/**
 * The similarity matrix as a heatmap: one row and one column per sentence (the rows name the line
 * and the start of the sentence, the columns the line), each cell coloured by its cosine on a
 * diverging scale from -1 to 1 and, when the cells are large enough, its value written in it.
 */
public final class SimilarityDrawing implements Drawing {

  /** Cells narrower than this get no value written in them. */
  static final double VALUE_CELL = 34;
  static final double LABELS = 220;
  static final double TOP = 54;
  static final double LEGEND = 44;
  /** Above this many sentences the cells are drawn as one image rather than one rectangle each. */
  static final int IMAGE_ABOVE = 60;

  private final String title;
  private final String legend;
  private final List<SentenceFile.Line> lines;
  private final double[][] cosines;
  /** The cosines as floats for {@link Diverging#render}, made on the first large draw. */
  private float[][] asFloats;

  /** The matrix of {@code lines}, {@code cosines} [N][N]; {@code legend} names the colour scale. */
  public SimilarityDrawing(String title, String legend, List<SentenceFile.Line> lines, double[][] cosines) {
    this.title = title;
    this.legend = legend;
    this.lines = List.copyOf(lines);
    this.cosines = cosines;
  }

  public List<SentenceFile.Line> lines() {
    return lines;
  }

  public double[][] cosines() {
    return cosines;
  }

  /** The side of one cell when the drawing is {@code width} x {@code height}. */
  double cell(double width, double height) {
    int n = Math.max(1, lines.size());
    return Math.max(2, Math.min((width - LABELS - 16) / n, (height - TOP - LEGEND - 8) / n));
  }

  /** The cell under (x, y) as {row, column}, or null. */
  public int[] hit(double x, double y, double width, double height) {
    double c = cell(width, height);
    int col = (int) Math.floor((x - LABELS) / c);
    int row = (int) Math.floor((y - TOP) / c);
    int n = lines.size();
    return x < LABELS || y < TOP || row >= n || col >= n ? null : new int[] {row, col};
  }

  /** Whether the values are written in the cells at this size. */
  public boolean writesValues(double width, double height) {
    return cell(width, height) >= VALUE_CELL;
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    g.setColor(Color.WHITE);
    g.fill(new Rectangle2D.Double(0, 0, width, height));
    g.setColor(Color.DARK_GRAY);
    g.setFont(Fonts.sans(Font.BOLD, 13));
    g.drawString(title, 12f, 20f);
    int n = lines.size();
    double c = cell(width, height);
    Font label = Fonts.sans(Font.PLAIN, (float) Math.max(8, Math.min(12, c * 0.6)));
    g.setFont(label);
    FontMetrics fm = g.getFontMetrics();
    int rowStep = Math.max(1, (int) Math.ceil(fm.getHeight() / c));
    int colStep = Math.max(1, (int) Math.ceil(28 / c));
    g.setColor(Color.DARK_GRAY);
    for (int i = 0; i < n; i++) {
      String number = String.valueOf(lines.get(i).number());
      if (i % rowStep == 0) {
        double y = TOP + i * c + c / 2 + fm.getAscent() / 2.0 - 1;
        g.drawString(TextFit.clipped(fm, number + "  " + lines.get(i).text(), LABELS - 16), 12f, (float) y);
      }
      if (c >= fm.stringWidth(number) + 2 || i % colStep == 0) {
        double x = LABELS + i * c + c / 2 - fm.stringWidth(number) / 2.0;
        g.drawString(number, (float) x, (float) (TOP - 6));
      }
    }
    if (n > IMAGE_ABOVE) {
      if (asFloats == null) {
        asFloats = new float[n][n];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            asFloats[i][j] = (float) cosines[i][j];
          }
        }
      }
      float[][] m = asFloats;
      int side = (int) Math.max(1, Math.min(n, Math.round(n * c))); // a pixel a cell, scaled up sharp
      Exports.drawImage(g, Diverging.render(m, side, side, 1), LABELS, TOP, n * c, n * c);
      g.setColor(Color.GRAY);
      g.draw(new Rectangle2D.Double(LABELS, TOP, n * c, n * c));
      Diverging.legend(g, LABELS, TOP + n * c + 10, Math.min(240, Math.max(120, n * c)), 1, legend);
      return;
    }
    boolean values = writesValues(width, height);
    Font valueFont = Fonts.sans(Font.PLAIN, (float) Math.min(12, c * 0.32));
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = cosines[i][j];
        g.setColor(new Color(Diverging.rgb(v, 1)));
        g.fill(new Rectangle2D.Double(LABELS + j * c, TOP + i * c, c + 0.5, c + 0.5));
        if (values) {
          g.setFont(valueFont);
          FontMetrics vm = g.getFontMetrics();
          String s = String.format(Locale.ROOT, "%.2f", v);
          g.setColor(Math.abs(v) > 0.6 ? Color.WHITE : Color.BLACK);
          g.drawString(s, (float) (LABELS + j * c + (c - vm.stringWidth(s)) / 2),
              (float) (TOP + i * c + (c + vm.getAscent()) / 2 - 1));
        }
      }
    }
    g.setColor(Color.GRAY);
    g.draw(new Rectangle2D.Double(LABELS, TOP, n * c, n * c));
    Diverging.legend(g, LABELS, TOP + n * c + 10, Math.min(240, Math.max(120, n * c)), 1, legend);
  }


  @Override
  public double preferredWidth() {
    return LABELS + 16 + side();
  }

  @Override
  public double preferredHeight() {
    return TOP + LEGEND + 8 + side();
  }

  /** The matrix's side when exported: 48 units a cell, at most 2400 in all. */
  private double side() {
    return Math.min(2400, Math.max(6, lines.size()) * 48.0);
  }

  /** The numbers: one row per sentence, its line, its text, then its cosine with each sentence. */
  public Table table() {
    List<String> header = new ArrayList<>(List.of("line", "text"));
    for (SentenceFile.Line l : lines) {
      header.add(String.valueOf(l.number()));
    }
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      List<Object> row = new ArrayList<>(List.of(lines.get(i).number(), lines.get(i).text()));
      for (double v : cosines[i]) {
        row.add(v);
      }
      rows.add(row);
    }
    return new Table(header, rows);
  }
}
