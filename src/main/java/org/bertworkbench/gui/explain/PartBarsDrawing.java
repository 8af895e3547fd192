package org.bertworkbench.gui.explain;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.explain.Attribution;
import org.bertworkbench.core.explain.Explanation;
import org.bertworkbench.gui.draw.Diverging;
import org.bertworkbench.gui.draw.TextFit;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;

/**
 * A stacked bar per token split into its word, segment and position parts: positive parts stacked
 * up from the axis, negative ones down, each part in its colour (legend above); a black tick marks
 * the token's total, which parts of opposite signs hide. A method that does not split the parts
 * (occlusion, attention, rollout) draws the total alone; a model without segment embeddings
 * (DistilBERT) has no segment part.
 */
final class PartBarsDrawing implements Drawing {

  private static final Texts T = Texts.of(PartBarsDrawing.class);
  static final Color WORD = new Color(0x3949ab);
  static final Color SEGMENT = new Color(0xfb8c00);
  static final Color POSITION = new Color(0x43a047);
  static final Color TOTAL = new Color(0x757575);
  static final double LEFT = 64;
  static final double TOP = 48;
  static final double MIN_COLUMN = 12;
  static final double MIN_HEIGHT = 220;

  private final Explanation e;
  private final List<double[]> parts = new ArrayList<>();
  private final List<Color> colours = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final double top;
  private final double bottom;
  /** The height of the view the picture is shown in (0: not shown yet, an export's own 360). */
  private double shown;

  PartBarsDrawing(Explanation e) {
    this.e = e;
    Attribution a = e.attribution();
    if (a.token() != null && a.position() != null) {
      add(a.token(), WORD, T.get("PartBarsDrawing.word"));
      if (a.segment() != null) {
        add(a.segment(), SEGMENT, T.get("PartBarsDrawing.segment"));
      }
      add(a.position(), POSITION, T.get("PartBarsDrawing.position"));
    } else {
      add(a.total(), TOTAL, T.format("PartBarsDrawing.total", a.method().cliName()));
    }
    double up = 0;
    double down = 0;
    for (int t = 0; t < a.total().length; t++) {
      up = Math.max(up, Math.max(stack(t, true), a.total()[t]));
      down = Math.min(down, Math.min(stack(t, false), a.total()[t]));
    }
    if (up == down) {
      up = 1;
    }
    top = up;
    bottom = down;
  }

  private void add(double[] v, Color c, String name) {
    parts.add(v);
    colours.add(c);
    names.add(name);
  }

  /** The names of the parts drawn, in the legend's order. */
  List<String> parts() {
    return List.copyOf(names);
  }

  /** The sum of token {@code t}'s positive (or negative) parts. */
  double stack(int t, boolean positive) {
    double s = 0;
    for (double[] p : parts) {
      s += positive ? Math.max(0, p[t]) : Math.min(0, p[t]);
    }
    return s;
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    g.setColor(Color.WHITE);
    g.fill(new Rectangle2D.Double(0, 0, width, height));
    g.setColor(Color.DARK_GRAY);
    TextFit.draw(g, Fonts.sans(Font.BOLD, 13), T.get("PartBarsDrawing.title"), 12, 18, width - 12);
    legend(g, width);
    int n = e.tokens().size();
    if (n == 0) {
      return;
    }
    g.setFont(Fonts.mono(Font.PLAIN, 11));
    FontMetrics fm = g.getFontMetrics();
    double labels = Math.min(110, longest(fm) + 8);
    double plotH = Math.max(40, height - TOP - labels - 8);
    double column = (width - LEFT - 12) / n;
    double zero = TOP + plotH * top / (top - bottom);
    double perUnit = plotH / (top - bottom);
    axis(g, width, zero, perUnit);
    for (int t = 0; t < n; t++) {
      double x = LEFT + t * column;
      double bar = Math.max(2, column * 0.7);
      double left = x + (column - bar) / 2;
      double up = zero;
      double down = zero;
      for (int k = 0; k < parts.size(); k++) {
        double v = parts.get(k)[t];
        double h = Math.abs(v) * perUnit;
        g.setColor(colours.get(k));
        if (v >= 0) {
          up -= h;
          g.fill(new Rectangle2D.Double(left, up, bar, h));
        } else {
          g.fill(new Rectangle2D.Double(left, down, bar, h));
          down += h;
        }
      }
      if (parts.size() > 1) {
        double y = zero - e.attribution().total()[t] * perUnit;
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2f));
        g.draw(new Line2D.Double(left - 2, y, left + bar + 2, y));
        g.setStroke(new BasicStroke(1f));
      }
      g.setFont(Fonts.mono(Font.PLAIN, column >= 13 ? 11 : 9));
      FontMetrics lf = g.getFontMetrics();
      String s = TextFit.clipped(lf, e.tokens().get(t), labels - 4);
      AffineTransform saved = g.getTransform();
      g.translate(x + column / 2 + lf.getAscent() / 2.0 - 1, TOP + plotH + 6);
      g.rotate(Math.PI / 2);
      g.setColor(t == e.explained().position() ? Color.BLACK : Color.DARK_GRAY);
      g.drawString(s, 0f, 0f);
      g.setTransform(saved);
    }
  }

  private void legend(Graphics2D g, double width) {
    g.setFont(Fonts.sans(Font.PLAIN, 11));
    FontMetrics fm = g.getFontMetrics();
    double x = 12;
    double y = 26;
    for (int k = 0; k < names.size(); k++) {
      double w = 18 + fm.stringWidth(names.get(k)) + 14;
      if (x + w > width - 12 && x > 12) {
        break; // a very narrow picture: the first parts' names, the colours still read from the table
      }
      g.setColor(colours.get(k));
      g.fill(new Rectangle2D.Double(x, y + 2, 12, 12));
      g.setColor(Color.DARK_GRAY);
      g.drawString(names.get(k), (float) (x + 16), (float) (y + 12));
      x += w;
    }
    if (parts.size() > 1) {
      String tick = T.get("PartBarsDrawing.tick");
      if (x + 24 + fm.stringWidth(tick) <= width - 12) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2f));
        g.draw(new Line2D.Double(x, y + 8, x + 14, y + 8));
        g.setStroke(new BasicStroke(1f));
        g.drawString(tick, (float) (x + 18), (float) (y + 12));
      }
    }
  }

  private void axis(Graphics2D g, double width, double zero, double perUnit) {
    g.setFont(Fonts.sans(Font.PLAIN, 10));
    FontMetrics fm = g.getFontMetrics();
    g.setColor(new Color(0x9e9e9e));
    g.draw(new Line2D.Double(LEFT, zero, width - 12, zero));
    for (double v : java.util.stream.DoubleStream.of(top, 0, bottom).distinct().toArray()) {
      double y = zero - v * perUnit;
      if (v != 0 && Math.abs(y - zero) < fm.getHeight()) {
        continue; // a sliver below (or above) the axis: its number would print over the 0
      }
      String s = Diverging.format(v);
      g.setColor(Color.DARK_GRAY);
      g.drawString(s, (float) (LEFT - 6 - fm.stringWidth(s)), (float) (y + fm.getAscent() / 2.0 - 1));
      g.setColor(new Color(0xe0e0e0));
      g.draw(new Line2D.Double(LEFT - 3, y, width - 12, y));
    }
  }

  private double longest(FontMetrics fm) {
    double w = 0;
    for (String s : e.tokens()) {
      w = Math.max(w, fm.stringWidth(s));
    }
    return w;
  }

  @Override
  public double preferredWidth() {
    return Math.max(800, LEFT + 12 + MIN_COLUMN * e.tokens().size());
  }

  @Override
  public void fitTo(double width, double height) {
    shown = height;
  }

  /** The view's height, not less than room for the bars and their labels (it scrolls below that). */
  @Override
  public double preferredHeight() {
    return shown > 0 ? Math.max(MIN_HEIGHT, shown) : 360;
  }
}
