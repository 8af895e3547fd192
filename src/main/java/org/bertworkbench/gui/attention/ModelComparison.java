package org.bertworkbench.gui.attention;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Texts;

/**
 * The "Compare models" view: the window's text through the window's model and a second model that
 * shares its vocabulary (a known name or a folder, loaded in the background), shown for the layer,
 * head and aggregation the attention controls select — side by side and as a difference map — or,
 * for models of the same shape, as a grid of every head's difference.
 *
 * <p>Models of different shapes (say BERT-Base and a 2-layer model pretrained here with its
 * vocabulary) are compared one map of each: the second model's layer and head are then chosen
 * here, and the grid says why it cannot be drawn. Head masks are not carried over (the second
 * model's heads are others); the left-to-right switch applies to both. The state and the
 * background work are {@link ComparisonViewModel}'s; this view lays out, forwards and draws.
 */
final class ModelComparison {

  private static final Texts T = Texts.of(ModelComparison.class);

  /** The last entry of the model list, which opens a folder chooser; in the language the view was made in. */
  private final String folder = T.get("ModelComparison.folder");

  private final WorkbenchViewModel vm;
  private final ComparisonViewModel model;
  private final BiConsumer<Integer, Integer> focus;

  private final BorderPane root = new BorderPane();
  private final ComboBox<String> modelChoice = new ComboBox<>();
  private final ComboBox<Integer> secondLayer = new ComboBox<>();
  private final ComboBox<Integer> secondHead = new ComboBox<>();
  private final HBox secondPick;
  private final ToggleButton oneHead = new ToggleButton(T.get("ModelComparison.oneMap"));
  private final ToggleButton everyHead = new ToggleButton(T.get("ModelComparison.everyHead"));
  private final Label info = new Label();
  private final DrawingCanvas pairCanvas = new DrawingCanvas();
  private final DrawingCanvas gridCanvas = new DrawingCanvas();

  private boolean choosing;

  ModelComparison(WorkbenchViewModel vm, Supplier<ComparisonViewModel.Settings> settings,
      BiConsumer<Integer, Integer> focus) {
    this.vm = vm;
    this.model = new ComparisonViewModel(vm, settings);
    this.focus = focus;
    secondPick = new HBox(6, new Label(T.get("ModelComparison.secondModels")), secondLayer, secondHead);
    root.setTop(controls());
    StackPane canvases = new StackPane(pairCanvas, gridCanvas);
    canvases.setPadding(new Insets(4));
    root.setCenter(canvases);
    wireMouse();
    model.setListeners(this::showChoice, this::adoptSecondShape, this::showMode, this::drawPair, this::drawGrid);
    showMode();
  }

  Node node() {
    return root;
  }

  ComparisonViewModel viewModel() {
    return model;
  }

  /** Loads the second model (a known name or a folder) in the background; the previous one stays until it succeeds. */
  void load(String nameOrPath) {
    model.load(nameOrPath);
  }

  /** A new input arrived: the pair is recomputed now if the view shows, else when it is next shown. */
  void inputChanged() {
    model.inputChanged();
  }

  /** The view was brought to the front ({@code true}) or left. */
  void setActive(boolean on) {
    model.setActive(on);
  }

  /** Redraws for the current settings; reruns both models when the input, model or causal switch changed. */
  void refresh() {
    model.refresh();
  }

  // ---------------------------------------------------------------- drawing

  private void showChoice() {
    String target = model.choice();
    choosing = true;
    if (target != null && !modelChoice.getItems().contains(target)) {
      modelChoice.getItems().add(modelChoice.getItems().size() - 1, target);
    }
    modelChoice.setValue(target);
    choosing = false;
  }

  private void adoptSecondShape() {
    boolean same = model.pair().sameShape();
    secondPick.setVisible(!same);
    secondPick.setManaged(!same);
    if (secondLayer.getItems().size() == model.secondLayers() && secondHead.getItems().size() == model.secondHeads()) {
      return;
    }
    choosing = true;
    secondLayer.getItems().setAll(range(model.secondLayers()));
    secondHead.getItems().setAll(range(model.secondHeads()));
    secondLayer.setValue(model.secondLayer());
    secondHead.setValue(model.secondHead());
    choosing = false;
  }

  private void drawPair() {
    ComparisonDrawing d = model.pairDrawing();
    if (d == null) {
      pairCanvas.show(null, null, "attention-comparison");
      return;
    }
    ComparisonViewModel.Settings s = model.drawn();
    Comparison.Pair p = model.pair();
    pairCanvas.show(d, () -> Comparison.pairTable(d), () -> Comparison.pairJson(d, p, s.aggregation(), s.words()),
        "attention-comparison-layer" + s.layer() + "-head" + s.head());
  }

  private void drawGrid() {
    Comparison.Grid g = model.gridDrawing();
    if (g == null) {
      gridCanvas.show(null, null, "attention-comparison-grid");
      return;
    }
    ComparisonViewModel.Settings s = model.settings();
    ModelViewDrawing d = new ModelViewDrawing(g.thumbs(), null, s.layer(), s.head(), ComparisonViewModel.gridTitle(g),
        gridCanvas.drawingWidth(), gridCanvas.drawingHeight()).withLegend(g.scale(), T.get("ModelComparison.legend"))
        .withHint(T.get("ModelComparison.hint"));
    gridCanvas.show(d, () -> Comparison.gridTable(g), () -> Comparison.gridJson(g), "attention-comparison-every-head");
  }

  private void showMode() {
    pairCanvas.setVisible(!model.everyHead());
    gridCanvas.setVisible(model.everyHead());
  }

  // ---------------------------------------------------------------- layout and mouse

  private Node controls() {
    modelChoice.setId("secondModelChoice");
    modelChoice.setStyle("-fx-pref-width: 32em;");
    modelChoice.setPromptText(T.get("ModelComparison.prompt"));
    modelChoice.setTooltip(new Tooltip(T.get("ModelComparison.choice.tip")));
    modelChoice.setCellFactory(list -> new ChoiceCell());
    syncChoices();
    vm.modelChoices().addListener((ListChangeListener<String>) c -> syncChoices());
    vm.modelProperty().addListener((o, was, now) -> syncChoices()); // what is compatible depends on it
    modelChoice.valueProperty().addListener((o, was, now) -> {
      if (choosing || now == null) {
        return;
      }
      if (now.equals(folder)) {
        chooseFolder(was);
      } else if (!now.equals(model.secondChoice())) {
        model.load(now);
      }
    });
    ProgressBar progress = new ProgressBar();
    progress.setId("compareProgress");
    progress.progressProperty().bind(model.loadWork().progressProperty());
    progress.visibleProperty().bind(model.loadWork().runningProperty());
    Button cancel = new Button(T.get("ModelComparison.cancel"));
    cancel.setId("compareCancel");
    cancel.visibleProperty().bind(model.loadWork().runningProperty());
    cancel.setOnAction(e -> model.cancelLoad());
    Label message = new Label();
    message.textProperty().bind(model.loadWork().messageProperty());
    HBox row1 = new HBox(8, new Label(T.get("ModelComparison.secondModel")), modelChoice, progress, message, cancel);
    row1.setAlignment(Pos.CENTER_LEFT);

    ToggleGroup mode = new ToggleGroup();
    oneHead.setToggleGroup(mode);
    everyHead.setToggleGroup(mode);
    oneHead.setId("compareOneMap");
    everyHead.setId("compareEveryHead");
    oneHead.setSelected(true);
    oneHead.setTooltip(new Tooltip(T.get("ModelComparison.oneMap.tip")));
    everyHead.setTooltip(new Tooltip(T.get("ModelComparison.everyHead.tip")));
    mode.selectedToggleProperty().addListener((o, was, now) -> {
      if (now == null) {
        was.setSelected(true);
      } else {
        model.setEveryHead(now == everyHead);
      }
    });
    secondLayer.setId("secondLayerChoice");
    secondHead.setId("secondHeadChoice");
    secondLayer.setConverter(Columns.converter("Columns.layer"));
    secondHead.setConverter(Columns.converter("Columns.head"));
    secondLayer.valueProperty().addListener((o, a, b) -> {
      if (!choosing) {
        model.setSecondLayer(value(secondLayer));
      }
    });
    secondHead.valueProperty().addListener((o, a, b) -> {
      if (!choosing) {
        model.setSecondHead(value(secondHead));
      }
    });
    secondPick.setAlignment(Pos.CENTER_LEFT);
    secondPick.setVisible(false);
    secondPick.setManaged(false);
    info.setId("compareInfo");
    info.textProperty().bind(model.infoProperty());
    info.setWrapText(true);
    for (Control c : List.<Control>of(oneHead, everyHead, secondLayer, secondHead, modelChoice)) {
      c.setMinWidth(Region.USE_PREF_SIZE);
    }
    HBox row2 = new HBox(8, oneHead, everyHead, secondPick);
    row2.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(6, row1, row2, info);
    box.setPadding(new Insets(6));
    return box;
  }

  private void syncChoices() {
    String value = modelChoice.getValue();
    List<String> items = new ArrayList<>(vm.modelChoices());
    for (String s : modelChoice.getItems()) {
      if (!items.contains(s) && !s.equals(folder)) {
        items.add(s);
      }
    }
    items.add(folder);
    choosing = true;
    modelChoice.getItems().setAll(items);
    modelChoice.setValue(value);
    choosing = false;
  }

  /**
   * A second-model choice: one that cannot be compared with the window's model (another vocabulary)
   * is greyed, cannot be picked, and says why before the user tries.
   */
  private final class ChoiceCell extends ListCell<String> {
    @Override
    protected void updateItem(String item, boolean empty) {
      super.updateItem(item, empty);
      String why = empty || item == null || item.equals(folder) ? null : model.incompatibility(item);
      setText(empty || item == null ? null : why == null ? item : item + "  —  " + why);
      setDisable(why != null);
      setStyle(why == null ? "" : "-fx-text-fill: #888888;");
    }
  }

  private void chooseFolder(String previous) {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(T.get("ModelComparison.folderChooser"));
    File dir = root.getScene() == null ? null : chooser.showDialog(root.getScene().getWindow());
    if (dir == null) {
      choosing = true;
      modelChoice.setValue(previous);
      choosing = false;
    } else {
      model.load(dir.getAbsolutePath());
    }
  }

  private void wireMouse() {
    pairCanvas.setOnMouseMoved(e -> {
      if (pairCanvas.drawing() instanceof ComparisonDrawing d) {
        Point2D p = pairCanvas.toDrawing(e);
        model.hover(d, d.cellAt(p.getX(), p.getY()));
      }
    });
    gridCanvas.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && gridCanvas.drawing() instanceof ModelViewDrawing d) {
        Point2D p = gridCanvas.toDrawing(e);
        ModelViewDrawing.Cell c = d.cellAt(p.getX(), p.getY());
        if (c != null) {
          openHead(c.layer(), c.head());
        }
      }
    });
  }

  /** Opens head (layer, head) of both models side by side. */
  void openHead(int layer, int head) {
    oneHead.setSelected(true);
    focus.accept(layer, head);
    model.redraw();
  }

  private static int value(ComboBox<Integer> c) {
    return c.getValue() == null ? 0 : c.getValue();
  }

  private static List<Integer> range(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  // ---------------------------------------------------------------- for the pane and tests

  boolean busy() {
    return model.busy();
  }

  DrawingCanvas pairCanvas() {
    return pairCanvas;
  }

  DrawingCanvas gridCanvas() {
    return gridCanvas;
  }

  ComboBox<Integer> secondLayerChoice() {
    return secondLayer;
  }

  ComboBox<Integer> secondHeadChoice() {
    return secondHead;
  }

  void showEveryHead(boolean on) {
    (on ? everyHead : oneHead).setSelected(true);
  }

  /** Stops the background work and frees the second model once nothing uses it any more. */
  void shutdown() {
    model.shutdown();
  }
}
