package org.bertworkbench.gui.embeddings;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.bertworkbench.core.analysis.EmbeddingGeometry;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.draw.TextFit;

/** The vocabulary tokens nearest a token's embedding, as cosine bars. */
record NeighboursDrawing(String token, List<EmbeddingGeometry.Neighbour> neighbours, String status)
    implements Drawing {

  private static final Texts T = Texts.of(NeighboursDrawing.class);

  static final Color BAR = new Color(0x5c6bc0);

  @Override
  public void draw(Graphics2D g, double width, double height) {
    g.setColor(Color.BLACK);
    TextFit.draw(g, Fonts.sans(Font.BOLD, 13), T.format("NeighboursDrawing.title", token), 10, 18, width - 4);
    g.setColor(Color.DARK_GRAY);
    TextFit.draw(g, Fonts.sans(Font.PLAIN, 11), status, 10, 34, width - 4);
    double y = 40;
    double rowH = Math.max(12, Math.min(20, (height - 48) / Math.max(1, neighbours.size())));
    double barMax = Math.max(40, width - 230);
    Font mono = Fonts.mono(Font.PLAIN, 12);
    for (EmbeddingGeometry.Neighbour n : neighbours) {
      y += rowH;
      g.setFont(mono);
      g.setColor(Color.BLACK);
      g.drawString(n.token(), 14f, (float) y);
      double w = Math.max(1, barMax * Math.max(0, n.cosine()));
      g.setColor(BAR);
      g.fill(new Rectangle2D.Double(150, y - rowH * 0.7, w, rowH * 0.7));
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(java.util.Locale.ROOT, "%.3f", n.cosine()), (float) (156 + w), (float) y);
    }
  }

  @Override
  public double preferredWidth() {
    return 640;
  }

  @Override
  public double preferredHeight() {
    return 60 + 20.0 * neighbours.size();
  }
}
