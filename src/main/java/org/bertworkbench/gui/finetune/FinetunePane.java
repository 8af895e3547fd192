package org.bertworkbench.gui.finetune;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Slider;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.Duration;
import org.bertworkbench.core.device.DeviceProbe;
import org.bertworkbench.core.finetune.FinetuneRun;
import org.bertworkbench.gui.shell.OnnxExportAction;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.export.Theme;
import org.bertworkbench.gui.export.Placeholders;
import org.bertworkbench.gui.text.Texts;
import org.jfree.chart.fx.ChartViewer;

/**
 * The Fine-tuning tab: "New fine-tuning…" opens the wizard; the runs list shows every run folder
 * with its status; the monitor draws the chosen run's training loss and dev metrics (live for the
 * run being trained, pulled by a timer every 250 ms) with progress, ETA, pause and cancel; compare
 * overlays the chosen runs; evaluation and predictions open a run's model.
 */
public final class FinetunePane implements WorkbenchPane {

  private static final Texts T = Texts.of(FinetunePane.class);
  static final Duration TICK = Duration.millis(250);
  private static final int REFRESH_TICKS = 12;

  private final RunsViewModel runs;
  private final Supplier<List<String>> windowModels;
  private final DeviceProbe probe;
  private final Consumer<String> openInWindow;
  private final BorderPane root = new BorderPane();
  private final TableView<FinetuneRun.Summary> table;
  private final TabPane tabs = new TabPane();
  private final InspectionViewModel inspection = new InspectionViewModel();
  private final EvaluationView evaluation = new EvaluationView(inspection);
  private final PredictionsView predictions = new PredictionsView(inspection);
  private final Timeline poller;
  private FinetuneWizard wizard;
  private int ticks;

  /** The tab of the workbench window: its model list, and fine-tuned models open in it. */
  public FinetunePane(WorkbenchViewModel window) {
    this(null, DeviceProbe.system(), () -> List.copyOf(window.modelChoices()), model -> {
      if (!window.modelChoices().contains(model.toString())) {
        window.modelChoices().add(model.toString());
      }
    }, window::load);
    inspection.setOnExplain(window.explainRequestProperty()::set);
  }

  /**
   * @param runsFolder where runs go (null: the folder used last time)
   * @param probe what the machine offers
   * @param windowModels the window's model list
   * @param onModel told of every fine-tuned model folder, to add it to the window's list
   * @param openInWindow opens a model folder in the window
   */
  public FinetunePane(Path runsFolder, DeviceProbe probe, Supplier<List<String>> windowModels, Consumer<Path> onModel,
      Consumer<String> openInWindow) {
    this.windowModels = windowModels;
    this.probe = probe;
    this.openInWindow = openInWindow;
    runs = new RunsViewModel(runsFolder, onModel);
    table = RunsTable.create("runsTable", runs::statusText);
    root.setId("finetunePane");
    root.setTop(topBar());
    SplitPane split = new SplitPane(runsList(), views());
    split.setDividerPositions(0.36);
    root.setCenter(split);
    poller = new Timeline(new KeyFrame(TICK, e -> tick()));
    poller.setCycleCount(Timeline.INDEFINITE);
    poller.play();
  }

  @Override
  public String title() {
    return T.get("FinetunePane.title");
  }

  @Override
  public Node node() {
    return root;
  }

  @Override
  public void show(WorkbenchViewModel.Analysis analysis) {
    // The runs do not depend on the typed text.
  }

  private void tick() {
    runs.poll();
    if (runs.runningProperty().get() && ++ticks % REFRESH_TICKS == 0) {
      runs.refresh();
    }
  }

  /** Opens the wizard (non-blocking); its "Launch" queues the runs here. */
  public FinetuneWizard openWizard() {
    WizardViewModel vm = new WizardViewModel(windowModels.get(), runs.runsFolderProperty().get(), probe);
    wizard = new FinetuneWizard(root.getScene() == null ? null : root.getScene().getWindow(), vm, specs -> {
      runs.launch(specs);
      tabs.getSelectionModel().select(0);
    }, runs.errorProperty()::set);
    wizard.show();
    return wizard;
  }

  private Node topBar() {
    Button start = new Button(T.get("FinetunePane.newFinetune"));
    start.setId("newFinetune");
    start.setStyle("-fx-font-weight: bold;");
    start.setOnAction(e -> openWizard());
    TextField folder = new TextField();
    folder.setId("runsFolderField");
    folder.setText(String.valueOf(runs.runsFolderProperty().get()));
    runs.runsFolderProperty().addListener((o, was, now) -> folder.setText(String.valueOf(now)));
    folder.setOnAction(e -> runs.runsFolderProperty().set(Path.of(folder.getText().trim())));
    HBox.setHgrow(folder, Priority.ALWAYS);
    Button choose = new Button(T.get("FinetunePane.folder"));
    choose.setOnAction(e -> {
      DirectoryChooser c = new DirectoryChooser();
      c.setTitle(T.get("FinetunePane.chooser"));
      File f = c.showDialog(root.getScene().getWindow());
      if (f != null) {
        runs.runsFolderProperty().set(f.toPath());
      }
    });
    Button refresh = new Button(T.get("FinetunePane.refresh"));
    refresh.setId("refreshRuns");
    refresh.setOnAction(e -> runs.refresh());
    Label error = new Label();
    error.setId("finetuneError");
    error.setWrapText(true);
    error.setStyle("-fx-text-fill: #c62828;");
    error.textProperty().bind(runs.errorProperty());
    error.managedProperty().bind(runs.errorProperty().isNotEmpty());
    HBox bar = new HBox(8, start, new Separator(Orientation.VERTICAL), new Label(T.get("FinetunePane.runsFolder")), folder,
        choose,
        refresh);
    bar.setAlignment(Pos.CENTER_LEFT);
    VBox top = new VBox(4, bar, error);
    top.setPadding(new Insets(6, 8, 4, 8));
    return top;
  }

  private Node runsList() {
    SortedList<FinetuneRun.Summary> sorted = new SortedList<>(runs.runs());
    sorted.comparatorProperty().bind(table.comparatorProperty());
    table.setItems(sorted);
    table.setPlaceholder(Placeholders.wrapping(T.get("FinetunePane.noRuns")));
    table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
      // A list read again moves the selection by itself (rows shift when a new run appears): only
      // the user's choice changes the run the monitor shows.
      if (now != null && !selecting && !runs.listing()) {
        runs.shownProperty().set(now.dir());
        inspect(now);
      }
    });
    // The monitor's run is the list's chosen row: a run that starts is chosen, also once the list shows it.
    runs.shownProperty().addListener((o, was, now) -> selectShown());
    sorted.addListener((javafx.collections.ListChangeListener<FinetuneRun.Summary>) c ->
        javafx.application.Platform.runLater(this::selectShown));
    runs.pausedProperty().addListener((o, was, now) -> table.refresh());
    runs.finishedModelProperty().addListener((o, was, now) -> {
      FinetuneRun.Summary s = table.getSelectionModel().getSelectedItem();
      if (now != null && s != null && now.startsWith(s.dir())) {
        inspection.open(s.dir());
      }
    });
    table.setContextMenu(new javafx.scene.control.ContextMenu(OnnxExportAction.menuItem("exportRunOnnx", () -> {
      FinetuneRun.Summary s = table.getSelectionModel().getSelectedItem();
      return s == null || !s.hasModel() ? null : new FinetuneRun(s.dir()).modelDir().toString();
    }, () -> table.getScene().getWindow(), runs.statusProperty())));
    Button resume = new Button(T.get("FinetunePane.resume"));
    resume.setId("resumeRun");
    resume.setOnAction(e -> {
      FinetuneRun.Summary s = table.getSelectionModel().getSelectedItem();
      if (s != null) {
        runs.resume(s.dir());
      }
    });
    resume.disableProperty().bind(Bindings.createBooleanBinding(
        () -> !runs.resumable(table.getSelectionModel().getSelectedItem()),
        table.getSelectionModel().selectedItemProperty(), runs.runningProperty(), runs.runs()));
    Button compare = new Button(T.get("FinetunePane.compareChosen"));
    compare.setId("compareRuns");
    compare.setOnAction(e -> {
      runs.compare(List.copyOf(table.getSelectionModel().getSelectedItems()));
      select("Compare");
    });
    Button open = new Button(T.get("FinetunePane.openModel"));
    open.setId("openModel");
    open.setOnAction(e -> {
      FinetuneRun.Summary s = table.getSelectionModel().getSelectedItem();
      if (s != null && s.hasModel()) {
        openInWindow.accept(new FinetuneRun(s.dir()).modelDir().toString());
      }
    });
    open.disableProperty().bind(Bindings.createBooleanBinding(() -> {
      FinetuneRun.Summary s = table.getSelectionModel().getSelectedItem();
      return s == null || !s.hasModel();
    }, table.getSelectionModel().selectedItemProperty(), runs.runs()));
    Label hint = new Label(T.get("FinetunePane.hint"));
    hint.setStyle("-fx-text-fill: #757575;");
    hint.setWrapText(true);
    hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // two lines rather than "…"
    FlowPane buttons = new FlowPane(6, 6, resume, compare, open); // wraps in large type rather than cut
    buttons.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(6, table, buttons, hint);
    VBox.setVgrow(table, Priority.ALWAYS);
    box.setPadding(new Insets(4, 4, 8, 8));
    box.setMinWidth(0);
    return box;
  }

  private Node views() {
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.getTabs().addAll(tab("Monitor", T.get("FinetunePane.monitor"), monitor()), // i18n-ok: the view's name for select
        tab("Compare", T.get("FinetunePane.compare"), comparison()), // i18n-ok: the view's name for select
        tab("Evaluation", T.get("FinetunePane.evaluation"), evaluation.node()), // i18n-ok: the view's name for select
        tab("Predictions", T.get("FinetunePane.predictions"), predictions.node())); // i18n-ok: the view's name
    tabs.setMinWidth(0);
    return tabs;
  }

  /** A view's tab: its text in the window's language, its English name kept for {@link #select}. */
  private static Tab tab(String name, String text, Node content) {
    Tab t = new Tab(text, content);
    t.setUserData(name);
    return t;
  }

  private boolean selecting;

  /** Chooses the monitor's run in the list (without the choice changing what the monitor shows). */
  private void selectShown() {
    Path shown = runs.shownProperty().get();
    if (shown == null) {
      return;
    }
    FinetuneRun.Summary row = table.getItems().stream().filter(s -> s.dir().equals(shown)).findFirst().orElse(null);
    FinetuneRun.Summary chosen = table.getSelectionModel().getSelectedItem();
    if (row == null || table.getSelectionModel().getSelectedItems().size() > 1 && chosen != null
        && chosen.dir().equals(shown)) {
      return;
    }
    selecting = true;
    try {
      table.getSelectionModel().clearAndSelect(table.getItems().indexOf(row));
      inspect(row);
    } finally {
      selecting = false;
    }
  }

  /** Reads a chosen run's evaluation and predictions when it has a model; clears them otherwise. */
  private void inspect(FinetuneRun.Summary s) {
    Path current = inspection.inspectionProperty().get() == null ? null : inspection.inspectionProperty().get().run();
    if (s.hasModel() && !s.dir().equals(current)) {
      inspection.open(s.dir());
    } else if (!s.hasModel()) {
      inspection.clear(T.format("FinetunePane.noModel", String.valueOf(s.dir().getFileName()), RunsTable.status(s)));
    }
  }

  /** Brings the view with this title (or English name: "Monitor", "Compare", ...) to the front. */
  public void select(String title) {
    tabs.getTabs().stream().filter(t -> t.getText().equals(title) || title.equals(t.getUserData())).findFirst()
        .ifPresent(t -> tabs.getSelectionModel().select(t));
  }

  private Node monitor() {
    Label status = new Label();
    status.setId("runStatus");
    status.setStyle("-fx-font-weight: bold;");
    status.textProperty().bind(runs.statusProperty());
    ProgressBar bar = new ProgressBar();
    bar.setId("runProgress");
    bar.setPrefWidth(260);
    bar.progressProperty().bind(runs.progressProperty());
    Label text = new Label();
    text.setId("progressText");
    text.textProperty().bind(runs.progressTextProperty());
    Button pause = new Button(T.get("FinetunePane.pause"));
    pause.setId("pauseRun");
    pause.setOnAction(e -> {
      if (runs.pausedProperty().get()) {
        runs.resumePaused();
      } else {
        runs.pause();
      }
    });
    runs.pausedProperty().addListener((o, was, now) -> pause.setText(now ? T.get("FinetunePane.resumePaused")
        : T.get("FinetunePane.pause")));
    Button cancel = new Button(T.get("FinetunePane.cancel"));
    cancel.setId("cancelRun");
    cancel.setOnAction(e -> confirmCancel());
    pause.disableProperty().bind(runs.runningProperty().not());
    cancel.disableProperty().bind(runs.runningProperty().not());
    for (Button b : List.of(pause, cancel)) {
      b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    }
    text.setMinWidth(0);
    HBox controls = new HBox(8, bar, pause, cancel, text);
    controls.setAlignment(Pos.CENTER_LEFT);
    Label shown = new Label();
    shown.setId("shownRun");
    shown.textProperty().bind(Bindings.createStringBinding(() -> {
      Path dir = runs.shownProperty().get();
      return dir == null ? T.get("FinetunePane.chooseRun") : T.format("FinetunePane.curvesOf", runs.label(dir));
    }, runs.shownProperty(), runs.runs()));
    shown.setStyle("-fx-text-fill: #616161;");
    ChartViewer lossChart = Charts.viewer("lossChart", T.get("FinetunePane.lossTitle"), T.get("FinetunePane.loss"),
        runs.curves().loss(), false, false);
    GridPane charts = chartsGrid(lossChart, Charts.viewer("devChart", T.get("FinetunePane.devTitle"),
        T.get("FinetunePane.score"), runs.curves().dev(), true, true));
    VBox box = new VBox(6, status, controls, shown, chartBar(lossChart), charts);
    VBox.setVgrow(charts, Priority.ALWAYS);
    box.setPadding(new Insets(8));
    return box;
  }

  /** Smoothing and log scale for the loss, and other runs drawn grey behind the shown one (as pretraining's charts). */
  private Node chartBar(ChartViewer lossChart) {
    Slider smoothing = new Slider(0, 0.99, 0);
    smoothing.setId("smoothing");
    smoothing.setStyle("-fx-pref-width: 11em;");
    smoothing.setBlockIncrement(0.1);
    Label weight = new Label(T.get("FinetunePane.smoothingOff"));
    weight.setStyle("-fx-pref-width: 8em;"); // "smoothing 0.63" and "smoothing off" take the same room, in any type
    smoothing.valueProperty().addListener((o, was, now) -> {
      double w = Math.round(now.doubleValue() * 100) / 100.0;
      runs.curves().smooth(w);
      weight.setText(w == 0 ? T.get("FinetunePane.smoothingOff")
          : T.format("FinetunePane.smoothing", String.format(java.util.Locale.ROOT, "%.2f", w)));
    });
    CheckBox log = new CheckBox(T.get("FinetunePane.logScale"));
    log.setId("lossLogScale");
    log.selectedProperty().addListener((o, was, now) -> Charts.logScale(lossChart, now));
    javafx.scene.control.MenuButton overlay = new javafx.scene.control.MenuButton(T.get("FinetunePane.overlay"));
    overlay.setId("overlayRuns");
    overlay.setOnShowing(e -> overlay.getItems().setAll(runs.runs().stream()
        .filter(r -> !r.dir().equals(runs.shownProperty().get())).map(r -> {
          javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(RunsTable.label(r));
          item.setOnAction(x -> runs.overlay(List.of(r)));
          return item;
        }).toList()));
    overlay.getItems().add(new javafx.scene.control.MenuItem(T.get("FinetunePane.noOther")));
    Button clear = new Button(T.get("FinetunePane.clearOverlays"));
    clear.setId("clearOverlays");
    clear.setOnAction(e -> runs.curves().clearOverlays());
    Label hint = new Label(T.get("FinetunePane.grey"));
    hint.setStyle("-fx-text-fill: #757575;");
    // A FlowPane: in large type the controls wrap to a second row instead of ending in "…".
    javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(8, 4, new Label(T.get("FinetunePane.lossLabel")), smoothing, weight,
        log, new Separator(Orientation.VERTICAL), overlay, clear, hint);
    bar.getChildren().forEach(n -> {
      if (n instanceof javafx.scene.control.Control c) {
        c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
      }
    });
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setMinWidth(0);
    return bar;
  }

  /** Cancelling throws away the rest of the run's plan: the user says so first. */
  private void confirmCancel() {
    Path run = runs.training();
    if (run == null) {
      return;
    }
    ButtonType stop = new ButtonType(T.get("FinetunePane.cancelRun"), ButtonBar.ButtonData.OK_DONE);
    ButtonType keep = new ButtonType(T.get("FinetunePane.keepTraining"), ButtonBar.ButtonData.CANCEL_CLOSE);
    Alert ask = new Alert(Alert.AlertType.CONFIRMATION, runs.queuedCount() > 0
        ? T.format("FinetunePane.cancelTextQueued", runs.queuedCount()) : T.get("FinetunePane.cancelText"), stop, keep);
    ask.setTitle(T.get("FinetunePane.cancelTitle"));
    ask.setHeaderText(T.format("FinetunePane.cancelHeader", String.valueOf(run.getFileName())));
    if (root.getScene() != null) {
      ask.initOwner(root.getScene().getWindow());
    }
    ask.getDialogPane().setId("cancelDialog");
    Theme.current().apply(ask.getDialogPane());
    // Enter keeps the run: throwing the rest of it away takes a click on the button that says so.
    ((Button) ask.getDialogPane().lookupButton(stop)).setDefaultButton(false);
    ((Button) ask.getDialogPane().lookupButton(keep)).setDefaultButton(true);
    if (ask.showAndWait().orElse(keep) == stop) {
      runs.cancel();
    }
  }

  private Node comparison() {
    GridPane charts = chartsGrid(
        Charts.viewer("compareLossChart", T.get("FinetunePane.lossTitle"), T.get("FinetunePane.loss"),
            runs.comparedCurves().loss(), false, false),
        Charts.viewer("compareDevChart", T.get("FinetunePane.compareDevTitle"), T.get("FinetunePane.score"),
            runs.comparedCurves().dev(), true, true));
    TableView<FinetuneRun.Summary> compared = RunsTable.create("compareTable");
    compared.setItems(runs.comparedRuns());
    compared.getColumns().add(RunsTable.column(T.get("FinetunePane.devMetrics"), 260, s -> s.lastEvaluation() == null ? "–"
        : RunFormat.metrics(s.lastEvaluation().metrics())));
    compared.getColumns().add(RunsTable.column(T.get("FinetunePane.model"), 160, s -> s.spec().model()));
    compared.setPlaceholder(Placeholders.wrapping(T.get("FinetunePane.comparePlaceholder")));
    compared.setPrefHeight(180);
    SplitPane split = new SplitPane(charts, compared);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.62);
    return split;
  }

  private static GridPane chartsGrid(Node a, Node b) {
    GridPane g = new GridPane();
    g.setHgap(6);
    for (int i = 0; i < 2; i++) {
      javafx.scene.layout.ColumnConstraints c = new javafx.scene.layout.ColumnConstraints();
      c.setPercentWidth(50);
      c.setMinWidth(0);
      g.getColumnConstraints().add(c);
    }
    g.add(a, 0, 0);
    g.add(b, 1, 0);
    for (Node n : List.of(a, b)) {
      GridPane.setHgrow(n, Priority.ALWAYS);
      GridPane.setVgrow(n, Priority.ALWAYS);
    }
    g.setMinSize(0, 0);
    return g;
  }

  public RunsViewModel runs() {
    return runs;
  }

  /** The wizard opened last, or null. */
  public FinetuneWizard wizard() {
    return wizard;
  }

  public TableView<FinetuneRun.Summary> table() {
    return table;
  }

  public InspectionViewModel inspection() {
    return inspection;
  }

  /** The predictions browser's table and picture (tests). */
  PredictionsView predictionsView() {
    return predictions;
  }

  EvaluationView evaluationView() {
    return evaluation;
  }

  /** A fine-tuning run is going (or queued): rebuilding the window would stop it. */
  @Override
  public boolean hasRunningJob() {
    return runs.runningProperty().get() || runs.queuedCount() > 0;
  }

  @Override
  public void shutdown() {
    poller.stop();
    runs.shutdown();
    inspection.shutdown();
  }
}
