package org.bertworkbench.gui.lessons;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.bertworkbench.core.lesson.Lesson;
import org.bertworkbench.core.lesson.LessonChecks;
import org.bertworkbench.core.lesson.LessonProblem;
import org.bertworkbench.core.lesson.LessonReader;
import org.bertworkbench.core.lesson.LessonStep;
import org.bertworkbench.core.lesson.Lessons;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.Latest;

/**
 * A lesson being taught: which one, which step, and what the step's live check found. Going to a
 * step opens its view, types its input into the window, loads its model when the window has
 * another, points at what to look at and runs the check on the window's model in the background.
 */
public final class LessonViewModel {

  private static final Texts T = Texts.of(LessonViewModel.class);

  /** A step's check as the panel shows it; {@code passed} null while it runs. */
  public record Check(String line, Boolean passed) {}

  private final WorkbenchViewModel vm;
  private final LessonHost host;
  private final Highlight highlight = new Highlight();
  private final Latest checks;
  /** The checks on the window's model (made again when it changes); touched only on the checks' thread. */
  private LessonChecks checker;
  private LoadedBert checkerModel;
  private final ObservableList<Lesson> lessons = FXCollections.observableArrayList();
  private final ObjectProperty<Lesson> lesson = new SimpleObjectProperty<>();
  private final IntegerProperty step = new SimpleIntegerProperty(-1);
  private final ObjectProperty<Check> check = new SimpleObjectProperty<>();
  private final StringProperty problems = new SimpleStringProperty("");
  private final BooleanProperty waitingForModel = new SimpleBooleanProperty(false);
  private ChangeListener<LoadedBert> pendingLoad;

  public LessonViewModel(WorkbenchViewModel vm, LessonHost host) {
    this.vm = vm;
    this.host = host;
    this.checks = vm.modelWork("lesson-check");
    Lessons.Loaded bundled = Lessons.bundled(Language.current().tag());
    lessons.setAll(bundled.lessons());
    problems.set(describe(bundled.problems()));
  }

  /** The bundled lessons in the window's language, and any opened from disk after them. */
  public ObservableList<Lesson> lessons() {
    return lessons;
  }

  public ObjectProperty<Lesson> lessonProperty() {
    return lesson;
  }

  /** The step shown, 0-based; -1 before a lesson is opened. */
  public IntegerProperty stepProperty() {
    return step;
  }

  public ObjectProperty<Check> checkProperty() {
    return check;
  }

  /** What was wrong with lesson files (file:line: problem, one a line); empty when nothing. */
  public StringProperty problemsProperty() {
    return problems;
  }

  /** The node the current step points at, or null. */
  javafx.scene.Node highlighted() {
    return highlight.lit();
  }

  /** Starts {@code l} at its first step. */
  public void open(Lesson l) {
    lesson.set(l);
    go(0);
  }

  /**
   * Reads a teacher's lesson file and opens it; a bad one is not opened, and the problems line
   * names the file, the line and what is wrong.
   */
  public boolean open(Path file) {
    LessonReader.Result read = Lessons.open(file);
    if (read.lesson().isEmpty()) {
      problems.set(describe(read.problems()));
      return false;
    }
    problems.set("");
    Lesson l = read.lesson().get();
    lessons.removeIf(other -> other.source().equals(l.source()));
    lessons.add(l);
    open(l);
    return true;
  }

  public void next() {
    if (current() != null && step.get() + 1 < lesson.get().steps().size()) {
      go(step.get() + 1);
    }
  }

  public void previous() {
    if (current() != null && step.get() > 0) {
      go(step.get() - 1);
    }
  }

  /** The step shown, or null. */
  public LessonStep current() {
    Lesson l = lesson.get();
    int i = step.get();
    return l == null || i < 0 || i >= l.steps().size() ? null : l.steps().get(i);
  }

  /** Whether the shown step is the lesson's last (the class's questions come with it). */
  public boolean atLastStep() {
    Lesson l = lesson.get();
    return l != null && step.get() == l.steps().size() - 1;
  }

  /** Shows step {@code i}: its view, input and highlight; then its model, then its check. */
  public void go(int i) {
    Lesson l = lesson.get();
    if (l == null || i < 0 || i >= l.steps().size()) {
      return;
    }
    step.set(i);
    LessonStep s = l.steps().get(i);
    if (s.textA() != null) {
      vm.textAProperty().set(s.textA());
      vm.textBProperty().set(s.textB() == null ? "" : s.textB());
    }
    host.openView(s.view());
    javafx.application.Platform.runLater(() -> highlight.show(host.viewNode(s.view()), s.highlight()));
    stopWaiting();
    if (!s.model().equals(vm.loadedTarget()) || vm.modelProperty().get() == null) {
      check.set(new Check(T.format("LessonViewModel.loading", s.model()), null));
      waitingForModel.set(true);
      pendingLoad = (o, was, now) -> {
        if (now != null && s.model().equals(vm.loadedTarget())) {
          stopWaiting();
          runCheck(l, s);
        }
      };
      vm.modelProperty().addListener(pendingLoad);
      vm.load(s.model());
    } else {
      runCheck(l, s);
    }
  }

  /** Runs the shown step's check again (a teacher changed the input and wants it proved anew). */
  public void checkAgain() {
    LessonStep s = current();
    if (s != null && !waitingForModel.get()) {
      runCheck(lesson.get(), s);
    }
  }

  private void stopWaiting() {
    if (pendingLoad != null) {
      vm.modelProperty().removeListener(pendingLoad);
      pendingLoad = null;
    }
    waitingForModel.set(false);
  }

  private void runCheck(Lesson l, LessonStep s) {
    LoadedBert model = vm.modelProperty().get();
    String name = vm.loadedTarget();
    check.set(new Check(T.get("LessonViewModel.checking"), null));
    checks.submit(progress -> checksOn(model, name).run(l, s), r -> {
      if (s == current()) {
        check.set(new Check(T.format("LessonViewModel.result", r.description(), r.value()), r.passed()));
        if (r.batch() != null) {
          host.showBatch(r.batch());
        }
      }
    }, message -> check.set(new Check(T.format("LessonViewModel.failed", message), false)));
  }

  /** The checks on {@code model} (run on the checks' thread only). */
  private LessonChecks checksOn(LoadedBert model, String name) {
    if (checker == null || checkerModel != model) {
      closeChecks();
      checker = new LessonChecks(model, name);
      checkerModel = model;
    }
    return checker;
  }

  private void closeChecks() {
    if (checker != null) {
      checker.close(); // leaves the window's model open
      checker = null;
      checkerModel = null;
    }
  }

  static String describe(List<LessonProblem> list) {
    return list.stream().map(p -> p.say(Language.current().locale())).collect(Collectors.joining("\n"));
  }

  /** Lets go of the check's model and thread (the window is closing or being rebuilt). */
  public void shutdown() {
    stopWaiting();
    highlight.clear();
    checks.cancel();
    checks.after(this::closeChecks);
  }
}
