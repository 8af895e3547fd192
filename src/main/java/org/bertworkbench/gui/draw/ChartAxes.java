package org.bertworkbench.gui.draw;

import java.awt.Font;
import org.bertworkbench.gui.text.Fonts;
import org.jfree.chart.axis.LogAxis;

/**
 * The value axes the training charts share (pretraining and fine-tuning): a logarithmic axis that
 * starts at a floor (zeros have no logarithm) and writes small and large ticks in E notation.
 */
public final class ChartAxes {

  /** The tick labels of the training charts, in the face of the language at start (see {@link #ticks()}). */
  public static final Font TICKS = Fonts.sans(Font.PLAIN, 10);

  private ChartAxes() {}

  /** The tick labels' font in the window's language now (a chart made after a switch to Japanese). */
  public static Font ticks() {
    return Fonts.sans(Font.PLAIN, 10);
  }

  /**
   * A log axis.
   *
   * @param floor the smallest value shown: a zero (accuracy at first, the learning rate's first
   *     step) is drawn there instead of at 1e-100
   */
  public static LogAxis log(String label, double floor) {
    LogAxis a = new LogAxis(label);
    a.setSmallestValue(floor);
    a.setTickLabelFont(ticks());
    a.setLabelFont(Fonts.sans(Font.PLAIN, 12));
    a.setNumberFormatOverride(new java.text.DecimalFormat("0.###") {
      @Override
      public StringBuffer format(double v, StringBuffer out, java.text.FieldPosition pos) {
        return v != 0 && (Math.abs(v) < 1e-2 || Math.abs(v) >= 1e5)
            ? new java.text.DecimalFormat("0.#E0").format(v, out, pos) : super.format(v, out, pos);
      }
    });
    return a;
  }
}
