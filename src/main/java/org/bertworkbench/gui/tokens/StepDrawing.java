package org.bertworkbench.gui.tokens;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.tokenize.TraceRow;
import org.bertworkbench.core.tokenize.TraceStep;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;

/**
 * One tokenizer step drawn as rows of cells: characters for the text steps, words or word pieces
 * as chips, numbers aligned under their tokens. What the step changed is highlighted; a hovered
 * token and the original characters it came from are outlined together.
 */
final class StepDrawing implements Drawing {

  /** Where a cell was drawn, for hit-testing the mouse. */
  record Cell(String row, int index, Rectangle2D box) {}

  private static final Texts T = Texts.of(StepDrawing.class);

  static final Color CHANGED = new Color(0xffe0b2);
  static final Color CHANGED_BORDER = new Color(0xfb8c00);
  static final Color HOVER = new Color(0xd32f2f);
  static final Color CHIP = new Color(0xe3f2fd);
  static final Color CHIP_BORDER = new Color(0x90caf9);
  static final Color SPECIAL = new Color(0xeeeeee);
  static final Color PIECE = new Color(0xf3e5f5);

  private final TraceStep step;
  private final String originalA;
  private final String originalB;
  private final int hoveredToken;
  private final int[] hoveredChars; // {sentence 0/1, start, end} or null
  private final List<Cell> cells = new ArrayList<>();
  private double height = 300;
  private double visibleTop = Double.NEGATIVE_INFINITY;
  private double visibleBottom = Double.POSITIVE_INFINITY;

  StepDrawing(TraceStep step, String originalA, String originalB, int hoveredToken, int[] hoveredChars) {
    this.step = step;
    this.originalA = originalA;
    this.originalB = originalB;
    this.hoveredToken = hoveredToken;
    this.hoveredChars = hoveredChars;
  }

  List<Cell> cells() {
    return cells;
  }

  @Override
  public void draw(Graphics2D g, double width, double h) {
    cells.clear();
    java.awt.Rectangle clip = g.getClipBounds();
    if (clip != null) {
      visibleTop = clip.getMinY() - 30;
      visibleBottom = clip.getMaxY() + 30;
    }
    Font label = Fonts.sans(Font.BOLD, 13);
    Font mono = Fonts.mono(Font.PLAIN, 14);
    double y = 20;
    y = drawOriginal(g, T.get("StepDrawing.originalA"), originalA, 0, width, y, label, mono);
    if (originalB != null) {
      y = drawOriginal(g, T.get("StepDrawing.originalB"), originalB, 1, width, y, label, mono);
    }
    g.setColor(new Color(0xbdbdbd));
    g.drawLine(10, (int) y, (int) width - 10, (int) y);
    y += 24;
    boolean numberGrid = step.rows().stream().anyMatch(r -> r.label().equals("tokens"));
    if (numberGrid) {
      y = drawGrid(g, width, y, label, mono);
    } else {
      for (TraceRow row : step.rows()) {
        y = drawChips(g, row, width, y, label, mono, isTextStep());
      }
    }
    height = y + 10;
  }

  private boolean isTextStep() {
    return switch (step.id()) {
      case "raw", "cleaned", "cjk", "lowercase" -> true;
      default -> false;
    };
  }

  /** The text as typed, characters outlined when the hovered token came from them. */
  private double drawOriginal(Graphics2D g, String name, String text, int sentence, double width,
      double y, Font label, Font mono) {
    g.setFont(label);
    g.setColor(Color.GRAY);
    g.drawString(name, 10, (float) y);
    g.setFont(mono);
    FontMetrics fm = g.getFontMetrics();
    double x = 110;
    for (int i = 0; i < text.length(); i++) {
      String ch = String.valueOf(text.charAt(i));
      double w = Math.max(fm.stringWidth(ch), 4);
      if (x + w > width - 10) {
        x = 110;
        y += 20;
      }
      Rectangle2D box = new Rectangle2D.Double(x, y - 14, w, 18);
      if (!visible(box)) {
        x += w;
        continue;
      }
      boolean lit = hoveredChars != null && hoveredChars[0] == sentence
          && i >= hoveredChars[1] && i < hoveredChars[2];
      if (lit) {
        g.setColor(new Color(0xffcdd2));
        g.fill(box);
      }
      g.setColor(Color.BLACK);
      g.drawString(ch, (float) x, (float) y);
      cells.add(new Cell("original " + (sentence == 0 ? "A" : "B"), i, box)); // i18n-ok: the row's id for hit-testing
      x += w;
    }
    return y + 26;
  }

  private double drawChips(Graphics2D g, TraceRow row, double width, double y, Font label, Font mono,
      boolean text) {
    g.setFont(label);
    g.setColor(Color.GRAY);
    g.drawString(rowName(row.label()), 10, (float) y);
    g.setFont(mono);
    FontMetrics fm = g.getFontMetrics();
    double x = 110;
    double gap = text ? 1 : 6;
    for (int i = 0; i < row.cells().size(); i++) {
      String cell = text ? visible(row.cells().get(i)) : row.cells().get(i);
      double w = fm.stringWidth(cell) + (text ? 4 : 14);
      if (x + w > width - 10) {
        x = 110;
        y += 30;
      }
      Rectangle2D box = new Rectangle2D.Double(x, y - 16, w, 22);
      if (!visible(box)) {
        x += w + gap;
        continue;
      }
      boolean changed = row.changed().contains(i);
      paintChip(g, box, cell, changed, false, text ? null : cell);
      g.drawString(cell, (float) (x + (text ? 2 : 7)), (float) y);
      cells.add(new Cell(row.label(), i, box));
      x += w + gap;
    }
    return y + 38;
  }

  /** Tokens with their numbers in aligned columns, wrapping column blocks across the width. */
  private double drawGrid(Graphics2D g, double width, double y, Font label, Font mono) {
    List<TraceRow> rows = step.rows();
    TraceRow tokens = step.row("tokens");
    // The columns start after the longest row name (in Japanese "アテンションマスク" is wider than 130 - 10).
    g.setFont(label);
    double names = 0;
    for (TraceRow r : rows) {
      names = Math.max(names, g.getFontMetrics().stringWidth(rowName(r.label())));
    }
    g.setFont(mono);
    FontMetrics fm = g.getFontMetrics();
    int n = tokens.cells().size();
    double x = Math.max(130, 10 + names + 14);
    int start = 0;
    while (start < n) {
      // Lay out one block of columns that fits the width.
      List<double[]> columns = new ArrayList<>();
      int end = start;
      double bx = x;
      while (end < n) {
        double w = 14;
        for (TraceRow r : rows) {
          if (end < r.cells().size()) {
            w = Math.max(w, fm.stringWidth(r.cells().get(end)) + 14);
          }
        }
        if (bx + w > width - 10 && end > start) {
          break;
        }
        columns.add(new double[] {bx, w});
        bx += w + 4;
        end++;
      }
      double ry = y;
      for (TraceRow r : rows) {
        g.setFont(label);
        g.setColor(Color.GRAY);
        if (ry >= visibleTop && ry <= visibleBottom + 30) {
          g.drawString(rowName(r.label()), 10, (float) ry);
        }
        g.setFont(mono);
        for (int i = start; i < end && i < r.cells().size(); i++) {
          double[] col = columns.get(i - start);
          Rectangle2D box = new Rectangle2D.Double(col[0], ry - 16, col[1], 22);
          if (!visible(box)) {
            continue;
          }
          boolean isTokenRow = r == tokens;
          paintChip(g, box, r.cells().get(i), r.changed().contains(i), i == hoveredToken,
              isTokenRow ? r.cells().get(i) : null);
          g.drawString(r.cells().get(i), (float) (col[0] + 7), (float) ry);
          cells.add(new Cell(r.label(), i, box));
        }
        ry += 28;
      }
      y = ry + 14;
      start = end;
    }
    return y;
  }

  /**
   * A row's name as drawn: core labels the rows in English ("A", "tokens", "input ids"), which stay
   * the rows' ids for hit-testing and the CSV; the picture says them in the window's language.
   */
  static String rowName(String label) {
    String key = "StepDrawing.row." + label.replace(' ', '_');
    return T.has(key) ? T.get(key) : label;
  }

  private boolean visible(Rectangle2D box) {
    return box.getMaxY() >= visibleTop && box.getMinY() <= visibleBottom;
  }

  private static void paintChip(Graphics2D g, Rectangle2D box, String cell, boolean changed,
      boolean hovered, String token) {
    RoundRectangle2D r = new RoundRectangle2D.Double(box.getX(), box.getY(), box.getWidth(),
        box.getHeight(), 8, 8);
    Color fill = Color.WHITE;
    if (token != null) {
      fill = token.startsWith("[") && token.endsWith("]") ? SPECIAL
          : token.startsWith("##") ? PIECE : CHIP;
    }
    if (changed) {
      fill = CHANGED;
    }
    g.setColor(fill);
    g.fill(r);
    g.setStroke(new BasicStroke(hovered ? 2.5f : 1f));
    g.setColor(hovered ? HOVER : changed ? CHANGED_BORDER : token != null ? CHIP_BORDER : new Color(0xe0e0e0));
    g.draw(r);
    g.setStroke(new BasicStroke(1f));
    g.setColor(Color.BLACK);
  }

  /** Spaces and control characters made visible. */
  static String visible(String ch) {
    if (ch.equals(" ")) {
      return "·";
    }
    if (ch.equals("\t")) {
      return "⇥";
    }
    if (ch.equals("\n") || ch.equals("\r")) {
      return "↵";
    }
    int cp = ch.codePointAt(0);
    if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
      return String.format("U+%04X", cp);
    }
    return ch;
  }

  @Override
  public double preferredHeight() {
    return Math.max(300, height);
  }
}
