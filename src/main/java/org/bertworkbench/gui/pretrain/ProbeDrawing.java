package org.bertworkbench.gui.pretrain;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.gui.draw.Legends;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;

/**
 * One checkpoint's answer to the probe: the top guesses at each [MASK] as bars, and one head's
 * attention as a small heatmap (rows: the token attending, columns: the token attended to).
 */
public final class ProbeDrawing implements Drawing {

  private static final Texts T = Texts.of(ProbeDrawing.class);

  static final Color BAR = new Color(0x42a5f5);

  private final CheckpointTimeline.Probe probe;

  /** The faces, chosen at each drawing: the window's language may have changed since the last. */
  private static Font label() {
    return Fonts.sans(Font.BOLD, 13);
  }

  private static Font text() {
    return Fonts.sans(Font.PLAIN, 13);
  }

  private static Font mono() {
    return Fonts.mono(Font.PLAIN, 12);
  }
  private final int layer;
  private final int head;

  public ProbeDrawing(CheckpointTimeline.Probe probe, int layer, int head) {
    this.probe = probe;
    this.layer = layer;
    this.head = head;
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    if (probe == null) {
      g.setFont(text());
      g.setColor(Color.GRAY);
      g.drawString(T.get("ProbeDrawing.empty"), 12, 24);
      return;
    }
    double barsWidth = Math.min(420, width * 0.45);
    drawGuesses(g, 12, barsWidth);
    drawHeatmap(g, barsWidth + 40, width - barsWidth - 52, height);
  }

  private void drawGuesses(Graphics2D g, double x0, double w) {
    double y = 22;
    g.setFont(label());
    g.setColor(Color.BLACK);
    g.drawString(T.format("ProbeDrawing.guesses", String.valueOf(probe.step())), (float) x0, (float) y);
    y += 8;
    if (probe.masks().isEmpty()) {
      g.setFont(text());
      g.setColor(Color.GRAY);
      g.drawString(T.get("ProbeDrawing.noMask"), (float) x0, (float) y + 20);
      return;
    }
    double barMax = w - 170;
    for (FillMask.MaskPredictions m : probe.masks()) {
      y += 20;
      g.setFont(text());
      g.setColor(Color.DARK_GRAY);
      g.drawString(T.format("ProbeDrawing.maskAt", String.valueOf(m.position())), (float) x0, (float) y);
      for (FillMask.Prediction p : m.predictions()) {
        y += 20;
        g.setFont(mono());
        g.setColor(Color.BLACK);
        g.drawString(p.token(), (float) x0 + 8, (float) y);
        double bw = Math.max(2, barMax * p.score());
        g.setColor(BAR);
        g.fill(new Rectangle2D.Double(x0 + 100, y - 12, bw, 14));
        g.setColor(Color.DARK_GRAY);
        g.setFont(text());
        g.drawString(String.format("%.3f", p.score()), (float) (x0 + 106 + bw), (float) y);
      }
      y += 8;
    }
  }

  /** The colour of a weight at fraction {@code v} of the head's largest: white to dark blue. */
  static Color shade(double v) {
    int shade = (int) Math.round(255 * (1 - v));
    return new Color(shade, (int) Math.round(255 - 180 * v), 255);
  }

  private void drawHeatmap(Graphics2D g, double x0, double w, double h) {
    float[][][][] a = probe.attentions();
    if (a.length == 0 || layer >= a.length || head >= a[layer].length) {
      return;
    }
    float[][] m = a[layer][head];
    int t = m.length;
    List<String> tokens = probe.tokens();
    g.setFont(label());
    g.setColor(Color.BLACK);
    float max = 1e-6f;
    for (float[] r : m) {
      for (float v : r) {
        max = Math.max(max, v);
      }
    }
    g.drawString(T.format("ProbeDrawing.attention", String.valueOf(layer), String.valueOf(head)), (float) x0, 22f);
    g.setFont(text());
    g.setColor(Color.DARK_GRAY);
    Legends.sequential(g, x0, 30, Math.max(80, Math.min(160, w / 3)), ProbeDrawing::shade, "0",
        String.format("%.2f", max), T.get("ProbeDrawing.legend"));
    g.setFont(mono());
    FontMetrics fm = g.getFontMetrics();
    double labelW = 0;
    for (String s : tokens) {
      labelW = Math.max(labelW, fm.stringWidth(s));
    }
    labelW += 8;
    double top = 30 + Legends.HEIGHT + 6 + labelW;
    double cell = Math.max(4, Math.min(26, Math.min((w - labelW) / Math.max(1, t), (h - top - 10) / Math.max(1, t))));
    double left = x0 + labelW;
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < t; j++) {
        g.setColor(shade(Math.max(0, Math.min(1, m[i][j] / max))));
        g.fill(new Rectangle2D.Double(left + j * cell, top + i * cell, cell, cell));
      }
    }
    g.setColor(new Color(0x9e9e9e));
    g.draw(new Rectangle2D.Double(left, top, cell * t, cell * t));
    g.setColor(Color.BLACK);
    if (cell >= 9) {
      for (int i = 0; i < t && i < tokens.size(); i++) {
        String s = tokens.get(i);
        g.drawString(s, (float) (left - fm.stringWidth(s) - 4), (float) (top + i * cell + cell / 2 + 4));
        AffineTransform saved = g.getTransform();
        g.translate(left + i * cell + cell / 2 + 4, top - 4);
        g.rotate(-Math.PI / 2);
        g.drawString(s, 0f, 0f);
        g.setTransform(saved);
      }
    }
  }

  /** The guesses and the shown head's attention, for CSV. */
  public Table table() {
    List<List<Object>> rows = new ArrayList<>();
    if (probe != null) {
      for (FillMask.MaskPredictions m : probe.masks()) {
        int rank = 1;
        for (FillMask.Prediction p : m.predictions()) {
          rows.add(List.of(probe.step(), "guess", m.position(), rank++, p.token(), p.score()));
        }
      }
      float[][][][] a = probe.attentions();
      if (layer < a.length && head < a[layer].length) {
        float[][] m = a[layer][head];
        for (int i = 0; i < m.length; i++) {
          for (int j = 0; j < m[i].length; j++) {
            rows.add(List.of(probe.step(), "attention L" + layer + "H" + head, i, j,
                probe.tokens().get(i) + "->" + probe.tokens().get(j), m[i][j]));
          }
        }
      }
    }
    return new Table(List.of("step", "kind", "position_or_row", "rank_or_column", "token", "value"), rows);
  }

  @Override
  public double preferredHeight() {
    return 360;
  }
}
