package org.bertworkbench.gui.draw;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.gui.text.Fonts;

/**
 * Marks which sentence a run of tokens belongs to in a way that does not rest on colour alone: a
 * bracket along the token axis with the letter A or B in a circle (sentence B's bracket dashed), and
 * boundary lines across a token-by-token grid. Drawn only for pairs; a single sentence needs none.
 */
public final class SentenceMarks {

  /** Sentence A's ink. */
  public static final Color A = new Color(0x1565c0);
  /** Sentence B's ink. */
  public static final Color B = new Color(0xbf360c);
  /** The room a bracket takes beside the labels, in pixels. */
  public static final double ROOM = 16;

  /** A run of tokens {@code from}..{@code to} (inclusive) of one sentence (0 = A, 1 = B). */
  public record Span(int from, int to, int segment) {}

  private SentenceMarks() {}

  /** The runs of equal segment ids, in order. */
  public static List<Span> spans(int[] segments) {
    List<Span> out = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= segments.length; i++) {
      if (i == segments.length || segments[i] != segments[start]) {
        out.add(new Span(start, i - 1, segments[start]));
        start = i;
      }
    }
    return out;
  }

  /** Whether the tokens hold a sentence B, so that marks are drawn. */
  public static boolean isPair(int[] segments) {
    for (int s : segments) {
      if (s != 0) {
        return true;
      }
    }
    return false;
  }

  /** Brackets to the left of rows of height {@code cell} from {@code top}, their spine at {@code x}. */
  public static void rows(Graphics2D g, int[] segments, double x, double top, double cell) {
    rows(g, segments, x, top, cell, true);
  }

  /**
   * Brackets beside rows of height {@code cell} from {@code top}, their spine at {@code x}, the
   * ends pointing right ({@code toTheRight}: the bracket is left of its rows) or left.
   */
  public static void rows(Graphics2D g, int[] segments, double x, double top, double cell, boolean toTheRight) {
    if (!isPair(segments)) {
      return;
    }
    for (Span s : spans(segments)) {
      double y0 = top + s.from() * cell + 1;
      double y1 = top + (s.to() + 1) * cell - 1;
      bracket(g, s.segment(), x, y0, x, y1, toTheRight ? 4 : -4, 0);
    }
  }

  /** Brackets above columns of width {@code cell} from {@code left}, their spine at {@code y}. */
  public static void columns(Graphics2D g, int[] segments, double left, double y, double cell) {
    if (!isPair(segments)) {
      return;
    }
    for (Span s : spans(segments)) {
      double x0 = left + s.from() * cell + 1;
      double x1 = left + (s.to() + 1) * cell - 1;
      bracket(g, s.segment(), x0, y, x1, y, 0, 4);
    }
  }

  /** Lines across a T x T grid where one sentence ends and the next begins, both ways. */
  public static void boundaries(Graphics2D g, int[] segments, double left, double top, double cell) {
    if (!isPair(segments)) {
      return;
    }
    double size = segments.length * cell;
    Stroke saved = g.getStroke();
    g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 3}, 0));
    g.setColor(new Color(0x455a64));
    for (Span s : spans(segments)) {
      if (s.from() == 0) {
        continue;
      }
      double at = s.from() * cell;
      g.draw(new Line2D.Double(left + at, top, left + at, top + size));
      g.draw(new Line2D.Double(left, top + at, left + size, top + at));
    }
    g.setStroke(saved);
  }

  /** One bracket from (x0, y0) to (x1, y1) with end ticks pointing (dx, dy) and the letter at its middle. */
  private static void bracket(Graphics2D g, int segment, double x0, double y0, double x1, double y1, double dx,
      double dy) {
    Stroke saved = g.getStroke();
    g.setColor(segment == 0 ? A : B);
    g.setStroke(segment == 0 ? new BasicStroke(1.5f)
        : new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {3, 2}, 0));
    g.draw(new Line2D.Double(x0, y0, x1, y1));
    g.draw(new Line2D.Double(x0, y0, x0 + dx, y0 + dy));
    g.draw(new Line2D.Double(x1, y1, x1 + dx, y1 + dy));
    g.setStroke(saved);
    double cx = (x0 + x1) / 2;
    double cy = (y0 + y1) / 2;
    double r = 6;
    g.setColor(Color.WHITE);
    g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    g.setColor(segment == 0 ? A : B);
    g.draw(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    Font font = g.getFont();
    g.setFont(Fonts.sans(Font.BOLD, 9));
    FontMetrics fm = g.getFontMetrics();
    String letter = segment == 0 ? "A" : "B";
    g.drawString(letter, (float) (cx - fm.stringWidth(letter) / 2.0), (float) (cy + fm.getAscent() / 2.0 - 1));
    g.setFont(font);
  }
}
