package org.bertworkbench.gui.attention;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.text.Fonts;

/**
 * Fill-mask before and after switching heads off: for each [MASK], the top predictions with every
 * head (left) and with the chosen heads masked (right); a guess that is new on the right is marked.
 */
final class FillMaskComparison implements Drawing {

  private static final Texts T = Texts.of(FillMaskComparison.class);

  private final List<FillMask.MaskPredictions> before;
  private final List<FillMask.MaskPredictions> after;
  private final String afterTitle;
  private final String note;

  FillMaskComparison(List<FillMask.MaskPredictions> before, List<FillMask.MaskPredictions> after,
      String afterTitle, String note) {
    this.before = before;
    this.after = after;
    this.afterTitle = afterTitle;
    this.note = note;
  }

  List<FillMask.MaskPredictions> before() {
    return before;
  }

  List<FillMask.MaskPredictions> after() {
    return after;
  }

  @Override
  public void draw(Graphics2D g, double width, double height) {
    Font bold = Fonts.sans(Font.BOLD, 13);
    Font plain = Fonts.sans(Font.PLAIN, 12);
    Font mono = Fonts.mono(Font.PLAIN, 13);
    double col = (width - 30) / 2;
    g.setFont(bold);
    g.setColor(Color.DARK_GRAY);
    g.drawString(T.get("FillMaskComparison.allHeads"), 12, 18);
    g.drawString(afterTitle, (float) (20 + col), 18);
    g.setFont(plain);
    g.setColor(Color.GRAY);
    g.drawString(note, 12, 36);
    double y = 60;
    for (int m = 0; m < before.size(); m++) {
      FillMask.MaskPredictions b = before.get(m);
      FillMask.MaskPredictions a = m < after.size() ? after.get(m) : null;
      g.setFont(bold);
      g.setColor(Color.DARK_GRAY);
      g.drawString(T.format("FillMaskComparison.mask", b.position()), 12, (float) y);
      Set<String> was = b.predictions().stream().map(FillMask.Prediction::token).collect(Collectors.toSet());
      double yb = bars(g, b.predictions(), 12, y, col, mono, plain, null);
      double ya = a == null ? y : bars(g, a.predictions(), 20 + col, y, col, mono, plain, was);
      y = Math.max(yb, ya) + 26;
    }
  }

  private static double bars(Graphics2D g, List<FillMask.Prediction> ps, double x, double y, double w,
      Font mono, Font plain, Set<String> previous) {
    double barMax = Math.max(60, w - 220);
    for (FillMask.Prediction p : ps) {
      y += 22;
      boolean fresh = previous != null && !previous.contains(p.token());
      g.setFont(mono);
      g.setColor(fresh ? new Color(0xd32f2f) : Color.BLACK);
      g.drawString(p.token() + (fresh ? " ★" : ""), (float) (x + 10), (float) y);
      double bw = Math.max(2, barMax * p.score());
      g.setColor(fresh ? new Color(0xef9a9a) : new Color(0x42a5f5));
      g.fill(new Rectangle2D.Double(x + 140, y - 13, bw, 15));
      g.setFont(plain);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format("%.4f", p.score()), (float) (x + 146 + bw), (float) y);
    }
    return y;
  }

  @Override
  public double preferredWidth() {
    return 1000;
  }

  @Override
  public double preferredHeight() {
    return 70 + before.size() * (26 + 22.0 * 5);
  }
}
