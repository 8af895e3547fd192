package org.bertworkbench.gui.explain;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.bertworkbench.core.explain.LayerProbe;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.gui.draw.ChartDrawing;
import org.bertworkbench.gui.draw.LayerNames;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.export.Placeholders;
import org.bertworkbench.gui.export.Zoom;
import org.bertworkbench.gui.shell.EncoderSwitches;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.Latest;

/**
 * Layer probes (Tenney et al. 2019) with Hewitt and Liang's control task: a train and a dev
 * tagging file (the sample part-of-speech files by default), a linear probe per hidden state of
 * the window's model, and a chart of accuracy, control accuracy and selectivity per layer with the
 * majority-tag baseline, the same numbers in a table. The work ({@link LayerProbe}) runs off the FX
 * thread; the chart exports as every picture does (PNG, SVG, CSV, JSON).
 */
final class ProbeView implements ExplainView {

  private static final Texts T = Texts.of(ProbeView.class);

  /** The sample files, when the program runs where they are (a checkout). */
  static final Path SAMPLE_TRAIN = Path.of("sample-data", "probe", "train.conll");
  static final Path SAMPLE_DEV = Path.of("sample-data", "probe", "dev.conll");

  private final Supplier<LoadedBert> model;
  private final Supplier<EncoderSwitches> switches;
  private final Latest work;
  private final BorderPane root = new BorderPane();
  private final TextField train = new TextField();
  private final TextField dev = new TextField();
  private final Label status = new Label(" ");
  private final Label info = new Label(" ");
  private final ProgressBar progress = new ProgressBar();
  private final DrawingCanvas canvas = new DrawingCanvas();
  private final TableView<LayerProbe.Layer> table = new TableView<>();
  private LayerProbe.Result result;

  /** Over the window's model, with the heads the Attention tab switches off. */
  ProbeView(WorkbenchViewModel vm) {
    this(() -> vm.modelProperty().get(), () -> vm.switchesProperty().get(), vm.modelWork("explain-probe"));
  }

  ProbeView(Supplier<LoadedBert> model, Supplier<EncoderSwitches> switches, Latest work) {
    this.model = model;
    this.switches = switches;
    this.work = work;
    ChartDrawing.warmUp();
    train.setId("probeTrain");
    dev.setId("probeDev");
    train.setPromptText(T.get("ProbeView.trainPrompt"));
    dev.setPromptText(T.get("ProbeView.devPrompt"));
    if (Files.isRegularFile(SAMPLE_TRAIN) && Files.isRegularFile(SAMPLE_DEV)) {
      train.setText(SAMPLE_TRAIN.toString());
      dev.setText(SAMPLE_DEV.toString());
    }
    GridPane files = new GridPane();
    files.setHgap(8);
    files.setVgap(6);
    files.addRow(0, new Label(T.get("ProbeView.train")), train, chooser(train, "probeTrainChoose"));
    files.addRow(1, new Label(T.get("ProbeView.dev")), dev, chooser(dev, "probeDevChoose"));
    ColumnConstraints grow = new ColumnConstraints();
    grow.setHgrow(Priority.ALWAYS);
    files.getColumnConstraints().addAll(new ColumnConstraints(), grow, new ColumnConstraints());
    for (Node n : files.getChildren()) {
      if (n instanceof Region r && !(n instanceof TextField)) {
        r.setMinWidth(Region.USE_PREF_SIZE);
      }
    }

    Button run = new Button(T.get("ProbeView.run"));
    run.setId("probeRun");
    run.setOnAction(e -> run());
    Button cancel = new Button(T.get("ProbeView.cancel"));
    cancel.setId("probeCancel");
    cancel.setOnAction(e -> work.cancel());
    cancel.disableProperty().bind(work.runningProperty().not());
    progress.setId("probeProgress");
    progress.setPrefWidth(160);
    progress.progressProperty().bind(work.progressProperty());
    progress.visibleProperty().bind(work.runningProperty());
    progress.managedProperty().bind(progress.visibleProperty());
    info.setId("probeInfo");
    info.setWrapText(true);
    info.setMinHeight(Region.USE_PREF_SIZE);
    info.textProperty().bind(Bindings.when(work.runningProperty().and(work.messageProperty().isNotEmpty()))
        .then(work.messageProperty()).otherwise(Bindings.when(work.messageProperty().isNotEmpty())
            .then(work.messageProperty()).otherwise(status.textProperty())));
    FlowPane actions = new FlowPane(8, 6, run, cancel, progress, info);
    actions.setAlignment(Pos.CENTER_LEFT);
    Label note = new Label(T.get("ProbeView.note"));
    note.setId("probeNote");
    note.setWrapText(true);
    note.setMinHeight(Region.USE_PREF_SIZE);
    VBox top = new VBox(6, files, actions, note);
    top.setPadding(new Insets(6, 8, 4, 8));

    canvas.setId("probeChart");
    canvas.setEmptyText(T.get("ProbeView.empty"));
    table.setId("probeTable");
    table.setPlaceholder(Placeholders.wrapping(T.get("ProbeView.noRows")));
    table.getColumns().add(column(T.get("ProbeView.col.layer"), l -> Integer.toString(l.layer()), 70));
    table.getColumns().add(column(T.get("ProbeView.col.name"), l -> LayerNames.hiddenState(l.layer()), 110));
    table.getColumns().add(column(T.get("ProbeView.col.accuracy"), l -> Texts.number(l.accuracy(), 3), 100));
    table.getColumns().add(column(T.get("ProbeView.col.control"), l -> Texts.number(l.controlAccuracy(), 3), 130));
    table.getColumns().add(column(T.get("ProbeView.col.selectivity"), l -> Texts.number(l.selectivity(), 3), 100));
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    Zoom.fitColumns(table);
    // Side by side: stacked, the chart got too little height in large type and scrolled its legend away.
    SplitPane split = new SplitPane(canvas, table);
    split.setOrientation(Orientation.HORIZONTAL);
    split.setDividerPositions(0.64);
    root.setTop(top);
    root.setCenter(split);
    canvas.show(null, null, "layer-probes");
  }

  private Button chooser(TextField field, String id) {
    Button b = new Button(T.get("ProbeView.choose"));
    b.setId(id);
    b.setOnAction(e -> {
      FileChooser c = new FileChooser();
      c.setTitle(T.get("ProbeView.chooseTitle"));
      Path now = field.getText().isBlank() ? null : Path.of(field.getText()).toAbsolutePath().getParent();
      if (now != null && Files.isDirectory(now)) {
        c.setInitialDirectory(now.toFile());
      }
      File f = c.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
      if (f != null) {
        field.setText(f.getPath());
      }
    });
    return b;
  }

  private static TableColumn<LayerProbe.Layer, String> column(String title,
      java.util.function.Function<LayerProbe.Layer, String> value, double width) {
    TableColumn<LayerProbe.Layer, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(d.getValue())));
    c.setPrefWidth(width);
    c.setSortable(false);
    return c;
  }

  @Override
  public String title() {
    return T.get("ProbeView.title");
  }

  @Override
  public Node node() {
    return root;
  }

  /** Probes every hidden state of the window's model on the two files. */
  void run() {
    LoadedBert loaded = model.get();
    if (loaded == null) {
      status.setText(T.get("ProbeView.noModel"));
      return;
    }
    if (train.getText().isBlank() || dev.getText().isBlank()) {
      status.setText(T.get("ProbeView.noFiles"));
      return;
    }
    Path trainFile = Path.of(train.getText().strip());
    Path devFile = Path.of(dev.getText().strip());
    EncoderSwitches sw = switches.get();
    ForwardOptions forward = sw == null ? ForwardOptions.INFERENCE : sw.applyTo(ForwardOptions.INFERENCE);
    LayerProbe.Settings settings = LayerProbe.Settings.defaults(LayerProbe.DEFAULT_SEED).withForward(forward);
    status.setText(" ");
    work.submit(p -> LayerProbe.run(loaded, trainFile, devFile, settings, p), this::show,
        message -> status.setText(T.format("ProbeView.failed", message)));
  }

  private void show(LayerProbe.Result r) {
    result = r;
    ChartDrawing d = ProbeChart.drawing(r);
    canvas.show(d, () -> ProbeChart.table(r), () -> ProbeChart.json(r), "layer-probes");
    table.getItems().setAll(r.layers());
    LayerProbe.Layer best = r.best();
    String summary = T.format("ProbeView.done", LayerNames.hiddenState(best.layer()), Texts.number(best.accuracy(), 3),
        Texts.number(r.majorityBaseline(), 3), r.majorityTag());
    String notes = ProbeChart.notes(r);
    status.setText(notes.isEmpty() ? summary : summary + "\n" + notes);
  }

  /** True while the probes are computed. */
  boolean busy() {
    return work.isRunning();
  }

  @Override
  public void shutdown() {
    work.shutdown();
  }

  LayerProbe.Result result() {
    return result;
  }

  DrawingCanvas canvas() {
    return canvas;
  }

  TableView<LayerProbe.Layer> table() {
    return table;
  }

  TextField trainField() {
    return train;
  }

  TextField devField() {
    return dev;
  }

  Label infoLabel() {
    return info;
  }
}
