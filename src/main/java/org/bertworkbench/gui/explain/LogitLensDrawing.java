package org.bertworkbench.gui.explain;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.explain.LogitLens;
import org.bertworkbench.gui.draw.LayerNames;
import org.bertworkbench.gui.draw.Legends;
import org.bertworkbench.gui.draw.TextFit;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;

/**
 * The logit lens as a table: one row per hidden state (the embeddings' output at the top, the last
 * layer's at the bottom), one column per {@code [MASK]}, each cell the top-k tokens read there with
 * their probabilities, shaded by probability; the last layer's answer is framed wherever it appears,
 * and its rank in that state stands at the cell's right.
 */
final class LogitLensDrawing implements Drawing {

  private static final Texts T = Texts.of(LogitLensDrawing.class);

  static final Color HIGH = new Color(0x1e88e5);
  static final double ROW = 20;
  static final double TOP = 54;
  static final double RANK = 92;
  static final double ENTRY = 112;

  private final LogitLens.Result lens;
  private final String model;

  LogitLensDrawing(LogitLens.Result lens, String model) {
    this.lens = lens;
    this.model = model;
  }

  LogitLens.Result lens() {
    return lens;
  }

  /** White at 0 to the blue at 1, on a square-root scale so that small probabilities still show. */
  static Color colour(double p) {
    double f = Math.sqrt(Math.max(0, Math.min(1, p)));
    return new Color(mix(255, HIGH.getRed(), f), mix(255, HIGH.getGreen(), f), mix(255, HIGH.getBlue(), f));
  }

  private static int mix(int a, int b, double f) {
    return (int) Math.round(a + (b - a) * f);
  }

  private int k() {
    return lens.masks().isEmpty() ? 1 : lens.masks().get(0).layers().get(0).top().size();
  }

  private double layerColumn(Graphics2D g) {
    FontMetrics fm = g.getFontMetrics(Fonts.sans(Font.PLAIN, 12));
    double w = fm.stringWidth(T.get("LogitLensDrawing.state"));
    for (int s = 0; s < lens.states(); s++) {
      w = Math.max(w, fm.stringWidth(LayerNames.hiddenState(s)));
    }
    return w + 20;
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    String legend = T.get("LogitLensDrawing.legend");
    double legendWidth = 140;
    double legendX = width - 12 - legendWidth - 8 - g.getFontMetrics(Fonts.sans(Font.PLAIN, 10)).stringWidth(legend);
    Legends.sequential(g, legendX, 4, legendWidth, LogitLensDrawing::colour, "0", "1", legend);
    g.setColor(Color.DARK_GRAY);
    TextFit.draw(g, Fonts.sans(Font.BOLD, 13), T.format("LogitLensDrawing.title", model), 12, 20, legendX - 16);
    double left = 12 + layerColumn(g);
    int masks = lens.masks().size();
    double column = masks == 0 ? 0 : Math.max(RANK + 40, (width - left - 12) / masks);
    Font plain = Fonts.sans(Font.PLAIN, 12);
    Font bold = Fonts.sans(Font.BOLD, 12);
    g.setFont(plain);
    g.drawString(T.get("LogitLensDrawing.state"), 12f, (float) (TOP - 8));
    for (int m = 0; m < masks; m++) {
      LogitLens.Mask mask = lens.masks().get(m);
      double x = left + m * column;
      g.setColor(Color.DARK_GRAY);
      TextFit.draw(g, bold, T.format("LogitLensDrawing.mask", mask.position(), mask.finalToken().token()), x,
          TOP - 8, x + column - RANK - 8);
      TextFit.draw(g, plain, T.get("LogitLensDrawing.rank"), x + column - RANK, TOP - 8, x + column - 4);
      drawColumn(g, mask, x, column);
    }
    for (int s = 0; s < lens.states(); s++) {
      double y = TOP + s * ROW;
      g.setColor(Color.DARK_GRAY);
      g.setFont(plain);
      g.drawString(LayerNames.hiddenState(s), 12f, (float) (y + 14));
    }
  }

  private void drawColumn(Graphics2D g, LogitLens.Mask mask, double x, double column) {
    int k = k();
    double entry = (column - RANK - 8) / k;
    Font mono = Fonts.mono(Font.PLAIN, 12);
    Font monoBold = Fonts.mono(Font.BOLD, 12);
    int answer = mask.finalToken().id();
    for (LogitLens.Layer l : mask.layers()) {
      double y = TOP + l.layer() * ROW;
      for (int c = 0; c < l.top().size(); c++) {
        LogitLens.Candidate cand = l.top().get(c);
        Rectangle2D box = new Rectangle2D.Double(x + c * entry, y + 1, entry - 2, ROW - 2);
        g.setColor(colour(cand.probability()));
        g.fill(box);
        boolean isAnswer = cand.id() == answer;
        if (isAnswer) {
          g.setColor(Color.BLACK);
          g.setStroke(new BasicStroke(1.5f));
          g.draw(box);
        }
        g.setColor(cand.probability() > 0.45 ? Color.WHITE : Color.BLACK);
        g.setFont(isAnswer ? monoBold : mono);
        String text = cand.token() + " " + Texts.number(cand.probability(), 2);
        g.drawString(TextFit.clipped(g.getFontMetrics(), text, entry - 8), (float) (box.getX() + 4),
            (float) (y + 14));
      }
      g.setColor(l.finalTokenRank() == 1 ? Color.BLACK : Color.DARK_GRAY);
      g.setFont(l.finalTokenRank() == 1 ? monoBold : mono);
      String rank = T.format("LogitLensDrawing.rankValue", l.finalTokenRank());
      g.drawString(TextFit.clipped(g.getFontMetrics(), rank, RANK - 8), (float) (x + column - RANK),
          (float) (y + 14));
    }
  }

  @Override
  public double preferredWidth() {
    return 160 + Math.max(1, lens.masks().size()) * (k() * ENTRY + RANK + 8);
  }

  @Override
  public double preferredHeight() {
    return TOP + lens.states() * ROW + 12;
  }

  /** The numbers: a row per mask, hidden state and rank among the top k, with the answer's probability and rank. */
  Table table() {
    List<List<Object>> rows = new ArrayList<>();
    for (LogitLens.Mask m : lens.masks()) {
      String answer = m.finalToken().token();
      for (LogitLens.Layer l : m.layers()) {
        int rank = 1;
        for (LogitLens.Candidate c : l.top()) {
          rows.add(List.of(m.position(), l.layer(), LayerNames.hiddenState(l.layer()), rank++, c.token(), c.id(),
              c.probability(), answer, l.finalTokenProbability(), l.finalTokenRank()));
        }
      }
    }
    return new Table(List.of("position", "layer", "name", "rank", "token", "id", "probability", // i18n-ok: CSV
        "final_token", "final_token_probability", "final_token_rank"), rows); // i18n-ok: CSV header
  }

  /** As the {@code logit-lens} command prints it, with each state's name. */
  JsonElement json() {
    JsonObject o = new JsonObject();
    o.addProperty("model", model);
    JsonArray tokens = new JsonArray();
    lens.tokens().forEach(tokens::add);
    o.add("tokens", tokens);
    JsonArray masks = new JsonArray();
    for (LogitLens.Mask m : lens.masks()) {
      JsonObject mask = new JsonObject();
      mask.addProperty("position", m.position());
      JsonArray layers = new JsonArray();
      for (LogitLens.Layer l : m.layers()) {
        JsonObject layer = new JsonObject();
        layer.addProperty("layer", l.layer());
        layer.addProperty("name", LayerNames.hiddenState(l.layer()));
        JsonArray top = new JsonArray();
        for (LogitLens.Candidate c : l.top()) {
          JsonObject cand = new JsonObject();
          cand.addProperty("token", c.token());
          cand.addProperty("id", c.id());
          cand.addProperty("probability", c.probability());
          top.add(cand);
        }
        layer.add("top", top);
        layer.addProperty("final_token_probability", l.finalTokenProbability());
        layer.addProperty("final_token_rank", l.finalTokenRank());
        layers.add(layer);
      }
      mask.add("layers", layers);
      masks.add(mask);
    }
    o.add("masks", masks);
    return o;
  }
}
