package org.bertworkbench.gui.attention;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
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
import org.bertworkbench.core.analysis.AttentionCapture;
import org.bertworkbench.core.analysis.AttentionComparison;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.work.Latest;

/**
 * The "Compare models" view: the window's text through the window's model and a second model that
 * shares its vocabulary (a known name or a folder, loaded in the background), shown for the layer,
 * head and aggregation the attention controls select — side by side and as a difference map — or,
 * for models of the same shape, as a grid of every head's difference.
 *
 * <p>Models of different shapes (say BERT-Base and a 2-layer model pretrained here with its
 * vocabulary) are compared one map of each: the second model's layer and head are then chosen
 * here, and the grid says why it cannot be drawn. Head masks are not carried over (the second
 * model's heads are others); the left-to-right switch applies to both.
 */
final class ModelComparison {

  /** What the attention controls select, read whenever the view redraws. */
  record Settings(int layer, int head, Aggregation aggregation, boolean words, boolean causal) {}

  static final String FOLDER = "Folder…";

  private final WorkbenchViewModel vm;
  private final Supplier<Settings> settings;
  private final BiConsumer<Integer, Integer> focus;
  private final Latest loadWork = new Latest("attention-second-model");
  private final Latest compareWork = new Latest("attention-compare");
  private final Latest deriveWork = new Latest("attention-compare-derive");
  private final Latest gridWork = new Latest("attention-compare-grid");

  private final BorderPane root = new BorderPane();
  private final ComboBox<String> modelChoice = new ComboBox<>();
  private final ComboBox<Integer> secondLayer = new ComboBox<>();
  private final ComboBox<Integer> secondHead = new ComboBox<>();
  private final HBox secondPick;
  private final ToggleButton oneHead = new ToggleButton("One map side by side");
  private final ToggleButton everyHead = new ToggleButton("Every head: differences");
  private final Label info = new Label("Choose a second model that shares this model's vocabulary.");
  private final DrawingCanvas pairCanvas = new DrawingCanvas();
  private final DrawingCanvas gridCanvas = new DrawingCanvas();

  private LoadedBert second;
  private String secondChoice;
  private Comparison.Pair pair;
  private Object[] requested = new Object[0];
  private Comparison.Grid grid;
  private Settings drawn;
  private ComparisonDrawing lastPair;
  private boolean choosing;
  private boolean active;

  ModelComparison(WorkbenchViewModel vm, Supplier<Settings> settings, BiConsumer<Integer, Integer> focus) {
    this.vm = vm;
    this.settings = settings;
    this.focus = focus;
    secondPick = new HBox(6, new Label("Second model's"), secondLayer, secondHead);
    root.setTop(controls());
    StackPane canvases = new StackPane(pairCanvas, gridCanvas);
    canvases.setPadding(new Insets(4));
    root.setCenter(canvases);
    wireMouse();
    showMode();
  }

  Node node() {
    return root;
  }

  // ---------------------------------------------------------------- the second model

  /** Loads the second model (a known name or a folder) in the background; the previous one stays until it succeeds. */
  void load(String nameOrPath) {
    LoadedBert main = vm.modelProperty().get();
    if (main == null) {
      info.setText("Load a model in the window first: the second one is compared with it.");
      return;
    }
    if (nameOrPath == null || nameOrPath.isBlank()) {
      return;
    }
    String target = nameOrPath.trim();
    choosing = true;
    if (!modelChoice.getItems().contains(target)) {
      modelChoice.getItems().add(modelChoice.getItems().size() - 1, target);
    }
    modelChoice.setValue(target);
    choosing = false;
    info.setText("Loading " + target + "…");
    loadWork.submit(p -> {
      LoadedBert loaded = LoadedBert.open(target, main.model().device(), p);
      try {
        p.checkCancelled();
        p.report(-1, "Checking the vocabularies");
        AttentionComparison.requireSameVocabulary(main.vocab(), loaded.vocab());
        return loaded;
      } catch (RuntimeException e) {
        loaded.close();
        throw e;
      }
    }, loaded -> {
      LoadedBert old = second;
      second = loaded;
      secondChoice = target;
      if (old != null) {
        compareWork.after(old::close); // after any comparison still running on it
      }
      pair = null;
      grid = null;
      info.setText("Loaded " + Comparison.displayName(loaded) + ".");
      refresh();
    }, message -> {
      info.setText("Cannot compare with " + target + ": " + message);
      choosing = true;
      modelChoice.setValue(secondChoice);
      choosing = false;
    }, LoadedBert::close); // loaded, but cancelled in the meantime
  }

  LoadedBert secondModel() {
    return second;
  }

  // ---------------------------------------------------------------- computing

  /** A new input arrived: the pair is recomputed now if the view shows, else when it is next shown. */
  void inputChanged() {
    if (active) {
      refresh();
    }
  }

  /** The view was brought to the front ({@code true}) or left. */
  void setActive(boolean on) {
    active = on;
    if (on) {
      refresh();
    }
  }

  /** Redraws for the current settings; reruns both models when the input, model or causal switch changed. */
  void refresh() {
    Settings s = settings.get();
    LoadedBert main = vm.modelProperty().get();
    WorkbenchViewModel.Analysis a = vm.analysisProperty().get();
    Object[] key = {main, second, a, s.causal()};
    if (main != null && second != null && a != null && !sameObjects(key, requested)) {
      requested = key;
      requestPair(s, main, second, a);
      return;
    }
    redraw();
  }

  /** Element by element identity (the input and the models are compared as objects, not by content). */
  private static boolean sameObjects(Object[] a, Object[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i] && !(a[i] instanceof Boolean && a[i].equals(b[i]))) {
        return false;
      }
    }
    return true;
  }

  private void requestPair(Settings s, LoadedBert main, LoadedBert other, WorkbenchViewModel.Analysis a) {
    Encoding e = a.encoding();
    String firstName = Comparison.displayName(main);
    String secondName = Comparison.displayName(other);
    info.setText("Running " + firstName + " and " + secondName + " on the text…");
    compareWork.submit(p -> {
      AttentionComparison.requireSameVocabulary(main.vocab(), other.vocab());
      Comparison.requireFits(other.model().config(), e);
      ForwardOptions options = ForwardOptions.INFERENCE.withCausal(s.causal());
      AttentionCapture c1 = AttentionCapture.of(main.model(), e, options);
      p.checkCancelled();
      AttentionCapture c2 = AttentionCapture.of(other.model(), e, options);
      return new Comparison.Pair(AttentionData.of(c1, 0), AttentionData.of(c2, 0), firstName, secondName, a,
          s.causal());
    }, p -> {
      pair = p;
      grid = null;
      lastPair = null;
      adoptSecondShape(p.second());
      info.setText(Comparison.describe(p));
      redraw();
    }, message -> {
      pair = null;
      info.setText("Cannot compare: " + message);
      redraw();
    });
  }

  private void adoptSecondShape(AttentionData d) {
    boolean same = pair.sameShape();
    secondPick.setVisible(!same);
    secondPick.setManaged(!same);
    if (secondLayer.getItems().size() == d.layers() && secondHead.getItems().size() == d.heads()) {
      return;
    }
    Settings s = settings.get();
    choosing = true;
    secondLayer.getItems().setAll(range(d.layers()));
    secondHead.getItems().setAll(range(d.heads()));
    secondLayer.setValue(Math.min(s.layer(), d.layers() - 1));
    secondHead.setValue(Math.min(s.head(), d.heads() - 1));
    choosing = false;
  }

  // ---------------------------------------------------------------- drawing

  /** Draws the current mode from what was computed (derived maps in the background when slow). */
  void redraw() {
    showMode();
    if (everyHead.isSelected()) {
      drawGrid();
      return;
    }
    Comparison.Pair p = pair;
    if (p == null) {
      pairCanvas.show(null, null, "attention-comparison");
      return;
    }
    info.setText(Comparison.describe(p));
    Settings s = settings.get();
    int l2 = p.sameShape() ? s.layer() : value(secondLayer);
    int h2 = p.sameShape() ? s.head() : value(secondHead);
    if (lastPair != null && s.equals(drawn)
        && lastPair.second().title().equals(sideTitle(p.secondName(), l2, h2, s))) {
      return;
    }
    if (p.first().slow(s.aggregation(), s.words()) || p.second().slow(s.aggregation(), s.words())) {
      info.setText("Computing " + s.aggregation() + " for both models…");
      deriveWork.submit(w -> drawingOf(p, s, l2, h2), d -> {
        if (p == pair) {
          info.setText(Comparison.describe(p));
          show(d, s);
        }
      }, info::setText);
    } else {
      show(drawingOf(p, s, l2, h2), s);
    }
  }

  private static ComparisonDrawing drawingOf(Comparison.Pair p, Settings s, int l2, int h2) {
    AttentionData.Maps m1 = p.first().maps(s.layer(), s.aggregation(), s.words());
    AttentionData.Maps m2 = p.second().maps(l2, s.aggregation(), s.words());
    float[][] a = m1.mapOf(s.head());
    float[][] b = m2.mapOf(h2);
    String title = s.aggregation() + (s.words() ? " · words" : "") + (p.causal() ? " · left-to-right" : "")
        + " · " + m1.length() + " " + (s.words() ? "words" : "tokens");
    return new ComparisonDrawing(m1.labels(), new ComparisonDrawing.Side(sideTitle(p.firstName(),
        s.layer(), s.head(), s), a), new ComparisonDrawing.Side(sideTitle(p.secondName(), l2, h2, s), b),
        AttentionComparison.difference(a, b), title, -1, -1);
  }

  private static String sideTitle(String name, int layer, int head, Settings s) {
    String where = switch (s.aggregation()) {
      case MEAN_OVER_LAYERS -> "all layers";
      case MEAN_OVER_HEADS -> "layer " + layer + ", mean of heads";
      case ROLLOUT -> "rollout to layer " + layer;
      default -> "layer " + layer + " head " + head;
    };
    return name + " · " + where;
  }

  private void show(ComparisonDrawing d, Settings s) {
    drawn = s;
    lastPair = d;
    Comparison.Pair p = pair;
    pairCanvas.show(d, () -> Comparison.pairTable(d), () -> Comparison.pairJson(d, p, s.aggregation(), s.words()),
        "attention-comparison-layer" + s.layer() + "-head" + s.head());
  }

  private void hover(ComparisonDrawing d, int[] at) {
    int r = at == null ? -1 : at[1];
    int c = at == null ? -1 : at[2];
    if (drawn != null && (r != d.hoverRow() || c != d.hoverColumn())) {
      show(d.hovering(r, c), drawn);
    }
  }

  private void drawGrid() {
    Comparison.Pair p = pair;
    if (p == null) {
      gridCanvas.show(null, null, "attention-comparison-grid");
      return;
    }
    if (!p.sameShape()) {
      gridCanvas.show(null, null, "attention-comparison-grid");
      info.setText("The grid needs the same layers and heads (" + p.first().layers() + " × " + p.first().heads()
          + " vs " + p.second().layers() + " × " + p.second().heads()
          + "): compare one map of each with \"One map side by side\".");
      return;
    }
    boolean words = settings.get().words();
    if (grid == null || grid.pair() != p || grid.words() != words) {
      gridWork.submit(w -> Comparison.gridOf(p, words), g -> {
        if (g.pair() == pair) {
          grid = g;
          info.setText(Comparison.describe(p));
          drawGrid();
        }
      }, info::setText);
      if (grid == null || grid.pair() != p) {
        info.setText("Computing every head's difference…");
        return;
      }
    }
    Comparison.Grid g = grid;
    Settings s = settings.get();
    int[] most = Comparison.largest(g.meanAbs());
    String title = "Second − first, every head (click one to open it): largest mean |difference| L" + most[0]
        + " H" + most[1] + String.format(" (%.4f)", g.meanAbs()[most[0]][most[1]]);
    ModelViewDrawing d = new ModelViewDrawing(g.thumbs(), null, s.layer(), s.head(), title, gridCanvas.getWidth(),
        gridCanvas.getHeight()).withLegend(g.scale(), "second − first");
    gridCanvas.show(d, () -> Comparison.gridTable(g), () -> Comparison.gridJson(g), "attention-comparison-every-head");
  }

  private void showMode() {
    pairCanvas.setVisible(!everyHead.isSelected());
    gridCanvas.setVisible(everyHead.isSelected());
  }

  // ---------------------------------------------------------------- layout and mouse

  private Node controls() {
    modelChoice.setId("secondModelChoice");
    modelChoice.setPrefWidth(420);
    modelChoice.setPromptText("second model…");
    modelChoice.setTooltip(new Tooltip("A model with the same vocabulary: a known name, or a model folder"));
    syncChoices();
    vm.modelChoices().addListener((ListChangeListener<String>) c -> syncChoices());
    modelChoice.valueProperty().addListener((o, was, now) -> {
      if (choosing || now == null) {
        return;
      }
      if (now.equals(FOLDER)) {
        chooseFolder(was);
      } else if (!now.equals(secondChoice)) {
        load(now);
      }
    });
    ProgressBar progress = new ProgressBar();
    progress.setId("compareProgress");
    progress.progressProperty().bind(loadWork.progressProperty());
    progress.visibleProperty().bind(loadWork.runningProperty());
    Button cancel = new Button("Cancel");
    cancel.setId("compareCancel");
    cancel.visibleProperty().bind(loadWork.runningProperty());
    cancel.setOnAction(e -> {
      loadWork.cancel();
      info.setText("Loading cancelled.");
      choosing = true;
      modelChoice.setValue(secondChoice);
      choosing = false;
    });
    Label message = new Label();
    message.textProperty().bind(loadWork.messageProperty());
    HBox row1 = new HBox(8, new Label("Second model"), modelChoice, progress, message, cancel);
    row1.setAlignment(Pos.CENTER_LEFT);

    ToggleGroup mode = new ToggleGroup();
    oneHead.setToggleGroup(mode);
    everyHead.setToggleGroup(mode);
    oneHead.setId("compareOneMap");
    everyHead.setId("compareEveryHead");
    oneHead.setSelected(true);
    oneHead.setTooltip(new Tooltip("The map the Layer / Open head / Show controls select, for both models"));
    everyHead.setTooltip(new Tooltip("Every layer × head of the difference (models of the same shape)"));
    mode.selectedToggleProperty().addListener((o, was, now) -> {
      if (now == null) {
        was.setSelected(true);
      } else {
        redraw();
      }
    });
    secondLayer.setId("secondLayerChoice");
    secondHead.setId("secondHeadChoice");
    secondLayer.setConverter(Columns.converter("Layer "));
    secondHead.setConverter(Columns.converter("Head "));
    secondLayer.valueProperty().addListener((o, a, b) -> {
      if (!choosing) {
        redraw();
      }
    });
    secondHead.valueProperty().addListener((o, a, b) -> {
      if (!choosing) {
        redraw();
      }
    });
    secondPick.setAlignment(Pos.CENTER_LEFT);
    secondPick.setVisible(false);
    secondPick.setManaged(false);
    info.setId("compareInfo");
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
      if (!items.contains(s) && !s.equals(FOLDER)) {
        items.add(s);
      }
    }
    items.add(FOLDER);
    choosing = true;
    modelChoice.getItems().setAll(items);
    modelChoice.setValue(value);
    choosing = false;
  }

  private void chooseFolder(String previous) {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("A model folder (config.json, vocab.txt, model.safetensors) with the same vocabulary");
    File dir = root.getScene() == null ? null : chooser.showDialog(root.getScene().getWindow());
    if (dir == null) {
      choosing = true;
      modelChoice.setValue(previous);
      choosing = false;
    } else {
      load(dir.getAbsolutePath());
    }
  }

  private void wireMouse() {
    pairCanvas.setOnMouseMoved(e -> {
      if (pairCanvas.drawing() instanceof ComparisonDrawing d) {
        hover(d, d.cellAt(e.getX(), e.getY() + pairCanvas.scrollOffset()));
      }
    });
    gridCanvas.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && gridCanvas.drawing() instanceof ModelViewDrawing d) {
        ModelViewDrawing.Cell c = d.cellAt(e.getX(), e.getY() + gridCanvas.scrollOffset());
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
    redraw();
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
    return loadWork.isRunning() || compareWork.isRunning() || deriveWork.isRunning() || gridWork.isRunning();
  }

  Comparison.Pair pair() {
    return pair;
  }

  Comparison.Grid grid() {
    return grid;
  }

  String info() {
    return info.getText();
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
    loadWork.shutdown();
    deriveWork.shutdown();
    gridWork.shutdown();
    compareWork.cancel();
    LoadedBert s = second;
    second = null;
    if (s != null) {
      compareWork.after(s::close);
    }
  }
}
