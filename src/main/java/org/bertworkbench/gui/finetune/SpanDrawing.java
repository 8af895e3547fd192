package org.bertworkbench.gui.finetune;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;

/**
 * Span question answering, drawn over the paragraph: above each piece a green bar for the
 * probability that the answer starts there, below it an orange bar for the probability that it
 * ends there (each a softmax over the paragraph's positions, the paper's start and end vectors);
 * the predicted answer on a blue ground, the gold answers underlined.
 */
public final class SpanDrawing implements Drawing {

  static final Color START = new Color(0x2e7d32);
  static final Color END = new Color(0xef6c00);
  private static final Color PREDICTED = new Color(0xbbdefb);
  private static final Color GOLD = new Color(0x1b5e20);
  private static final Texts T = Texts.of(SpanDrawing.class);
  private static final double BAR = 22;
  private static final double LINE = 2 * BAR + 30;

  /**
   * One piece of the paragraph.
   *
   * @param start its first character in the paragraph
   * @param end just past its last character
   * @param startProbability P(the answer starts here)
   * @param endProbability P(the answer ends here)
   */
  public record Piece(int start, int end, double startProbability, double endProbability) {}

  private final String question;
  private final String context;
  private final List<Piece> pieces;
  private final int answerStart;
  private final int answerEnd;
  private final List<int[]> gold;
  private double lastHeight = 400;

  /**
   * @param question the question
   * @param context the paragraph
   * @param pieces the paragraph's pieces with their probabilities (null or empty: nothing predicted)
   * @param answerStart the predicted answer's first character (-1 for none)
   * @param answerEnd just past its last character
   * @param gold the gold answers as {start, end} character offsets; may be empty
   */
  public SpanDrawing(String question, String context, List<Piece> pieces, int answerStart, int answerEnd,
      List<int[]> gold) {
    this.question = question == null ? "" : question;
    this.context = context == null ? "" : context;
    this.pieces = pieces == null ? List.of() : List.copyOf(pieces);
    this.answerStart = answerStart;
    this.answerEnd = answerEnd;
    this.gold = gold == null ? List.of() : List.copyOf(gold);
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    if (pieces.isEmpty()) {
      Drawings.note(g, T.get("SpanDrawing.empty"));
      return;
    }
    g.setFont(Fonts.sans(Font.BOLD, 13));
    g.setColor(Color.BLACK);
    g.drawString(T.format("SpanDrawing.question", Drawings.shorten(question, 140)), 12f, 20f);
    g.setFont(Drawings.note());
    double x = key(g, START, T.get("SpanDrawing.start"), 12, Double.NEGATIVE_INFINITY);
    x = key(g, END, T.get("SpanDrawing.end"), 230, x);
    x = key(g, new Color(0x1565c0), T.get("SpanDrawing.predicted"), 360, x);
    key(g, GOLD, T.get("SpanDrawing.gold"), 590, x);
    g.setFont(Fonts.sans(Font.PLAIN, 14));
    FontMetrics fm = g.getFontMetrics();
    List<String> words = new ArrayList<>();
    boolean[] space = new boolean[pieces.size()];
    for (int i = 0; i < pieces.size(); i++) {
      Piece p = pieces.get(i);
      words.add(context.substring(clamp(p.start()), clamp(p.end())));
      space[i] = i > 0 && p.start() > pieces.get(i - 1).end();
    }
    double top = 56 + BAR;
    List<Rectangle2D> boxes = WordFlow.layout(fm, words, space, 12, top, width - 24, LINE, fm.getHeight());
    double maxP = 1e-9;
    for (Piece p : pieces) {
      maxP = Math.max(maxP, Math.max(p.startProbability(), p.endProbability()));
    }
    for (int i = 0; i < pieces.size(); i++) {
      Piece p = pieces.get(i);
      Rectangle2D b = boxes.get(i);
      if (answerStart >= 0 && p.start() >= answerStart && p.end() <= answerEnd) {
        g.setColor(PREDICTED);
        g.fill(new Rectangle2D.Double(b.getX() - 1, b.getY(), b.getWidth() + 2, b.getHeight()));
      }
      double hs = BAR * p.startProbability() / maxP;
      double he = BAR * p.endProbability() / maxP;
      g.setColor(START);
      g.fill(new Rectangle2D.Double(b.getX() + 1, b.getY() - hs - 1, Math.max(2, b.getWidth() - 2), hs));
      g.setColor(END);
      g.fill(new Rectangle2D.Double(b.getX() + 1, b.getMaxY() + 5, Math.max(2, b.getWidth() - 2), he));
      g.setColor(Color.BLACK);
      g.drawString(words.get(i), (float) b.getX(), (float) (b.getY() + fm.getAscent()));
      if (inGold(p)) {
        g.setColor(GOLD);
        g.setStroke(new BasicStroke(2f));
        g.draw(new Line2D.Double(b.getX(), b.getMaxY() + 2, b.getMaxX(), b.getMaxY() + 2));
        g.setStroke(new BasicStroke(1f));
      }
    }
    lastHeight = WordFlow.bottom(boxes, top) + BAR + 20;
  }

  /**
   * One key of the legend at {@code at}, or further right when the one before ({@code after} is
   * its end) is wider than its place (Japanese keys are wider than English ones); returns its end.
   */
  private static double key(Graphics2D g, Color c, String text, double at, double after) {
    double x = Math.max(at, after + 16);
    g.setColor(c);
    g.drawString(text, (float) x, 40f);
    return x + g.getFontMetrics().stringWidth(text);
  }

  private boolean inGold(Piece p) {
    for (int[] s : gold) {
      if (p.start() >= s[0] && p.end() <= s[1]) {
        return true;
      }
    }
    return false;
  }

  private int clamp(int offset) {
    return Math.max(0, Math.min(context.length(), offset));
  }

  /** One row per piece: its text, offsets and both probabilities. */
  public Table table() {
    List<List<Object>> rows = new ArrayList<>();
    for (Piece p : pieces) {
      rows.add(List.of(context.substring(clamp(p.start()), clamp(p.end())), p.start(), p.end(), p.startProbability(),
          p.endProbability()));
    }
    return new Table(List.of("piece", "start", "end", "p_start", "p_end"), rows); // i18n-ok: the exported columns
  }

  @Override
  public double preferredHeight() {
    return lastHeight;
  }
}
