package org.bertworkbench.gui.sentences;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.bertworkbench.core.analysis.SentenceFile;
import org.bertworkbench.core.analysis.SentenceSimilarity;
import org.bertworkbench.gui.draw.ChartDrawing;
import org.bertworkbench.gui.draw.LayerNames;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.export.Placeholders;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
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
 * Sentence embeddings: a list of sentences (typed, or read from a file) and their similarity matrix
 * as a heatmap with its values, a search of the list for a query (the top k by cosine), and two
 * sentences compared layer by layer. The work is {@link SentencesViewModel}'s, off the FX thread. A
 * second tab holds the {@link ProjectorPane projector} of up to 100,000 sentences.
 */
public final class SentencesPane implements WorkbenchPane {

  private static final Texts T = Texts.of(SentencesPane.class);

  private final SentencesViewModel model;
  private final ProjectorPane projector;
  private final TabPane views = new TabPane();
  private final BorderPane root = new BorderPane();
  private final TextArea sentences = new TextArea();
  private final TextField query = new TextField();
  private final Spinner<Integer> topK = new Spinner<>(1, SentenceFile.MAX_SENTENCES, 5);
  private final TextField sentenceA = new TextField();
  private final TextField sentenceB = new TextField();
  private final ListView<String> results = new ListView<>();
  private final DrawingCanvas matrix = new DrawingCanvas();
  private final DrawingCanvas layers = new DrawingCanvas();
  private final Label info = new Label(" ");

  public SentencesPane(WorkbenchViewModel vm) {
    this(new SentencesViewModel(vm), new ProjectorPane(vm));
  }

  SentencesPane(SentencesViewModel model, ProjectorPane projector) {
    this.model = model;
    this.projector = projector;
    ChartDrawing.warmUp();
    sentences.setId("sentencesText");
    sentences.setPrefRowCount(6);
    sentences.setText(T.get("SentencesPane.example"));
    sentences.setPromptText(T.get("SentencesPane.prompt"));
    Button open = new Button(T.get("SentencesPane.open"));
    open.setId("sentencesOpen");
    open.setOnAction(e -> openFile());
    Button compare = new Button(T.get("SentencesPane.matrix"));
    compare.setId("sentencesMatrix");
    compare.setOnAction(e -> computeMatrix());
    VBox buttons = new VBox(6, compare, open);
    HBox list = new HBox(8, sentences, buttons);
    HBox.setHgrow(sentences, Priority.ALWAYS);

    query.setId("sentencesQuery");
    query.setPromptText(T.get("SentencesPane.queryPrompt"));
    query.setOnAction(e -> search());
    HBox.setHgrow(query, Priority.ALWAYS);
    topK.setId("sentencesTopK");
    topK.setEditable(true);
    topK.setPrefWidth(90);
    Button find = new Button(T.get("SentencesPane.search"));
    find.setId("sentencesSearch");
    find.setOnAction(e -> search());
    HBox searchRow = new HBox(8, new Label(T.get("SentencesPane.query")), query, new Label(T.get("SentencesPane.topK")),
        topK, find);
    searchRow.setAlignment(Pos.CENTER_LEFT);

    sentenceA.setId("sentencesA");
    sentenceB.setId("sentencesB");
    HBox.setHgrow(sentenceA, Priority.ALWAYS);
    HBox.setHgrow(sentenceB, Priority.ALWAYS);
    Button byLayer = new Button(T.get("SentencesPane.layers"));
    byLayer.setId("sentencesLayers");
    byLayer.setOnAction(e -> computeLayers());
    HBox pairRow = new HBox(8, new Label(T.get("SentencesPane.a")), sentenceA, new Label(T.get("SentencesPane.b")),
        sentenceB, byLayer);
    pairRow.setAlignment(Pos.CENTER_LEFT);

    info.setId("sentencesInfo");
    info.textProperty().bind(model.statusProperty());
    VBox top = new VBox(6, list, searchRow, pairRow, info);
    top.setPadding(new Insets(6, 8, 4, 8));

    results.setId("sentencesResults");
    results.setPlaceholder(Placeholders.wrapping(T.get("SentencesPane.noResults")));
    results.setPrefHeight(160);
    matrix.setId("similarityMatrix");
    layers.setId("layerSimilarity");
    matrix.setEmptyText(T.get("SentencesPane.matrixEmpty"));
    layers.setEmptyText(T.get("SentencesPane.layersEmpty"));
    matrix.setOnMouseMoved(e -> {
      if (matrix.drawing() instanceof SimilarityDrawing d) {
        Point2D p = matrix.toDrawing(e);
        int[] hit = d.hit(p.getX(), p.getY(), matrix.drawingWidth(), matrix.drawingHeight());
        if (hit != null) {
          info.textProperty().unbind();
          info.setText(T.format("SentencesPane.cell", d.lines().get(hit[0]).number(), d.lines().get(hit[1]).number(),
              d.cosines()[hit[0]][hit[1]]));
        }
      }
    });
    matrix.setOnMouseExited(e -> info.textProperty().bind(model.statusProperty()));
    VBox right = new VBox(4, results, layers);
    VBox.setVgrow(layers, Priority.ALWAYS);
    layers.setPrefHeight(300);
    SplitPane split = new SplitPane(matrix, right);
    split.setDividerPositions(0.55);
    root.setTop(top);
    root.setCenter(split);
    Tab similarity = new Tab(T.get("SentencesPane.tab.similarity"), root);
    Tab projection = new Tab(projector.title(), projector.node());
    views.getTabs().addAll(similarity, projection);
    views.getTabs().forEach(t -> t.setClosable(false));
    views.setId("sentencesViews");
    clear();
  }

  @Override
  public String title() {
    return T.get("SentencesPane.title");
  }

  @Override
  public Node node() {
    return views;
  }

  /** Takes the window's sentences A and B for the layer comparison when its fields are still empty. */
  @Override
  public void show(WorkbenchViewModel.Analysis a) {
    if (a != null && sentenceA.getText().isBlank() && sentenceB.getText().isBlank() && a.textB() != null
        && !a.textB().isBlank()) {
      sentenceA.setText(a.textA());
      sentenceB.setText(a.textB());
    }
  }

  private void clear() {
    matrix.show(null, null, "similarity-matrix");
    layers.show(null, null, "layer-similarity");
  }

  private void openFile() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(T.get("SentencesPane.openTitle"));
    File f = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
    if (f != null) {
      load(f.toPath());
    }
  }

  /** Puts the sentences of {@code file} into the list (blank lines dropped), or says why it cannot. */
  public void load(java.nio.file.Path file) {
    try {
      List<SentenceFile.Line> lines = SentenceFile.read(file);
      List<String> texts = new ArrayList<>();
      lines.forEach(l -> texts.add(l.text()));
      sentences.setText(String.join("\n", texts));
    } catch (RuntimeException e) {
      info.textProperty().unbind();
      info.setText(Texts.failure(e));
    }
  }

  /** Computes and draws the similarity matrix of the list. */
  public void computeMatrix() {
    model.matrix(sentences.getText(), m -> {
      SimilarityDrawing d = new SimilarityDrawing(T.format("SentencesPane.matrixTitle", m.lines().size(),
          m.pooling().mode().cliName()), T.get("SentencesPane.legend"), m.lines(), m.cosines());
      matrix.show(d, d::table, "similarity-matrix");
    });
  }

  /** Searches the list for the query and lists the top k. */
  public void search() {
    Integer k = topK.getValue();
    model.search(query.getText(), sentences.getText(), k == null ? 1 : k, r -> {
      List<String> rows = new ArrayList<>();
      for (SentenceSimilarity.Hit h : r.hits()) {
        SentenceFile.Line line = r.lines().get(h.index());
        rows.add(T.format("SentencesPane.result", h.score(), line.number(), line.text()));
      }
      results.getItems().setAll(rows);
    });
  }

  /** Compares sentences A and B at every layer and draws the chart. */
  public void computeLayers() {
    model.layers(sentenceA.getText(), sentenceB.getText(), l -> {
      double[] c = l.similarity().cosines();
      XYSeries series = new XYSeries(T.get("SentencesPane.chart.series"));
      double min = 0;
      for (int i = 0; i < c.length; i++) {
        series.add(i, c[i]);
        min = Math.min(min, c[i]);
      }
      NumberAxis x = new NumberAxis(T.get("SentencesPane.chart.x"));
      x.setLabelFont(Fonts.sans(Font.PLAIN, 12));
      x.setTickLabelFont(Fonts.sans(Font.PLAIN, 10));
      x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
      x.setRange(-0.3, c.length - 0.7);
      NumberAxis y = new NumberAxis(T.get("SentencesPane.chart.y"));
      y.setLabelFont(Fonts.sans(Font.PLAIN, 12));
      y.setTickLabelFont(Fonts.sans(Font.PLAIN, 10));
      y.setRange(min - 0.05, 1.05);
      XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
      r.setSeriesPaint(0, new Color(0x1e88e5));
      r.setSeriesStroke(0, new BasicStroke(2f));
      XYPlot plot = new XYPlot(new XYSeriesCollection(series), x, y, r);
      plot.setBackgroundPaint(Color.WHITE);
      plot.setDomainGridlinePaint(new Color(0xdddddd));
      plot.setRangeGridlinePaint(new Color(0xdddddd));
      JFreeChart chart = new JFreeChart(null, null, plot, false);
      chart.setTitle(new TextTitle(T.format("SentencesPane.chart.title", l.pooling().mode().cliName(),
          c[c.length - 1]), Fonts.sans(Font.BOLD, 13)));
      chart.setBackgroundPaint(Color.WHITE);
      layers.show(new ChartDrawing(chart, 800, 300), () -> layersTable(c), "layer-similarity");
    });
  }

  /** The chart's numbers: the layer (0 = the embeddings), its name and the cosine. */
  static Table layersTable(double[] cosines) {
    List<List<Object>> rows = new ArrayList<>();
    for (int l = 0; l < cosines.length; l++) {
      rows.add(List.of(l, LayerNames.hiddenState(l), cosines[l]));
    }
    return new Table(List.of("layer", "name", "cosine"), rows);
  }

  @Override
  public void shutdown() {
    model.shutdown();
    projector.shutdown();
  }

  /** True while the view or its projector computes. */
  public boolean busy() {
    return model.busy() || projector.busy();
  }

  /** The projector, the view's second tab. */
  ProjectorPane projector() {
    return projector;
  }

  TextArea sentencesArea() {
    return sentences;
  }

  TextField queryField() {
    return query;
  }

  Spinner<Integer> topKSpinner() {
    return topK;
  }

  TextField fieldA() {
    return sentenceA;
  }

  TextField fieldB() {
    return sentenceB;
  }

  ListView<String> resultList() {
    return results;
  }

  DrawingCanvas matrixCanvas() {
    return matrix;
  }

  DrawingCanvas layersCanvas() {
    return layers;
  }
}
