package org.bertworkbench.gui.shell;

import java.io.File;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.tokenize.Encoding;

/** The workbench window: model bar, input, one tab per view, status bar. */
public final class WorkbenchView {

  /** A row of the token table. */
  record TokenRow(int position, String token, int id, int segment, int mask) {}

  private final WorkbenchViewModel vm;
  private final BorderPane root = new BorderPane();
  private final FlowPane tokenFlow = new FlowPane(6, 6);
  private final TableView<TokenRow> tokenTable = new TableView<>();
  private final VBox maskResults = new VBox(14);

  public WorkbenchView(WorkbenchViewModel vm) {
    this.vm = vm;
    root.getStyleClass().add("workbench");
    root.getStylesheets().add(
        WorkbenchView.class.getResource("/org/bertworkbench/gui/workbench.css").toExternalForm());
    root.setTop(new VBox(modelBar(), inputBar(), errorLine()));
    root.setCenter(views());
    root.setBottom(statusBar());
    vm.analysisProperty().addListener((o, was, now) -> show(now));
  }

  public Parent root() {
    return root;
  }

  private Parent modelBar() {
    ComboBox<String> choice = new ComboBox<>(vm.modelChoices());
    choice.setId("modelChoice");
    choice.setEditable(true);
    choice.setPrefWidth(360);
    choice.setValue(vm.lastModel());
    choice.setTooltip(new Tooltip("A known model name, or the path of a model folder"));
    vm.modelProperty().addListener((o, was, now) -> {
      if (now != null && !choice.getEditor().getText().equals(vm.lastModel())) {
        choice.setValue(vm.lastModel());
      }
    });
    Button open = new Button("Open folder…");
    open.setId("openFolder");
    open.setOnAction(e -> {
      DirectoryChooser chooser = new DirectoryChooser();
      chooser.setTitle("Open a model folder (config.json, vocab.txt, model.safetensors)");
      File dir = chooser.showDialog(root.getScene().getWindow());
      if (dir != null) {
        choice.setValue(dir.getAbsolutePath());
        vm.load(dir.getAbsolutePath());
      }
    });
    Button load = new Button("Load");
    load.setId("loadButton");
    load.setDefaultButton(true);
    load.setOnAction(e -> vm.load(choice.getEditor().getText()));
    ProgressBar bar = new ProgressBar();
    bar.setId("loadProgress");
    bar.progressProperty().bind(vm.loader().progressProperty());
    bar.visibleProperty().bind(vm.loader().runningProperty());
    Label message = new Label();
    message.textProperty().bind(vm.loader().messageProperty());
    Button cancel = new Button("Cancel");
    cancel.setId("cancelLoad");
    cancel.visibleProperty().bind(vm.loader().runningProperty());
    cancel.setOnAction(e -> vm.cancelLoading());
    HBox bar1 = new HBox(8, new Label("Model"), choice, open, load, bar, message, cancel);
    bar1.setAlignment(Pos.CENTER_LEFT);
    bar1.setPadding(new Insets(8));
    return bar1;
  }

  private Parent inputBar() {
    TextField a = new TextField();
    a.setId("textA");
    a.setPromptText("Sentence A — type [MASK] where BERT should guess a word");
    a.textProperty().bindBidirectional(vm.textAProperty());
    TextField b = new TextField();
    b.setId("textB");
    b.setPromptText("Sentence B (optional)");
    b.textProperty().bindBidirectional(vm.textBProperty());
    Spinner<Integer> max = new Spinner<>(3, 512, vm.maxLengthProperty().get(), 16);
    max.setId("maxLength");
    max.setEditable(true);
    max.setPrefWidth(100);
    max.valueProperty().addListener((o, was, now) -> vm.maxLengthProperty().set(now));
    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(6);
    grid.setPadding(new Insets(0, 8, 8, 8));
    grid.addRow(0, new Label("Sentence A"), a, new Label("Max length"), max);
    grid.addRow(1, new Label("Sentence B"), b);
    GridPane.setHgrow(a, Priority.ALWAYS);
    GridPane.setHgrow(b, Priority.ALWAYS);
    return grid;
  }

  private Parent errorLine() {
    Label error = new Label();
    error.setId("errorLabel");
    error.getStyleClass().add("error");
    error.textProperty().bind(vm.errorProperty());
    error.setPadding(new Insets(0, 8, 4, 8));
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    return error;
  }

  private Parent views() {
    tokenFlow.setId("tokenFlow");
    tokenFlow.setPadding(new Insets(10));
    tokenTable.setId("tokenTable");
    tokenTable.getColumns().addAll(List.of(
        column("Position", TokenRow::position), column("Token", TokenRow::token),
        column("Id", TokenRow::id), column("Segment", TokenRow::segment),
        column("Mask", TokenRow::mask)));
    tokenTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    VBox tokens = new VBox(8, tokenFlow, tokenTable);
    VBox.setVgrow(tokenTable, Priority.ALWAYS);
    maskResults.setId("maskResults");
    maskResults.setPadding(new Insets(10));
    Tab tokensTab = new Tab("Tokens", tokens);
    Tab fillTab = new Tab("Fill-mask", maskResults);
    TabPane tabs = new TabPane(tokensTab, fillTab);
    tabs.setId("views");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    return tabs;
  }

  private static <T> TableColumn<TokenRow, T> column(String title, java.util.function.Function<TokenRow, T> value) {
    TableColumn<TokenRow, T> c = new TableColumn<>(title);
    c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    c.setSortable(false);
    return c;
  }

  private Parent statusBar() {
    Label status = new Label();
    status.setId("statusLabel");
    status.textProperty().bind(vm.statusProperty());
    HBox bar = new HBox(status);
    bar.getStyleClass().add("status-bar");
    bar.setPadding(new Insets(4, 8, 4, 8));
    return bar;
  }

  private void show(WorkbenchViewModel.Analysis analysis) {
    tokenFlow.getChildren().clear();
    tokenTable.getItems().clear();
    maskResults.getChildren().clear();
    if (analysis == null) {
      return;
    }
    Encoding e = analysis.encoding();
    for (int i = 0; i < e.tokens().size(); i++) {
      String token = e.tokens().get(i);
      Label chip = new Label(token);
      chip.getStyleClass().addAll("token", tokenKind(token, e.tokenTypeIds()[i]));
      chip.setTooltip(new Tooltip("position " + i + " · id " + e.inputIds()[i] + " · segment "
          + (e.tokenTypeIds()[i] == 0 ? "A" : "B")));
      tokenFlow.getChildren().add(chip);
      tokenTable.getItems().add(
          new TokenRow(i, token, e.inputIds()[i], e.tokenTypeIds()[i], e.attentionMask()[i]));
    }
    if (analysis.masks().isEmpty()) {
      maskResults.getChildren().add(new Label(
          "No [MASK] in the text. Type [MASK] where a word should be, e.g. \"Paris is the [MASK] of France.\""));
    }
    for (FillMask.MaskPredictions m : analysis.masks()) {
      maskResults.getChildren().add(maskBars(m));
    }
  }

  private static String tokenKind(String token, int segment) {
    if (token.startsWith("[") && token.endsWith("]")) {
      return token.equals("[MASK]") ? "token-mask" : "token-special";
    }
    if (token.startsWith("##")) {
      return "token-piece";
    }
    return segment == 0 ? "token-a" : "token-b";
  }

  private static Parent maskBars(FillMask.MaskPredictions m) {
    VBox box = new VBox(4);
    box.getStyleClass().add("mask-group");
    box.getChildren().add(new Label("[MASK] at position " + m.position()));
    double top = m.predictions().isEmpty() ? 1 : m.predictions().get(0).score();
    for (FillMask.Prediction p : m.predictions()) {
      Label word = new Label(p.token());
      word.setMinWidth(140);
      word.getStyleClass().add("prediction-token");
      Region bar = new Region();
      bar.getStyleClass().add("prediction-bar");
      bar.setPrefWidth(Math.max(2, 360 * p.score() / top));
      bar.setMinHeight(16);
      Label score = new Label(String.format("%.4f", p.score()));
      HBox row = new HBox(8, word, new StackPane(bar), score);
      row.setAlignment(Pos.CENTER_LEFT);
      box.getChildren().add(row);
    }
    return box;
  }
}
