package org.bertworkbench.gui.attention;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.bertworkbench.core.analysis.AttentionCapture;
import org.bertworkbench.core.analysis.CorpusFile;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.analysis.HeadImportance;
import org.bertworkbench.core.analysis.HeadStatistics;
import org.bertworkbench.core.analysis.NeuronView;
import org.bertworkbench.core.analysis.WordGroups;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.work.Latest;

/**
 * The attention explorer: every head of every layer of the input the window shows. A layer
 * selector and one coloured check-box per head drive seven views: the head view (lines between two
 * token columns), the model view (every layer x head), the matrix (a heatmap), the neuron view (how
 * one weight is made), head statistics (Clark et al. 2019, for this input or a corpus file), head
 * masking (switch heads off, watch fill-mask change, rank heads over this input, the sample inputs
 * or a text file: {@link HeadRanking}) and the comparison with a second model ({@link
 * ModelComparison}). Aggregations, the sub-word / word toggle, the sentence filter and the
 * left-to-right switch apply to every view that can use them. Everything heavier than a redraw
 * runs in the background, newest request wins.
 */
public final class AttentionPane implements WorkbenchPane {

  static final int TOP_K = 5;
  static final double DEFAULT_THRESHOLD = 0.1;

  private final WorkbenchViewModel vm;
  private final BorderPane root = new BorderPane();

  private final ComboBox<Integer> layerChoice = new ComboBox<>();
  private final ComboBox<Integer> headChoice = new ComboBox<>();
  private final HBox headBoxes = new HBox(4);
  private final List<CheckBox> headChecks = new ArrayList<>();
  private final ComboBox<Aggregation> aggregationChoice =
      new ComboBox<>(FXCollections.observableArrayList(Aggregation.values()));
  private final ComboBox<SentenceFilter> filterChoice =
      new ComboBox<>(FXCollections.observableArrayList(SentenceFilter.values()));
  private final CheckBox wordsCheck = new CheckBox("Words (merge ## pieces)");
  private final CheckBox causalCheck = new CheckBox("Left-to-right (causal)");
  private final CheckBox logCheck = new CheckBox("Log colour scale");
  private final ToggleButton maskMode = new ToggleButton("Click masks heads");
  private final Slider threshold = new Slider(0, 0.5, DEFAULT_THRESHOLD);
  private final Label thresholdLabel = new Label();

  private final TabPane views = new TabPane();
  private final Tab headTab;
  private final Tab modelTab;
  private final Tab matrixTab;
  private final Tab neuronTab;
  private final Tab statsTab;
  private final Tab maskTab;
  private final Tab compareTab;
  private final DrawingCanvas headCanvas = new DrawingCanvas();
  private final DrawingCanvas modelCanvas = new DrawingCanvas();
  private final DrawingCanvas matrixCanvas = new DrawingCanvas();
  private final DrawingCanvas neuronCanvas = new DrawingCanvas();
  private final DrawingCanvas statsCanvas = new DrawingCanvas();
  private final DrawingCanvas maskGridCanvas = new DrawingCanvas();
  private final DrawingCanvas fillCompareCanvas = new DrawingCanvas();
  private final TableView<HeadStatistics.Row> statsTable = new TableView<>();
  private final Label statsSourceLabel = new Label();
  private final HeadRanking ranking;
  private final ModelComparison comparison;
  private final Label status = new Label();
  private final ProgressBar progress = new ProgressBar();
  private final Button cancel = new Button("Cancel");

  private final Latest captureWork = new Latest("attention-capture");
  private final Latest deriveWork = new Latest("attention-derive");
  private final Latest statsWork = new Latest("attention-statistics");
  private final Latest fillMaskWork = new Latest("attention-fill-mask");
  private final Latest longWork = new Latest("attention-long");
  private final Latest thumbsWork = new Latest("attention-thumbnails");

  private WorkbenchViewModel.Analysis analysis;
  private AttentionData data;
  private AttentionData.Maps maps;
  private BufferedImage[][] thumbs;
  private AttentionData thumbsOf;
  private boolean thumbsWords;
  private MatrixDrawing lastMatrix;
  private int layer;
  private int focusHead;
  private boolean[] shownHeads = new boolean[0];
  private boolean[][] headMask = new boolean[0][0];
  private int hoverSide = -1;
  private int hoverIndex = -1;
  private int matrixRow = -1;
  private int matrixColumn = -1;
  private int query;
  private HeadStatistics stats;
  private String statsSource = "this input";
  private boolean corpusStats;
  private List<FillMask.MaskPredictions> afterMasks = List.of();
  private boolean updatingControls;

  public AttentionPane(WorkbenchViewModel vm) {
    this.vm = vm;
    ranking = new HeadRanking(vm, longWork, causalCheck::isSelected, this::error, this::redrawCurrent);
    headTab = tab("Head view", headCanvas, "headViewCanvas");
    modelTab = tab("Model view", modelCanvas, "modelViewCanvas");
    matrixTab = tab("Matrix", matrixCanvas, "matrixCanvas");
    neuronTab = tab("Neuron view", neuronCanvas, "neuronCanvas");
    statsTab = new Tab("Head statistics", statisticsView());
    maskTab = new Tab("Head masking", maskingView());
    comparison = new ModelComparison(vm, () -> new ModelComparison.Settings(layer, focusHead,
        aggregationChoice.getValue(), wordsCheck.isSelected(), causalCheck.isSelected()), this::focus);
    compareTab = new Tab("Compare models", comparison.node());
    views.getTabs().addAll(headTab, modelTab, matrixTab, neuronTab, statsTab, maskTab, compareTab);
    views.getTabs().forEach(t -> t.setClosable(false));
    views.setId("attentionViews");
    views.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
      if (b == neuronTab && data != null && data.capture() == null) {
        requestCapture();
      }
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
    return "Attention";
  }

  @Override
  public Node node() {
    return root;
  }

  @Override
  public void show(WorkbenchViewModel.Analysis a) {
    analysis = a;
    comparison.inputChanged();
    hoverSide = -1;
    hoverIndex = -1;
    matrixRow = -1;
    matrixColumn = -1;
    if (a == null) {
      data = null;
      maps = null;
      redrawCurrent();
      return;
    }
    float[][][][] attn = a.inspection().attentions();
    adoptShape(attn.length, attn[0].length);
    Encoding e = a.encoding();
    int t = attn[0][0].length;
    query = Math.min(query, t - 1);
    AttentionData base = new AttentionData(e.tokens().subList(0, t), Arrays.copyOf(e.tokenTypeIds(), t),
        Arrays.copyOf(e.wordIds(), t), attn, null, false, 0);
    if (needsCapture()) {
      if (data == null || data.length() != t || !anyMasked() && !causalCheck.isSelected()) {
        setData(base);
      }
      requestCapture();
    } else {
      setData(base);
    }
    if (!corpusStats) {
      requestInputStatistics();
    }
    requestMaskedFillMask();
  }

  // ---------------------------------------------------------------- state changes

  private void adoptShape(int layers, int heads) {
    if (headMask.length == layers && shownHeads.length == heads) {
      return;
    }
    updatingControls = true;
    shownHeads = new boolean[heads];
    Arrays.fill(shownHeads, true);
    headMask = new boolean[layers][heads];
    layer = Math.min(layer, layers - 1);
    focusHead = Math.min(focusHead, heads - 1);
    List<Integer> ls = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      ls.add(l);
    }
    layerChoice.getItems().setAll(ls);
    layerChoice.setValue(layer);
    List<Integer> hs = new ArrayList<>();
    headBoxes.getChildren().clear();
    headChecks.clear();
    for (int h = 0; h < heads; h++) {
      hs.add(h);
      CheckBox box = new CheckBox(String.valueOf(h));
      box.setId("headCheck" + h);
      box.setSelected(true);
      box.setStyle("-fx-text-fill: " + HeadColors.css(h) + "; -fx-font-weight: bold;");
      int head = h;
      box.selectedProperty().addListener((o, was, now) -> {
        shownHeads[head] = now;
        if (!updatingControls) {
          redrawCurrent();
        }
      });
      headChecks.add(box);
      headBoxes.getChildren().add(box);
    }
    headChoice.getItems().setAll(hs);
    headChoice.setValue(focusHead);
    updatingControls = false;
  }

  private void setData(AttentionData d) {
    data = d;
    lastMatrix = null;
    requestThumbnails(d, wordsCheck.isSelected());
    query = Math.min(query, d.length() - 1);
    refreshMaps();
  }

  private boolean anyMasked() {
    for (boolean[] row : headMask) {
      for (boolean m : row) {
        if (m) {
          return true;
        }
      }
    }
    return false;
  }

  private int maskedCount() {
    int n = 0;
    for (boolean[] row : headMask) {
      for (boolean m : row) {
        n += m ? 1 : 0;
      }
    }
    return n;
  }

  /** The head mask in the model's form: 1 keeps a head, 0 switches it off; null keeps all. */
  float[][] headMaskArray() {
    if (!anyMasked()) {
      return null;
    }
    float[][] out = new float[headMask.length][];
    for (int l = 0; l < headMask.length; l++) {
      out[l] = new float[headMask[l].length];
      for (int h = 0; h < headMask[l].length; h++) {
        out[l][h] = headMask[l][h] ? 0 : 1;
      }
    }
    return out;
  }

  private ForwardOptions options() {
    return ForwardOptions.INFERENCE.withHeadMask(headMaskArray()).withCausal(causalCheck.isSelected());
  }

  private boolean needsCapture() {
    return causalCheck.isSelected() || anyMasked() || aggregationChoice.getValue() == Aggregation.NORM_WEIGHTED
        || views.getSelectionModel().getSelectedItem() == neuronTab;
  }

  /** The model options changed (causal, masks): recompute attention and fill-mask in the background. */
  private void optionsChanged() {
    if (analysis == null) {
      redrawCurrent();
      return;
    }
    if (needsCapture()) {
      requestCapture();
    } else {
      show(analysis);
      return;
    }
    requestMaskedFillMask();
    redrawCurrent();
  }

  private void requestCapture() {
    LoadedBert model = vm.modelProperty().get();
    if (analysis == null || model == null) {
      return;
    }
    Encoding e = analysis.encoding();
    ForwardOptions options = options();
    int masked = maskedCount();
    status.setText("Recomputing attention" + (options.causal() ? " left-to-right" : "")
        + (masked > 0 ? " with " + masked + " head(s) off" : "") + "…");
    captureWork.submit(p -> AttentionCapture.of(model.model(), e, options), c -> {
      status.setText("");
      setData(AttentionData.of(c, masked));
      if (!corpusStats) {
        requestInputStatistics();
      }
    }, this::error);
  }

  private void refreshMaps() {
    if (data == null) {
      maps = null;
      redrawCurrent();
      return;
    }
    Aggregation agg = aggregationChoice.getValue();
    if (agg == Aggregation.NORM_WEIGHTED && data.capture() == null) {
      requestCapture();
      return;
    }
    AttentionData d = data;
    int l = layer;
    boolean words = wordsCheck.isSelected();
    if (d.slow(agg, words)) {
      status.setText("Computing " + agg + "…");
      deriveWork.submit(p -> d.maps(l, agg, words), m -> {
        if (d == data) {
          status.setText("");
          maps = m;
          lastMatrix = null;
          redrawCurrent();
        }
      }, this::error);
    } else {
      maps = d.maps(l, agg, words);
      lastMatrix = null;
      redrawCurrent();
    }
  }

  private void requestInputStatistics() {
    AttentionData d = data;
    if (d == null) {
      return;
    }
    statsWork.submit(p -> HeadStatistics.of(d.attentions(), d.tokens()), s -> {
      if (!corpusStats) {
        stats = s;
        statsSource = "this input (" + d.length() + " tokens" + (d.causal() ? ", left-to-right" : "")
            + (d.maskedHeads() > 0 ? ", " + d.maskedHeads() + " heads off" : "") + ")";
        showStatistics();
      }
    }, this::error);
  }

  private void requestMaskedFillMask() {
    LoadedBert model = vm.modelProperty().get();
    if (analysis == null || model == null) {
      return;
    }
    if (analysis.masks().isEmpty() || !anyMasked() && !causalCheck.isSelected()) {
      afterMasks = analysis.masks();
      redrawCurrent();
      return;
    }
    Encoding e = analysis.encoding();
    ForwardOptions options = options();
    fillMaskWork.submit(p -> FillMask.predict(model.model(), model.vocab(), e, TOP_K, options), r -> {
      afterMasks = r;
      redrawCurrent();
    }, this::error);
  }

  private void error(String message) {
    status.setText(message);
  }

  // ---------------------------------------------------------------- user actions

  /** Opens head (layer, head) in the head and matrix views. */
  public void openHead(int l, int h) {
    updatingControls = true;
    for (int k = 0; k < headChecks.size(); k++) {
      headChecks.get(k).setSelected(k == h);
      shownHeads[k] = k == h;
    }
    updatingControls = false;
    focus(l, h);
    views.getSelectionModel().select(headTab);
  }

  /** Selects layer {@code l} and head {@code h} in the controls (one head, not an aggregate), staying in this view. */
  void focus(int l, int h) {
    layer = l;
    focusHead = h;
    updatingControls = true;
    layerChoice.setValue(l);
    headChoice.setValue(h);
    if (aggregationChoice.getValue().combined()) {
      aggregationChoice.setValue(Aggregation.SINGLE_HEAD);
    }
    updatingControls = false;
    refreshMaps();
  }

  /** Compares the text through the window's model and {@code nameOrPath} (loaded in the background). */
  public void compareWith(String nameOrPath) {
    comparison.load(nameOrPath);
  }

  @Override
  public void shutdown() {
    for (Latest w : List.of(captureWork, deriveWork, statsWork, fillMaskWork, longWork, thumbsWork)) {
      w.shutdown();
    }
    comparison.shutdown();
  }

  /** Switches head (layer, head) off, or on again. */
  public void toggleMask(int l, int h) {
    headMask[l][h] = !headMask[l][h];
    optionsChanged();
  }

  /** Switches every head on again. */
  public void clearMasks() {
    for (boolean[] row : headMask) {
      Arrays.fill(row, false);
    }
    optionsChanged();
  }

  private void chooseCorpusFile() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("A text file: one input per line, TAB between sentence A and B");
    File file = chooser.showOpenDialog(root.getScene().getWindow());
    if (file != null) {
      corpusStatistics(file);
    }
  }

  /** Averages the head statistics over every line of {@code file}, in the background. */
  public void corpusStatistics(File file) {
    LoadedBert model = vm.modelProperty().get();
    if (model == null) {
      status.setText("Load a model first.");
      return;
    }
    int max = vm.maxLengthProperty().get();
    ForwardOptions options = options();
    longWork.submit(p -> {
      p.report(-1, "Reading " + file.getName() + "…");
      List<Encoding> inputs = CorpusFile.encode(model, CorpusFile.read(file.toPath()), max);
      return HeadStatistics.compute(model.model(), inputs, options, p);
    }, s -> {
      corpusStats = true;
      stats = s;
      statsSource = file.getName() + " (" + s.inputs() + " inputs, " + s.tokens() + " tokens)";
      showStatistics();
    }, this::error);
  }

  /** Back to the statistics of the input the window shows. */
  public void inputStatistics() {
    corpusStats = false;
    requestInputStatistics();
  }

  /** Ranks every head by how much masking it alone changes the output on the current input. */
  public void rankHeads() {
    ranking.rankOnInput();
  }

  /** Ranks every head over the sample inputs of the Samples menu, in the background. */
  public void rankHeadsOnSamples() {
    ranking.rankOnSamples();
  }

  /** Ranks every head over every line of {@code file}, in the background. */
  public void rankHeadsOn(File file) {
    ranking.rankOnFile(file);
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
      drawMasking();
    } else if (tab == compareTab) {
      comparison.refresh();
    }
  }

  private String settingsLine() {
    StringBuilder sb = new StringBuilder("Layer " + layer);
    Aggregation agg = maps == null ? aggregationChoice.getValue() : maps.aggregation();
    sb.append(" · ").append(agg);
    if (data != null && data.causal()) {
      sb.append(" · left-to-right");
    }
    if (data != null && data.maskedHeads() > 0) {
      sb.append(" · ").append(data.maskedHeads()).append(" head(s) off");
    }
    if (maps != null && maps.words()) {
      sb.append(" · words");
    }
    return sb.toString();
  }

  void drawHead() {
    if (maps == null) {
      headCanvas.show(null, null, "head-view");
      return;
    }
    String title = settingsLine() + " · weights ≥ " + String.format("%.2f", threshold.getValue())
        + (filterChoice.getValue() == SentenceFilter.ALL ? "" : " · " + filterChoice.getValue());
    HeadViewDrawing d = new HeadViewDrawing(maps, shownHeads.clone(), threshold.getValue(),
        filterChoice.getValue(), hoverSide, hoverIndex, title, headCanvas.getHeight());
    AttentionData.Maps m = maps;
    boolean[] shown = shownHeads.clone();
    double min = threshold.getValue();
    headCanvas.show(d, () -> headTable(m, shown, min), "attention-head-view-layer" + layer);
  }

  void drawModel() {
    if (data == null) {
      modelCanvas.show(null, null, "model-view");
      return;
    }
    boolean words = wordsCheck.isSelected();
    if (thumbsOf != data || thumbsWords != words) {
      requestThumbnails(data, words);
    }
    String title = "Every layer x head (" + data.layers() + " x " + data.heads() + "): click to open"
        + (maskMode.isSelected() ? " — mask mode: click switches a head off/on" : ", Ctrl+click to switch off")
        + (data.causal() ? " · left-to-right" : "");
    BufferedImage[][] shown = thumbsOf == data && thumbsWords == words ? thumbs
        : new BufferedImage[data.layers()][data.heads()];
    ModelViewDrawing d = new ModelViewDrawing(shown, copy(headMask), layer, focusHead, title,
        modelCanvas.getWidth(), modelCanvas.getHeight());
    AttentionData dd = data;
    modelCanvas.show(d, () -> allHeadsTable(dd, words), () -> AttentionJson.allHeads(dd, words),
        "attention-model-view");
  }

  private AttentionData thumbsRequested;
  private boolean thumbsRequestedWords;

  /** The model view's thumbnails are made off the FX thread, once per input; until then, empty cells. */
  private void requestThumbnails(AttentionData d, boolean words) {
    if (thumbsRequested == d && thumbsRequestedWords == words && thumbsWork.isRunning()) {
      return;
    }
    thumbsRequested = d;
    thumbsRequestedWords = words;
    thumbsWork.submit(p -> ModelViewDrawing.thumbnails(words ? d.words().merge(d.attentions()) : d.attentions()),
        images -> {
          thumbs = images;
          thumbsOf = d;
          thumbsWords = words;
          if (views.getSelectionModel().getSelectedItem() == modelTab) {
            drawModel();
          }
        }, this::error);
  }

  void drawMatrix() {
    if (maps == null) {
      matrixCanvas.show(null, null, "matrix");
      return;
    }
    float[][] map = maps.mapOf(focusHead);
    int headId = maps.aggregation().combined() ? -1 : focusHead;
    Color color = headId < 0 ? new Color(0x283593) : HeadColors.of(headId);
    BufferedImage reuse = lastMatrix != null && lastMatrix.map() == map && lastLog == logCheck.isSelected()
        ? lastMatrix.image() : null;
    String title = settingsLine() + (headId >= 0 ? " · head " + headId : "")
        + (logCheck.isSelected() ? " · log scale" : "");
    MatrixDrawing d = new MatrixDrawing(maps.labels(), map, logCheck.isSelected(), color, title, matrixRow,
        matrixColumn, reuse);
    lastMatrix = d;
    lastLog = logCheck.isSelected();
    List<String> labels = maps.labels();
    AttentionData.Maps m = maps;
    matrixCanvas.show(d, () -> matrixTable(labels, map), () -> AttentionJson.matrix(m, headId, map),
        "attention-matrix-layer" + layer + "-head" + headId);
  }

  private boolean lastLog;

  void drawNeuron() {
    if (data == null) {
      neuronCanvas.show(null, null, "neuron");
      return;
    }
    AttentionCapture c = data.capture();
    if (c == null) {
      neuronCanvas.show(null, null, "neuron");
      requestCapture();
      return;
    }
    NeuronView nv = NeuronView.of(c, layer, focusHead, Math.min(query, c.length() - 1));
    NeuronDrawing d = new NeuronDrawing(nv, c.tokens(), neuronCanvas.getHeight());
    neuronCanvas.show(d, () -> neuronTable(nv, c.tokens()), () -> AttentionJson.neuron(nv, c.tokens()),
        "attention-neuron-layer" + layer + "-head" + focusHead);
  }

  void showStatistics() {
    if (stats == null) {
      statsCanvas.show(null, null, "head-statistics");
      statsTable.getItems().clear();
      return;
    }
    statsSourceLabel.setText("Statistics of " + statsSource);
    List<LayerHeadHeatmaps.Panel> panels = new ArrayList<>();
    for (HeadStatistics.Metric m : HeadStatistics.Metric.values()) {
      panels.add(new LayerHeadHeatmaps.Panel(m.label(), stats.of(m)));
    }
    HeadStatistics s = stats;
    String source = statsSource;
    statsCanvas.show(new LayerHeadHeatmaps("Per head, mean over attending tokens: " + statsSource, panels,
        null, new Color(0x6a1b9a), 0), () -> statsTable(s), () -> AttentionJson.statistics(s, source),
        "head-statistics");
    List<HeadStatistics.Row> rows = stats.rows();
    if (statsTable.getItems().size() != rows.size() || !statsTable.getItems().equals(rows)) {
      statsTable.getItems().setAll(rows);
      statsTable.sort();
    }
  }

  void drawMasking() {
    if (data == null) {
      maskGridCanvas.show(null, null, "head-masking");
      fillCompareCanvas.show(null, null, "fill-mask-masked");
      return;
    }
    HeadRanking.Outcome ranked = ranking.outcome();
    HeadImportance r = ranked == null || ranked.importance().scores().length != data.layers()
        || ranked.importance().scores()[0].length != data.heads() ? null : ranked.importance();
    double[][] scores = r != null ? r.scores() : new double[data.layers()][data.heads()];
    String title = r != null
        ? "Head importance · " + HeadRanking.describe(r.measure()) + " · " + ranked.over()
        : "Click a head to switch it off / on (" + maskedCount() + " off)";
    boolean[][] off = copy(headMask);
    maskGridCanvas.show(new LayerHeadHeatmaps(title,
        List.of(new LayerHeadHeatmaps.Panel(r != null ? "mean change with that head alone off · click: off/on"
            : "heads", scores)),
        off, new Color(0xe65100), 1), () -> maskTable(scores),
        r == null ? null : () -> AttentionJson.ranking(r, ranked.source(), ranked.over(), off), "head-masking");
    List<FillMask.MaskPredictions> before = analysis == null ? List.of() : analysis.masks();
    String afterTitle = maskedCount() == 0 && !causalCheck.isSelected() ? "Same (no head off)"
        : (maskedCount() > 0 ? maskedCount() + " head(s) off" : "All heads")
            + (causalCheck.isSelected() ? ", left-to-right" : "");
    String note = before.isEmpty() ? "No [MASK] in the text: type [MASK] to compare predictions."
        : fillMaskWork.isRunning() ? "Recomputing…" : "Top " + TOP_K + " at each [MASK]; ★ = not in the left list";
    FillMaskComparison fc = new FillMaskComparison(before, afterMasks, afterTitle, note);
    List<FillMask.MaskPredictions> after = afterMasks;
    fillCompareCanvas.show(fc, () -> compareTable(before, after), "fill-mask-masked");
  }

  // ---------------------------------------------------------------- mouse

  private void wireMouse() {
    headCanvas.setOnMouseMoved(e -> hoverHead(e.getX(), e.getY() + headCanvas.scrollOffset()));
    headCanvas.setOnMouseExited(e -> {
      if (hoverSide >= 0) {
        hoverSide = -1;
        hoverIndex = -1;
        drawHead();
      }
    });
    headCanvas.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && headCanvas.drawing() instanceof HeadViewDrawing d) {
        int[] at = d.tokenAt(e.getX(), e.getY() + headCanvas.scrollOffset());
        if (at != null) {
          query = pieceOf(at[1]);
        }
      }
    });
    modelCanvas.setOnMouseClicked(this::clickModel);
    matrixCanvas.setOnMouseMoved(e -> {
      if (matrixCanvas.drawing() instanceof MatrixDrawing d) {
        int[] at = d.cellAt(e.getX(), e.getY() + matrixCanvas.scrollOffset());
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
        int j = d.tokenAt(e.getY() + neuronCanvas.scrollOffset());
        if (j >= 0) {
          query = j;
          drawNeuron();
        }
      }
    });
    maskGridCanvas.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && maskGridCanvas.drawing() instanceof LayerHeadHeatmaps d) {
        LayerHeadHeatmaps.Cell c = d.cellAt(e.getX(), e.getY() + maskGridCanvas.scrollOffset());
        if (c != null) {
          toggleMask(c.layer(), c.head());
        }
      }
    });
    statsCanvas.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2
          && statsCanvas.drawing() instanceof LayerHeadHeatmaps d) {
        LayerHeadHeatmaps.Cell c = d.cellAt(e.getX(), e.getY() + statsCanvas.scrollOffset());
        if (c != null) {
          openHead(c.layer(), c.head());
        }
      }
    });
  }

  private void clickModel(MouseEvent e) {
    if (e.getButton() != MouseButton.PRIMARY || !(modelCanvas.drawing() instanceof ModelViewDrawing d)) {
      return;
    }
    ModelViewDrawing.Cell c = d.cellAt(e.getX(), e.getY() + modelCanvas.scrollOffset());
    if (c == null) {
      return;
    }
    if (maskMode.isSelected() || e.isShortcutDown() || e.isControlDown() || e.isShiftDown()) {
      toggleMask(c.layer(), c.head());
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

  private void hoverHead(double x, double y) {
    if (!(headCanvas.drawing() instanceof HeadViewDrawing d)) {
      return;
    }
    int[] at = d.tokenAt(x, y);
    hoverHead(at == null ? -1 : at[0], at == null ? -1 : at[1]);
  }

  /** The first piece of a label of the head view (a word when words are on). */
  private int pieceOf(int label) {
    if (maps != null && maps.words() && data != null) {
      WordGroups g = data.words();
      return label < g.size() ? g.pieces()[label][0] : 0;
    }
    return label;
  }

  // ---------------------------------------------------------------- layout

  private Node controls() {
    layerChoice.setId("layerChoice");
    layerChoice.setConverter(converter("Layer "));
    layerChoice.valueProperty().addListener((o, a, b) -> {
      if (b != null && !updatingControls && b != layer) {
        layer = b;
        refreshMaps();
      }
    });
    headChoice.setId("headChoice");
    headChoice.setConverter(converter("Head "));
    headChoice.setTooltip(new Tooltip("The head the matrix and neuron views show"));
    headChoice.valueProperty().addListener((o, a, b) -> {
      if (b != null && !updatingControls && b != focusHead) {
        focusHead = b;
        redrawCurrent();
      }
    });
    Button all = new Button("All");
    all.setOnAction(e -> setAllHeads(true));
    Button none = new Button("None");
    none.setOnAction(e -> setAllHeads(false));
    headBoxes.setId("headChecks");
    headBoxes.setAlignment(Pos.CENTER_LEFT);
    HBox row1 = new HBox(8, new Label("Layer"), layerChoice, new Label("Heads"), headBoxes, all, none,
        new Label("Open head"), headChoice);
    row1.setAlignment(Pos.CENTER_LEFT);

    aggregationChoice.setId("aggregationChoice");
    aggregationChoice.setValue(Aggregation.SINGLE_HEAD);
    aggregationChoice.valueProperty().addListener((o, a, b) -> {
      if (!updatingControls) {
        refreshMaps();
      }
    });
    filterChoice.setId("sentenceFilter");
    filterChoice.setValue(SentenceFilter.ALL);
    filterChoice.setTooltip(new Tooltip("Only attention from one sentence's tokens to another's (sentence pairs)"));
    filterChoice.valueProperty().addListener((o, a, b) -> drawHead());
    wordsCheck.setId("wordsCheck");
    wordsCheck.setTooltip(new Tooltip("Merge ## pieces into words: sum over attended pieces, mean over attending pieces"));
    wordsCheck.selectedProperty().addListener((o, a, b) -> {
      hoverSide = -1;
      hoverIndex = -1;
      matrixRow = -1;
      matrixColumn = -1;
      refreshMaps();
    });
    causalCheck.setId("causalCheck");
    causalCheck.setTooltip(new Tooltip("Each token may see only itself and the tokens before it, as in GPT"));
    causalCheck.selectedProperty().addListener((o, a, b) -> optionsChanged());
    logCheck.setId("logCheck");
    logCheck.selectedProperty().addListener((o, a, b) -> drawMatrix());
    maskMode.setId("maskMode");
    maskMode.setTooltip(new Tooltip("In the model view, a click switches a head off or on (Ctrl+click always does)"));
    maskMode.selectedProperty().addListener((o, a, b) -> drawModel());
    threshold.setId("thresholdSlider");
    threshold.setPrefWidth(140);
    threshold.setTooltip(new Tooltip("Level of detail: the head view draws only weights at least this large"));
    thresholdLabel.setMinWidth(40);
    threshold.valueProperty().addListener((o, a, b) -> {
      thresholdLabel.setText(String.format("%.2f", b.doubleValue()));
      drawHead();
    });
    thresholdLabel.setText(String.format("%.2f", threshold.getValue()));
    FlowPane row2 = new FlowPane(10, 6, new Label("Show"), aggregationChoice, new Label("Sentences"), filterChoice,
        wordsCheck, causalCheck, new Label("Threshold"), threshold, thresholdLabel, logCheck, maskMode);
    row2.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(6, row1, row2);
    box.setPadding(new Insets(8));
    return box;
  }

  private void setAllHeads(boolean on) {
    updatingControls = true;
    for (int k = 0; k < headChecks.size(); k++) {
      headChecks.get(k).setSelected(on);
      shownHeads[k] = on;
    }
    updatingControls = false;
    redrawCurrent();
  }

  private Node statisticsView() {
    Button corpus = new Button("Corpus file…");
    corpus.setId("corpusButton");
    corpus.setOnAction(e -> chooseCorpusFile());
    Button input = new Button("This input");
    input.setId("inputStatsButton");
    input.setOnAction(e -> inputStatistics());
    statsSourceLabel.setId("statsSource");
    HBox bar = new HBox(8, corpus, input, statsSourceLabel);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(6));
    statsCanvas.setId("statsCanvas");
    statsTable.setId("statsTable");
    statsTable.getColumns().add(intColumn("Layer", HeadStatistics.Row::layer, "layer"));
    statsTable.getColumns().add(intColumn("Head", HeadStatistics.Row::head, "head"));
    for (HeadStatistics.Metric m : HeadStatistics.Metric.values()) {
      statsTable.getColumns().add(metricColumn(m));
    }
    statsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    SplitPane split = new SplitPane(statsCanvas, statsTable);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.6);
    BorderPane pane = new BorderPane(split);
    pane.setTop(bar);
    return pane;
  }

  private Node maskingView() {
    Button clear = new Button("Switch every head on");
    clear.setId("clearMasks");
    clear.setOnAction(e -> clearMasks());
    HBox bar = new HBox(8, clear, ranking.bar());
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(6));
    maskGridCanvas.setId("maskGridCanvas");
    fillCompareCanvas.setId("fillCompareCanvas");
    TableView<HeadRanking.Row> rankTable = ranking.table();
    rankTable.setPrefHeight(170);
    VBox left = new VBox(4, maskGridCanvas, new Label("Ranking (click a column to sort)"), rankTable);
    VBox.setVgrow(maskGridCanvas, Priority.ALWAYS);
    SplitPane split = new SplitPane(left, fillCompareCanvas);
    split.setDividerPositions(0.45);
    BorderPane pane = new BorderPane(split);
    pane.setTop(bar);
    return pane;
  }

  private Node statusBar() {
    status.setId("attentionStatus");
    progress.setId("attentionProgress");
    progress.progressProperty().bind(longWork.progressProperty());
    progress.visibleProperty().bind(longWork.runningProperty());
    cancel.setId("attentionCancel");
    cancel.visibleProperty().bind(longWork.runningProperty());
    cancel.setOnAction(e -> longWork.cancel());
    Label longMessage = new Label();
    longMessage.textProperty().bind(longWork.messageProperty());
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

  static StringConverter<Integer> converter(String prefix) {
    return new StringConverter<>() {
      @Override
      public String toString(Integer v) {
        return v == null ? "" : prefix + v;
      }

      @Override
      public Integer fromString(String s) {
        return Integer.valueOf(s.replace(prefix, "").trim());
      }
    };
  }

  /** A sortable table column of whole numbers, id {@code col-ID}. */
  static <R> TableColumn<R, Integer> intColumn(String name, Function<R, Integer> value, String id) {
    TableColumn<R, Integer> c = new TableColumn<>(name);
    c.setId("col-" + id);
    c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    return c;
  }

  /** A sortable table column of numbers shown with {@code format}, id {@code col-ID}. */
  static <R> TableColumn<R, Double> numberColumn(String name, Function<R, Double> value, String id, String format) {
    TableColumn<R, Double> c = new TableColumn<>(name);
    c.setId("col-" + id);
    c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    c.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(Double v, boolean empty) {
        super.updateItem(v, empty);
        setText(empty || v == null ? null : String.format(format, v));
      }
    });
    return c;
  }

  private static TableColumn<HeadStatistics.Row, Double> metricColumn(HeadStatistics.Metric m) {
    return numberColumn(m.label(), r -> r.value(m), m.key(), "%.3f");
  }

  private static boolean[][] copy(boolean[][] a) {
    boolean[][] out = new boolean[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  // ---------------------------------------------------------------- numbers for CSV

  static Table headTable(AttentionData.Maps m, boolean[] shown, double min) {
    List<List<Object>> rows = new ArrayList<>();
    for (int k = 0; k < m.maps().length; k++) {
      int head = m.headIds()[k];
      if (head >= 0 && (head >= shown.length || !shown[head])) {
        continue;
      }
      for (int i = 0; i < m.length(); i++) {
        for (int j = 0; j < m.length(); j++) {
          float w = m.maps()[k][i][j];
          if (w >= min && w > 0) {
            rows.add(List.of(m.layer(), head < 0 ? m.aggregation().name().toLowerCase() : head, i,
                m.labels().get(i), j, m.labels().get(j), w));
          }
        }
      }
    }
    return new Table(List.of("layer", "head", "from", "from_token", "to", "to_token", "weight"), rows);
  }

  static Table allHeadsTable(AttentionData d, boolean words) {
    float[][][][] attn = words ? d.words().merge(d.attentions()) : d.attentions();
    List<String> labels = words ? d.words().words() : d.tokens();
    List<List<Object>> rows = new ArrayList<>();
    for (int l = 0; l < attn.length; l++) {
      for (int h = 0; h < attn[l].length; h++) {
        for (int i = 0; i < labels.size(); i++) {
          for (int j = 0; j < labels.size(); j++) {
            rows.add(List.of(l, h, i, labels.get(i), j, labels.get(j), attn[l][h][i][j]));
          }
        }
      }
    }
    return new Table(List.of("layer", "head", "from", "from_token", "to", "to_token", "weight"), rows);
  }

  static Table matrixTable(List<String> labels, float[][] map) {
    List<String> header = new ArrayList<>();
    header.add("from \\ to");
    header.addAll(labels);
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < map.length; i++) {
      List<Object> row = new ArrayList<>();
      row.add(labels.get(i));
      for (float v : map[i]) {
        row.add(v);
      }
      rows.add(row);
    }
    return new Table(header, rows);
  }

  static Table neuronTable(NeuronView nv, List<String> tokens) {
    List<String> header = new ArrayList<>(List.of("key", "token", "score", "softmax", "weight"));
    int d = nv.queryVector().length;
    for (int k = 0; k < d; k++) {
      header.add("k" + k);
    }
    for (int k = 0; k < d; k++) {
      header.add("qk" + k);
    }
    List<List<Object>> rows = new ArrayList<>();
    List<Object> q = new ArrayList<>(List.of("query", tokens.get(nv.query()), "", "", ""));
    for (float v : nv.queryVector()) {
      q.add(v);
    }
    while (q.size() < header.size()) {
      q.add("");
    }
    rows.add(q);
    for (int j = 0; j < tokens.size(); j++) {
      List<Object> row = new ArrayList<>(List.of(j, tokens.get(j), nv.scores()[j], nv.softmax()[j], nv.attention()[j]));
      for (float v : nv.keyVectors()[j]) {
        row.add(v);
      }
      for (float v : nv.products()[j]) {
        row.add(v);
      }
      rows.add(row);
    }
    return new Table(header, rows);
  }

  static Table statsTable(HeadStatistics s) {
    List<String> header = new ArrayList<>(List.of("layer", "head"));
    for (HeadStatistics.Metric m : HeadStatistics.Metric.values()) {
      header.add(m.key());
    }
    List<List<Object>> rows = new ArrayList<>();
    for (HeadStatistics.Row r : s.rows()) {
      List<Object> row = new ArrayList<>(List.of(r.layer(), r.head()));
      for (HeadStatistics.Metric m : HeadStatistics.Metric.values()) {
        row.add(r.value(m));
      }
      rows.add(row);
    }
    return new Table(header, rows);
  }

  private Table maskTable(double[][] scores) {
    List<List<Object>> rows = new ArrayList<>();
    for (int l = 0; l < scores.length; l++) {
      for (int h = 0; h < scores[l].length; h++) {
        rows.add(List.of(l, h, headMask[l][h] ? "off" : "on", scores[l][h]));
      }
    }
    return new Table(List.of("layer", "head", "state", "importance"), rows);
  }

  static Table compareTable(List<FillMask.MaskPredictions> before, List<FillMask.MaskPredictions> after) {
    List<List<Object>> rows = new ArrayList<>();
    for (int m = 0; m < before.size(); m++) {
      var b = before.get(m).predictions();
      var a = m < after.size() ? after.get(m).predictions() : List.<FillMask.Prediction>of();
      for (int r = 0; r < Math.max(b.size(), a.size()); r++) {
        rows.add(List.of(before.get(m).position(), r + 1,
            r < b.size() ? b.get(r).token() : "", r < b.size() ? b.get(r).score() : "",
            r < a.size() ? a.get(r).token() : "", r < a.size() ? a.get(r).score() : ""));
      }
    }
    return new Table(List.of("position", "rank", "all_heads_token", "all_heads_p", "masked_token", "masked_p"), rows);
  }

  // ---------------------------------------------------------------- for tests and benchmarks

  AttentionData data() {
    return data;
  }

  AttentionData.Maps maps() {
    return maps;
  }

  int layer() {
    return layer;
  }

  int focusHead() {
    return focusHead;
  }

  boolean[] shownHeads() {
    return shownHeads.clone();
  }

  boolean masked(int l, int h) {
    return headMask[l][h];
  }

  List<FillMask.MaskPredictions> afterMasks() {
    return afterMasks;
  }

  HeadStatistics statistics() {
    return stats;
  }

  HeadImportance ranking() {
    return ranking.outcome() == null ? null : ranking.outcome().importance();
  }

  TableView<HeadRanking.Row> rankTable() {
    return ranking.table();
  }

  /** True while any background work of this view runs. */
  boolean busy() {
    return captureWork.isRunning() || deriveWork.isRunning() || statsWork.isRunning()
        || fillMaskWork.isRunning() || longWork.isRunning() || thumbsWork.isRunning() || comparison.busy();
  }

  void select(String viewTitle) {
    views.getTabs().stream().filter(t -> t.getText().equals(viewTitle)).findFirst()
        .ifPresent(t -> views.getSelectionModel().select(t));
  }

  ModelComparison comparison() {
    return comparison;
  }

  DrawingCanvas headCanvas() {
    return headCanvas;
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
    return statsCanvas;
  }

  DrawingCanvas maskGridCanvas() {
    return maskGridCanvas;
  }

  DrawingCanvas fillCompareCanvas() {
    return fillCompareCanvas;
  }

  TableView<HeadStatistics.Row> statsTable() {
    return statsTable;
  }

  CheckBox wordsCheck() {
    return wordsCheck;
  }

  CheckBox causalCheck() {
    return causalCheck;
  }

  ComboBox<Aggregation> aggregationChoice() {
    return aggregationChoice;
  }

  ComboBox<SentenceFilter> filterChoice() {
    return filterChoice;
  }

  Slider thresholdSlider() {
    return threshold;
  }
}
