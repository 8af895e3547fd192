package org.bertworkbench.gui.finetune;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;

/**
 * One horizontal bar per name: a dataset's labels with their counts (the class balance, so a skewed
 * dataset shows before training on it), or a prediction's class probabilities with the gold label
 * marked.
 */
public final class BarsDrawing implements Drawing {

  private static final Color BAR = new Color(0x5c6bc0);
  private static final Color MARKED = new Color(0x2e7d32);
  private static final Texts T = Texts.of(BarsDrawing.class);
  private static final double ROW = 20;

  private final Map<String, Double> values;
  private final DoubleFunction<String> format;
  private final String marked;
  private final String markNote;
  private final String empty;
  private final String valueName;

  private BarsDrawing(Map<String, Double> values, DoubleFunction<String> format, String marked, String markNote,
      String empty, String valueName) {
    this.values = values;
    this.format = format;
    this.marked = marked;
    this.markNote = markNote;
    this.empty = empty;
    this.valueName = valueName;
  }

  /**
   * The class balance.
   *
   * @param counts examples (or words) per label, in label order
   * @param unit "examples" or "words" (the exported table's column; the bars say it in the window's language)
   * @param empty the note shown when there are no labels
   */
  public static BarsDrawing balance(Map<String, Integer> counts, String unit, String empty) {
    Map<String, Double> v = new LinkedHashMap<>();
    counts.forEach((k, n) -> v.put(k, n.doubleValue()));
    double total = v.values().stream().mapToDouble(Double::doubleValue).sum();
    boolean words = "words".equals(unit);
    DoubleFunction<String> format = x -> words ? T.format("BarsDrawing.words", Math.round(x), Drawings.percent(x / total))
        : T.format("BarsDrawing.examples", Math.round(x), Drawings.percent(x / total));
    return new BarsDrawing(v, format, null, null, empty, unit);
  }

  /**
   * A prediction's probabilities.
   *
   * @param probabilities by label, in the model's order
   * @param gold the gold label (marked in green), or null
   */
  public static BarsDrawing probabilities(Map<String, Double> probabilities, String gold) {
    return new BarsDrawing(new LinkedHashMap<>(probabilities), x -> String.format("%.3f", x), gold,
        T.get("BarsDrawing.gold"), T.get("BarsDrawing.noPrediction"), "probability"); // i18n-ok: the table's column
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    if (values.isEmpty()) {
      Drawings.note(g, empty);
      return;
    }
    g.setFont(Fonts.sans(Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    double labelW = 0;
    double max = 1e-12;
    for (Map.Entry<String, Double> e : values.entrySet()) {
      labelW = Math.max(labelW, fm.stringWidth(Drawings.shorten(e.getKey(), 28)));
      max = Math.max(max, e.getValue());
    }
    double x0 = 8 + labelW + 8;
    double barMax = Math.max(20, width - x0 - 170);
    double y = 4;
    for (Map.Entry<String, Double> e : values.entrySet()) {
      boolean mark = e.getKey().equals(marked);
      g.setColor(mark ? MARKED : Color.BLACK);
      String name = Drawings.shorten(e.getKey(), 28);
      g.drawString(name, (float) (x0 - 8 - fm.stringWidth(name)), (float) (y + 14));
      double w = barMax * e.getValue() / max;
      g.setColor(mark ? MARKED : BAR);
      g.fill(new Rectangle2D.Double(x0, y + 3, Math.max(1, w), ROW - 6));
      g.setColor(Color.DARK_GRAY);
      g.drawString(format.apply(e.getValue()) + (mark ? "  ← " + markNote : ""), (float) (x0 + w + 6), (float) (y + 14));
      y += ROW;
    }
  }

  /** One row per bar. */
  public Table table() {
    List<List<Object>> rows = new ArrayList<>();
    values.forEach((k, v) -> rows.add(List.of(k, v)));
    return new Table(List.of("label", valueName), rows);
  }

  @Override
  public double preferredHeight() {
    return Math.max(30, 8 + ROW * values.size());
  }
}
