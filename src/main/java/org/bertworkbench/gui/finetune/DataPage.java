package org.bertworkbench.gui.finetune;

import java.io.File;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.bertworkbench.core.finetune.DataColumns.FeatureMode;
import org.bertworkbench.core.finetune.Dataset;
import org.bertworkbench.core.finetune.Preview;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.export.Placeholders;
import org.bertworkbench.gui.export.Zoom;
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.text.Texts;

/**
 * Page 2: the training file and its first rows, the columns picked from them, a dev file or a
 * seeded split, the label set with its balance, and the bad rows with the choice to skip them.
 */
final class DataPage extends WizardPage {

  private static final Texts T = Texts.of(DataPage.class);
  /** The column choice that picks no column. */
  private final String none = T.get("DataPage.none");

  private final WizardViewModel vm;
  private final DataChoices data;
  private final TableView<List<String>> previewTable = new TableView<>();
  private final Label format = new Label();
  private final ComboBox<String> textA = new ComboBox<>();
  private final ComboBox<String> textB = new ComboBox<>();
  private final ComboBox<String> label = new ComboBox<>();
  private final FlowPane featureBoxes = new FlowPane(10, 4);
  private final DrawingCanvas balance = new DrawingCanvas();
  private final Label counts = new Label();
  private final ListView<String> badRows = new ListView<>();

  DataPage(WizardViewModel vm) {
    super(vm, WizardViewModel.Page.DATA, T.get("DataPage.header"));
    this.vm = vm;
    this.data = vm.data();
    VBox body = new VBox(8, fileRow(T.get("DataPage.trainFile"), "trainFile", data.trainFileProperty()), format, previewTable,
        columnsPane(), devPane(), reportPane());
    previewTable.setId("previewTable");
    previewTable.setPrefHeight(170);
    previewTable.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    Zoom.fitColumns(previewTable);
    previewTable.setPlaceholder(Placeholders.wrapping(T.get("DataPage.previewEmpty")));
    data.previewProperty().addListener((o, was, now) -> showPreview(now));
    data.reportProperty().addListener((o, was, now) -> showReport(now));
    vm.taskProperty().addListener((o, was, now) -> showPreview(data.previewProperty().get()));
    showReport(null);
    setBody(body);
  }

  /** A data file chooser that opens in the folder of the data file read last. */
  FileChooser chooser(String title) {
    FileChooser c = new FileChooser();
    c.setTitle(title);
    c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(T.get("DataPage.datasets"), "*.tsv", "*.csv",
        "*.jsonl", "*.json", "*.conll", "*.txt"), new FileChooser.ExtensionFilter(T.get("DataPage.allFiles"), "*"));
    java.nio.file.Path last = data.lastFolder();
    if (last != null) {
      c.setInitialDirectory(last.toFile());
    }
    return c;
  }

  private Node fileRow(String name, String id, StringProperty file) {
    TextField field = new TextField();
    field.setId(id);
    field.textProperty().bindBidirectional(file);
    HBox.setHgrow(field, Priority.ALWAYS);
    Button choose = new Button(T.get("DataPage.choose"));
    choose.setId(id + "Choose");
    choose.setOnAction(e -> {
      File f = chooser(name.isEmpty() ? T.get("DataPage.devFile") : name).showOpenDialog(getScene().getWindow());
      if (f != null) {
        file.set(f.getPath());
      }
    });
    HBox row = new HBox(8, field, choose);
    if (!name.isEmpty()) {
      Label l = new Label(name);
      l.setMinWidth(90);
      row.getChildren().add(0, l);
    }
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  private Node columnsPane() {
    textA.setId("textAColumn");
    textB.setId("textBColumn");
    label.setId("labelColumn");
    bind(textA, data.textAProperty());
    bind(textB, data.textBProperty());
    bind(label, data.labelProperty());
    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(6);
    grid.addRow(0, new Label(T.get("DataPage.text")), textA, new Label(T.get("DataPage.secondText")), textB,
        new Label(T.get("DataPage.label")), label);
    TextField template = new TextField();
    template.setId("featureTemplate");
    template.textProperty().bindBidirectional(data.templateProperty());
    template.setPromptText("price {price} stars {stars}"); // i18n-ok: a template as typed, words for the model
    HBox.setHgrow(template, Priority.ALWAYS);
    HBox templateRow = new HBox(8, new Label(T.get("DataPage.template")), template);
    templateRow.setAlignment(Pos.CENTER_LEFT);
    templateRow.visibleProperty().bind(vm.featureModeProperty().isEqualTo(FeatureMode.TEXT_TEMPLATE));
    templateRow.managedProperty().bind(templateRow.visibleProperty());
    featureBoxes.setId("featureColumns");
    VBox features = new VBox(6, new HBox(8, new Label(T.get("DataPage.features")), featureBoxes), templateRow);
    features.visibleProperty().bind(vm.taskProperty().isEqualTo(TaskChoice.NUMERIC));
    features.managedProperty().bind(features.visibleProperty());
    VBox box = new VBox(6, grid, features);
    box.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
        () -> vm.taskProperty().get().tabular(), vm.taskProperty()));
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  private void bind(ComboBox<String> box, StringProperty column) {
    box.setStyle("-fx-pref-width: 13em;");
    box.valueProperty().addListener((o, was, now) -> column.set(now == null || now.equals(none) ? null : now));
    column.addListener((o, was, now) -> box.setValue(now == null ? none : now));
  }

  private Node devPane() {
    ToggleGroup g = new ToggleGroup();
    RadioButton split = new RadioButton(T.get("DataPage.split"));
    split.setId("devSplit");
    RadioButton file = new RadioButton(T.get("DataPage.devFileChoice"));
    file.setId("devFileChoice");
    split.setToggleGroup(g);
    file.setToggleGroup(g);
    g.selectToggle(data.useDevFileProperty().get() ? file : split);
    g.selectedToggleProperty().addListener((o, was, now) -> data.useDevFileProperty().set(now == file));
    TextField fraction = small("devFraction", data.devFractionProperty());
    TextField seed = small("splitSeed", data.splitSeedProperty());
    HBox splitRow = new HBox(8, split, fraction, new Label(T.get("DataPage.splitNote")),
        seed);
    splitRow.setAlignment(Pos.CENTER_LEFT);
    Node devRow = fileRow("", "devFile", data.devFileProperty());
    devRow.disableProperty().bind(data.useDevFileProperty().not());
    fraction.disableProperty().bind(data.useDevFileProperty());
    seed.disableProperty().bind(data.useDevFileProperty());
    HBox fileRow = new HBox(8, file, devRow);
    HBox.setHgrow(devRow, Priority.ALWAYS);
    fileRow.setAlignment(Pos.CENTER_LEFT);
    Label title = new Label(T.get("DataPage.devSet"));
    title.setStyle("-fx-font-weight: bold;");
    return new VBox(4, title, splitRow, fileRow);
  }

  private static TextField small(String id, StringProperty p) {
    TextField f = new TextField();
    f.setId(id);
    f.setPrefColumnCount(5);
    f.textProperty().bindBidirectional(p);
    return f;
  }

  private Node reportPane() {
    balance.setId("balanceCanvas");
    balance.setPrefHeight(130);
    balance.setMinHeight(60);
    counts.setId("dataCounts");
    counts.setWrapText(true);
    badRows.setId("badRows");
    badRows.setPrefHeight(110);
    badRows.setPlaceholder(Placeholders.wrapping(T.get("DataPage.noBadRows")));
    CheckBox skip = new CheckBox(T.get("DataPage.skip"));
    skip.setId("skipBadRows");
    skip.selectedProperty().bindBidirectional(data.skipBadRowsProperty());
    Label badTitle = new Label(T.get("DataPage.badRows"));
    badTitle.setStyle("-fx-font-weight: bold;");
    HBox badHead = new HBox(12, badTitle, skip);
    badHead.setAlignment(Pos.CENTER_LEFT);
    Label balanceTitle = new Label(T.get("DataPage.balance"));
    balanceTitle.setStyle("-fx-font-weight: bold;");
    VBox left = new VBox(4, balanceTitle, counts, balance);
    VBox right = new VBox(4, badHead, badRows);
    HBox.setHgrow(left, Priority.ALWAYS);
    HBox.setHgrow(right, Priority.ALWAYS);
    left.setPrefWidth(480);
    right.setPrefWidth(460);
    HBox box = new HBox(12, left, right);
    box.setPadding(new Insets(4, 0, 0, 0));
    return box;
  }

  private void showPreview(Preview p) {
    previewTable.getColumns().clear();
    previewTable.getItems().clear();
    if (p == null) {
      format.setText("");
      return;
    }
    format.setText(T.format("DataPage.format", p.format().description(Language.current().locale()), p.rows().size()));
    for (int i = 0; i < p.columns().size(); i++) {
      int c = i;
      TableColumn<List<String>, String> col = new TableColumn<>(p.columns().get(i));
      col.setCellValueFactory(r -> new ReadOnlyStringWrapper(c < r.getValue().size() ? r.getValue().get(c) : ""));
      col.setPrefWidth(columnWidth(p, c));
      previewTable.getColumns().add(col);
    }
    previewTable.getItems().setAll(p.rows());
    List<String> names = new java.util.ArrayList<>(p.columns());
    names.add(0, none);
    String a = data.textAProperty().get();
    String b = data.textBProperty().get();
    String l = data.labelProperty().get();
    textA.setItems(FXCollections.observableArrayList(names));
    textB.setItems(FXCollections.observableArrayList(names));
    label.setItems(FXCollections.observableArrayList(names));
    textA.setValue(a == null ? none : a);
    textB.setValue(b == null ? none : b);
    label.setValue(l == null ? none : l);
    textB.setDisable(vm.taskProperty().get().kind() == TaskKind.CLASSIFY && vm.taskProperty().get() != TaskChoice.NUMERIC);
    showFeatureBoxes();
  }

  /** About as wide as the column's longest cell in the first rows (60 to 420 pixels): long texts wide, numbers narrow. */
  private static double columnWidth(Preview p, int column) {
    int chars = p.columns().get(column).length();
    for (List<String> row : p.rows()) {
      if (column < row.size()) {
        chars = Math.max(chars, row.get(column).length());
      }
    }
    return Math.max(60, Math.min(420, 16 + 7.5 * chars));
  }

  private void showFeatureBoxes() {
    featureBoxes.getChildren().clear();
    for (String c : data.featureCandidates()) {
      CheckBox box = new CheckBox(c);
      box.setId("feature-" + c);
      box.setSelected(data.features().contains(c));
      box.selectedProperty().addListener((o, was, now) -> {
        if (now && !data.features().contains(c)) {
          data.features().add(c);
        } else if (!now) {
          data.features().remove(c);
        }
      });
      featureBoxes.getChildren().add(box);
    }
  }

  private void showReport(DataChoices.Report r) {
    if (r == null) {
      balance.show(BarsDrawing.balance(Map.of(), "examples", T.get("DataPage.balanceEmpty")), null, "class-balance");
      counts.setText("");
      badRows.getItems().clear();
      return;
    }
    Dataset train = r.train();
    boolean tags = train.task() == TaskKind.TAG;
    BarsDrawing d = BarsDrawing.balance(train.classBalance(), tags ? "words" : "examples", T.get("DataPage.noLabels"));
    balance.show(d, d::table, "class-balance");
    balance.setPrefHeight(Math.min(220, d.preferredHeight()));
    int read = train.examples().size() + (r.dev() == null ? 0 : r.dev().examples().size());
    counts.setText(train.task() == TaskKind.QA ? T.format("DataPage.countsQuestions", read, r.trainExamples(),
        r.devExamples()) : T.format("DataPage.counts", read, r.trainExamples(), r.devExamples()));
    badRows.getItems().setAll(r.badRows());
    showFeatureBoxes();
  }
}
