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
import org.bertworkbench.gui.export.Zoom;
import org.bertworkbench.gui.text.Texts;

/**
 * The head-statistics tab (Clark et al. 2019): one heatmap per metric over layers x heads and a
 * sortable table, of this input or of a corpus file; a double-click opens that head.
 */
final class StatisticsView {

  private static final Texts T = Texts.of(StatisticsView.class);

  private final AttentionViewModel model;
  private final DrawingCanvas canvas = new DrawingCanvas();
  private final TableView<HeadStatistics.Row> table = new TableView<>();
  /** How our numbers relate to the paper's, which counts from 1. */

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
    sourceLabel.setText(T.format("StatisticsView.source", statsSource));
    List<LayerHeadHeatmaps.Panel> panels = new ArrayList<>();
    for (HeadStatistics.Metric m : HeadStatistics.Metric.values()) {
      panels.add(new LayerHeadHeatmaps.Panel(label(m), stats.of(m)));
    }
    HeadStatistics s = stats;
    String source = statsSource;
    canvas.show(new LayerHeadHeatmaps(T.format("StatisticsView.heatmaps.title", statsSource), panels,
        null, new Color(0x6a1b9a), 0), () -> AttentionTables.statsTable(s), () -> AttentionJson.statistics(s, source),
        "head-statistics");
    List<HeadStatistics.Row> rows = stats.rows();
    if (table.getItems().size() != rows.size() || !table.getItems().equals(rows)) {
      table.getItems().setAll(rows);
      table.sort();
    }
  }

  private Node layout(Runnable chooseCorpusFile) {
    Button corpus = new Button(T.get("StatisticsView.corpus"));
    corpus.setId("corpusButton");
    corpus.setOnAction(e -> chooseCorpusFile.run());
    Button input = new Button(T.get("StatisticsView.input"));
    input.setId("inputStatsButton");
    input.setOnAction(e -> model.inputStatistics());
    sourceLabel.setId("statsSource");
    HBox bar = new HBox(8, corpus, input, sourceLabel);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(6));
    Label numbering = new Label(T.get("StatisticsView.numbering"));
    numbering.setId("statsNumbering");
    numbering.setWrapText(true);
    numbering.setPadding(new Insets(0, 6, 4, 6));
    canvas.setId("statsCanvas");
    table.setId("statsTable");
    table.getColumns().add(Columns.intColumn(T.get("StatisticsView.layer"), HeadStatistics.Row::layer, "layer"));
    table.getColumns().add(Columns.intColumn(T.get("StatisticsView.head"), HeadStatistics.Row::head, "head"));
    for (HeadStatistics.Metric m : HeadStatistics.Metric.values()) {
      table.getColumns().add(metricColumn(m));
    }
    // Ten metrics do not fit beside each other in large type: the table scrolls sideways and its
    // headers stay whole rather than squeezing into "to punct...".
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    Zoom.fitColumns(table);
    SplitPane split = new SplitPane(canvas, table);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.6);
    BorderPane pane = new BorderPane(split);
    pane.setTop(new VBox(bar, numbering));
    return pane;
  }

  private static TableColumn<HeadStatistics.Row, Double> metricColumn(HeadStatistics.Metric m) {
    return Columns.numberColumn(label(m), r -> r.value(m), m.key(), "%.3f");
  }

  /** A statistic's name as a column header and a panel's title, in the window's language. */
  static String label(HeadStatistics.Metric m) {
    return switch (m) {
      case ENTROPY -> T.get("StatisticsView.metric.entropy");
      case TO_CLS -> T.get("StatisticsView.metric.toCls");
      case TO_SEP -> T.get("StatisticsView.metric.toSep");
      case TO_PUNCT -> T.get("StatisticsView.metric.toPunct");
      case TO_SELF -> T.get("StatisticsView.metric.toSelf");
      case TO_PREV -> T.get("StatisticsView.metric.toPrev");
      case TO_NEXT -> T.get("StatisticsView.metric.toNext");
    };
  }
}
