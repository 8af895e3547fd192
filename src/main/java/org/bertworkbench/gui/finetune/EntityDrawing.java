package org.bertworkbench.gui.finetune;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bertworkbench.core.finetune.EntityMetrics;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;

/**
 * Token tagging: the sentence twice, gold tags above and the model's below, each entity (a BIO
 * span, read as CoNLL's conlleval reads them) on the colour of its type with the type written over it. A predicted entity that is not
 * exactly a gold one gets a red frame; a word whose tag is wrong is written in red.
 */
public final class EntityDrawing implements Drawing {

  private static final Color ERROR = new Color(0xc62828);
  private static final Texts T = Texts.of(EntityDrawing.class);
  private static final double LINE = 40;

  private final List<String> words;
  private final List<String> predicted;
  private final List<String> gold;
  private final List<String> types;
  private double lastHeight = 300;

  /**
   * @param words the words of the sentence
   * @param predicted the model's tag per word (may be empty: not predicted yet)
   * @param gold the gold tag per word (may be empty: typed text)
   */
  public EntityDrawing(List<String> words, List<String> predicted, List<String> gold) {
    this.words = words == null ? List.of() : List.copyOf(words);
    this.predicted = predicted == null ? List.of() : List.copyOf(predicted);
    this.gold = gold == null ? List.of() : List.copyOf(gold);
    Set<String> t = new LinkedHashSet<>();
    for (List<String> tags : List.of(this.gold, this.predicted)) {
      for (EntityMetrics.Span s : EntityMetrics.spans(tags)) {
        t.add(s.type());
      }
    }
    types = List.copyOf(t);
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    if (words.isEmpty()) {
      Drawings.note(g, T.get("EntityDrawing.empty"));
      return;
    }
    double x = 12;
    g.setFont(Drawings.note());
    for (int i = 0; i < types.size(); i++) {
      g.setColor(Drawings.alpha(Drawings.entity(i), 0.3));
      g.fill(new Rectangle2D.Double(x, 8, 14, 14));
      g.setColor(Color.BLACK);
      g.drawString(types.get(i), (float) (x + 18), 20f);
      x += 30 + g.getFontMetrics().stringWidth(types.get(i));
    }
    g.setColor(ERROR);
    g.drawString(T.get("EntityDrawing.wrong"), (float) x + 8, 20f);
    double y = 44;
    if (!gold.isEmpty()) {
      y = sentence(g, T.get("EntityDrawing.gold"), gold, null, y, width) + 16;
    }
    if (!predicted.isEmpty()) {
      y = sentence(g, T.get("EntityDrawing.model"), predicted, gold.isEmpty() ? null : gold, y, width) + 16;
    }
    lastHeight = y + 10;
  }

  /** Draws one reading of the sentence; returns the bottom. */
  private double sentence(Graphics2D g, String title, List<String> tags, List<String> against, double y0,
      double width) {
    Font text = Fonts.sans(Font.PLAIN, 14);
    Font type = Fonts.sans(Font.BOLD, 9);
    g.setFont(Fonts.sans(Font.BOLD, 13));
    g.setColor(Color.DARK_GRAY);
    g.drawString(title, 12f, (float) (y0 + 14));
    g.setFont(text);
    FontMetrics fm = g.getFontMetrics();
    boolean[] space = new boolean[words.size()];
    java.util.Arrays.fill(space, true);
    double top = y0 + 30;
    List<Rectangle2D> boxes = WordFlow.layout(fm, words, space, 16, top, width - 32, LINE, fm.getHeight());
    List<EntityMetrics.Span> goldSpans = against == null ? List.of() : EntityMetrics.spans(against);
    for (EntityMetrics.Span s : EntityMetrics.spans(tags)) {
      Color c = Drawings.entity(types.indexOf(s.type()));
      for (int i = s.start(); i < s.end(); i++) {
        Rectangle2D b = boxes.get(i);
        boolean joinsNext = i + 1 < s.end() && boxes.get(i + 1).getY() == b.getY();
        double w = joinsNext ? boxes.get(i + 1).getX() - b.getX() : b.getWidth();
        RoundRectangle2D r = new RoundRectangle2D.Double(b.getX() - 3, b.getY() - 2, w + 6, b.getHeight() + 4, 6, 6);
        g.setColor(Drawings.alpha(c, 0.28));
        g.fill(r);
        if (against != null && !goldSpans.contains(s)) {
          g.setColor(ERROR);
          g.setStroke(new BasicStroke(1.5f));
          g.draw(r);
          g.setStroke(new BasicStroke(1f));
        }
      }
      Rectangle2D first = boxes.get(s.start());
      g.setFont(type);
      g.setColor(c.darker());
      g.drawString(s.type(), (float) first.getX() - 2, (float) (first.getY() - 4));
      g.setFont(text);
    }
    for (int i = 0; i < words.size(); i++) {
      Rectangle2D b = boxes.get(i);
      boolean wrong = against != null && !tags.get(i).equals(against.get(i));
      g.setColor(wrong ? ERROR : Color.BLACK);
      g.drawString(words.get(i), (float) b.getX(), (float) (b.getY() + fm.getAscent()));
    }
    return WordFlow.bottom(boxes, top);
  }

  /** One row per word: the word, its gold tag and the model's. */
  public Table table() {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      rows.add(List.of(i + 1, words.get(i), i < gold.size() ? gold.get(i) : "",
          i < predicted.size() ? predicted.get(i) : ""));
    }
    return new Table(List.of("word", "text", "gold", "predicted"), rows); // i18n-ok: the exported columns
  }

  @Override
  public double preferredHeight() {
    return lastHeight;
  }
}
