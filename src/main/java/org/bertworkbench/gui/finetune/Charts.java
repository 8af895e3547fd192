package org.bertworkbench.gui.finetune;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.bertworkbench.gui.draw.ChartZoom;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeriesCollection;

/** The runs panel's line charts: steps across, every point of every series drawn. */
final class Charts {

  private static final Texts T = Texts.of(Charts.class);

  private static final Color[] COLOURS = {new Color(0x1565c0), new Color(0xef6c00), new Color(0x2e7d32),
      new Color(0x6a1b9a), new Color(0x00838f), new Color(0xad1457), new Color(0x5d4037), new Color(0x9e9d24)};

  private static final Color OVERLAY = new Color(0xb0b0b0);
  private static final Color PALE = new Color(0x90caf9);

  private Charts() {}

  /** The loss axis: linear, or logarithmic (losses near zero are drawn at 1e-4). */
  static void logScale(ChartViewer viewer, boolean log) {
    XYPlot plot = viewer.getChart().getXYPlot();
    String label = plot.getRangeAxis().getLabel();
    if (log) {
      plot.setRangeAxis(org.bertworkbench.gui.draw.ChartAxes.log(label, 1e-4));
    } else {
      NumberAxis v = new NumberAxis(label);
      v.setAutoRangeIncludesZero(false);
      v.setTickLabelFont(org.bertworkbench.gui.draw.ChartAxes.ticks());
      v.setLabelFont(Fonts.sans(Font.PLAIN, 12));
      plot.setRangeAxis(v);
    }
  }

  /**
   * A chart viewer over a dataset.
   *
   * @param title the chart's title
   * @param y the value axis's name
   * @param unitRange true for metrics in [0, 1] (the axis then shows 0 to 1)
   * @param markers true to mark each point (dev evaluations are few)
   */
  static ChartViewer viewer(String id, String title, String y, XYSeriesCollection data, boolean unitRange,
      boolean markers) {
    NumberAxis x = new NumberAxis(T.get("Charts.step"));
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    x.setAutoRangeIncludesZero(false);
    NumberAxis v = new NumberAxis(y);
    v.setAutoRangeIncludesZero(unitRange);
    if (unitRange) {
      v.setRange(0, 1.0);
    }
    Font ticks = Fonts.sans(Font.PLAIN, 10);
    x.setTickLabelFont(ticks);
    v.setTickLabelFont(ticks);
    // JFreeChart's default label face has no Japanese glyphs: "ステップ" came out as boxes.
    x.setLabelFont(Fonts.sans(Font.PLAIN, 12));
    v.setLabelFont(Fonts.sans(Font.PLAIN, 12));
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, markers) {
      @Override
      public java.awt.Paint lookupSeriesPaint(int series) {
        // By name, not place: overlaid runs grey, the raw loss pale under its smoothed curve, the rest in turn.
        String key = String.valueOf(data.getSeriesKey(series));
        if (key.endsWith(RunCurves.overlaySuffix())) {
          return OVERLAY;
        }
        if (key.equals(RunCurves.smoothedName())) {
          return COLOURS[0];
        }
        boolean smoothing = data.getSeriesIndex(RunCurves.smoothedName()) >= 0;
        int own = 0;
        for (int i = 0; i < series; i++) {
          String k = String.valueOf(data.getSeriesKey(i));
          own += k.endsWith(RunCurves.overlaySuffix()) || k.equals(RunCurves.smoothedName()) ? 0 : 1;
        }
        return smoothing && own == 0 ? PALE : COLOURS[own % COLOURS.length];
      }
    };
    renderer.setDefaultStroke(new BasicStroke(1.6f));
    renderer.setAutoPopulateSeriesStroke(false);
    XYPlot plot = new XYPlot(data, x, v, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xe0e0e0));
    plot.setRangeGridlinePaint(new Color(0xe0e0e0));
    JFreeChart chart = new JFreeChart(title, Fonts.sans(Font.BOLD, 13), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    LegendTitle legend = chart.getLegend();
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setItemFont(Fonts.sans(Font.PLAIN, 11));
    ChartViewer viewer = new ChartViewer(chart);
    ChartZoom.follow(viewer);
    viewer.setId(id);
    viewer.setMinSize(60, 60);
    viewer.setPrefSize(420, 260);
    return viewer;
  }
}
