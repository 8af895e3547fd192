package org.bertworkbench.gui.finetune;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.export.Placeholders;
import org.bertworkbench.gui.text.Texts;

/**
 * The predictions browser: a finished run's dev examples, errors first (the most confident
 * errors at the top), each drawn when chosen; and a box to type a new input for the model.
 */
final class PredictionsView {

  private static final Texts T = Texts.of(PredictionsView.class);

  private final InspectionViewModel vm;
  private final TableView<InspectionViewModel.Row> table = new TableView<>();
  private final FilteredList<InspectionViewModel.Row> rows = new FilteredList<>(FXCollections.observableArrayList());
  private final DrawingCanvas canvas = new DrawingCanvas();
  private final TextField inputA = new TextField();
  private final TextField inputB = new TextField();
  private final TextField features = new TextField();
  private final SplitPane root;

  PredictionsView(InspectionViewModel vm) {
    this.vm = vm;
    table.setId("predictionsTable");
    canvas.setId("predictionCanvas");
    table.setItems(rows);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(RunsTable.column("", 24, (InspectionViewModel.Row r) -> r.correct() ? "✓" : "✗"));
    table.getColumns().add(RunsTable.column(T.get("PredictionsView.line"), 50, (InspectionViewModel.Row r) -> String.valueOf(r.example().line())));
    table.getColumns().add(RunsTable.column(T.get("PredictionsView.input"), 330, InspectionViewModel.Row::text));
    table.getColumns().add(RunsTable.column(T.get("PredictionsView.gold"), 120, InspectionViewModel.Row::gold));
    table.getColumns().add(RunsTable.column(T.get("PredictionsView.predicted"), 120, InspectionViewModel.Row::predicted));
    table.getColumns().add(RunsTable.column(T.get("PredictionsView.confidence"), 80, (InspectionViewModel.Row r) ->
        Double.isNaN(r.confidence()) ? "" : String.format("%.3f", r.confidence())));
    table.setRowFactory(t -> new TableRow<>() {
      @Override
      protected void updateItem(InspectionViewModel.Row r, boolean empty) {
        super.updateItem(r, empty);
        setStyle(empty || r == null || r.correct() ? "" : "-fx-text-background-color: #c62828;");
      }
    });
    table.setPlaceholder(Placeholders.wrapping(T.get("PredictionsView.chooseRun")));
    table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.choose(now));
    CheckBox errorsOnly = new CheckBox(T.get("PredictionsView.errorsOnly"));
    errorsOnly.setId("errorsOnly");
    errorsOnly.selectedProperty().addListener((o, was, now) -> rows.setPredicate(now ? r -> !r.correct() : null));
    vm.inspectionProperty().addListener((o, was, now) -> {
      rows.getSource().clear();
      if (now != null) {
        ((javafx.collections.ObservableList<InspectionViewModel.Row>) rows.getSource()).setAll(now.rows());
        label(now.task(), now.featureColumns());
      }
    });
    vm.drawingProperty().addListener((o, was, now) -> show(now));
    Button explain = new Button(T.get("PredictionsView.explain"));
    explain.setId("explainPredictionButton");
    explain.setTooltip(new javafx.scene.control.Tooltip(T.get("PredictionsView.explainTip")));
    explain.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    explain.setOnAction(e -> vm.explain(table.getSelectionModel().getSelectedItem()));
    Label message = new Label();
    PredictProgress.bindStatus(message, vm.predictWork(), vm);
    HBox bar = new HBox(12, PredictProgress.bar(vm.predictWork(), "predictProgress"), message, errorsOnly, explain);
    bar.setAlignment(Pos.CENTER_LEFT);
    BorderPane top = new BorderPane(table);
    top.setTop(bar);
    BorderPane.setMargin(bar, new Insets(4, 8, 4, 8));
    BorderPane bottom = new BorderPane(canvas);
    bottom.setTop(predictBox());
    root = new SplitPane(top, bottom);
    root.setOrientation(Orientation.VERTICAL);
    root.setDividerPositions(0.45);
    show(null);
  }

  private Node predictBox() {
    inputA.setId("predictA");
    inputB.setId("predictB");
    features.setId("predictFeatures");
    features.setVisible(false);
    inputA.setPromptText(T.get("PredictionsView.typeText"));
    inputB.setPromptText(T.get("PredictionsView.secondPairs"));
    Button go = new Button(T.get("PredictionsView.predict"));
    go.setId("predictButton");
    go.setDefaultButton(false);
    go.setOnAction(e -> vm.predictTyped(inputA.getText(), inputB.getText(), features.getText()));
    inputA.setOnAction(e -> go.fire());
    Label answer = new Label();
    answer.setId("predictAnswer");
    answer.setWrapText(true);
    answer.setStyle("-fx-font-weight: bold;");
    answer.textProperty().bind(vm.answerProperty());
    Label pieces = new Label();
    pieces.setId("predictPieces");
    pieces.setWrapText(true);
    pieces.setStyle("-fx-font-family: 'DejaVu Sans Mono', monospace; -fx-text-fill: #37474f;");
    pieces.textProperty().bind(vm.piecesProperty());
    TextField file = new TextField();
    file.setId("modelFile");
    file.setPromptText(T.get("PredictionsView.filePrompt"));
    Button choose = new Button(T.get("PredictionsView.choose"));
    choose.setOnAction(e -> {
      javafx.stage.FileChooser c = new javafx.stage.FileChooser();
      c.setTitle(T.get("PredictionsView.chooser"));
      java.io.File f = c.showOpenDialog(root.getScene().getWindow());
      if (f != null) {
        file.setText(f.getPath());
      }
    });
    Button predictFile = new Button(T.get("PredictionsView.predictFile"));
    predictFile.setId("predictFile");
    predictFile.setOnAction(e -> withFile(file.getText(), f -> vm.predictFile(f, predictionsFile(f))));
    Button evaluateFile = new Button(T.get("PredictionsView.evaluateFile"));
    evaluateFile.setId("evaluateFile");
    evaluateFile.setOnAction(e -> withFile(file.getText(), vm::evaluateFile));
    HBox fileButtons = new HBox(6, choose, predictFile, evaluateFile);
    GridPane g = new GridPane();
    g.setHgap(8);
    g.setVgap(4);
    g.addRow(0, new Label(T.get("PredictionsView.predictLabel")), inputA, go);
    g.addRow(1, new Label(""), inputB, features);
    g.add(answer, 0, 2, 3, 1);
    g.add(pieces, 0, 3, 3, 1);
    g.addRow(4, new Label(T.get("PredictionsView.file")), file, fileButtons);
    GridPane.setHgrow(file, Priority.ALWAYS);
    GridPane.setHgrow(inputA, Priority.ALWAYS);
    GridPane.setHgrow(inputB, Priority.ALWAYS);
    VBox box = new VBox(g);
    box.setPadding(new Insets(6, 8, 4, 8));
    return box;
  }

  private void withFile(String text, java.util.function.Consumer<java.nio.file.Path> use) {
    String t = text == null ? "" : text.trim();
    if (t.isEmpty()) {
      vm.messageProperty().set(T.get("PredictionsView.noFile"));
      return;
    }
    try {
      use.accept(java.nio.file.Path.of(t));
    } catch (java.nio.file.InvalidPathException e) {
      vm.messageProperty().set(T.format("PredictionsView.notAFile", t));
    }
  }

  /** Where a file's predictions go: the run folder, "predictions-NAME.jsonl". */
  private java.nio.file.Path predictionsFile(java.nio.file.Path input) {
    InspectionViewModel.Inspection i = vm.inspectionProperty().get();
    String stem = String.valueOf(input.getFileName()).replaceFirst("\\.[^.]*$", "");
    java.nio.file.Path dir = i == null ? input.toAbsolutePath().getParent() : i.run();
    return dir.resolve("predictions-" + stem + ".jsonl");
  }

  /** Only the boxes the run's model reads are offered. */
  private void label(TaskKind task, List<String> featureColumns) {
    features.setVisible(!featureColumns.isEmpty());
    features.setPromptText(T.format("PredictionsView.features", String.join(", ", featureColumns)));
    inputB.setDisable(task == TaskKind.TAG || task == TaskKind.CLASSIFY);
    switch (task) {
      case QA -> {
        inputA.setPromptText(T.get("PredictionsView.question"));
        inputB.setPromptText(T.get("PredictionsView.paragraph"));
      }
      case TAG -> {
        inputA.setPromptText(T.get("PredictionsView.sentence"));
        inputB.setPromptText(T.get("PredictionsView.notUsed"));
      }
      case PAIR -> {
        inputA.setPromptText(T.get("PredictionsView.first"));
        inputB.setPromptText(T.get("PredictionsView.second"));
      }
      case CLASSIFY -> {
        inputA.setPromptText(T.get("PredictionsView.text"));
        inputB.setPromptText(T.get("PredictionsView.onlyPairs"));
      }
    }
  }

  private void show(Drawing d) {
    if (d == null) {
      canvas.show(BarsDrawing.probabilities(java.util.Map.of(), null), null, "prediction");
      return;
    }
    java.util.function.Supplier<Table> numbers = null;
    if (d instanceof BarsDrawing b) {
      numbers = b::table;
    } else if (d instanceof SpanDrawing s) {
      numbers = s::table;
    } else if (d instanceof EntityDrawing e) {
      numbers = e::table;
    }
    canvas.show(d, numbers, "prediction");
  }

  Node node() {
    return root;
  }

  TableView<InspectionViewModel.Row> table() {
    return table;
  }

  DrawingCanvas canvas() {
    return canvas;
  }
}
