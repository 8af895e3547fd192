package org.bertworkbench.gui.attention;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.gui.draw.Legends;
import org.bertworkbench.gui.draw.TextFit;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.text.Fonts;

/**
 * Layer x head heatmaps side by side, one per metric (rows = layers from the top, columns =
 * heads), each on its own colour scale from its smallest to its largest value; switched-off heads
 * crossed out, a colour legend under each title. The cells of every map can be hit by the mouse.
 */
final class LayerHeadHeatmaps implements Drawing {

  /** One map: a title and [L][N] values. */
  record Panel(String title, double[][] values) {}

  /** A cell as drawn, for the mouse. */
  record Cell(int panel, int layer, int head, Rectangle2D box) {}

  private final String title;
  private final String hint;
  private final List<Panel> panels;
  private final boolean[][] masked;
  private final Color color;
  private final int columns;
  private final List<Cell> cells = new ArrayList<>();

  LayerHeadHeatmaps(String title, List<Panel> panels, boolean[][] masked, Color color, int columns) {
    this(title, null, panels, masked, color, columns);
  }

  /** With a hint for the window ("click: off/on") that an export, a picture for a slide, leaves out. */
  LayerHeadHeatmaps(String title, String hint, List<Panel> panels, boolean[][] masked, Color color, int columns) {
    this.title = title;
    this.hint = hint;
    this.panels = panels;
    this.masked = masked;
    this.color = color;
    this.columns = columns;
  }

  List<Cell> cells() {
    return cells;
  }

  List<Panel> panels() {
    return panels;
  }

  Cell cellAt(double x, double y) {
    for (Cell c : cells) {
      if (c.box().contains(x, y)) {
        return c;
      }
    }
    return null;
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    cells.clear();
    g.setFont(Fonts.sans(Font.BOLD, 13));
    g.setColor(Color.DARK_GRAY);
    String shown = hint == null || org.bertworkbench.gui.export.Drawing.isExport(g) ? title : title + " · " + hint;
    g.drawString(TextFit.clipped(g.getFontMetrics(), shown, width - 20), 10, 18);
    if (panels.isEmpty()) {
      return;
    }
    int layers = panels.get(0).values().length;
    int heads = panels.get(0).values()[0].length;
    int columns = this.columns;
    if (columns <= 0) { // as many side by side as gives the largest cells
      double best = -1;
      for (int c = 1; c <= panels.size(); c++) {
        int r = (panels.size() + c - 1) / c;
        double cell = Math.min(((width - 20) / c - 42) / heads, ((height - 30) / r - 60) / layers);
        if (cell > best + 0.01) {
          best = cell;
          columns = c;
        }
      }
    }
    int rowsOfPanels = (panels.size() + columns - 1) / columns;
    double pw = (width - 20) / columns;
    double ph = (height - 30) / rowsOfPanels;
    for (int p = 0; p < panels.size(); p++) {
      double x0 = 10 + (p % columns) * pw;
      double y0 = 30 + (p / columns) * ph;
      drawPanel(g, p, panels.get(p), x0, y0, pw - 14, ph - 8);
    }
  }

  private void drawPanel(Graphics2D g, int index, Panel panel, double x0, double y0, double w, double h) {
    double[][] v = panel.values();
    int layers = v.length;
    int heads = v[0].length;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] row : v) {
      for (double x : row) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
    double span = hi - lo <= 0 ? 1 : hi - lo;
    g.setFont(Fonts.sans(Font.BOLD, 12));
    g.setColor(Color.DARK_GRAY);
    g.drawString(panel.title(), (float) x0, (float) (y0 + 12));
    double legendWidth = Math.max(60, Math.min(160, w - 40));
    Legends.sequential(g, x0, y0 + 17, legendWidth, f -> new Color(HeadColors.ramp(color, f)),
        String.format("%.3g", lo), String.format("%.3g", hi), "");
    double left = x0 + 28;
    double top = y0 + 17 + Legends.HEIGHT + 14;
    double cell = Math.max(2, Math.min((w - 28) / heads, (h - 46 - Legends.HEIGHT) / layers));
    g.setFont(Fonts.sans(Font.PLAIN, 10));
    for (int hd = 0; hd < heads; hd++) {
      if (cell >= 14 || hd % 2 == 0) {
        g.setColor(Color.GRAY);
        g.drawString(String.valueOf(hd), (float) (left + hd * cell + cell / 2 - 3), (float) (top - 3));
      }
    }
    for (int l = 0; l < layers; l++) {
      g.setColor(Color.GRAY);
      if (cell >= 11 || l % 2 == 0) {
        g.drawString("L" + l, (float) x0, (float) (top + l * cell + cell / 2 + 4));
      }
      for (int hd = 0; hd < heads; hd++) {
        Rectangle2D box = new Rectangle2D.Double(left + hd * cell, top + l * cell, cell - 1, cell - 1);
        g.setColor(new Color(HeadColors.ramp(color, (v[l][hd] - lo) / span)));
        g.fill(box);
        cells.add(new Cell(index, l, hd, box));
        if (masked != null && masked[l][hd]) {
          g.setColor(new Color(0xd32f2f));
          g.setStroke(new BasicStroke(2f));
          g.draw(new Line2D.Double(box.getMinX() + 1, box.getMinY() + 1, box.getMaxX() - 1, box.getMaxY() - 1));
          g.draw(new Line2D.Double(box.getMinX() + 1, box.getMaxY() - 1, box.getMaxX() - 1, box.getMinY() + 1));
          g.setStroke(new BasicStroke(1f));
        }
      }
    }
  }

  @Override
  public double preferredWidth() {
    return 1200;
  }

  @Override
  public double preferredHeight() {
    return 200;
  }
}
