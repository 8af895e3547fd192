package org.bertworkbench.gui.pretrain;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.pretrain.BatchView;
import org.bertworkbench.core.pretrain.MaskDecision;
import org.bertworkbench.core.pretrain.MaskingCounters;
import org.bertworkbench.core.pretrain.SampledBatch;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.draw.TextFit;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;

/**
 * The current training batch, token by token: each masking decision in its own colour, under every
 * selected token the original and the model's top guess with its probability (green when right),
 * each pair's next-sentence truth and predicted probability, and the running masking counters.
 */
public final class BatchDrawing implements Drawing {

  static final Color NONE = new Color(0xf5f5f5);
  static final Color NONE_BORDER = new Color(0xbdbdbd);
  static final Color MASK = new Color(0x90caf9);
  static final Color MASK_BORDER = new Color(0x1565c0);
  static final Color RANDOM = new Color(0xffcc80);
  static final Color RANDOM_BORDER = new Color(0xe65100);
  static final Color KEEP = new Color(0xce93d8);
  static final Color KEEP_BORDER = new Color(0x6a1b9a);
  static final Color SPECIAL = new Color(0xe0e0e0);
  static final Color RIGHT = new Color(0x2e7d32);
  static final Color WRONG = new Color(0xc62828);

  private static final Texts T = Texts.of(BatchDrawing.class);

  private final BatchView batch;
  private final MaskingCounters counters;
  private double height = 200;

  /** Where a selected token was drawn and what was written under it (tests read it). */
  public record Selected(int instance, int position, MaskDecision decision, String token, String original,
      String guess, double probability) {}

  private final List<Selected> selected = new ArrayList<>();

  public BatchDrawing(BatchView batch, MaskingCounters counters) {
    this.batch = batch;
    this.counters = counters;
  }

  /** The faces, chosen at each drawing: the window's language may have changed since the last. */
  private static Font label() {
    return Fonts.sans(Font.BOLD, 13);
  }

  private static Font text() {
    return Fonts.sans(Font.PLAIN, 13);
  }

  private static Font mono() {
    return Fonts.mono(Font.PLAIN, 13);
  }

  private static Font small() {
    return Fonts.mono(Font.PLAIN, 11);
  }

  public static Color fill(MaskDecision d) {
    return switch (d) {
      case NONE -> NONE;
      case MASK -> MASK;
      case RANDOM -> RANDOM;
      case KEEP -> KEEP;
    };
  }

  static Color border(MaskDecision d) {
    return switch (d) {
      case NONE -> NONE_BORDER;
      case MASK -> MASK_BORDER;
      case RANDOM -> RANDOM_BORDER;
      case KEEP -> KEEP_BORDER;
    };
  }

  /** The selected positions as last drawn. */
  public List<Selected> selected() {
    return List.copyOf(selected);
  }

  public BatchView batch() {
    return batch;
  }

  @Override
  public void draw(Graphics2D g, double width, double h) {
    selected.clear();
    java.awt.Rectangle clip = g.getClipBounds();
    double top = clip == null ? Double.NEGATIVE_INFINITY : clip.getMinY() - 60;
    double bottom = clip == null ? Double.POSITIVE_INFINITY : clip.getMaxY() + 60;
    double y = drawLegend(g, width);
    if (batch == null) {
      g.setFont(text());
      g.setColor(Color.GRAY);
      g.drawString(T.get("BatchDrawing.empty"), 12, (float) y + 10);
      height = y + 40;
      return;
    }
    g.setFont(text());
    g.setColor(Color.DARK_GRAY);
    TextFit.draw(g, text(), SampledBatch.unguessed(batch) ? T.format("BatchDrawing.sampled", batch.instances().size())
        : T.format("BatchDrawing.step", String.valueOf(batch.step()), String.valueOf(batch.instances().size())),
        12, y, width - 10);
    y += 22;
    for (int i = 0; i < batch.instances().size(); i++) {
      y = drawInstance(g, i, batch.instances().get(i), width, y, top, bottom);
    }
    height = y + 10;
  }

  private double drawLegend(Graphics2D g, double width) {
    double y = 20;
    double x = 12;
    g.setFont(label());
    g.setColor(Color.DARK_GRAY);
    String masking = T.get("BatchDrawing.masking");
    g.drawString(masking, (float) x, (float) y);
    x += Math.max(80, g.getFontMetrics().stringWidth(masking) + 12);
    g.setFont(text());
    FontMetrics fm = g.getFontMetrics();
    String[] names = {T.get("BatchDrawing.notSelected"), T.get("BatchDrawing.masked"), T.get("BatchDrawing.random"),
        T.get("BatchDrawing.kept")};
    MaskDecision[] ds = MaskDecision.values();
    // Items wrap to the drawing's width: in large type (F5) one line ran off the window.
    double left = x;
    for (int i = 0; i < ds.length + 2; i++) {
      String name = i < ds.length ? names[i]
          : T.get(i == ds.length ? "BatchDrawing.guessRight" : "BatchDrawing.guessWrong");
      double w = (i < ds.length ? 32 : 0) + fm.stringWidth(name);
      if (x > left && x + w > width - 10) {
        // Under the "Masking:" label when the item does not fit beside it (large type, a narrow view).
        x = left + w > width - 10 ? 12 : left;
        y += 22;
      }
      if (i < ds.length) {
        RoundRectangle2D box = new RoundRectangle2D.Double(x, y - 12, 26, 16, 6, 6);
        g.setColor(fill(ds[i]));
        g.fill(box);
        g.setColor(border(ds[i]));
        g.draw(box);
        g.setColor(Color.BLACK);
        g.drawString(name, (float) (x + 32), (float) y);
      } else {
        g.setColor(i == ds.length ? RIGHT : WRONG);
        g.drawString(name, (float) x, (float) y);
      }
      x += w + (i < ds.length ? 22 : 14);
    }
    y += 22;
    g.setColor(Color.DARK_GRAY);
    MaskingCounters c = counters == null ? MaskingCounters.ZERO : counters;
    String counted = batch != null && SampledBatch.unguessed(batch) ? "BatchDrawing.inBatch" : "BatchDrawing.soFar";
    String[] parts = {T.format(counted, c.candidates(), c.selected(), 100 * c.selectedFraction()),
        T.format("BatchDrawing.ofSelected", 100 * c.maskFraction(), 100 * c.randomFraction(), 100 * c.keptFraction()),
        T.get("BatchDrawing.paper")};
    x = 12;
    for (String part : parts) {
      double w = fm.stringWidth(part);
      if (x > 12 && x + w > width - 10) {
        x = 12;
        y += 20;
      }
      TextFit.draw(g, text(), part, x, y, width - 10); // a part wider than the view shrinks, never cut
      x += w + fm.stringWidth("  ·  ");
    }
    g.setColor(new Color(0xbdbdbd));
    g.drawLine(10, (int) y + 10, (int) width - 10, (int) y + 10);
    return y + 32;
  }

  private double drawInstance(Graphics2D g, int index, BatchView.Instance in, double width, double y,
      double top, double bottom) {
    boolean judgedNext = in.isNextProbability() >= 0.5;
    boolean right = judgedNext == in.isNext();
    if (y >= top && y <= bottom) {
      g.setFont(label());
      g.setColor(Color.BLACK);
      String head = T.format("BatchDrawing.pair", String.valueOf(index + 1), in.isNext() ? "IsNext" : "NotNext");
      g.drawString(head, 12, (float) y);
      double x = 12 + g.getFontMetrics().stringWidth(head) + 16;
      g.setFont(text());
      if (!Double.isNaN(in.isNextProbability())) { // a sampled batch has no model's judgement
        g.setColor(right ? RIGHT : WRONG);
        g.drawString(T.format("BatchDrawing.model", in.isNextProbability(), judgedNext ? "IsNext" : "NotNext",
            T.get(right ? "BatchDrawing.right" : "BatchDrawing.wrong")), (float) x, (float) y);
      }
    }
    y += 26;
    double x = 24;
    double rowHeight = 56;
    List<BatchView.Position> ps = in.positions();
    for (int p = 0; p < ps.size(); p++) {
      BatchView.Position pos = ps.get(p);
      boolean chosen = pos.decision() != MaskDecision.NONE;
      g.setFont(mono());
      FontMetrics fm = g.getFontMetrics();
      double w = fm.stringWidth(pos.token()) + 12;
      String guessText = null;
      if (chosen) {
        g.setFont(small());
        FontMetrics sm = g.getFontMetrics();
        guessText = pos.guess() == null && Double.isNaN(pos.guessProbability()) ? null // sampled: no guess
            : (pos.guess() == null ? "?" : pos.guess()) + String.format(" %.0f%%", 100 * pos.guessProbability());
        w = Math.max(w, Math.max(sm.stringWidth(pos.original()), guessText == null ? 0 : sm.stringWidth(guessText)) + 8);
      }
      double gap = p == in.lengthA() ? 18 : 4;
      if (x + gap + w > width - 10 && x > 24) {
        x = 24;
        y += rowHeight;
      } else {
        x += p == 0 ? 0 : gap;
      }
      if (p == in.lengthA() && x > 24 && y >= top && y <= bottom) {
        // Where segment B begins.
        g.setColor(new Color(0x757575));
        g.setStroke(new BasicStroke(2f));
        g.drawLine((int) (x - 10), (int) y - 18, (int) (x - 10), (int) y + 34);
        g.setStroke(new BasicStroke(1f));
      }
      if (chosen) {
        selected.add(new Selected(index, p, pos.decision(), pos.token(), pos.original(), pos.guess(),
            pos.guessProbability()));
      }
      if (y + 40 >= top && y - 20 <= bottom) {
        drawToken(g, pos, guessText, x, y, w, p < in.lengthA());
      }
      x += w;
    }
    y += rowHeight + 8;
    g.setColor(new Color(0xe0e0e0));
    g.drawLine(10, (int) y - 20, (int) width - 10, (int) y - 20);
    return y + 6;
  }

  private static void drawToken(Graphics2D g, BatchView.Position pos, String guessText, double x, double y,
      double w, boolean segmentA) {
    String t = pos.token();
    boolean special = t.equals("[CLS]") || t.equals("[SEP]") || t.equals("[PAD]");
    Rectangle2D box = new Rectangle2D.Double(x, y - 15, w, 21);
    RoundRectangle2D r = new RoundRectangle2D.Double(box.getX(), box.getY(), w, box.getHeight(), 7, 7);
    g.setColor(special ? SPECIAL : fill(pos.decision()));
    g.fill(r);
    g.setColor(border(pos.decision()));
    g.setStroke(new BasicStroke(pos.decision() == MaskDecision.NONE ? 1f : 2f));
    g.draw(r);
    g.setStroke(new BasicStroke(1f));
    g.setFont(mono());
    g.setColor(Color.BLACK);
    FontMetrics fm = g.getFontMetrics();
    g.drawString(t, (float) (x + (w - fm.stringWidth(t)) / 2), (float) y);
    if (pos.decision() != MaskDecision.NONE) {
      g.setFont(small());
      FontMetrics sm = g.getFontMetrics();
      g.setColor(new Color(0x424242));
      g.drawString(pos.original(), (float) (x + (w - sm.stringWidth(pos.original())) / 2), (float) y + 18);
      if (guessText != null) {
        boolean right = pos.guess() != null && pos.guess().equals(pos.original());
        g.setColor(right ? RIGHT : WRONG);
        g.drawString(guessText, (float) (x + (w - sm.stringWidth(guessText)) / 2), (float) y + 32);
      }
    }
  }

  /** Every position of the batch, for CSV. */
  public Table table() {
    List<List<Object>> rows = new ArrayList<>();
    if (batch != null) {
      for (int i = 0; i < batch.instances().size(); i++) {
        BatchView.Instance in = batch.instances().get(i);
        for (int p = 0; p < in.positions().size(); p++) {
          BatchView.Position pos = in.positions().get(p);
          rows.add(List.of(batch.step(), i + 1, p, p < in.lengthA() ? "A" : "B", pos.token(), pos.original(),
              pos.decision().jsonName(), pos.guess() == null ? "" : pos.guess(), orEmpty(pos.guessProbability()),
              in.isNext(), orEmpty(in.isNextProbability())));
        }
      }
    }
    return new Table(List.of("step", "pair", "position", "segment", "token", "original", "decision", "guess",
        "guess_probability", "is_next", "is_next_probability"), rows);
  }

  /** A probability, or nothing when no model gave one (a sampled batch). */
  private static Object orEmpty(double p) {
    return Double.isNaN(p) ? "" : p;
  }

  @Override
  public double preferredWidth() {
    return 1200;
  }

  @Override
  public double preferredHeight() {
    return Math.max(200, height);
  }
}
