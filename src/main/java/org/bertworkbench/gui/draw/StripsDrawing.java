package org.bertworkbench.gui.draw;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;

/**
 * Vectors as colour strips: one row per vector (a token, a layer, a segment), one panel per kind
 * of vector side by side, each value a colour on a diverging scale; a legend per scale. Panels that
 * share a scale share a legend. The selected row is outlined across every panel.
 */
public final class StripsDrawing implements Drawing {

  /** One column of strips: its title, its vectors [R][H], and the colour scale. */
  public record Panel(String title, float[][] rows, double scale) {}

  /** What lies under a point: a row, a panel and a dimension of the vector. */
  public record Hit(int row, int panel, int dim) {}

  private static final Texts T = Texts.of(StripsDrawing.class);

  public static final Color SELECTED = new Color(0xd32f2f);
  private static final double TOP = 46;
  private static final double GAP = 12;

  private final String title;
  private final List<String> rowLabels;
  private final List<Color> rowMarks;
  private final List<Panel> panels;
  private final int selectedRow;
  private final List<String> notes;
  private final Map<String, BufferedImage> images = Collections.synchronizedMap(new LinkedHashMap<>());
  private double labelWidth = 150;
  private double measuredLabelWidth = -1;
  private double panelWidth;
  private double rowHeight;
  private int[] rowSegments = new int[0];

  /**
   * @param rowMarks a small colour mark before each row label (e.g. the segment), or null
   * @param notes lines of text under the legend
   */
  public StripsDrawing(String title, List<String> rowLabels, List<Color> rowMarks, List<Panel> panels,
      int selectedRow, List<String> notes) {
    this.title = title;
    this.rowLabels = List.copyOf(rowLabels);
    this.rowMarks = rowMarks;
    this.panels = List.copyOf(panels);
    this.selectedRow = selectedRow;
    this.notes = List.copyOf(notes);
  }

  /**
   * Brackets the rows of each sentence of a pair, lettered A and B, beside the colour marks, so that
   * the sentences can be told apart without colour; {@code segments} [rows].
   */
  public StripsDrawing withSegments(int[] segments) {
    rowSegments = segments;
    return this;
  }

  /** The same strips with another row selected (the rendered images are kept). */
  public StripsDrawing withSelected(int row) {
    StripsDrawing d = new StripsDrawing(title, rowLabels, rowMarks, panels, row, notes);
    d.rowSegments = rowSegments;
    d.images.putAll(images);
    d.measuredLabelWidth = measuredLabelWidth;
    return d;
  }

  /**
   * Lays out and renders the strips for a {@code width} x {@code height} area without showing
   * them, so that the expensive part can run off the FX thread before the drawing is shown.
   */
  public StripsDrawing prerender(double width, double height) {
    if (width > 0 && height > 0) {
      BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
      Graphics2D g = scratch.createGraphics();
      try {
        draw(g, width, height);
      } finally {
        g.dispose();
      }
    }
    return this;
  }

  public List<String> rowLabels() {
    return rowLabels;
  }

  public List<Panel> panels() {
    return panels;
  }

  public int selectedRow() {
    return selectedRow;
  }

  private double footerHeight() {
    long scales = panels.stream().map(Panel::scale).distinct().count();
    return 16 + 34 * scales + 18 * notes.size();
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    int rows = rowLabels.size();
    Font titleFont = Fonts.sans(Font.BOLD, 14);
    Font headFont = Fonts.sans(Font.BOLD, 12);
    Font labelFont = Fonts.mono(Font.PLAIN, 12);
    if (measuredLabelWidth < 0) {
      g.setFont(labelFont);
      FontMetrics fm = g.getFontMetrics();
      double longest = 60;
      for (String l : rowLabels) {
        longest = Math.max(longest, fm.stringWidth(l));
      }
      measuredLabelWidth = Math.min(220, longest + 26);
    }
    labelWidth = measuredLabelWidth;
    double available = height - TOP - footerHeight();
    rowHeight = rows == 0 ? 0 : Math.max(1, Math.min(24, available / rows));
    panelWidth = Math.max(20, (width - labelWidth - 10 - GAP * (panels.size() - 1)) / Math.max(1, panels.size()));

    g.setColor(Color.BLACK);
    TextFit.draw(g, titleFont, title, 10, 20, width - 4);
    for (int p = 0; p < panels.size(); p++) {
      g.setColor(Color.DARK_GRAY);
      // Smaller type rather than one title over the next (Japanese titles are wider than English).
      g.setFont(TextFit.fitted(g, headFont, panels.get(p).title(), panelWidth + GAP - 4));
      g.drawString(panels.get(p).title(), (float) panelX(p), (float) (TOP - 8));
    }
    // The strips, one image per panel at exactly its on-screen pixels.
    int pw = (int) Math.round(panelWidth);
    int ph = (int) Math.round(rowHeight * rows);
    for (int p = 0; p < panels.size() && rows > 0; p++) {
      String key = p + ":" + pw + "x" + ph;
      Panel panel = panels.get(p);
      String prefix = p + ":";
      if (!images.containsKey(key)) {
        images.keySet().removeIf(k -> k.startsWith(prefix));
      }
      BufferedImage image = images.computeIfAbsent(key,
          k -> Diverging.render(panel.rows(), pw, ph, panel.scale()));
      g.drawImage(image, (int) Math.round(panelX(p)), (int) Math.round(TOP), pw, ph, null);
      g.setColor(new Color(0xbdbdbd));
      g.setStroke(new BasicStroke(1f));
      g.draw(new Rectangle2D.Double(panelX(p), TOP, pw, ph));
    }
    // Row labels, thinned out when rows are too short to hold them all.
    int every = (int) Math.max(1, Math.ceil(13 / Math.max(rowHeight, 0.01)));
    g.setFont(labelFont);
    for (int r = 0; r < rows; r++) {
      if (r % every != 0 && r != selectedRow) {
        continue;
      }
      double baseline = TOP + r * rowHeight + Math.min(rowHeight, 13) / 2 + 5;
      if (rowMarks != null) {
        g.setColor(rowMarks.get(r));
        g.fill(new Rectangle2D.Double(12, baseline - 9, 6, 9));
      }
      g.setColor(r == selectedRow ? SELECTED : Color.BLACK);
      g.drawString(rowLabels.get(r), 20f, (float) baseline);
    }
    if (rowSegments.length == rows) {
      SentenceMarks.rows(g, rowSegments, 6, TOP, rowHeight);
    }
    if (selectedRow >= 0 && selectedRow < rows) {
      g.setColor(SELECTED);
      g.setStroke(new BasicStroke(2f));
      for (int p = 0; p < panels.size(); p++) {
        g.draw(new Rectangle2D.Double(panelX(p) - 1, TOP + selectedRow * rowHeight - 1, pw + 2,
            Math.max(2, rowHeight) + 2));
      }
      g.setStroke(new BasicStroke(1f));
    }
    // Legends: one per distinct scale, naming the panels that use it.
    double y = TOP + ph + 16;
    Map<Double, List<String>> byScale = new LinkedHashMap<>();
    for (Panel p : panels) {
      byScale.computeIfAbsent(p.scale(), s -> new ArrayList<>()).add(p.title());
    }
    for (Map.Entry<Double, List<String>> e : byScale.entrySet()) {
      y = Diverging.legend(g, labelWidth, y, Math.min(260, Math.max(120, width / 5)), e.getKey(),
          T.format("StripsDrawing.legend", String.join(", ", e.getValue()),
              Diverging.format(e.getKey()))) + 2;
    }
    Font noteFont = Fonts.sans(Font.PLAIN, 12);
    g.setColor(Color.DARK_GRAY);
    for (String note : notes) {
      y += 14;
      g.setFont(TextFit.fitted(g, noteFont, note, width - labelWidth - 6)); // smaller rather than cut off
      g.drawString(note, (float) labelWidth, (float) y);
    }
  }

  private double panelX(int p) {
    return labelWidth + p * (panelWidth + GAP);
  }

  /** The row, panel and dimension under (x, y) as last drawn, or null. */
  public Hit hit(double x, double y) {
    int rows = rowLabels.size();
    if (rowHeight <= 0 || y < TOP || y >= TOP + rows * rowHeight) {
      return null;
    }
    int row = (int) ((y - TOP) / rowHeight);
    if (x < labelWidth) {
      return new Hit(row, -1, -1);
    }
    for (int p = 0; p < panels.size(); p++) {
      double px = panelX(p);
      if (x >= px && x < px + panelWidth) {
        int dims = panels.get(p).rows()[row].length;
        int dim = (int) Math.min(dims - 1, (x - px) / panelWidth * dims);
        return new Hit(row, p, dim);
      }
    }
    return new Hit(row, -1, -1);
  }

  @Override
  public double preferredHeight() {
    int rows = rowLabels.size();
    // The height the strips need to be read: 12 pixels a row for a few rows (they grow to fill a
    // larger area), 4 for hundreds; a taller picture scrolls on screen and exports whole.
    double rowH = Math.max(4, Math.min(12, 2400.0 / Math.max(1, rows)));
    return TOP + rows * rowH + footerHeight() + 10;
  }
}
