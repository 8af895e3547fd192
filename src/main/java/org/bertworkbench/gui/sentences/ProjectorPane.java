package org.bertworkbench.gui.sentences;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.bertworkbench.core.analysis.SentenceFile;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Texts;

/**
 * The embedding projector: up to 100,000 sentences (typed, or a file of {@code text<TAB>label}
 * lines) embedded and drawn on their first two principal components, coloured by label. A click
 * picks the nearest point and shows its sentence; "Open in the other views" makes it the window's
 * sentence A, which the Tokens and Attention tabs then show. PCA only: no t-SNE or UMAP library
 * under an Apache or MIT licence resolves from Maven Central (the view's note says so). It is the
 * Sentences view's second tab (a ninth tab of its own ran off the window in large type).
 */
public final class ProjectorPane implements WorkbenchPane {

  private static final Texts T = Texts.of(ProjectorPane.class);

  private final ProjectorViewModel model;
  private final Consumer<String> openInViews;
  private final BorderPane root = new BorderPane();
  private final TextArea input = new TextArea();
  private final Label fileInfo = new Label(" ");
  private final Label info = new Label(" ");
  private final ProgressBar progress = new ProgressBar();
  private final Button cancel = new Button(T.get("ProjectorPane.cancel"));
  private final DrawingCanvas canvas = new DrawingCanvas();
  private final Label selection = new Label(T.get("ProjectorPane.noSelection"));
  private final Button open = new Button(T.get("ProjectorPane.openInViews"));
  /** The file opened, when the box was not edited since, else null. */
  private Path file;

  /** Over the window's model; "Open in the other views" sets the window's sentence A. */
  public ProjectorPane(WorkbenchViewModel vm) {
    this(new ProjectorViewModel(vm), text -> vm.textAProperty().set(text));
  }

  /** Over {@code model}; {@code openInViews} takes the sentence a user opens. */
  ProjectorPane(ProjectorViewModel model, Consumer<String> openInViews) {
    this.model = model;
    this.openInViews = openInViews;
    input.setId("projectorText");
    input.setPrefRowCount(3);
    input.setText(T.get("ProjectorPane.example"));
    input.setPromptText(T.get("ProjectorPane.prompt"));
    input.textProperty().addListener((o, a, b) -> {
      if (file != null) {
        file = null;
        fileInfo.setText(" ");
      }
    });
    Button openFile = new Button(T.get("ProjectorPane.open"));
    openFile.setId("projectorOpen");
    openFile.setOnAction(e -> openFile());
    Button run = new Button(T.get("ProjectorPane.project"));
    run.setId("projectorRun");
    run.setOnAction(e -> project());
    cancel.setId("projectorCancel");
    cancel.setOnAction(e -> model.cancel());
    cancel.disableProperty().bind(model.work().runningProperty().not());
    VBox buttons = new VBox(6, run, openFile, cancel);
    HBox list = new HBox(8, input, buttons);
    HBox.setHgrow(input, Priority.ALWAYS);

    fileInfo.setId("projectorFile");
    Label note = new Label(T.get("ProjectorPane.note"));
    note.setId("projectorNote");
    note.setWrapText(true);
    progress.setId("projectorProgress");
    progress.setPrefWidth(160);
    progress.progressProperty().bind(model.work().progressProperty());
    progress.visibleProperty().bind(model.work().runningProperty());
    progress.managedProperty().bind(progress.visibleProperty());
    info.setId("projectorInfo");
    info.textProperty().bind(Bindings.when(model.work().runningProperty().and(
        model.work().messageProperty().isNotEmpty())).then(model.work().messageProperty())
        .otherwise(model.statusProperty()));
    HBox statusRow = new HBox(8, progress, info);
    statusRow.setAlignment(Pos.CENTER_LEFT);
    fileInfo.managedProperty().bind(fileInfo.visibleProperty());
    fileInfo.visibleProperty().bind(fileInfo.textProperty().isNotEqualTo(" "));
    VBox top = new VBox(6, list, fileInfo, statusRow);
    top.setPadding(new Insets(6, 8, 4, 8));

    canvas.setId("projectorCanvas");
    canvas.setEmptyText(T.get("ProjectorPane.empty"));
    canvas.setOnMouseClicked(e -> {
      if (canvas.drawing() instanceof ProjectorDrawing d) {
        Point2D p = canvas.toDrawing(e);
        select(d.hit(p.getX(), p.getY(), canvas.drawingWidth(), canvas.drawingHeight()));
      }
    });
    selection.setId("projectorSelection");
    selection.setWrapText(true);
    open.setId("projectorOpenInViews");
    open.setWrapText(true);
    open.setMinHeight(Region.USE_PREF_SIZE);
    open.setDisable(true);
    open.setOnAction(e -> openSelected());
    Label hint = new Label(T.get("ProjectorPane.hint"));
    hint.setWrapText(true);
    hint.setMinHeight(Region.USE_PREF_SIZE);
    selection.setMinHeight(Region.USE_PREF_SIZE);
    note.setMinHeight(Region.USE_PREF_SIZE);
    VBox side = new VBox(8, selection, open, hint, note);
    side.setPadding(new Insets(8));
    side.setMinWidth(180);
    ScrollPane sideScroll = new ScrollPane(side);
    sideScroll.setFitToWidth(true);
    SplitPane split = new SplitPane(canvas, sideScroll);
    split.setDividerPositions(0.75);
    root.setTop(top);
    root.setCenter(split);
    canvas.show(null, null, "projector");
  }

  @Override
  public String title() {
    return T.get("ProjectorPane.title");
  }

  @Override
  public Node node() {
    return root;
  }

  @Override
  public void show(WorkbenchViewModel.Analysis analysis) {
    // The projector keeps its own sentences; the window's analysis changes nothing here.
  }

  private void openFile() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(T.get("ProjectorPane.openTitle"));
    File chosen = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
    if (chosen != null) {
      load(chosen.toPath());
    }
  }

  /**
   * Takes {@code file} ({@code text} or {@code text<TAB>label} a line) for the next projection,
   * which reads it on the worker. The box is cleared: a file of 100,000 lines is not for a box.
   */
  public void load(Path file) {
    input.clear();
    this.file = file;
    fileInfo.setText(T.format("ProjectorPane.file", file.getFileName().toString()));
  }

  /** Embeds and projects the file's sentences, or the box's when no file is open. */
  public void project() {
    select(-1);
    if (file != null) {
      model.projectFile(file, canvas.drawingWidth(), canvas.drawingHeight(), canvas.factor(), this::showDrawing);
    } else {
      model.project(SentencesViewModel.lines(input.getText()), canvas.drawingWidth(), canvas.drawingHeight(),
          canvas.factor(), this::showDrawing);
    }
  }

  /** Projects vectors computed elsewhere (a benchmark's), labelled as {@code in} says. */
  public void projectVectors(ProjectorViewModel.Labelled in, float[][] vectors, String pooling) {
    select(-1);
    model.projectVectors(in, vectors, pooling, canvas.drawingWidth(), canvas.drawingHeight(), canvas.factor(),
        this::showDrawing);
  }

  private void showDrawing(ProjectorDrawing d) {
    canvas.show(d, d::table, "projector");
  }

  /** Selects point {@code i} of the drawing (-1: none) and shows its sentence. */
  void select(int i) {
    ProjectorDrawing d = canvas.drawing() instanceof ProjectorDrawing p ? p : null;
    if (d == null || i < 0) {
      if (d != null) {
        d.select(-1);
        canvas.redraw();
      }
      selection.setText(T.get("ProjectorPane.noSelection"));
      open.setDisable(true);
      return;
    }
    d.select(i);
    SentenceFile.Line line = d.lines().get(i);
    String label = d.label(i);
    selection.setText(label == null ? T.format("ProjectorPane.selected", line.number(), line.text())
        : T.format("ProjectorPane.selectedLabel", line.number(), label, line.text()));
    open.setDisable(false);
    canvas.redraw();
  }

  /** Makes the selected sentence the window's sentence A. */
  void openSelected() {
    if (canvas.drawing() instanceof ProjectorDrawing d && d.selected() >= 0) {
      SentenceFile.Line line = d.lines().get(d.selected());
      openInViews.accept(line.text());
      model.say(T.format("ProjectorPane.opened", line.number()));
    }
  }

  @Override
  public void shutdown() {
    model.shutdown();
  }

  /** True while the projector computes. */
  public boolean busy() {
    return model.busy();
  }

  DrawingCanvas canvas() {
    return canvas;
  }

  TextArea inputArea() {
    return input;
  }

  Label selectionLabel() {
    return selection;
  }

  Button openButton() {
    return open;
  }

  Label infoLabel() {
    return info;
  }
}
