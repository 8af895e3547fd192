package org.bertworkbench.gui.embeddings;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bertworkbench.core.analysis.EmbeddingGeometry;
import org.bertworkbench.core.analysis.Inspection;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.gui.draw.ChartDrawing;
import org.bertworkbench.gui.draw.StripsDrawing;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The Embeddings view's pictures, built from what {@link EmbeddingsViewModel} prepared: the parts
 * as strips, their lengths as bars, and the two segment vectors. Plain AWT and JFreeChart, so the
 * expensive ones can be built off the FX thread.
 */
final class EmbeddingDrawings {

  static final Color SEGMENT_A = new Color(0x1e88e5);
  static final Color SEGMENT_B = new Color(0xfb8c00);
  private static final Texts T = Texts.of(EmbeddingDrawings.class);

  private EmbeddingDrawings() {}

  static String formatDifference(double d) {
    return d == 0 ? "0.0" : String.format(Locale.ROOT, "%.1e", d);
  }

  /** One row per token: its token, segment and position vectors, their sum and its LayerNorm. */
  static StripsDrawing strips(EmbeddingsViewModel.Prepared p) {
    Inspection x = p.analysis().inspection();
    Encoding e = p.analysis().encoding();
    int t = x.embeddingSum().length;
    List<String> labels = new ArrayList<>();
    List<Color> marks = new ArrayList<>();
    for (int i = 0; i < t; i++) {
      labels.add(i + " " + e.tokens().get(i));
      marks.add(e.tokenTypeIds()[i] == 0 ? SEGMENT_A : SEGMENT_B);
    }
    double s = p.partsScale();
    List<StripsDrawing.Panel> panels = List.of(
        new StripsDrawing.Panel(T.get("EmbeddingDrawings.part.token"), x.tokenEmbeddings(), s),
        new StripsDrawing.Panel(T.get("EmbeddingDrawings.part.segment"), x.segmentEmbeddings(), s),
        new StripsDrawing.Panel(T.get("EmbeddingDrawings.part.position"), x.positionEmbeddings(), s),
        new StripsDrawing.Panel(T.get("EmbeddingDrawings.part.sum"), x.embeddingSum(), s),
        new StripsDrawing.Panel(T.get("EmbeddingDrawings.part.layerNorm"), x.normalized(), p.inputScale()));
    List<String> notes = List.of(
        T.format("EmbeddingDrawings.sumNote", formatDifference(p.check().sumMaxDifference())),
        T.format("EmbeddingDrawings.layerNormNote", formatDifference(p.check().layerNormMaxDifference())),
        T.format("EmbeddingDrawings.rowsNote", String.valueOf(x.embeddingSum()[0].length)));
    return new StripsDrawing(T.get("EmbeddingDrawings.stripsTitle"), labels, marks, panels, -1, notes).withSegments(java.util.Arrays.copyOf(e.tokenTypeIds(), t));
  }

  /** The lengths of each token's three parts as grouped bars. */
  static ChartDrawing normsChart(EmbeddingsViewModel.Prepared p) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    List<String> t = p.analysis().encoding().tokens().subList(0, p.norms().length);
    String[] series = {T.get("EmbeddingDrawings.series.token"), T.get("EmbeddingDrawings.series.segment"),
        T.get("EmbeddingDrawings.series.position")};
    for (int i = 0; i < t.size(); i++) {
      for (int s = 0; s < 3; s++) {
        data.addValue(p.norms()[i][s], series[s], i + " " + t.get(i));
      }
    }
    CategoryAxis x = new CategoryAxis(null);
    x.setCategoryMargin(t.size() > 60 ? 0 : 0.2);
    x.setTickLabelsVisible(t.size() <= 60);
    x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    x.setTickLabelFont(Fonts.mono(Font.PLAIN, 10));
    NumberAxis y = new NumberAxis(T.get("EmbeddingDrawings.normsAxis"));
    y.setLabelFont(Fonts.sans(Font.PLAIN, 12));
    y.setTickLabelFont(Fonts.sans(Font.PLAIN, 10));
    BarRenderer r = new BarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setItemMargin(0);
    r.setSeriesPaint(0, new Color(0x3949ab));
    r.setSeriesPaint(1, new Color(0x43a047));
    r.setSeriesPaint(2, new Color(0xfb8c00));
    r.setDrawBarOutline(false);
    CategoryPlot plot = new CategoryPlot(data, x, y, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    JFreeChart chart = new JFreeChart(null, Fonts.sans(Font.BOLD, 13), plot, true);
    chart.setTitle(new TextTitle(T.get("EmbeddingDrawings.normsTitle"), Fonts.sans(Font.BOLD, 13)));
    chart.getLegend().setItemFont(Fonts.sans(Font.PLAIN, 12));
    chart.setBackgroundPaint(Color.WHITE);
    return new ChartDrawing(chart, Math.max(700, 18.0 * t.size()), 280);
  }

  /** Segment A, segment B and their difference, with how many of {@code tokens} are in each. */
  static StripsDrawing segments(EmbeddingsViewModel.Prepared p, int tokens) {
    float[][] s = p.segments();
    Encoding e = p.analysis().encoding();
    int inA = 0;
    int inB = 0;
    for (int i = 0; i < tokens; i++) {
      if (e.tokenTypeIds()[i] == 0) {
        inA++;
      } else {
        inB++;
      }
    }
    List<String> notes = List.of(
        T.format("EmbeddingDrawings.segmentNorms", String.format(Locale.ROOT, "%.4f", EmbeddingGeometry.norm(s[0])),
            String.format(Locale.ROOT, "%.4f", EmbeddingGeometry.norm(s[1])),
            String.format(Locale.ROOT, "%.4f", EmbeddingGeometry.norm(s[2])),
            String.format(Locale.ROOT, "%.4f", EmbeddingGeometry.cosine(s[0], s[1]))),
        T.format("EmbeddingDrawings.segmentCounts", String.valueOf(inA), String.valueOf(inB)),
        T.get("EmbeddingDrawings.segmentDifference"));
    return new StripsDrawing(T.get("EmbeddingDrawings.segmentsTitle"),
        List.of(T.get("EmbeddingDrawings.segmentA"), T.get("EmbeddingDrawings.segmentB"), "B − A"),
        List.of(SEGMENT_A, SEGMENT_B, Color.GRAY),
        List.of(new StripsDrawing.Panel(T.format("EmbeddingDrawings.dimensions", String.valueOf(s[0].length)), s,
            p.segmentScale())), -1, notes);
  }
}
