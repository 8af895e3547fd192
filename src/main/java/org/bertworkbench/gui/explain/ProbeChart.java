package org.bertworkbench.gui.explain;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.explain.LayerProbe;
import org.bertworkbench.core.explain.ProbeJson;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.gui.draw.ChartDrawing;
import org.bertworkbench.gui.draw.LayerNames;
import org.bertworkbench.gui.export.JsonData;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.text.Texts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The probe chart: per layer the probe's dev accuracy, its control-task accuracy and their
 * difference (selectivity), with the majority-tag baseline as a dashed line across; and the same
 * numbers as a table and as the JSON the {@code probe} command prints.
 */
final class ProbeChart {

  private static final Texts T = Texts.of(ProbeChart.class);

  /** The colours of accuracy, control accuracy, selectivity and the baseline. */
  static final Color[] COLOURS = {new Color(0x1e88e5), new Color(0xfb8c00), new Color(0x43a047),
      new Color(0x757575)};

  private ProbeChart() {}

  /** The chart of {@code r}, series in the order of {@link #COLOURS}. */
  static ChartDrawing drawing(LayerProbe.Result r) {
    XYSeries accuracy = new XYSeries(T.get("ProbeChart.accuracy"));
    XYSeries control = new XYSeries(T.get("ProbeChart.control"));
    XYSeries selectivity = new XYSeries(T.get("ProbeChart.selectivity"));
    XYSeries baseline = new XYSeries(T.format("ProbeChart.baseline", r.majorityTag()));
    double min = 0;
    for (LayerProbe.Layer l : r.layers()) {
      accuracy.add(l.layer(), l.accuracy());
      control.add(l.layer(), l.controlAccuracy());
      selectivity.add(l.layer(), l.selectivity());
      min = Math.min(min, l.selectivity());
    }
    int last = r.layers().size() - 1;
    baseline.add(0, r.majorityBaseline());
    baseline.add(last, r.majorityBaseline());
    XYSeriesCollection data = new XYSeriesCollection();
    for (XYSeries s : List.of(accuracy, control, selectivity, baseline)) {
      data.addSeries(s);
    }
    NumberAxis x = new NumberAxis(T.get("ProbeChart.x"));
    x.setLabelFont(Fonts.sans(Font.PLAIN, 12));
    x.setTickLabelFont(Fonts.sans(Font.PLAIN, 10));
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    x.setRange(-0.3, last + 0.3);
    NumberAxis y = new NumberAxis(T.get("ProbeChart.y"));
    y.setLabelFont(Fonts.sans(Font.PLAIN, 12));
    y.setTickLabelFont(Fonts.sans(Font.PLAIN, 10));
    y.setRange(min - 0.05, 1.05);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < COLOURS.length; i++) {
      renderer.setSeriesPaint(i, COLOURS[i]);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    renderer.setSeriesShapesVisible(3, false);
    renderer.setSeriesStroke(3, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
        new float[] {6, 4}, 0));
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    JFreeChart chart = new JFreeChart(null, null, plot, true);
    chart.setTitle(new TextTitle(T.format("ProbeChart.title", r.model(), Texts.integer(r.trainWords()),
        Texts.integer(r.devWords())), Fonts.sans(Font.BOLD, 13)));
    LegendTitle legend = chart.getLegend();
    legend.setItemFont(Fonts.sans(Font.PLAIN, 11));
    legend.setPosition(RectangleEdge.BOTTOM);
    chart.setBackgroundPaint(Color.WHITE);
    // A small preferred height: the chart fills whatever the view gives it rather than scrolling (an
    // export is drawn at least at the view's size).
    return new ChartDrawing(chart, 900, 200);
  }

  /** The numbers: one row per layer (0 = the embeddings), its name, accuracy, control accuracy, selectivity. */
  static Table table(LayerProbe.Result r) {
    List<List<Object>> rows = new ArrayList<>();
    for (LayerProbe.Layer l : r.layers()) {
      rows.add(List.of(l.layer(), LayerNames.hiddenState(l.layer()), l.accuracy(), l.controlAccuracy(),
          l.selectivity(), r.majorityBaseline()));
    }
    return new Table(List.of("layer", "name", "accuracy", "control_accuracy", "selectivity", "majority_baseline"),
        rows);
  }

  /** The JSON of the {@code probe} command's {@code --json}. */
  static com.google.gson.JsonElement json(LayerProbe.Result r) {
    return JsonData.tree(ProbeJson.document(r));
  }

  /** The notes in the window's language, one a line (empty when there are none). */
  static String notes(LayerProbe.Result r) {
    List<String> lines = new ArrayList<>();
    for (Message m : r.notes()) {
      lines.add(m.in(Language.current().locale()));
    }
    return String.join("\n", lines);
  }
}
