package org.bertworkbench.gui.explain;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.explain.Faithfulness;
import org.bertworkbench.core.explain.Method;
import org.bertworkbench.gui.draw.Diverging;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;

/**
 * The methods' mean Spearman correlation over a file of inputs, as a symmetric matrix coloured on
 * the diverging map (−1 blue, 0 white, 1 red), each cell with its value and the diagonal 1.
 */
final class RankCorrelationDrawing implements Drawing {

  private static final Texts T = Texts.of(RankCorrelationDrawing.class);
  private static final double CELL = 74;
  private static final double ROW = 30;
  private static final double TOP = 66;

  private final List<Method> methods;
  private final List<Faithfulness.Correlation> pairs;
  private final int inputs;
  private final String file;

  /**
   * @param methods the rows and columns, in order
   * @param pairs every pair's correlation
   * @param inputs how many inputs the file held
   * @param file the file's name
   */
  RankCorrelationDrawing(List<Method> methods, List<Faithfulness.Correlation> pairs, int inputs, String file) {
    this.methods = List.copyOf(methods);
    this.pairs = List.copyOf(pairs);
    this.inputs = inputs;
    this.file = file;
  }

  /** The pair's ρ (1 on the diagonal, NaN when it could not be ranked). */
  double rho(Method a, Method b) {
    if (a == b) {
      return 1;
    }
    for (Faithfulness.Correlation c : pairs) {
      if ((c.a() == a && c.b() == b) || (c.a() == b && c.b() == a)) {
        return c.spearman();
      }
    }
    return Double.NaN;
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    g.setColor(Color.WHITE);
    g.fill(new Rectangle2D.Double(0, 0, width, height));
    g.setColor(Color.DARK_GRAY);
    g.setFont(Fonts.sans(Font.BOLD, 13));
    g.drawString(T.format("RankCorrelationDrawing.title", inputs, file), 10, 20);
    Font names = Fonts.sans(Font.PLAIN, 11);
    g.setFont(names);
    FontMetrics fm = g.getFontMetrics();
    double left = 0;
    for (Method m : methods) {
      left = Math.max(left, fm.stringWidth(m.cliName()));
    }
    left += 20;
    double top = TOP;
    for (int j = 0; j < methods.size(); j++) {
      // Staggered on two lines, so that each name has two cells' width ("integrated-gradients" whole).
      String n = methods.get(j).cliName();
      g.setColor(Color.DARK_GRAY);
      g.drawString(fitted(fm, n), (float) (left + j * CELL + 4), (float) (top - 6 - (j % 2 == 0 ? 14 : 0)));
    }
    for (int i = 0; i < methods.size(); i++) {
      double y = top + i * ROW;
      g.setColor(Color.DARK_GRAY);
      g.drawString(methods.get(i).cliName(), 10f, (float) (y + ROW / 2 + 4));
      for (int j = 0; j < methods.size(); j++) {
        double x = left + j * CELL;
        double r = rho(methods.get(i), methods.get(j));
        g.setColor(Double.isNaN(r) ? new Color(0xeeeeee) : new Color(Diverging.rgb(r, 1)));
        g.fill(new Rectangle2D.Double(x, y, CELL - 2, ROW - 2));
        g.setColor(Double.isNaN(r) || Math.abs(r) < 0.6 ? Color.BLACK : Color.WHITE);
        String v = Double.isNaN(r) ? "–" : String.format("%.2f", r);
        g.drawString(v, (float) (x + (CELL - 2 - fm.stringWidth(v)) / 2), (float) (y + ROW / 2 + 4));
      }
    }
    double legendY = top + methods.size() * ROW + 12;
    Diverging.legend(g, 10, legendY, 200, 1, T.get("RankCorrelationDrawing.legend"));
  }

  private static String fitted(FontMetrics fm, String s) {
    return org.bertworkbench.gui.draw.TextFit.clipped(fm, s, 2 * CELL - 8);
  }

  @Override
  public double preferredWidth() {
    return Math.max(160 + (methods.size() + 1) * CELL, 420);
  }

  @Override
  public double preferredHeight() {
    return TOP + methods.size() * ROW + 60;
  }

  /** The numbers: one row per pair. */
  Table table() {
    List<List<Object>> rows = new ArrayList<>();
    for (Faithfulness.Correlation c : pairs) {
      rows.add(List.of(c.a().cliName(), c.b().cliName(), c.spearman(), c.inputs()));
    }
    return new Table(List.of("method_a", "method_b", "spearman", "inputs"), rows);
  }
}
