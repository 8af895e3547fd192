package org.bertworkbench.gui.attention;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.bertworkbench.core.analysis.HeadStatistics;
import org.bertworkbench.gui.export.DrawingCanvas;

/**
 * The head-statistics tab (Clark et al. 2019): one heatmap per metric over layers x heads and a
 * sortable table, of this input or of a corpus file; a double-click opens that head.
 */
final class StatisticsView {

  private final AttentionViewModel model;
  private final DrawingCanvas canvas = new DrawingCanvas();
  private final TableView<HeadStatistics.Row> table = new TableView<>();
  /** How our numbers relate to the paper's, which counts from 1. */
  static final String NUMBERING = "Layers and heads count from 0 here, as in Hugging Face and BertViz. Clark et al."
      + " (2019) count from 1: their head 8-10 (the direct objects of verbs) is layer 7, head 9 here.";

  private final Label sourceLabel = new Label();
  private final Node node;

  StatisticsView(AttentionViewModel model, Runnable chooseCorpusFile, BiConsumer<Integer, Integer> openHead) {
    this.model = model;
    node = layout(chooseCorpusFile);
    canvas.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2
          && canvas.drawing() instanceof LayerHeadHeatmaps d) {
        Point2D p = canvas.toDrawing(e);
        LayerHeadHeatmaps.Cell c = d.cellAt(p.getX(), p.getY());
        if (c != null) {
          openHead.accept(c.layer(), c.head());
        }
      }
    });
  }

  Node node() {
    return node;
  }

  DrawingCanvas canvas() {
    return canvas;
  }

  TableView<HeadStatistics.Row> table() {
    return table;
  }

  /** Redraws the statistics the view-model holds. */
  void show() {
    HeadStatistics stats = model.statistics();
    String statsSource = model.statisticsSource();
    if (stats == null) {
      canvas.show(null, null, "head-statistics");
      table.getItems().clear();
      return;
    }
    sourceLabel.setText("Statistics of " + statsSource);
    List<LayerHeadHeatmaps.Panel> panels = new ArrayList<>();
    for (HeadStatistics.Metric m : HeadStatistics.Metric.values()) {
      panels.add(new LayerHeadHeatmaps.Panel(m.label(), stats.of(m)));
    }
    HeadStatistics s = stats;
    String source = statsSource;
    canvas.show(new LayerHeadHeatmaps("Per head, mean over attending tokens: " + statsSource, panels,
        null, new Color(0x6a1b9a), 0), () -> AttentionTables.statsTable(s), () -> AttentionJson.statistics(s, source),
        "head-statistics");
    List<HeadStatistics.Row> rows = stats.rows();
    if (table.getItems().size() != rows.size() || !table.getItems().equals(rows)) {
      table.getItems().setAll(rows);
      table.sort();
    }
  }

  private Node layout(Runnable chooseCorpusFile) {
    Button corpus = new Button("Corpus file…");
    corpus.setId("corpusButton");
    corpus.setOnAction(e -> chooseCorpusFile.run());
    Button input = new Button("This input");
    input.setId("inputStatsButton");
    input.setOnAction(e -> model.inputStatistics());
    sourceLabel.setId("statsSource");
    HBox bar = new HBox(8, corpus, input, sourceLabel);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(6));
    Label numbering = new Label(NUMBERING);
    numbering.setId("statsNumbering");
    numbering.setWrapText(true);
    numbering.setPadding(new Insets(0, 6, 4, 6));
    canvas.setId("statsCanvas");
    table.setId("statsTable");
    table.getColumns().add(Columns.intColumn("Layer", HeadStatistics.Row::layer, "layer"));
    table.getColumns().add(Columns.intColumn("Head", HeadStatistics.Row::head, "head"));
    for (HeadStatistics.Metric m : HeadStatistics.Metric.values()) {
      table.getColumns().add(metricColumn(m));
    }
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    SplitPane split = new SplitPane(canvas, table);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.6);
    BorderPane pane = new BorderPane(split);
    pane.setTop(new VBox(bar, numbering));
    return pane;
  }

  private static TableColumn<HeadStatistics.Row, Double> metricColumn(HeadStatistics.Metric m) {
    return Columns.numberColumn(m.label(), r -> r.value(m), m.key(), "%.3f");
  }
}
