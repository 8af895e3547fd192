package org.bertworkbench.gui.draw;

import java.awt.Font;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.beans.property.DoubleProperty;
import org.bertworkbench.gui.export.Zoom;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;

/**
 * Makes a JFreeChart viewer's type follow the window's {@link Zoom}, as {@code DrawingCanvas} does
 * for the Java2D drawings: in presentation mode the charts' titles, axis labels, tick labels and
 * legends grow by the factor (they kept their 10-12 px type while the controls grew). Each text's
 * own size at factor 1 is remembered the first time it is seen, so that an axis replaced later (a
 * log scale) starts from its own size.
 */
public final class ChartZoom {

  private ChartZoom() {}

  /** Scales {@code viewer}'s chart with the zoom of whatever window it is shown in. */
  public static void follow(ChartViewer viewer) {
    Bases base = new Bases();
    DoubleProperty[] current = {null};
    InvalidationListener apply = o -> scale(viewer.getChart(), current[0] == null ? 1 : current[0].get(), base);
    viewer.sceneProperty().addListener((o, was, now) -> {
      if (current[0] != null) {
        current[0].removeListener(apply);
      }
      current[0] = now == null ? null : Zoom.of(now);
      if (current[0] != null) {
        current[0].addListener(apply);
      }
      apply.invalidated(current[0]);
    });
  }

  /** Sets every text of {@code chart} to its size at factor 1 times {@code factor}. */
  static void scale(JFreeChart chart, double factor, Bases base) {
    if (chart == null) {
      return;
    }
    if (chart.getTitle() != null) {
      TextTitle t = chart.getTitle();
      t.setFont(base.scaled("title", t, t.getFont(), factor));
    }
    for (int i = 0; i < chart.getSubtitleCount(); i++) {
      Title sub = chart.getSubtitle(i);
      if (sub instanceof LegendTitle legend) {
        legend.setItemFont(base.scaled("subtitle" + i, legend, legend.getItemFont(), factor));
      } else if (sub instanceof TextTitle text) {
        text.setFont(base.scaled("subtitle" + i, text, text.getFont(), factor));
      }
    }
    Plot plot = chart.getPlot();
    if (plot instanceof XYPlot xy) {
      for (int i = 0; i < xy.getDomainAxisCount(); i++) {
        scaleAxis("domain" + i, xy.getDomainAxis(i), factor, base);
      }
      for (int i = 0; i < xy.getRangeAxisCount(); i++) {
        scaleAxis("range" + i, xy.getRangeAxis(i), factor, base);
      }
    } else if (plot instanceof CategoryPlot cat) {
      for (int i = 0; i < cat.getDomainAxisCount(); i++) {
        scaleAxis("domain" + i, cat.getDomainAxis(i), factor, base);
      }
      for (int i = 0; i < cat.getRangeAxisCount(); i++) {
        scaleAxis("range" + i, cat.getRangeAxis(i), factor, base);
      }
    }
  }

  private static void scaleAxis(String role, Axis axis, double factor, Bases base) {
    if (axis == null) {
      return;
    }
    // i18n-ok below: the roles are keys of the font map, never shown.
    axis.setLabelFont(base.scaled(role + " label", axis, axis.getLabelFont(), factor)); // i18n-ok
    axis.setTickLabelFont(base.scaled(role + " ticks", axis, axis.getTickLabelFont(), factor)); // i18n-ok
  }

  /**
   * Each text's font at factor 1, by its role in the chart ("title", "range0 ticks", ...) and the
   * object that held it: a new object in a role (a replaced axis) brings its own size. (Not a map
   * keyed by the objects: JFreeChart's titles and axes hash by their fonts, which this changes.)
   */
  static final class Bases {
    private record Held(Object holder, Font font) {}

    private final Map<String, Held> byRole = new HashMap<>();

    Font scaled(String role, Object holder, Font now, double factor) {
      Held held = byRole.get(role);
      if (held == null || held.holder() != holder) {
        held = new Held(holder, now);
        byRole.put(role, held);
      }
      return held.font().deriveFont((float) (held.font().getSize2D() * factor));
    }
  }
}
