package org.bertworkbench.gui.pretrain;

import java.awt.BasicStroke;
import java.awt.Font;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.bertworkbench.gui.draw.ChartZoom;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.pretrain.PretrainRun;
import org.bertworkbench.core.pretrain.SampledBatch;
import org.bertworkbench.core.pretrain.StepReport;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/**
 * The Pretraining tab: set up a run, watch it live (six charts that keep every point, the current
 * batch token by token, the masking counters), pause, resume, stop; and the checkpoint timeline.
 * A {@link Timeline} every 200 ms pulls the run's news from the view model in one batch; the
 * training thread never touches the scene.
 */
public final class PretrainPane implements WorkbenchPane {

  private static final Texts T = Texts.of(PretrainPane.class);

  static final Duration TICK = Duration.millis(200);
  private static final java.awt.Color[] COLOURS = {new java.awt.Color(0x1565c0), new java.awt.Color(0xef6c00),
      new java.awt.Color(0x2e7d32), new java.awt.Color(0x6a1b9a), new java.awt.Color(0x00838f),
      new java.awt.Color(0xad1457)};
  private static final java.awt.Color OVERLAY = new java.awt.Color(0xb0b0b0);

  private final PretrainViewModel vm;
  private final CheckpointTimeline timeline = new CheckpointTimeline();
  private final BorderPane root = new BorderPane();
  private final DrawingCanvas batchCanvas = new DrawingCanvas();
  private final DrawingCanvas probeCanvas = new DrawingCanvas();
  private final List<ChartViewer> viewers = new ArrayList<>();
  private final List<XYPlot> plots = new ArrayList<>();
  private final CheckBox logScale = new CheckBox(T.get("PretrainPane.logScale"));
  private final Timeline poller;
  private final TabPane lower = new TabPane();
  private final Slider slider = new Slider(0, 0, 0);
  private final Label stepOfCheckpoint = new Label(T.get("PretrainPane.noCheckpoint"));
  private final ComboBox<Integer> layerBox = new ComboBox<>();
  private final ComboBox<Integer> headBox = new ComboBox<>();
  private StepReport drawn;

  /** The tab of the workbench window; "continue" and "reuse vocabulary" use the window's model. */
  public PretrainPane(WorkbenchViewModel window) {
    this(() -> window.modelProperty().get());
  }

  public PretrainPane(Supplier<LoadedBert> loadedModel) {
    vm = new PretrainViewModel(loadedModel);
    root.setId("pretrainPane");
    root.setTop(controls());
    Node live = live();
    SplitPane main = new SplitPane(setup(), live);
    main.setDividerPositions(0.22);
    SplitPane.setResizableWithParent(main.getItems().get(0), false);
    root.setCenter(main);
    batchCanvas.setId("batchCanvas");
    probeCanvas.setId("probeCanvas");
    batchCanvas.show(new BatchDrawing(null, null), () -> new BatchDrawing(null, null).table(), "batch");
    probeCanvas.show(new ProbeDrawing(null, 0, 0), () -> new ProbeDrawing(null, 0, 0).table(), "checkpoint-probe");
    poller = new Timeline(new KeyFrame(TICK, e -> tick()));
    poller.setCycleCount(Timeline.INDEFINITE);
    poller.play();
    vm.runDirProperty().addListener((o, was, now) -> timeline.refresh(now));
    timeline.resultProperty().addListener((o, was, now) -> {
      if (now != null) {
        fillSelectors(now);
      }
      redrawProbe();
    });
  }

  @Override
  public String title() {
    return T.get("PretrainPane.title");
  }

  @Override
  public Node node() {
    return root;
  }

  @Override
  public void show(WorkbenchViewModel.Analysis analysis) {
    // The pretraining tab does not depend on the typed text.
  }

  public PretrainViewModel viewModel() {
    return vm;
  }

  public CheckpointTimeline timeline() {
    return timeline;
  }

  /** The charts, in the order of {@link MetricSeries.Metric}. */
  public List<ChartViewer> chartViewers() {
    return List.copyOf(viewers);
  }

  public boolean logScale() {
    return logScale.isSelected();
  }

  /**
   * Draws a batch the sampler drew without training (a lesson's check): the masking and the pairs,
   * with no guesses. The next step of a running training replaces it.
   */
  public void showSampledBatch(SampledBatch sampled) {
    BatchDrawing d = new BatchDrawing(sampled.view(), sampled.counters());
    batchCanvas.show(d, d::table, "batch-sampled");
  }

  /** The tick of the live view: everything the run did since the last tick, in one batch. */
  private void tick() {
    PretrainViewModel.Tick t = vm.poll();
    StepReport latest = vm.latestProperty().get();
    if (latest != null && latest != drawn) {
      drawn = latest;
      BatchDrawing d = new BatchDrawing(latest.batch(), latest.counters());
      batchCanvas.show(d, d::table, "batch-step-" + latest.batch().step());
    }
    Path dir = vm.runDirProperty().get();
    if (dir != null && (t.finished() || vm.lastCheckpointProperty().get() != null
        && !timeline.checkpoints().contains(vm.lastCheckpointProperty().get())
        && dir.equals(timeline.runProperty().get()))) {
      timeline.refresh(dir);
    }
  }

  private Node controls() {
    Button start = new Button(T.get("PretrainPane.start"));
    start.setId("startButton");
    start.setDefaultButton(false);
    start.setOnAction(e -> vm.start(false));
    Button resumeRun = new Button(T.get("PretrainPane.resumeRun"));
    resumeRun.setId("resumeRunButton");
    resumeRun.setTooltip(new Tooltip(T.get("PretrainPane.resumeRunTip")));
    resumeRun.setOnAction(e -> vm.start(true));
    Button pause = new Button(T.get("PretrainPane.pause"));
    pause.setId("pauseButton");
    pause.setOnAction(e -> {
      if (vm.pausedProperty().get()) {
        vm.resume();
      } else {
        vm.pause();
      }
    });
    vm.pausedProperty().addListener((o, was, now) ->
        pause.setText(T.get(now ? "PretrainPane.resume" : "PretrainPane.pause")));
    Button stop = new Button(T.get("PretrainPane.stop"));
    stop.setId("stopButton");
    stop.setOnAction(e -> vm.stop());
    start.disableProperty().bind(vm.runningProperty());
    resumeRun.disableProperty().bind(vm.runningProperty());
    pause.disableProperty().bind(vm.runningProperty().not());
    stop.disableProperty().bind(vm.runningProperty().not());
    vm.offerResumeProperty().addListener((o, was, now) -> resumeRun.setStyle(now ? "-fx-font-weight: bold;" : ""));
    Label status = new Label();
    status.setId("pretrainStatus");
    status.textProperty().bind(vm.statusProperty());
    Label error = new Label();
    error.setId("pretrainError");
    error.setWrapText(true);
    error.setStyle("-fx-text-fill: #c62828;");
    error.textProperty().bind(vm.errorProperty());
    HBox buttons = new HBox(8, start, resumeRun, pause, stop, new Separator(Orientation.VERTICAL), status);
    buttons.setAlignment(Pos.CENTER_LEFT);
    VBox top = new VBox(4, buttons, error);
    top.setPadding(new Insets(6, 8, 4, 8));
    error.managedProperty().bind(vm.errorProperty().isNotEmpty());
    error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
    return top;
  }

  private Node setup() {
    GridPane grid = new GridPane();
    grid.setHgap(6);
    grid.setVgap(6);
    grid.setPadding(new Insets(8));
    ColumnConstraints names = new ColumnConstraints();
    names.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    ColumnConstraints fields = new ColumnConstraints();
    fields.setHgrow(Priority.ALWAYS);
    fields.setFillWidth(true);
    grid.getColumnConstraints().addAll(names, fields);
    int row = 0;
    Label heading = new Label(T.get("PretrainPane.setup"));
    heading.setStyle("-fx-font-weight: bold;");
    grid.add(heading, 0, row++, 2, 1);

    TextField corpus = field("corpusField", vm.corpusProperty(), T.get("PretrainPane.corpusPrompt"));
    Button file = new Button(T.get("PretrainPane.file"));
    file.setId("browseCorpus");
    file.setOnAction(e -> {
      FileChooser c = new FileChooser();
      c.setTitle(T.get("PretrainPane.corpusChooser"));
      File f = c.showOpenDialog(root.getScene().getWindow());
      if (f != null) {
        vm.corpusProperty().set(f.getPath());
      }
    });
    Button folder = new Button(T.get("PretrainPane.folder"));
    folder.setOnAction(e -> {
      File f = directoryChooser(T.get("PretrainPane.corpusFolderChooser")).showDialog(root.getScene().getWindow());
      if (f != null) {
        vm.corpusProperty().set(f.getPath());
      }
    });
    // A path wants the whole width (its hint was cut to "a .txt file or a fol" beside the label in F5).
    grid.add(new Label(T.get("PretrainPane.corpus")), 0, row);
    grid.add(new FlowPane(6, 6, file, folder), 1, row++);
    grid.add(corpus, 0, row++, 2, 1);
    Label preview = new Label();
    preview.setId("corpusPreview");
    preview.setWrapText(true);
    preview.setMaxWidth(Double.MAX_VALUE);
    preview.textProperty().bind(vm.corpusPreviewProperty());
    vm.corpusOkProperty().addListener((o, was, now) -> preview.setStyle(now ? "-fx-text-fill: #2e7d32;" : ""));
    vm.corpusFailedProperty().addListener((o, was, now) -> {
      if (now) {
        preview.setStyle("-fx-text-fill: #c62828;");
      }
    });
    grid.add(preview, 0, row++, 2, 1);

    ComboBox<String> preset = new ComboBox<>();
    preset.setId("presetBox");
    preset.getItems().setAll(PretrainViewModel.PRESETS);
    preset.valueProperty().bindBidirectional(vm.presetProperty());
    preset.setMaxWidth(Double.MAX_VALUE);
    // The presets are names (tiny, mini, …); the loaded model's choice is shown in the window's language.
    preset.setConverter(new javafx.util.StringConverter<>() {
      @Override
      public String toString(String value) {
        return PretrainViewModel.FROM_LOADED.equals(value) ? T.get("PretrainPane.presetLoaded") : value;
      }

      @Override
      public String fromString(String text) {
        return T.get("PretrainPane.presetLoaded").equals(text) ? PretrainViewModel.FROM_LOADED : text;
      }
    });
    preset.setTooltip(new Tooltip(T.get("PretrainPane.presetTip")));
    grid.add(new Label(T.get("PretrainPane.model")), 0, row);
    grid.add(preset, 1, row++);
    CheckBox reuse = new CheckBox(T.get("PretrainPane.reuseVocabulary"));
    reuse.setId("modelVocabulary");
    reuse.selectedProperty().bindBidirectional(vm.modelVocabularyProperty());
    reuse.disableProperty().bind(vm.presetProperty().isEqualTo(PretrainViewModel.FROM_LOADED));
    reuse.setWrapText(true);
    grid.add(reuse, 0, row++, 2, 1);
    TextField vocab = field("vocabSizeField", vm.vocabSizeProperty(), T.get("PretrainPane.vocabSizePrompt"));
    vocab.disableProperty().bind(vm.modelVocabularyProperty()
        .or(vm.presetProperty().isEqualTo(PretrainViewModel.FROM_LOADED)));
    row = add(grid, row, T.get("PretrainPane.vocabSize"), vocab);
    row = add(grid, row, T.get("PretrainPane.steps"), field("stepsField", vm.stepsProperty(), ""));
    row = add(grid, row, T.get("PretrainPane.batchSize"), field("batchSizeField", vm.batchSizeProperty(),
        T.get("PretrainPane.batchSizePrompt")));
    row = add(grid, row, T.get("PretrainPane.maxLength"), field("maxLengthField", vm.maxLengthProperty(), "128"));
    row = add(grid, row, T.get("PretrainPane.learningRate"), field("learningRateField", vm.learningRateProperty(),
        "1e-4"));
    row = add(grid, row, T.get("PretrainPane.warmup"), field("warmupField", vm.warmupProperty(),
        T.get("PretrainPane.warmupPrompt")));
    row = add(grid, row, T.get("PretrainPane.seed"), field("seedField", vm.seedProperty(), ""));
    row = add(grid, row, T.get("PretrainPane.checkpointEvery"), field("checkpointEveryField",
        vm.checkpointEveryProperty(), T.get("PretrainPane.checkpointEveryPrompt")));
    TextField out = field("outField", vm.outProperty(), T.get("PretrainPane.outPrompt"));
    Button outBrowse = new Button(T.get("PretrainPane.folder"));
    outBrowse.setOnAction(e -> {
      File f = directoryChooser(T.get("PretrainPane.outChooser")).showDialog(root.getScene().getWindow());
      if (f != null) {
        vm.outProperty().set(f.getPath());
      }
    });
    grid.add(new Label(T.get("PretrainPane.out")), 0, row);
    grid.add(outBrowse, 1, row++);
    grid.add(out, 0, row++, 2, 1);
    Label note = new Label(T.get("PretrainPane.recipe"));
    note.setWrapText(true);
    note.setStyle("-fx-text-fill: #616161; -fx-font-size: 0.9em;");
    grid.add(note, 0, row++, 2, 1);
    grid.setMinWidth(250);
    ScrollPane scroll = new ScrollPane(grid);
    scroll.setFitToWidth(true);
    // In em, so that the setup column widens with the zoom's type (fixed pixels cut its labels in large type).
    scroll.setStyle("-fx-min-width: 22em; -fx-pref-width: 25em;");
    return scroll;
  }

  private static DirectoryChooser directoryChooser(String title) {
    DirectoryChooser c = new DirectoryChooser();
    c.setTitle(title);
    return c;
  }

  private static int add(GridPane grid, int row, String name, TextField field) {
    grid.add(new Label(name), 0, row);
    grid.add(field, 1, row);
    return row + 1;
  }

  private static TextField field(String id, StringProperty p, String prompt) {
    TextField f = new TextField();
    f.setId(id);
    f.textProperty().bindBidirectional(p);
    f.setPromptText(prompt);
    f.setTooltip(new Tooltip(prompt)); // the hint, whole, when the field is too narrow to show it
    f.setPrefColumnCount(8);
    f.setMaxWidth(Double.MAX_VALUE);
    return f;
  }

  private Node live() {
    GridPane charts = new GridPane();
    charts.setHgap(4);
    charts.setVgap(4);
    for (MetricSeries.Metric m : MetricSeries.Metric.values()) {
      ChartViewer viewer = new ChartViewer(chart(m));
      ChartZoom.follow(viewer);
      viewer.setId("chart-" + m.key);
      // In em: in large type (F5) the charts keep a readable height and the grid scrolls, rather
      // than six charts squeezed to strips of axis labels.
      viewer.setStyle("-fx-min-width: 60px; -fx-min-height: 9em;");
      viewer.setPrefSize(300, 170);
      GridPane.setHgrow(viewer, Priority.ALWAYS);
      GridPane.setVgrow(viewer, Priority.ALWAYS);
      charts.add(viewer, m.ordinal() % 3, m.ordinal() / 3);
      viewers.add(viewer);
    }
    charts.setMinWidth(0); // not its height: the charts keep theirs and the grid scrolls
    for (int c = 0; c < 3; c++) {
      ColumnConstraints cc = new ColumnConstraints();
      cc.setPercentWidth(100 / 3.0);
      cc.setMinWidth(0);
      charts.getColumnConstraints().add(cc);
    }
    logScale.setId("logScale");
    logScale.selectedProperty().addListener((o, was, now) -> setLogScale(now));
    Button overlay = new Button(T.get("PretrainPane.overlay"));
    overlay.setId("overlayButton");
    overlay.setOnAction(e -> {
      File f = directoryChooser(T.get("PretrainPane.overlayChooser")).showDialog(root.getScene().getWindow());
      if (f != null) {
        vm.overlay(f.toPath());
      }
    });
    Button clear = new Button(T.get("PretrainPane.clearOverlays"));
    clear.setOnAction(e -> vm.series().clearOverlays());
    Label hint = new Label(T.get("PretrainPane.chartHint"));
    hint.setStyle("-fx-text-fill: #757575;");
    FlowPane chartBar = new FlowPane(10, 4, logScale, overlay, clear, hint);
    chartBar.setAlignment(Pos.CENTER_LEFT);
    chartBar.setMinWidth(0);
    hint.setMinWidth(0);
    // The hint wraps within the bar (beside the Lessons panel in F5 it ran under the panel's edge).
    hint.setWrapText(true);
    hint.maxWidthProperty().bind(chartBar.widthProperty().subtract(16));
    chartBar.setPadding(new Insets(2, 6, 2, 6));
    javafx.scene.control.ScrollPane chartScroll = new javafx.scene.control.ScrollPane(charts);
    chartScroll.setId("chartScroll");
    chartScroll.setFitToWidth(true);
    chartScroll.setFitToHeight(true);
    chartScroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
    chartScroll.setVbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.AS_NEEDED);
    chartScroll.setMinSize(0, 0);
    BorderPane chartBox = new BorderPane(chartScroll);
    chartBox.setMinSize(0, 0);
    lower.setMinSize(0, 0);
    chartBox.setTop(chartBar);

    Tab batchTab = new Tab(T.get("PretrainPane.batchTab"), batchCanvas);
    batchTab.setId("batchTab");
    Tab timelineTab = new Tab(T.get("PretrainPane.timelineTab"), timelinePane());
    timelineTab.setId("timelineTab");
    lower.getTabs().addAll(batchTab, timelineTab);
    lower.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    SplitPane split = new SplitPane(chartBox, lower);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.55);
    split.setMinSize(0, 0);
    return split;
  }

  /**
   * Shows the lower tab with this title in the window's language ("Current batch" or "Checkpoint
   * timeline" in English) or this id ("batchTab", "timelineTab").
   */
  public void showLowerTab(String title) {
    lower.getTabs().stream().filter(t -> t.getText().equals(title) || title.equals(t.getId())).findFirst()
        .ifPresent(t -> lower.getSelectionModel().select(t));
  }

  private JFreeChart chart(MetricSeries.Metric m) {
    NumberAxis x = new NumberAxis(T.get("PretrainPane.stepAxis"));
    x.setLabelFont(Fonts.sans(Font.PLAIN, 12));
    x.setTickLabelFont(Fonts.sans(Font.PLAIN, 10));
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    x.setAutoRangeIncludesZero(false);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false) {
      @Override
      public java.awt.Paint lookupSeriesPaint(int series) {
        return series == 0 ? COLOURS[m.ordinal()] : OVERLAY;
      }
    };
    renderer.setDefaultStroke(new BasicStroke(1.5f));
    renderer.setAutoPopulateSeriesStroke(false);
    XYPlot plot = new XYPlot(vm.series().dataset(m), x, rangeAxis(m, false), renderer);
    plot.setBackgroundPaint(java.awt.Color.WHITE);
    plot.setDomainGridlinePaint(new java.awt.Color(0xe0e0e0));
    plot.setRangeGridlinePaint(new java.awt.Color(0xe0e0e0));
    plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.REVERSE); // this run on top
    JFreeChart chart = new JFreeChart(m.title(), Fonts.sans(Font.BOLD, 13), plot, false);
    chart.setBackgroundPaint(java.awt.Color.WHITE);
    chart.setAntiAlias(true);
    plots.add(plot);
    return chart;
  }

  private static ValueAxis rangeAxis(MetricSeries.Metric m, boolean log) {
    Font tickFont = Fonts.sans(Font.PLAIN, 10);
    if (log) {
      // Zeros (accuracy at first, the learning rate's first step) have no logarithm: the axis
      // starts at a floor that suits the metric instead of 1e-100.
      return org.bertworkbench.gui.draw.ChartAxes.log(null, switch (m) {
        case MLM_ACCURACY, NSP_ACCURACY, MLM_LOSS, NSP_LOSS -> 1e-3;
        case LEARNING_RATE -> 1e-7;
        case TOKENS_PER_SECOND -> 1;
      });
    }
    NumberAxis a = new NumberAxis();
    a.setAutoRangeIncludesZero(m == MetricSeries.Metric.MLM_ACCURACY || m == MetricSeries.Metric.NSP_ACCURACY
        || m == MetricSeries.Metric.LEARNING_RATE);
    a.setTickLabelFont(tickFont);
    return a;
  }

  private void setLogScale(boolean log) {
    for (MetricSeries.Metric m : MetricSeries.Metric.values()) {
      plots.get(m.ordinal()).setRangeAxis(rangeAxis(m, log));
    }
  }

  private Node timelinePane() {
    Label run = new Label();
    run.setId("timelineRun");
    run.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> timeline.runProperty().get() == null ? T.get("PretrainPane.noRun")
            : timeline.runProperty().get().toString(),
        timeline.runProperty()));
    Button choose = new Button(T.get("PretrainPane.chooseRun"));
    choose.setId("chooseRun");
    choose.setOnAction(e -> {
      File f = directoryChooser(T.get("PretrainPane.runChooser")).showDialog(root.getScene().getWindow());
      if (f != null) {
        chooseRun(f.toPath());
      }
    });
    slider.setId("checkpointSlider");
    slider.setMajorTickUnit(1);
    slider.setMinorTickCount(0);
    slider.setSnapToTicks(true);
    slider.setShowTickMarks(true);
    slider.setBlockIncrement(1);
    slider.setDisable(true);
    HBox.setHgrow(slider, Priority.ALWAYS);
    slider.setMaxWidth(Double.MAX_VALUE);
    slider.valueProperty().addListener((o, was, now) -> {
      int i = (int) Math.round(now.doubleValue());
      if (i != timeline.indexProperty().get() && i < timeline.checkpoints().size()) {
        timeline.indexProperty().set(i);
      }
    });
    timeline.checkpoints().addListener((javafx.collections.ListChangeListener<Path>) c -> syncSlider());
    timeline.indexProperty().addListener((o, was, now) -> syncSlider());
    stepOfCheckpoint.setId("checkpointStep");
    stepOfCheckpoint.setMinWidth(120);
    TextField probe = new TextField();
    probe.setId("probeField");
    probe.textProperty().bindBidirectional(timeline.probeProperty());
    probe.setPromptText(T.get("PretrainPane.probePrompt"));
    probe.setOnAction(e -> timeline.request());
    HBox.setHgrow(probe, Priority.ALWAYS);
    Button go = new Button(T.get("PretrainPane.probe"));
    go.setId("probeButton");
    go.setOnAction(e -> timeline.request());
    layerBox.setId("layerBox");
    headBox.setId("headBox");
    layerBox.setOnAction(e -> redrawProbe());
    headBox.setOnAction(e -> redrawProbe());
    Label status = new Label();
    status.setId("timelineStatus");
    status.textProperty().bind(timeline.statusProperty());
    run.setMinWidth(0);
    HBox line1 = new HBox(8, new Label(T.get("PretrainPane.runLabel")), run, choose,
        new Separator(Orientation.VERTICAL),
        new Label(T.get("PretrainPane.checkpointLabel")), slider, stepOfCheckpoint);
    line1.setAlignment(Pos.CENTER_LEFT);
    HBox line2 = new HBox(8, new Label(T.get("PretrainPane.probeLabel")), probe, go,
        new Label(T.get("PretrainPane.layer")), layerBox, new Label(T.get("PretrainPane.head")), headBox);
    line2.setAlignment(Pos.CENTER_LEFT);
    line1.setMinWidth(0);
    line2.setMinWidth(0);
    probe.setMinWidth(120);
    VBox top = new VBox(4, line1, line2, status);
    top.setPadding(new Insets(6));
    BorderPane p = new BorderPane(probeCanvas);
    p.setTop(top);
    return p;
  }

  /** Shows the checkpoints of another run on the timeline. */
  public void chooseRun(Path dir) {
    if (!new PretrainRun(dir).exists()) {
      timeline.statusProperty().set(T.format("PretrainPane.notARun", dir, PretrainRun.RECORD));
      return;
    }
    timeline.refresh(dir);
  }

  private void syncSlider() {
    int n = timeline.checkpoints().size();
    slider.setDisable(n < 2);
    slider.setMax(Math.max(0, n - 1));
    int i = timeline.indexProperty().get();
    if (i >= 0 && i < n) {
      if ((int) Math.round(slider.getValue()) != i) {
        slider.setValue(i);
      }
      stepOfCheckpoint.setText(T.format("PretrainPane.checkpointStep",
          String.valueOf(PretrainRun.stepOf(timeline.checkpoints().get(i))), String.valueOf(i + 1), String.valueOf(n)));
    } else {
      stepOfCheckpoint.setText(T.get("PretrainPane.noCheckpoint"));
    }
  }

  private void fillSelectors(CheckpointTimeline.Probe p) {
    int layers = p.attentions().length;
    int heads = layers == 0 ? 0 : p.attentions()[0].length;
    if (layerBox.getItems().size() != layers) {
      Integer keep = layerBox.getValue();
      List<Integer> items = new ArrayList<>();
      for (int i = 0; i < layers; i++) { // counted from 0, as in the Attention tab
        items.add(i);
      }
      layerBox.getItems().setAll(items);
      layerBox.setValue(keep != null && keep < layers ? keep : layers > 0 ? 0 : null);
    }
    if (headBox.getItems().size() != heads) {
      Integer keep = headBox.getValue();
      List<Integer> items = new ArrayList<>();
      for (int i = 0; i < heads; i++) {
        items.add(i);
      }
      headBox.getItems().setAll(items);
      headBox.setValue(keep != null && keep < heads ? keep : heads > 0 ? 0 : null);
    }
  }

  private void redrawProbe() {
    CheckpointTimeline.Probe p = timeline.resultProperty().get();
    int l = layerBox.getValue() == null ? 0 : layerBox.getValue();
    int h = headBox.getValue() == null ? 0 : headBox.getValue();
    ProbeDrawing d = new ProbeDrawing(p, l, h);
    probeCanvas.show(d, d::table, p == null ? "checkpoint-probe" : "checkpoint-step-" + p.step());
  }

  /** The batch picture currently shown. */
  public BatchDrawing batchDrawing() {
    return batchCanvas.drawing() instanceof BatchDrawing b ? b : null;
  }

  public DrawingCanvas batchCanvas() {
    return batchCanvas;
  }

  public DrawingCanvas probeCanvas() {
    return probeCanvas;
  }

  /** A pretraining run is going: rebuilding the window would stop it. */
  @Override
  public boolean hasRunningJob() {
    return vm.runningProperty().get();
  }

  /** Stops the timer, the run and the timeline's model (window closing, tests). */
  @Override
  public void shutdown() {
    poller.stop();
    vm.shutdown();
    timeline.shutdown();
  }
}
