package org.bertworkbench.gui.finetune;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.gui.draw.Legends;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;

/**
 * A confusion matrix: one row per gold label, one column per predicted label, each cell's count
 * written in it and shaded by the share of its row (so a rare class's errors show as clearly as a
 * common one's); the diagonal in green, errors in red. Each row ends with the class's recall, each
 * column with its precision.
 */
public final class ConfusionMatrixDrawing implements Drawing {

  private static final Color RIGHT = new Color(0x2e7d32);
  private static final Color WRONG = new Color(0xc62828);
  private static final Texts T = Texts.of(ConfusionMatrixDrawing.class);

  private final List<String> labels;
  private final long[][] counts;

  /**
   * @param labels the classes, in the model's order
   * @param counts {@code counts[gold][predicted]}; may be null (nothing evaluated yet)
   */
  public ConfusionMatrixDrawing(List<String> labels, long[][] counts) {
    this.labels = labels == null ? List.of() : List.copyOf(labels);
    this.counts = counts;
    if (counts != null && counts.length != this.labels.size()) {
      throw new IllegalArgumentException(counts.length + " rows for " + this.labels.size() + " labels");
    }
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    if (counts == null || labels.isEmpty()) {
      Drawings.note(g, T.get("ConfusionMatrixDrawing.empty"));
      return;
    }
    Font title = Fonts.sans(Font.BOLD, 13);
    Font text = Fonts.sans(Font.PLAIN, 12);
    int n = labels.size();
    g.setFont(text);
    FontMetrics fm = g.getFontMetrics();
    double labelW = 0;
    for (String l : labels) {
      labelW = Math.max(labelW, fm.stringWidth(Drawings.shorten(l, 24)));
    }
    labelW += 12;
    double left = 40 + labelW;
    double top = 44 + labelW;
    double cell = Math.max(18, Math.min(64, Math.min((width - left - 90) / n, (height - top - 40) / n)));
    g.setFont(title);
    g.setColor(Color.BLACK);
    g.drawString(T.get("ConfusionMatrixDrawing.title"), 12f, 20f);
    for (int i = 0; i < n; i++) {
      long rowTotal = 0;
      for (long c : counts[i]) {
        rowTotal += c;
      }
      for (int j = 0; j < n; j++) {
        double share = rowTotal == 0 ? 0 : counts[i][j] / (double) rowTotal;
        Color base = i == j ? RIGHT : WRONG;
        g.setColor(Drawings.ramp(base, share));
        Rectangle2D r = new Rectangle2D.Double(left + j * cell, top + i * cell, cell, cell);
        g.fill(r);
        g.setColor(new Color(0xbdbdbd));
        g.draw(r);
        g.setColor(share > 0.55 ? Color.WHITE : Color.BLACK);
        g.setFont(text);
        String s = Long.toString(counts[i][j]);
        if (fm.stringWidth(s) < cell - 2) {
          g.drawString(s, (float) (left + j * cell + (cell - fm.stringWidth(s)) / 2), (float) (top + i * cell + cell / 2 + 4));
        }
      }
    }
    g.setColor(Color.BLACK);
    g.setFont(text);
    for (int i = 0; i < n; i++) {
      String s = Drawings.shorten(labels.get(i), 24);
      g.drawString(s, (float) (left - fm.stringWidth(s) - 6), (float) (top + i * cell + cell / 2 + 4));
      AffineTransform saved = g.getTransform();
      g.translate(left + i * cell + cell / 2 + 4, top - 6);
      g.rotate(-Math.PI / 2);
      g.drawString(s, 0f, 0f);
      g.setTransform(saved);
    }
    AffineTransform saved = g.getTransform();
    g.translate(18, top + n * cell / 2 + 20);
    g.rotate(-Math.PI / 2);
    g.drawString(T.get("ConfusionMatrixDrawing.gold"), 0f, 0f);
    g.setTransform(saved);
    g.drawString(T.get("ConfusionMatrixDrawing.predicted"), (float) (left + n * cell / 2 - 24), 38f);
    g.setColor(Color.DARK_GRAY);
    double[] recall = recall();
    double[] precision = precision();
    g.drawString(T.get("ConfusionMatrixDrawing.recall"), (float) (left + n * cell + 8), (float) (top - 6));
    for (int i = 0; i < n; i++) {
      g.drawString(Drawings.percent(recall[i]), (float) (left + n * cell + 8), (float) (top + i * cell + cell / 2 + 4));
    }
    g.drawString(T.get("ConfusionMatrixDrawing.precision"), (float) (left - labelW - 30), (float) (top + n * cell + 18));
    for (int j = 0; j < n; j++) {
      String s = Drawings.percent(precision[j]);
      g.drawString(s, (float) (left + j * cell + (cell - fm.stringWidth(s)) / 2), (float) (top + n * cell + 18));
    }
    double legendY = top + n * cell + 32;
    double legendW = Math.max(90, Math.min(160, n * cell / 2));
    Legends.sequential(g, left, legendY, legendW, f -> Drawings.ramp(RIGHT, f), "0%", "100%",
        T.get("ConfusionMatrixDrawing.right"));
    Legends.sequential(g, left, legendY + Legends.HEIGHT + 4, legendW, f -> Drawings.ramp(WRONG, f), "0%", "100%",
        T.get("ConfusionMatrixDrawing.wrong"));
    g.setFont(text);
  }

  /** Each gold class's share predicted right; NaN for a class with no gold example. */
  public double[] recall() {
    double[] out = new double[labels.size()];
    for (int i = 0; i < out.length; i++) {
      long total = 0;
      for (long c : counts[i]) {
        total += c;
      }
      out[i] = total == 0 ? Double.NaN : counts[i][i] / (double) total;
    }
    return out;
  }

  /** Each predicted class's share right; NaN for a class never predicted. */
  public double[] precision() {
    double[] out = new double[labels.size()];
    for (int j = 0; j < out.length; j++) {
      long total = 0;
      for (long[] row : counts) {
        total += row[j];
      }
      out[j] = total == 0 ? Double.NaN : counts[j][j] / (double) total;
    }
    return out;
  }

  /** One row per cell: gold, predicted, count. */
  public Table table() {
    List<List<Object>> rows = new ArrayList<>();
    if (counts != null) {
      for (int i = 0; i < labels.size(); i++) {
        for (int j = 0; j < labels.size(); j++) {
          rows.add(List.of(labels.get(i), labels.get(j), counts[i][j]));
        }
      }
    }
    return new Table(List.of("gold", "predicted", "count"), rows); // i18n-ok: the exported columns
  }

  @Override
  public double preferredWidth() {
    return 160 + 64.0 * Math.max(2, labels.size()) + 260;
  }

  @Override
  public double preferredHeight() {
    return 120 + 64.0 * Math.max(2, labels.size()) + 200;
  }
}
