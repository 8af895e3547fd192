package org.bertworkbench.gui.embeddings;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.bertworkbench.core.analysis.EmbeddingGeometry;
import org.bertworkbench.core.analysis.Inspection;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;
import org.bertworkbench.gui.draw.ChartDrawing;
import org.bertworkbench.gui.draw.Diverging;
import org.bertworkbench.gui.draw.StripsDrawing;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.work.LatestWork;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * BERT's input, made of three summed parts: for every token its token, segment and position
 * vectors as colour strips, their sum and the LayerNorm of the sum (the first layer's input), with
 * the numeric check that this really is what the model computes; the parts' lengths as bars; the
 * 512 position embeddings' similarity map; segment A against segment B; and the vocabulary tokens
 * nearest a selected token. Click a row to select a token; hover for values.
 */
public final class EmbeddingsPane implements WorkbenchPane {

  static final Color SEGMENT_A = new Color(0x1e88e5);
  static final Color SEGMENT_B = new Color(0xfb8c00);
  static final int NEIGHBOURS = 12;
  private static final String[] PARTS = {"token", "+ segment", "+ position", "= sum", "LayerNorm(sum)"};

  /** What the background work made of one analysis for this view. */
  record Prepared(WorkbenchViewModel.Analysis analysis, EmbeddingGeometry.Check check,
      double[][] norms, double partsScale, double inputScale, float[][] segments, double segmentScale,
      String sumText, String layerNormText, StripsDrawing strips, ChartDrawing normsChart) {}

  private final WorkbenchViewModel vm;
  private final BorderPane root = new BorderPane();
  private final Label sumCheck = new Label();
  private final Label layerNormCheck = new Label();
  private final Label info = new Label(" ");
  private final TabPane views = new TabPane();
  private final DrawingCanvas strips = new DrawingCanvas();
  private final DrawingCanvas norms = new DrawingCanvas();
  private final DrawingCanvas nearest = new DrawingCanvas();
  private final DrawingCanvas positions = new DrawingCanvas();
  private final DrawingCanvas segments = new DrawingCanvas();
  private final LatestWork prepareWork = new LatestWork("embeddings-prepare");
  private final LatestWork positionWork = new LatestWork("embeddings-positions");
  private final LatestWork nearestWork = new LatestWork("embeddings-nearest");

  private Prepared prepared;
  private int selected = -1;
  private BertForPreTraining positionModel;
  private float[][] positionMap;
  private List<EmbeddingGeometry.Neighbour> neighbours = List.of();

  public EmbeddingsPane(WorkbenchViewModel vm) {
    this.vm = vm;
    ChartDrawing.warmUp();
    sumCheck.setId("sumCheck");
    layerNormCheck.setId("layerNormCheck");
    info.setId("embeddingInfo");
    sumCheck.setStyle("-fx-font-weight: bold;");
    layerNormCheck.setStyle("-fx-font-weight: bold;");
    VBox top = new VBox(2, sumCheck, layerNormCheck, info);
    top.setPadding(new Insets(6, 8, 4, 8));

    strips.setId("embeddingStrips");
    norms.setId("embeddingNorms");
    nearest.setId("nearestTokens");
    positions.setId("positionMap");
    segments.setId("segmentDifference");
    strips.setOnMouseMoved(e -> hoverStrips(e.getX(), e.getY() + strips.scrollOffset()));
    strips.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && strips.drawing() instanceof StripsDrawing d) {
        StripsDrawing.Hit hit = d.hit(e.getX(), e.getY() + strips.scrollOffset());
        if (hit != null) {
          select(hit.row());
        }
      }
    });
    norms.setOnMouseMoved(e -> hoverNorms(e.getX(), e.getY() + norms.scrollOffset()));
    positions.setOnMouseMoved(e -> hoverPositions(e.getX(), e.getY() + positions.scrollOffset()));

    SplitPane right = new SplitPane(norms, nearest);
    right.setOrientation(Orientation.VERTICAL);
    right.setDividerPositions(0.5);
    SplitPane parts = new SplitPane(strips, right);
    parts.setDividerPositions(0.62);
    views.setId("embeddingViews");
    views.getTabs().addAll(tab("Token + segment + position", parts), tab("Position similarity", positions),
        tab("Segment A vs B", segments));
    root.setTop(top);
    root.setCenter(views);
    clear();
  }

  private static Tab tab(String title, Node content) {
    Tab t = new Tab(title, content);
    t.setClosable(false);
    return t;
  }

  @Override
  public String title() {
    return "Embeddings";
  }

  @Override
  public Node node() {
    return root;
  }

  @Override
  public void show(WorkbenchViewModel.Analysis analysis) {
    LoadedBert loaded = vm.modelProperty().get();
    if (analysis == null || loaded == null) {
      prepareWork.cancel();
      nearestWork.cancel();
      clear();
      return;
    }
    BertForPreTraining model = loaded.model();
    sumCheck.setText("sum = token + segment + position: checking…");
    layerNormCheck.setText("LayerNorm(sum) = input of layer 1: checking…");
    double w = strips.getWidth();
    double h = strips.getHeight();
    prepareWork.submit(() -> prepare(model, analysis, w, h), this::install,
        message -> sumCheck.setText("Could not check the embeddings: " + message));
    if (positionModel != model) {
      positionModel = model;
      positionMap = null;
      positionWork.submit(() -> EmbeddingGeometry.positionCosineMap(model), map -> {
        positionMap = map;
        drawPositions();
      }, message -> info.setText("Could not compute the position map: " + message));
    }
  }

  /** The expensive part of showing an analysis, off the FX thread. */
  static Prepared prepare(BertForPreTraining model, WorkbenchViewModel.Analysis a, double width,
      double height) {
    Inspection x = a.inspection();
    EmbeddingGeometry.Check check = EmbeddingGeometry.check(model, x);
    int t = x.embeddingSum().length;
    double[][] n = new double[t][];
    for (int i = 0; i < t; i++) {
      n[i] = new double[] {EmbeddingGeometry.norm(x.tokenEmbeddings()[i]),
          EmbeddingGeometry.norm(x.segmentEmbeddings()[i]), EmbeddingGeometry.norm(x.positionEmbeddings()[i]),
          EmbeddingGeometry.norm(x.embeddingSum()[i]), EmbeddingGeometry.norm(x.normalized()[i])};
    }
    double partsScale = Diverging.scaleOf(0.99, x.tokenEmbeddings(), x.segmentEmbeddings(),
        x.positionEmbeddings(), x.embeddingSum());
    double inputScale = Diverging.scaleOf(0.99, x.normalized());
    float[][] seg = EmbeddingGeometry.segmentVectors(model);
    float[][] segRows = {seg[0], seg.length > 1 ? seg[1] : seg[0], difference(seg)};
    double segScale = Diverging.scaleOf(0.99, segRows);
    String sumText = "sum = token + segment + position: max difference "
        + formatDifference(check.sumMaxDifference()) + "   (" + t + " tokens × "
        + x.embeddingSum()[0].length + " values)";
    String lnText = "LayerNorm(sum) = input of layer 1: max difference "
        + formatDifference(check.layerNormMaxDifference())
        + "   (recomputed here in double precision from the sum and the LayerNorm weight and bias)";
    Prepared bare = new Prepared(a, check, n, partsScale, inputScale, segRows, segScale, sumText, lnText,
        null, null);
    // The drawings are built and the strips rendered here, off the FX thread.
    ChartDrawing chart = normsChartOf(bare);
    java.awt.image.BufferedImage scratch = new java.awt.image.BufferedImage(1, 1,
        java.awt.image.BufferedImage.TYPE_INT_ARGB);
    java.awt.Graphics2D g = scratch.createGraphics();
    chart.draw(g, Math.max(300, width / 2), Math.max(200, height / 2)); // loads and lays out off the FX thread
    g.dispose();
    return new Prepared(a, check, n, partsScale, inputScale, segRows, segScale, sumText, lnText,
        stripsOf(bare).prerender(width, height), chart);
  }

  private static float[] difference(float[][] seg) {
    float[] d = new float[seg[0].length];
    if (seg.length > 1) {
      for (int i = 0; i < d.length; i++) {
        d[i] = seg[1][i] - seg[0][i];
      }
    }
    return d;
  }

  /**
   * Shows what the background prepared, one picture per FX-thread turn, so that no single turn
   * holds the window up.
   */
  private void install(Prepared p) {
    prepared = p;
    int t = tokens().size();
    if (selected < 0 || selected >= t) {
      selected = Math.min(1, t - 1);
    }
    sumCheck.setText(p.sumText());
    layerNormCheck.setText(p.layerNormText());
    strips.show(p.strips().withSelected(selected), this::stripsTable, "embeddings");
    findNeighbours();
    Platform.runLater(() -> {
      if (prepared == p) {
        norms.show(p.normsChart(), this::normsTable, "embedding-norms");
      }
    });
    Platform.runLater(() -> {
      if (prepared == p) {
        drawSegments();
        drawPositions();
      }
    });
  }

  static String formatDifference(double d) {
    return d == 0 ? "0.0" : String.format(Locale.ROOT, "%.1e", d);
  }

  private void clear() {
    prepared = null;
    sumCheck.setText("sum = token + segment + position: (no input yet)");
    layerNormCheck.setText("LayerNorm(sum) = input of layer 1: (no input yet)");
    strips.show(null, null, "embeddings");
    norms.show(null, null, "embedding-norms");
    nearest.show(null, null, "nearest-tokens");
    segments.show(null, null, "segments");
    drawPositions();
  }

  /** Selects the token at {@code row}: outlined in the strips, marked on the map, its neighbours searched. */
  public void select(int row) {
    if (prepared == null || row < 0 || row >= tokens().size() || row == selected) {
      return;
    }
    selected = row;
    if (strips.drawing() instanceof StripsDrawing d) {
      strips.show(d.withSelected(row), strips.numbers(), "embeddings");
    }
    drawPositions();
    findNeighbours();
    info.setText("Selected " + rowLabel(row) + ": its nearest vocabulary tokens are searched on the right.");
  }

  private List<String> tokens() {
    return prepared == null ? List.of() : prepared.analysis().encoding().tokens().subList(0,
        prepared.analysis().inspection().embeddingSum().length);
  }

  private String rowLabel(int i) {
    return i + " " + tokens().get(i);
  }

  private static StripsDrawing stripsOf(Prepared p) {
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
        new StripsDrawing.Panel(PARTS[0], x.tokenEmbeddings(), s),
        new StripsDrawing.Panel(PARTS[1], x.segmentEmbeddings(), s),
        new StripsDrawing.Panel(PARTS[2], x.positionEmbeddings(), s),
        new StripsDrawing.Panel(PARTS[3], x.embeddingSum(), s),
        new StripsDrawing.Panel(PARTS[4], x.normalized(), p.inputScale()));
    List<String> notes = List.of(
        "sum = token + segment + position: max difference " + formatDifference(p.check().sumMaxDifference()),
        "LayerNorm(sum) = input of layer 1: max difference " + formatDifference(p.check().layerNormMaxDifference()),
        "Each row is one token's " + x.embeddingSum()[0].length + " values, left to right; blue / orange mark: segment A / B.");
    return new StripsDrawing("BERT's input: token + segment + position, then LayerNorm",
        labels, marks, panels, -1, notes);
  }

  private Table stripsTable() {
    Inspection x = prepared.analysis().inspection();
    Encoding e = prepared.analysis().encoding();
    int h = x.embeddingSum()[0].length;
    List<String> header = new ArrayList<>(List.of("position", "token", "segment", "token_norm",
        "segment_norm", "position_norm", "sum_norm", "layernorm_norm"));
    String[] names = {"token", "segment", "position", "sum", "layernorm"};
    for (String n : names) {
      for (int d = 0; d < h; d++) {
        header.add(n + "_" + d);
      }
    }
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < tokens().size(); i++) {
      List<Object> row = new ArrayList<>(List.of(i, tokens().get(i), e.tokenTypeIds()[i]));
      for (double v : prepared.norms()[i]) {
        row.add(v);
      }
      for (float[][] part : new float[][][] {x.tokenEmbeddings(), x.segmentEmbeddings(),
          x.positionEmbeddings(), x.embeddingSum(), x.normalized()}) {
        for (float v : part[i]) {
          row.add(v);
        }
      }
      rows.add(row);
    }
    return new Table(header, rows);
  }

  private static ChartDrawing normsChartOf(Prepared p) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    List<String> t = p.analysis().encoding().tokens().subList(0, p.norms().length);
    String[] series = {"token", "segment", "position"};
    for (int i = 0; i < t.size(); i++) {
      for (int s = 0; s < 3; s++) {
        data.addValue(p.norms()[i][s], series[s], i + " " + t.get(i));
      }
    }
    CategoryAxis x = new CategoryAxis(null);
    x.setCategoryMargin(t.size() > 60 ? 0 : 0.2);
    x.setTickLabelsVisible(t.size() <= 60);
    x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    x.setTickLabelFont(new Font("DejaVu Sans Mono", Font.PLAIN, 10));
    NumberAxis y = new NumberAxis("length (L2 norm)");
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
    JFreeChart chart = new JFreeChart(null, new Font("DejaVu Sans", Font.BOLD, 13), plot, true);
    chart.setTitle(new TextTitle("Length of each part, per token", new Font("DejaVu Sans", Font.BOLD, 13)));
    chart.setBackgroundPaint(Color.WHITE);
    return new ChartDrawing(chart, Math.max(700, 18.0 * t.size()), 280);
  }

  private Table normsTable() {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < tokens().size(); i++) {
      double[] n = prepared.norms()[i];
      rows.add(List.of(i, tokens().get(i), n[0], n[1], n[2], n[3], n[4]));
    }
    return new Table(List.of("position", "token", "token_norm", "segment_norm", "position_norm",
        "sum_norm", "layernorm_norm"), rows);
  }

  private void drawSegments() {
    float[][] s = prepared.segments();
    Encoding e = prepared.analysis().encoding();
    int inA = 0;
    int inB = 0;
    for (int i = 0; i < tokens().size(); i++) {
      if (e.tokenTypeIds()[i] == 0) {
        inA++;
      } else {
        inB++;
      }
    }
    List<String> notes = List.of(
        String.format(Locale.ROOT, "|A| = %.4f    |B| = %.4f    |B − A| = %.4f    cosine(A, B) = %.4f",
            EmbeddingGeometry.norm(s[0]), EmbeddingGeometry.norm(s[1]), EmbeddingGeometry.norm(s[2]),
            EmbeddingGeometry.cosine(s[0], s[1])),
        "Every token of sentence A gets vector A added, every token of sentence B vector B (this input: "
            + inA + " in A, " + inB + " in B).",
        "The difference B − A is all that tells the layers which sentence a token belongs to.");
    StripsDrawing d = new StripsDrawing("The two segment (token type) embeddings and their difference",
        List.of("segment A", "segment B", "B − A"), List.of(SEGMENT_A, SEGMENT_B, Color.GRAY),
        List.of(new StripsDrawing.Panel("values of the " + s[0].length + " dimensions", s, prepared.segmentScale())),
        -1, notes);
    segments.show(d, () -> {
      List<List<Object>> rows = new ArrayList<>();
      for (int i = 0; i < s[0].length; i++) {
        rows.add(List.of(i, s[0][i], s[1][i], s[2][i]));
      }
      return new Table(List.of("dimension", "segment_A", "segment_B", "B_minus_A"), rows);
    }, "segments");
  }

  private void drawPositions() {
    if (positionMap == null) {
      positions.show(null, null, "position-similarity");
      return;
    }
    int used = tokens().size();
    int sel = prepared == null ? -1 : selected;
    PositionMapDrawing d = positions.drawing() instanceof PositionMapDrawing old && old.cosine() == positionMap
        ? old.with(used, sel) : new PositionMapDrawing(positionMap, used, sel);
    float[][] map = positionMap;
    positions.show(d, () -> {
      List<String> header = new ArrayList<>(List.of("position"));
      for (int j = 0; j < map.length; j++) {
        header.add(String.valueOf(j));
      }
      List<List<Object>> rows = new ArrayList<>();
      for (int i = 0; i < map.length; i++) {
        List<Object> row = new ArrayList<>(List.of(i));
        for (float v : map[i]) {
          row.add(v);
        }
        rows.add(row);
      }
      return new Table(header, rows);
    }, "position-similarity");
  }

  private void findNeighbours() {
    LoadedBert loaded = vm.modelProperty().get();
    if (prepared == null || loaded == null || selected < 0) {
      return;
    }
    int row = selected;
    String token = tokens().get(row);
    int id = prepared.analysis().encoding().inputIds()[row];
    float[] query = prepared.analysis().inspection().tokenEmbeddings()[row];
    Vocab vocab = loaded.vocab();
    BertForPreTraining model = loaded.model();
    nearest.show(new NeighboursDrawing(token, List.of(), "searching " + vocab.size() + " tokens…"), null,
        "nearest-tokens");
    nearestWork.submit(() -> EmbeddingGeometry.nearestTokens(model, vocab, query, NEIGHBOURS, i -> i == id),
        found -> {
          neighbours = found;
          nearest.show(new NeighboursDrawing(token, found, "all " + vocab.size()
              + " rows of the word-embedding table; \"" + token + "\" itself left out"), () -> {
                List<List<Object>> rows = new ArrayList<>();
                int rank = 1;
                for (EmbeddingGeometry.Neighbour n : found) {
                  rows.add(List.of(rank++, n.token(), n.id(), n.cosine()));
                }
                return new Table(List.of("rank", "token", "id", "cosine"), rows);
              }, "nearest-tokens");
        }, message -> nearest.show(new NeighboursDrawing(token, List.of(), "failed: " + message), null,
            "nearest-tokens"));
  }

  private void hoverStrips(double x, double y) {
    if (prepared == null || !(strips.drawing() instanceof StripsDrawing d)) {
      return;
    }
    StripsDrawing.Hit hit = d.hit(x, y);
    if (hit == null) {
      return;
    }
    int r = hit.row();
    String seg = prepared.analysis().encoding().tokenTypeIds()[r] == 0 ? "A" : "B";
    if (hit.dim() < 0) {
      double[] n = prepared.norms()[r];
      info.setText(String.format(Locale.ROOT, "%s (segment %s): lengths token %.3f, segment %.3f, position %.3f,"
          + " sum %.3f, LayerNorm %.3f — click to select", rowLabel(r), seg, n[0], n[1], n[2], n[3], n[4]));
      return;
    }
    Inspection ins = prepared.analysis().inspection();
    int k = hit.dim();
    info.setText(String.format(Locale.ROOT, "%s (segment %s), dimension %d: token %.4f + segment %.4f + position %.4f"
        + " = sum %.4f → LayerNorm %.4f", rowLabel(r), seg, k, ins.tokenEmbeddings()[r][k],
        ins.segmentEmbeddings()[r][k], ins.positionEmbeddings()[r][k], ins.embeddingSum()[r][k],
        ins.normalized()[r][k]));
  }

  private void hoverNorms(double x, double y) {
    if (norms.drawing() instanceof ChartDrawing c) {
      ChartEntity entity = c.entityAt(x, y);
      if (entity instanceof CategoryItemEntity item) {
        Number v = item.getDataset().getValue(item.getRowKey(), item.getColumnKey());
        info.setText(String.format(Locale.ROOT, "%s: length of its %s vector %.4f", item.getColumnKey(),
            item.getRowKey(), v.doubleValue()));
      }
    }
  }

  private void hoverPositions(double x, double y) {
    if (positions.drawing() instanceof PositionMapDrawing d) {
      int[] ij = d.hit(x, y);
      if (ij != null) {
        info.setText(String.format(Locale.ROOT, "positions %d and %d: cosine %.4f", ij[0], ij[1],
            positionMap[ij[0]][ij[1]]));
      }
    }
  }

  /** True while background work for this view is still to arrive. */
  public boolean busy() {
    return prepareWork.busy() || positionWork.busy() || nearestWork.busy();
  }

  /** The tokens of the nearest-neighbour list now shown. */
  public List<String> neighbourTokens() {
    return neighbours.stream().map(EmbeddingGeometry.Neighbour::token).toList();
  }

  int selected() {
    return selected;
  }

  TabPane views() {
    return views;
  }

  DrawingCanvas stripsCanvas() {
    return strips;
  }

  DrawingCanvas normsCanvas() {
    return norms;
  }

  DrawingCanvas nearestCanvas() {
    return nearest;
  }

  DrawingCanvas positionsCanvas() {
    return positions;
  }

  DrawingCanvas segmentsCanvas() {
    return segments;
  }

  Label sumCheckLabel() {
    return sumCheck;
  }

  Label layerNormCheckLabel() {
    return layerNormCheck;
  }
}
