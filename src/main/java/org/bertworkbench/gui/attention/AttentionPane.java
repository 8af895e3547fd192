package org.bertworkbench.gui.attention;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.bertworkbench.core.analysis.AttentionCapture;
import org.bertworkbench.core.analysis.HeadImportance;
import org.bertworkbench.core.analysis.HeadStatistics;
import org.bertworkbench.core.analysis.NeuronView;
import org.bertworkbench.core.analysis.WordGroups;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Texts;

/**
 * The attention explorer: every head of every layer of the input the window shows. A layer
 * selector and one coloured check-box per head drive seven views: the head view (lines between two
 * token columns), the model view (every layer x head), the matrix (a heatmap), the neuron view (how
 * one weight is made), head statistics (Clark et al. 2019, for this input or a corpus file), head
 * masking (switch heads off, watch fill-mask change, rank heads over this input, the sample inputs
 * or a text file: {@link HeadRanking}) and the comparison with a second model ({@link
 * ModelComparison}). Aggregations, the sub-word / word toggle, the sentence filter and the
 * left-to-right switch apply to every view that can use them. Everything heavier than a redraw
 * runs in the background, newest request wins, in the {@link AttentionViewModel}: this pane builds the
 * controls, forwards what the user chooses and draws.
 */
public final class AttentionPane implements WorkbenchPane {

  private static final Texts T = Texts.of(AttentionPane.class);

  static final int TOP_K = AttentionViewModel.TOP_K;
  static final double DEFAULT_THRESHOLD = 0.1;

  private final AttentionViewModel model;
  private final BorderPane root = new BorderPane();

  private final ComboBox<Integer> layerChoice = new ComboBox<>();
  private final ComboBox<Integer> headChoice = new ComboBox<>();
  private final HBox headBoxes = new HBox(4);
  private final List<CheckBox> headChecks = new ArrayList<>();
  private final ComboBox<Aggregation> aggregationChoice =
      new ComboBox<>(FXCollections.observableArrayList(Aggregation.values()));
  private final ComboBox<SentenceFilter> filterChoice =
      new ComboBox<>(FXCollections.observableArrayList(SentenceFilter.values()));
  private final CheckBox wordsCheck = new CheckBox(T.get("AttentionPane.words"));
  private final CheckBox causalCheck = new CheckBox(T.get("AttentionPane.causal"));
  private final CheckBox logCheck = new CheckBox(T.get("AttentionPane.log"));
  private final ToggleButton maskMode = new ToggleButton(T.get("AttentionPane.maskMode"));
  private final Slider threshold = new Slider(0, 0.5, DEFAULT_THRESHOLD);
  private final Label thresholdLabel = new Label();

  private final TabPane views = new TabPane();
  private final StatisticsView statistics;
  private final Tab headTab;
  private final Tab modelTab;
  private final Tab matrixTab;
  private final Tab neuronTab;
  private final Tab statsTab;
  private final Tab maskTab;
  private final Tab compareTab;
  private final DrawingCanvas headCanvas = new DrawingCanvas();
  private final SpanBar span = new SpanBar(this::drawHead);
  private final DrawingCanvas modelCanvas = new DrawingCanvas();
  private final DrawingCanvas matrixCanvas = new DrawingCanvas();
  private final DrawingCanvas neuronCanvas = new DrawingCanvas();
  private final HeadRanking ranking;
  private final MaskingView masking;
  private final ModelComparison comparison;
  private final Label status = new Label();
  private final ProgressBar progress = new ProgressBar();
  private final Button cancel = new Button(T.get("AttentionPane.cancel"));

  private int hoverSide = -1;
  private int hoverIndex = -1;
  private int matrixRow = -1;
  private int matrixColumn = -1;
  private MatrixDrawing lastMatrix;
  private boolean lastLog;
  private boolean updatingControls;

  public AttentionPane(WorkbenchViewModel vm) {
    this.model = new AttentionViewModel(vm);
    ranking = new HeadRanking(vm, model.longWork(), model::causal, model::error, this::redrawCurrent);
    headTab = tab(T.get("AttentionPane.tab.head"), headCanvas, "headViewCanvas");
    ((BorderPane) headTab.getContent()).setTop(span.node());
    modelTab = tab(T.get("AttentionPane.tab.model"), modelCanvas, "modelViewCanvas");
    matrixTab = tab(T.get("AttentionPane.tab.matrix"), matrixCanvas, "matrixCanvas");
    neuronTab = tab(T.get("AttentionPane.tab.neuron"), neuronCanvas, "neuronCanvas");
    statistics = new StatisticsView(model, this::chooseCorpusFile, this::openHead);
    statsTab = new Tab(T.get("AttentionPane.tab.statistics"), statistics.node());
    masking = new MaskingView(model, ranking);
    maskTab = new Tab(T.get("AttentionPane.tab.masking"), masking.node());
    comparison = new ModelComparison(vm, () -> new ComparisonViewModel.Settings(model.layer(), model.focusHead(),
        model.aggregation(), model.words(), model.causal()), this::focus);
    compareTab = new Tab(T.get("AttentionPane.tab.compare"), comparison.node());
    model.setListeners(this::rebuildHeadControls, this::redrawCurrent, () -> {
      if (views.getSelectionModel().getSelectedItem() == modelTab) {
        drawModel();
      }
    }, this::showStatistics);
    views.getTabs().addAll(headTab, modelTab, matrixTab, neuronTab, statsTab, maskTab, compareTab);
    views.getTabs().forEach(t -> t.setClosable(false));
    views.setId("attentionViews");
    views.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
      model.setNeuronShown(b == neuronTab);
      comparison.setActive(b == compareTab);
      redrawCurrent();
    });
    root.setTop(controls());
    root.setCenter(views);
    root.setBottom(statusBar());
    wireMouse();
  }

  @Override
  public String title() {
    return T.get("AttentionPane.title");
  }

  @Override
  public Node node() {
    return root;
  }

  @Override
  public void show(WorkbenchViewModel.Analysis a) {
    comparison.inputChanged();
    hoverSide = -1;
    hoverIndex = -1;
    matrixRow = -1;
    matrixColumn = -1;
    model.show(a);
  }

  /** The view-model behind this pane. */
  AttentionViewModel viewModel() {
    return model;
  }

  /** The model's shape changed: one layer entry per layer, one coloured check-box per head. */
  private void rebuildHeadControls() {
    updatingControls = true;
    boolean[] shown = model.shownHeads();
    int layers = model.headMask().length;
    List<Integer> ls = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      ls.add(l);
    }
    layerChoice.getItems().setAll(ls);
    layerChoice.setValue(model.layer());
    List<Integer> hs = new ArrayList<>();
    headBoxes.getChildren().clear();
    headChecks.clear();
    for (int h = 0; h < shown.length; h++) {
      hs.add(h);
      CheckBox box = new CheckBox(String.valueOf(h));
      box.setId("headCheck" + h);
      box.setSelected(true);
      box.setStyle("-fx-text-fill: " + HeadColors.css(h) + "; -fx-font-weight: bold;");
      int head = h;
      box.selectedProperty().addListener((o, was, now) -> {
        if (!updatingControls) {
          model.setShown(head, now);
          syncHeadControls();
          redrawCurrent();
        }
      });
      headChecks.add(box);
      headBoxes.getChildren().add(box);
    }
    headChoice.getItems().setAll(hs);
    headChoice.setValue(model.focusHead());
    updatingControls = false;
  }

  // ---------------------------------------------------------------- user actions

  /** Opens head (layer, head) in the head and matrix views. */
  public void openHead(int l, int h) {
    model.showOnly(h);
    focus(l, h);
    views.getSelectionModel().select(headTab);
  }

  /** Selects layer {@code l} and head {@code h} in the controls (one head, not an aggregate), staying in this view. */
  void focus(int l, int h) {
    updatingControls = true;
    layerChoice.setValue(l);
    headChoice.setValue(h);
    if (aggregationChoice.getValue().combined()) {
      aggregationChoice.setValue(Aggregation.SINGLE_HEAD);
    }
    updatingControls = false;
    model.focus(l, h);
    syncHeadControls();
  }

  /**
   * The head ticks and the open head as the view-model has them: one selection, the open head always
   * ticked, so that the head view and the matrix and neuron views never show different heads.
   */
  private void syncHeadControls() {
    updatingControls = true;
    boolean[] shown = model.shownHeads();
    for (int k = 0; k < headChecks.size() && k < shown.length; k++) {
      headChecks.get(k).setSelected(shown[k]);
    }
    headChoice.setValue(model.focusHead());
    updatingControls = false;
  }

  /** Compares the text through the window's model and {@code nameOrPath} (loaded in the background). */
  public void compareWith(String nameOrPath) {
    comparison.load(nameOrPath);
  }

  @Override
  public void shutdown() {
    model.shutdown();
    comparison.shutdown();
  }

  private void chooseCorpusFile() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(T.get("AttentionPane.corpusChooser"));
    File file = chooser.showOpenDialog(root.getScene().getWindow());
    if (file != null) {
      model.corpusStatistics(file);
    }
  }

  /** Ranks every head over the sample inputs of the Samples menu, in the background. */
  public void rankHeadsOnSamples() {
    ranking.rankOnSamples();
  }

  /** Ranks every head over every line of {@code file}, in the background. */
  public void rankHeadsOn(File file) {
    ranking.rankOnFile(file);
  }

  /** True while any background work of this view (or of the comparison) runs. */
  boolean busy() {
    return model.busy() || comparison.busy();
  }

  // ---------------------------------------------------------------- drawing

  private void redrawCurrent() {
    Tab tab = views.getSelectionModel().getSelectedItem();
    if (tab == headTab) {
      drawHead();
    } else if (tab == modelTab) {
      drawModel();
    } else if (tab == matrixTab) {
      drawMatrix();
    } else if (tab == neuronTab) {
      drawNeuron();
    } else if (tab == statsTab) {
      showStatistics();
    } else if (tab == maskTab) {
      masking.draw();
    } else if (tab == compareTab) {
      comparison.refresh();
    }
  }

  /** "Layer 3 · {@code shows}" and the switches that change the weights. */
  private String settingsLine(String shows) {
    AttentionData data = model.data();
    AttentionData.Maps maps = model.maps();
    StringBuilder sb = new StringBuilder(T.format("AttentionPane.layer", model.layer())).append(" · ").append(shows);
    if (data != null && data.causal()) {
      sb.append(" · ").append(T.get("AttentionPane.leftToRight"));
    }
    if (data != null && data.maskedHeads() > 0) {
      sb.append(" · ").append(T.format("AttentionPane.headsOff", data.maskedHeads()));
    }
    if (maps != null && maps.words()) {
      sb.append(" · ").append(T.get("AttentionPane.inWords"));
    }
    return sb.toString();
  }

  void drawHead() {
    AttentionData.Maps maps = model.maps();
    if (maps == null) {
      headCanvas.show(null, null, "head-view");
      return;
    }
    span.setLength(maps.length());
    boolean[] shown = model.shownHeads();
    String title = settingsLine(HeadViewDrawing.describeHeads(maps, shown)) + " · "
        + T.format("AttentionPane.head.threshold", threshold.getValue())
        + (filterChoice.getValue() == SentenceFilter.ALL ? "" : " · " + filterChoice.getValue()) + span.describe();
    HeadViewDrawing d = new HeadViewDrawing(maps, shown, threshold.getValue(), filterChoice.getValue(), hoverSide,
        hoverIndex, title, headCanvas.drawingHeight()).span(span.from(), span.to()).fitted(span.fitted());
    AttentionData.Maps m = maps;
    double min = threshold.getValue();
    headCanvas.show(d, () -> AttentionTables.headTable(m, shown, min),
        HeadViewDrawing.fileName(maps, shown, d.from(), d.to()));
  }

  void drawModel() {
    AttentionData data = model.data();
    if (data == null) {
      modelCanvas.show(null, null, "model-view");
      return;
    }
    boolean words = model.words();
    BufferedImage[][] thumbs = model.thumbnails();
    String title = T.format("AttentionPane.model.title", data.layers(), data.heads())
        + (data.causal() ? " · " + T.get("AttentionPane.leftToRight") : "")
        + (model.maskedCount() > 0 ? " · " + T.get("AttentionPane.model.crossedOut") : "");
    String hint = T.get(maskMode.isSelected() ? "AttentionPane.model.hint.mask" : "AttentionPane.model.hint");
    BufferedImage[][] shown = thumbs != null ? thumbs : new BufferedImage[data.layers()][data.heads()];
    ModelViewDrawing d = new ModelViewDrawing(shown, model.headMask(), model.layer(), model.focusHead(), title,
        modelCanvas.drawingWidth(), modelCanvas.drawingHeight()).withHint(hint);
    AttentionData dd = data;
    modelCanvas.show(d, () -> AttentionTables.allHeadsTable(dd, words), () -> AttentionJson.allHeads(dd, words),
        "model-view" + (data.causal() ? "-left-to-right" : ""));
  }

  void drawMatrix() {
    AttentionData.Maps maps = model.maps();
    int focusHead = model.focusHead();
    if (maps == null) {
      matrixCanvas.show(null, null, "matrix");
      return;
    }
    float[][] map = maps.mapOf(focusHead);
    int headId = maps.aggregation().combined() ? -1 : focusHead;
    Color color = headId < 0 ? new Color(0x283593) : HeadColors.of(headId);
    BufferedImage reuse = lastMatrix != null && lastMatrix.map() == map && lastLog == logCheck.isSelected()
        ? lastMatrix.image() : null;
    String title = settingsLine(maps.aggregation().toString())
        + (headId >= 0 ? " · " + T.format("AttentionPane.matrix.head", headId) : "")
        + (logCheck.isSelected() ? " · " + T.get("AttentionPane.matrix.log") : "");
    MatrixDrawing d = new MatrixDrawing(maps.labels(), map, logCheck.isSelected(), color, title, matrixRow,
        matrixColumn, reuse).withSegments(maps.segments());
    lastMatrix = d;
    lastLog = logCheck.isSelected();
    List<String> labels = maps.labels();
    AttentionData.Maps m = maps;
    matrixCanvas.show(d, () -> AttentionTables.matrixTable(labels, map), () -> AttentionJson.matrix(m, headId, map),
        "matrix-layer" + model.layer() + (headId >= 0 ? "-head" + headId : "-" + maps.aggregation().name()
            .toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
  }

  void drawNeuron() {
    AttentionData data = model.data();
    if (data == null) {
      neuronCanvas.show(null, null, "neuron");
      return;
    }
    AttentionCapture c = data.capture();
    if (c == null) {
      neuronCanvas.show(null, null, "neuron");
      model.requestCapture();
      return;
    }
    NeuronView nv = NeuronView.of(c, model.layer(), model.focusHead(), Math.min(model.query(), c.length() - 1));
    NeuronDrawing d = new NeuronDrawing(nv, c.tokens(), neuronCanvas.drawingHeight()).withSegments(c.tokenTypeIds());
    neuronCanvas.show(d, () -> AttentionTables.neuronTable(nv, c.tokens()), () -> AttentionJson.neuron(nv, c.tokens()),
        "attention-neuron-layer" + model.layer() + "-head" + model.focusHead());
  }

  void showStatistics() {
    statistics.show();
  }

  // ---------------------------------------------------------------- mouse

  private void wireMouse() {
    headCanvas.setOnMouseMoved(e -> hoverHead(headCanvas.toDrawing(e)));
    headCanvas.setOnMouseExited(e -> {
      if (hoverSide >= 0) {
        hoverSide = -1;
        hoverIndex = -1;
        drawHead();
      }
    });
    headCanvas.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && headCanvas.drawing() instanceof HeadViewDrawing d) {
        Point2D p = headCanvas.toDrawing(e);
        int[] at = d.tokenAt(p.getX(), p.getY());
        if (at != null) {
          model.setQuery(pieceOf(at[1]));
        }
      }
    });
    modelCanvas.setOnMouseClicked(this::clickModel);
    matrixCanvas.setOnMouseMoved(e -> {
      if (matrixCanvas.drawing() instanceof MatrixDrawing d) {
        Point2D p = matrixCanvas.toDrawing(e);
        int[] at = d.cellAt(p.getX(), p.getY());
        int r = at == null ? -1 : at[0];
        int c = at == null ? -1 : at[1];
        if (r != matrixRow || c != matrixColumn) {
          matrixRow = r;
          matrixColumn = c;
          drawMatrix();
        }
      }
    });
    neuronCanvas.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && neuronCanvas.drawing() instanceof NeuronDrawing d) {
        int j = d.tokenAt(neuronCanvas.toDrawing(e).getY());
        if (j >= 0) {
          model.setQuery(j);
          drawNeuron();
        }
      }
    });
  }

  private void clickModel(MouseEvent e) {
    if (e.getButton() != MouseButton.PRIMARY || !(modelCanvas.drawing() instanceof ModelViewDrawing d)) {
      return;
    }
    Point2D p = modelCanvas.toDrawing(e);
    ModelViewDrawing.Cell c = d.cellAt(p.getX(), p.getY());
    if (c == null) {
      return;
    }
    if (maskMode.isSelected() || e.isShortcutDown() || e.isControlDown() || e.isShiftDown()) {
      model.toggleMask(c.layer(), c.head());
    } else {
      openHead(c.layer(), c.head());
    }
  }

  /** Hovers token {@code index} of the head view's left (0) or right (1) column; -1 clears. */
  void hoverHead(int side, int index) {
    if (side != hoverSide || index != hoverIndex) {
      hoverSide = side;
      hoverIndex = index;
      drawHead();
    }
  }

  private void hoverHead(Point2D p) {
    if (!(headCanvas.drawing() instanceof HeadViewDrawing d)) {
      return;
    }
    int[] at = d.tokenAt(p.getX(), p.getY());
    hoverHead(at == null ? -1 : at[0], at == null ? -1 : at[1]);
  }

  /** The first piece of a label of the head view (a word when words are on). */
  private int pieceOf(int label) {
    AttentionData.Maps maps = model.maps();
    AttentionData data = model.data();
    if (maps != null && maps.words() && data != null) {
      WordGroups g = data.words();
      return label < g.size() ? g.pieces()[label][0] : 0;
    }
    return label;
  }

  // ---------------------------------------------------------------- layout

  private Node controls() {
    layerChoice.setId("layerChoice");
    layerChoice.setConverter(Columns.converter("Columns.layer"));
    layerChoice.valueProperty().addListener((o, a, b) -> {
      if (b != null && !updatingControls && b != model.layer()) {
        model.setLayer(b);
      }
    });
    headChoice.setId("headChoice");
    headChoice.setConverter(Columns.converter("Columns.head"));
    headChoice.setTooltip(new Tooltip(T.get("AttentionPane.openHead.tip")));
    headChoice.valueProperty().addListener((o, a, b) -> {
      if (b != null && !updatingControls && b != model.focusHead()) {
        model.setFocusHead(b);
        syncHeadControls();
      }
    });
    Button all = new Button(T.get("AttentionPane.all"));
    all.setOnAction(e -> setAllHeads(true));
    Button none = new Button(T.get("AttentionPane.onlyOpen"));
    none.setId("onlyOpenHead");
    none.setTooltip(new Tooltip(T.get("AttentionPane.onlyOpen.tip")));
    none.setOnAction(e -> setAllHeads(false));
    headBoxes.setId("headChecks");
    headBoxes.setAlignment(Pos.CENTER_LEFT);
    // Rows wrap (FlowPane) rather than squeeze: in large type an HBox cut labels to "…" and blanked the Layer box.
    FlowPane row1 = new FlowPane(8, 6, new Label(T.get("AttentionPane.layerLabel")), layerChoice,
        new Label(T.get("AttentionPane.heads")), headBoxes, all, none, new Label(T.get("AttentionPane.openHead")),
        headChoice);
    row1.setAlignment(Pos.CENTER_LEFT);

    aggregationChoice.setId("aggregationChoice");
    aggregationChoice.setValue(Aggregation.SINGLE_HEAD);
    aggregationChoice.valueProperty().addListener((o, a, b) -> {
      if (!updatingControls) {
        model.setAggregation(b);
      }
    });
    filterChoice.setId("sentenceFilter");
    filterChoice.setValue(SentenceFilter.ALL);
    filterChoice.setTooltip(new Tooltip(T.get("AttentionPane.filter.tip")));
    filterChoice.valueProperty().addListener((o, a, b) -> drawHead());
    wordsCheck.setId("wordsCheck");
    wordsCheck.setTooltip(new Tooltip(T.get("AttentionPane.words.tip")));
    wordsCheck.selectedProperty().addListener((o, a, b) -> {
      hoverSide = -1;
      hoverIndex = -1;
      matrixRow = -1;
      matrixColumn = -1;
      model.setWords(b);
    });
    causalCheck.setId("causalCheck");
    causalCheck.setTooltip(new Tooltip(T.get("AttentionPane.causal.tip")));
    causalCheck.selectedProperty().addListener((o, a, b) -> model.setCausal(b));
    logCheck.setId("logCheck");
    logCheck.selectedProperty().addListener((o, a, b) -> drawMatrix());
    maskMode.setId("maskMode");
    maskMode.setTooltip(new Tooltip(T.get("AttentionPane.maskMode.tip")));
    maskMode.selectedProperty().addListener((o, a, b) -> drawModel());
    threshold.setId("thresholdSlider");
    threshold.setStyle("-fx-pref-width: 11em;");
    threshold.setTooltip(new Tooltip(T.get("AttentionPane.threshold.tip")));
    thresholdLabel.setMinWidth(Region.USE_PREF_SIZE);
    threshold.valueProperty().addListener((o, a, b) -> {
      thresholdLabel.setText(Texts.number(b.doubleValue(), 2));
      drawHead();
    });
    thresholdLabel.setText(Texts.number(threshold.getValue(), 2));
    FlowPane row2 = new FlowPane(10, 6, Columns.labelled(T.get("AttentionPane.show"), aggregationChoice),
        Columns.labelled(T.get("AttentionPane.sentences"), filterChoice), wordsCheck, causalCheck,
        Columns.labelled(T.get("AttentionPane.threshold"), threshold, thresholdLabel), logCheck, maskMode);
    row2.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(6, row1, row2);
    box.setPadding(new Insets(8));
    return box;
  }

  private void setAllHeads(boolean on) {
    model.showAll(on);
    syncHeadControls();
    redrawCurrent();
  }

  private Node statusBar() {
    status.setId("attentionStatus");
    status.textProperty().bind(model.statusProperty());
    progress.setId("attentionProgress");
    progress.progressProperty().bind(model.longWork().progressProperty());
    progress.visibleProperty().bind(model.longWork().runningProperty());
    cancel.setId("attentionCancel");
    cancel.visibleProperty().bind(model.longWork().runningProperty());
    cancel.setOnAction(e -> model.longWork().cancel());
    Label longMessage = new Label();
    longMessage.textProperty().bind(model.longWork().messageProperty());
    HBox bar = new HBox(8, progress, longMessage, cancel, status);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(4, 8, 4, 8));
    return bar;
  }

  private static Tab tab(String title, DrawingCanvas canvas, String id) {
    canvas.setId(id);
    BorderPane holder = new BorderPane(canvas);
    holder.setPadding(new Insets(4));
    return new Tab(title, holder);
  }


  void select(String viewTitle) {
    views.getTabs().stream().filter(t -> t.getText().equals(viewTitle)).findFirst()
        .ifPresent(t -> views.getSelectionModel().select(t));
  }

  ModelComparison comparison() {
    return comparison;
  }

  TableView<HeadRanking.Row> rankTable() {
    return ranking.table();
  }

  HeadImportance ranking() {
    return ranking.outcome() == null ? null : ranking.outcome().importance();
  }

  DrawingCanvas headCanvas() {
    return headCanvas;
  }

  SpanBar span() {
    return span;
  }

  DrawingCanvas modelCanvas() {
    return modelCanvas;
  }

  DrawingCanvas matrixCanvas() {
    return matrixCanvas;
  }

  DrawingCanvas neuronCanvas() {
    return neuronCanvas;
  }

  DrawingCanvas statsCanvas() {
    return statistics.canvas();
  }

  DrawingCanvas maskGridCanvas() {
    return masking.gridCanvas();
  }

  DrawingCanvas fillCompareCanvas() {
    return masking.fillCompareCanvas();
  }

  TableView<HeadStatistics.Row> statsTable() {
    return statistics.table();
  }
}
