package org.bertworkbench.gui.lessons;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.bertworkbench.core.lesson.Lesson;
import org.bertworkbench.core.lesson.LessonStep;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Texts;

/**
 * The Lessons panel beside the views: choose a lesson (or open a teacher's file), then walk it
 * step by step — the step's view comes to the front with its input, the thing to look at glows,
 * two to four sentences say what it shows, and the live check proves it on the real model. The
 * last step brings the questions for the class. Page Down / Page Up (a presenter's clicker) step.
 */
public final class LessonPanel {

  private static final Texts T = Texts.of(LessonPanel.class);

  private final LessonViewModel model;
  private final WorkbenchViewModel vm;
  private final LessonHost host;
  private final VBox root = new VBox(10);
  private final Label status = new Label();
  private HandoutExport export;
  private ScrollPane scroll;

  /** A presenter's clicker sends Page Down / Page Up: while the panel is shown they step the lesson. */
  private final EventHandler<KeyEvent> pageKeys = this::onPageKey;

  private void onPageKey(KeyEvent e) {
    if (e.getCode() == KeyCode.PAGE_DOWN && !e.isShortcutDown()) {
      model.next();
      e.consume();
    } else if (e.getCode() == KeyCode.PAGE_UP && !e.isShortcutDown()) {
      model.previous();
      e.consume();
    }
  }

  public LessonPanel(WorkbenchViewModel vm, LessonHost host) {
    this.vm = vm;
    this.host = host;
    this.model = new LessonViewModel(vm, host);
    root.setId("lessonPanel");
    root.getStyleClass().add("lesson-panel");
    root.setPadding(new Insets(10));
    root.setPrefWidth(Region.USE_COMPUTED_SIZE);
    root.setStyle("-fx-pref-width: 26em;");
    root.setMinWidth(0); // the scroll pane gives it its width; wider content would be cut at the right
    // The buttons above the text, so that they stay where they are whatever the step's length.
    root.getChildren().addAll(chooser(), problems(), buttons(), stepView(), questions(), exportRow());
  }

  public LessonViewModel viewModel() {
    return model;
  }

  /** The panel, in a scroll pane: a long step in large type scrolls rather than being cut. */
  public Node node() {
    if (scroll == null) {
      scroll = new ScrollPane(root);
      scroll.setId("lessonScroll");
      scroll.setFitToWidth(true);
      scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
      // A filter, not an accelerator: a scroll pane the focus is in would take the keys first.
      scroll.sceneProperty().addListener((o, was, now) -> {
        if (was != null) {
          was.removeEventFilter(KeyEvent.KEY_PRESSED, pageKeys);
        }
        if (now != null) {
          now.addEventFilter(KeyEvent.KEY_PRESSED, pageKeys);
        }
      });
    }
    return scroll;
  }

  private Node chooser() {
    ComboBox<Lesson> choice = new ComboBox<>(model.lessons());
    choice.setId("lessonChoice");
    choice.setPromptText(T.get("LessonPanel.choose"));
    choice.setMaxWidth(Double.MAX_VALUE);
    // A combo box is at least as wide as its longest title, which pushed the panel past its edge.
    choice.setMinWidth(0);
    choice.setPrefWidth(50);
    choice.setConverter(new StringConverter<>() {
      @Override
      public String toString(Lesson l) {
        return l == null ? "" : l.title();
      }

      @Override
      public Lesson fromString(String s) {
        return null;
      }
    });
    // The box says which lesson of how many; the title, whole, is the label under it. A box's cell
    // keeps one line's height, so a long title was cut to "マスクされた言語モ…" in large type.
    choice.setButtonCell(new ListCell<>() {
      @Override
      protected void updateItem(Lesson l, boolean empty) {
        super.updateItem(l, empty);
        int i = empty || l == null ? -1 : model.lessons().indexOf(l);
        setText(i < 0 ? T.get("LessonPanel.choose") : T.format("LessonPanel.chosen", i + 1, model.lessons().size()));
      }
    });
    // The list's titles wrap within the box's width instead of running off it.
    choice.setCellFactory(list -> new ListCell<>() {
      {
        setWrapText(true);
        prefWidthProperty().bind(choice.widthProperty().subtract(4));
        maxWidthProperty().bind(choice.widthProperty().subtract(4));
      }

      @Override
      protected void updateItem(Lesson l, boolean empty) {
        super.updateItem(l, empty);
        setText(empty || l == null ? null : l.title());
      }
    });
    choice.valueProperty().addListener((o, was, now) -> {
      if (now != null && now != model.lessonProperty().get()) {
        model.open(now);
      }
    });
    model.lessonProperty().addListener((o, was, now) -> choice.setValue(now));
    Button open = new Button(T.get("LessonPanel.openFile"));
    open.setId("openLesson");
    open.setTooltip(new Tooltip(T.get("LessonPanel.openFileTip")));
    open.setOnAction(e -> {
      FileChooser chooser = new FileChooser();
      chooser.setTitle(T.get("LessonPanel.openFileTitle"));
      chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(T.get("LessonPanel.lessonFiles"),
          "*.lesson"));
      File file = chooser.showOpenDialog(root.getScene().getWindow());
      if (file != null) {
        model.open(file.toPath());
      }
    });
    Label heading = new Label(T.get("LessonPanel.heading"));
    heading.getStyleClass().add("step-title");
    Label title = new Label();
    title.setId("lessonTitle");
    title.setWrapText(true);
    title.setStyle("-fx-font-weight: bold;");
    title.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> model.lessonProperty().get() == null ? "" : model.lessonProperty().get().title(), model.lessonProperty()));
    title.managedProperty().bind(title.textProperty().isNotEmpty());
    return new VBox(6, heading, choice, title, open); // one under the other: none is cut in large type
  }

  private Node problems() {
    Label problems = new Label();
    problems.setId("lessonProblems");
    problems.getStyleClass().add("error");
    problems.setWrapText(true);
    problems.textProperty().bind(model.problemsProperty());
    problems.managedProperty().bind(problems.textProperty().isNotEmpty());
    problems.visibleProperty().bind(problems.managedProperty());
    return problems;
  }

  private Node stepView() {
    Label title = new Label();
    title.setId("lessonStepTitle");
    title.getStyleClass().add("step-title");
    title.setWrapText(true);
    Label text = new Label();
    text.setId("lessonStepText");
    text.getStyleClass().add("lesson-text");
    text.setWrapText(true);
    text.setMinHeight(Region.USE_PREF_SIZE);
    Label check = new Label();
    check.setId("lessonCheck");
    check.setWrapText(true);
    check.setMinHeight(Region.USE_PREF_SIZE);
    ProgressIndicator running = new ProgressIndicator();
    running.setId("lessonCheckRunning");
    running.setStyle("-fx-pref-width: 1.4em; -fx-pref-height: 1.4em;");
    Runnable refresh = () -> {
      LessonStep s = model.current();
      Lesson l = model.lessonProperty().get();
      title.setText(s == null ? T.get("LessonPanel.none")
          : T.format("LessonPanel.stepTitle", model.stepProperty().get() + 1, l.steps().size(), s.title()));
      text.setText(s == null ? T.get("LessonPanel.noneText") : s.text().replace("\n", " "));
    };
    model.stepProperty().addListener((o, was, now) -> refresh.run());
    model.lessonProperty().addListener((o, was, now) -> refresh.run());
    refresh.run();
    model.checkProperty().addListener((o, was, now) -> {
      check.setText(now == null ? "" : (now.passed() == null ? "" : now.passed() ? "✓ " : "✗ ") + now.line());
      check.getStyleClass().removeAll("lesson-check-passed", "lesson-check-failed");
      if (now != null && now.passed() != null) {
        check.getStyleClass().add(now.passed() ? "lesson-check-passed" : "lesson-check-failed");
      }
      running.setVisible(now != null && now.passed() == null);
    });
    running.setVisible(false);
    HBox checkRow = new HBox(6, running, check);
    checkRow.setAlignment(Pos.TOP_LEFT);
    return new VBox(8, title, checkRow, text); // the check under the title: in large type the text may scroll
  }

  private Node buttons() {
    Button previous = new Button(T.get("LessonPanel.previous"));
    previous.setId("lessonPrevious");
    previous.setOnAction(e -> model.previous());
    Button next = new Button(T.get("LessonPanel.next"));
    next.setId("lessonNext");
    next.setDefaultButton(false);
    next.setOnAction(e -> model.next());
    Button again = new Button(T.get("LessonPanel.checkAgain"));
    again.setId("lessonCheckAgain");
    again.setTooltip(new Tooltip(T.get("LessonPanel.checkAgainTip")));
    again.setOnAction(e -> model.checkAgain());
    Runnable enable = () -> {
      boolean open = model.current() != null;
      previous.setDisable(!open || model.stepProperty().get() == 0);
      next.setDisable(!open || model.atLastStep());
      again.setDisable(!open);
    };
    model.stepProperty().addListener((o, was, now) -> enable.run());
    model.lessonProperty().addListener((o, was, now) -> enable.run());
    enable.run();
    return new FlowPane(6, 6, previous, next, again);
  }

  private Node questions() {
    Label heading = new Label(T.get("LessonPanel.questions"));
    heading.getStyleClass().add("step-title");
    VBox list = new VBox(4);
    list.setId("lessonQuestions");
    VBox box = new VBox(6, heading, list);
    Runnable refresh = () -> {
      list.getChildren().clear();
      Lesson l = model.lessonProperty().get();
      boolean show = l != null && model.atLastStep() && !l.questions().isEmpty();
      if (show) {
        for (int i = 0; i < l.questions().size(); i++) {
          Label q = new Label(T.format("LessonPanel.question", i + 1, l.questions().get(i)));
          q.setWrapText(true);
          q.setMinHeight(Region.USE_PREF_SIZE);
          list.getChildren().add(q);
        }
      }
      box.setVisible(show);
      box.setManaged(show);
    };
    model.stepProperty().addListener((o, was, now) -> refresh.run());
    model.lessonProperty().addListener((o, was, now) -> refresh.run());
    refresh.run();
    return box;
  }

  private Node exportRow() {
    Button handout = new Button(T.get("LessonPanel.handout"));
    handout.setId("exportHandout");
    handout.setTooltip(new Tooltip(T.get("LessonPanel.handoutTip")));
    handout.disableProperty().bind(Bindings.isNull(model.lessonProperty()));
    handout.setOnAction(e -> {
      if (export != null && export.running()) {
        export.cancel();
        return;
      }
      FileChooser chooser = new FileChooser();
      chooser.setTitle(T.get("LessonPanel.handoutTitle"));
      chooser.setInitialFileName(model.lessonProperty().get().id() + ".html");
      chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("HTML", "*.html"));
      File file = chooser.showSaveDialog(root.getScene().getWindow());
      if (file != null) {
        exportHandout(file.toPath());
      }
    });
    status.setId("lessonStatus");
    status.setWrapText(true);
    return new VBox(6, handout, status);
  }

  /** Walks the open lesson and writes its handout to {@code file}; the status line says how far. */
  public void exportHandout(java.nio.file.Path file) {
    Lesson l = model.lessonProperty().get();
    if (l == null) {
      return;
    }
    export = new HandoutExport(model, vm, host, l, file, status::setText, status::setText);
    export.start();
  }

  /** The status line's text (the handout's progress and outcome). */
  public String status() {
    return status.getText();
  }

  public void shutdown() {
    if (export != null && export.running()) {
      export.cancel();
    }
    model.shutdown();
  }
}
