package org.bertworkbench.gui.explain;

import com.google.gson.JsonElement;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.explain.ExplainJson;
import org.bertworkbench.core.explain.Faithfulness;
import org.bertworkbench.core.explain.Method;
import org.bertworkbench.gui.draw.ChartDrawing;
import org.bertworkbench.gui.export.JsonData;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The deletion curves as a chart (x: tokens removed, y: f), one line per method and the random
 * orders' mean dashed, each named with its area in the legend; and their numbers for CSV and JSON.
 */
final class FaithfulnessChart {

  private static final Texts T = Texts.of(FaithfulnessChart.class);

  /** A colour per method, in {@link Method}'s order. */
  static final Color[] COLOURS = {new Color(0xd81b60), new Color(0x1e88e5), new Color(0x43a047),
      new Color(0xfb8c00), new Color(0x8e24aa)};
  static final Color RANDOM = new Color(0x616161);

  private FaithfulnessChart() {}

  /** The curve's name: the method as the command line writes it, or the random orders' mean. */
  static String name(Faithfulness.Curve c) {
    return c.method() == null ? T.format("FaithfulnessChart.random", Faithfulness.RANDOM_ORDERS)
        : c.method().cliName();
  }

  static ChartDrawing of(FaithfulnessView.Result r) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
    double min = 0;
    double max = 0;
    for (int i = 0; i < r.curves().size(); i++) {
      Faithfulness.Curve c = r.curves().get(i);
      XYSeries s = new XYSeries(T.format("FaithfulnessChart.series", name(c), c.area()), false, true);
      for (int k = 0; k < c.points().length; k++) {
        s.add(k, c.points()[k]);
        min = Math.min(min, c.points()[k]);
        max = Math.max(max, c.points()[k]);
      }
      data.addSeries(s);
      if (c.method() == null) {
        lines.setSeriesPaint(i, RANDOM);
        lines.setSeriesStroke(i, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {6f, 4f}, 0f));
        lines.setSeriesShapesVisible(i, false);
      } else {
        lines.setSeriesPaint(i, COLOURS[c.method().ordinal() % COLOURS.length]);
        lines.setSeriesStroke(i, new BasicStroke(2f));
      }
    }
    NumberAxis x = new NumberAxis(T.get("FaithfulnessChart.x"));
    x.setLabelFont(Fonts.sans(Font.PLAIN, 12));
    x.setTickLabelFont(Fonts.sans(Font.PLAIN, 10));
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    NumberAxis y = new NumberAxis(T.get("FaithfulnessChart.y"));
    y.setLabelFont(Fonts.sans(Font.PLAIN, 12));
    y.setTickLabelFont(Fonts.sans(Font.PLAIN, 10));
    double pad = Math.max(0.02, (max - min) * 0.05);
    y.setRange(min - pad, max + pad);
    XYPlot plot = new XYPlot(data, x, y, lines);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    JFreeChart chart = new JFreeChart(null, null, plot, true);
    chart.setTitle(new TextTitle(T.format("FaithfulnessChart.title", r.explained().target().spec(),
        r.explained().name(), r.f(), r.model()), Fonts.sans(Font.BOLD, 13)));
    chart.getLegend().setItemFont(Fonts.sans(Font.PLAIN, 12));
    chart.setBackgroundPaint(Color.WHITE);
    return new ChartDrawing(chart, 900, 240); // on screen it fills its view; in large type 420 scrolled
  }

  /** One row per curve and point: the curve, tokens removed, the token removed last, f. */
  static Table table(FaithfulnessView.Result r) {
    List<List<Object>> rows = new ArrayList<>();
    for (Faithfulness.Curve c : r.curves()) {
      String curve = c.method() == null ? "random" : c.method().cliName();
      for (int k = 0; k < c.points().length; k++) {
        String removed = k == 0 || c.order().length < k ? "" : r.tokens().get(c.order()[k - 1]);
        rows.add(List.of(curve, k, removed, c.points()[k], c.area()));
      }
    }
    return new Table(List.of("curve", "removed", "last_token", "f", "area"), rows); // i18n-ok: columns
  }

  /** As the {@code attribute --faithfulness --json} command writes the curves, with the tokens and f. */
  static JsonElement json(FaithfulnessView.Result r) {
    return JsonData.GSON.toJsonTree(ExplainJson.document(r.model(), r.tokens(), r.explained(), r.f(), r.fBaseline(),
        null, r.curves()));
  }
}
