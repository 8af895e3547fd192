package org.bertworkbench.gui.app;

import java.util.List;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.bertworkbench.core.lesson.Lesson;
import org.bertworkbench.core.pretrain.SampledBatch;
import org.bertworkbench.gui.lessons.LessonHost;
import org.bertworkbench.gui.lessons.LessonPanel;
import org.bertworkbench.gui.pretrain.PretrainPane;
import org.bertworkbench.gui.shell.OnnxExportAction;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.text.Texts;

/**
 * The window's parts as {@link WorkbenchApp} puts them together — one view model, the panes, the
 * view, a scene with the zoom keys — and the one thing that replaces parts: the language switch,
 * which rebuilds panes and view in the new language over the same view model (so the model, the
 * input and the recent models stay).
 */
public final class MainWindow {

  private static final Texts T = Texts.of(MainWindow.class);

  private final WorkbenchViewModel vm;
  private final Function<WorkbenchViewModel, List<WorkbenchPane>> makePanes;
  private final Scene scene;
  private List<WorkbenchPane> panes;
  private WorkbenchView view;
  private LessonPanel lessons;

  public MainWindow(WorkbenchViewModel vm, Function<WorkbenchViewModel, List<WorkbenchPane>> makePanes,
      double width, double height) {
    this.vm = vm;
    this.makePanes = makePanes;
    this.panes = makePanes.apply(vm);
    this.view = view();
    this.scene = new Scene(view.root(), width, height);
    WorkbenchApp.installZoom(scene);
  }

  private WorkbenchView view() {
    WorkbenchView v = new WorkbenchView(vm, panes);
    v.setOnLanguage(this::switchLanguage);
    v.addMenu(lessonsMenu());
    v.addMenu(modelMenu());
    return v;
  }

  /** The Model menu: the window's model exported as ONNX, reported on the status line. */
  private Menu modelMenu() {
    Menu menu = new Menu(T.get("MainWindow.model"));
    menu.setId("modelMenu");
    menu.getItems().add(OnnxExportAction.menuItem("exportOnnxItem",
        () -> vm.modelProperty().get() == null ? null : vm.loadedTarget(), () -> scene.getWindow(),
        vm.statusProperty()));
    return menu;
  }

  /** The Lessons menu: the panel (Ctrl+L) and a teacher's own lesson file. */
  private Menu lessonsMenu() {
    Menu menu = new Menu(T.get("MainWindow.lessons"));
    menu.setId("lessonsMenu");
    CheckMenuItem show = new CheckMenuItem(T.get("MainWindow.lessonsPanel"));
    show.setId("lessonsPanelItem");
    show.setAccelerator(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN));
    show.setOnAction(e -> showLessons(show.isSelected()));
    menu.setOnShowing(e -> show.setSelected(view.hasSide()));
    menu.getItems().add(show);
    return menu;
  }

  /** Shows or hides the Lessons panel beside the views (made the first time it is asked for). */
  public void showLessons(boolean shown) {
    if (shown && lessons == null) {
      lessons = new LessonPanel(vm, host());
    }
    view.setSide(shown ? lessons.node() : null);
  }

  /**
   * Shows the Lessons panel on the lesson with {@code id} ({@code --lesson=embeddings}: a class
   * starts where the teacher wants); an unknown id leaves the panel open with the list, says so, and answers false.
   */
  public boolean openLesson(String id) {
    showLessons(true);
    var model = lessons.viewModel();
    var found = model.lessons().stream().filter(l -> l.id().equals(id)).findFirst();
    if (found.isPresent()) {
      model.open(found.get());
      return true;
    }
    model.problemsProperty().set(T.format("MainWindow.noLesson", id,
        String.join(", ", model.lessons().stream().map(Lesson::id).toList())));
    return false;
  }

  /** The Lessons panel, or null before it was first shown. */
  public LessonPanel lessons() {
    return lessons;
  }

  /** The window as lessons see it: views by the name of their pane's package ("tokens", …). */
  private LessonHost host() {
    return new LessonHost() {
      @Override
      public boolean openView(String name) {
        return view.selectPane(indexOf(name));
      }

      @Override
      public Node viewNode(String name) {
        int i = indexOf(name);
        return i < 0 ? null : panes.get(i).node();
      }

      @Override
      public void showBatch(SampledBatch batch) {
        panes.stream().filter(PretrainPane.class::isInstance).map(PretrainPane.class::cast).findFirst()
            .ifPresent(p -> p.showSampledBatch(batch));
      }
    };
  }

  /** The index of the pane whose package is {@code org.bertworkbench.gui.<name>}, or -1. */
  int indexOf(String name) {
    for (int i = 0; i < panes.size(); i++) {
      String pkg = panes.get(i).getClass().getPackageName();
      if (pkg.substring(pkg.lastIndexOf('.') + 1).equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Rebuilds the window in {@code language} and remembers the choice. A running training job would
   * be stopped by the rebuild, so while one runs nothing changes and the error line says why.
   */
  public void switchLanguage(Language language) {
    if (panes.stream().anyMatch(WorkbenchPane::hasRunningJob)) {
      vm.errorProperty().set(T.get("MainWindow.languageBusy"));
      return;
    }
    Language.choose(language);
    // A lesson being taught goes on at the same step in the new language (the ids are the same).
    boolean lessonsShown = view.hasSide();
    Lesson open = lessons == null ? null : lessons.viewModel().lessonProperty().get();
    int step = lessons == null ? -1 : lessons.viewModel().stepProperty().get();
    if (lessons != null) {
      lessons.shutdown();
      lessons = null;
    }
    panes.forEach(WorkbenchPane::shutdown);
    view.dispose();
    panes = makePanes.apply(vm);
    view = view();
    scene.setRoot(view.root());
    if (lessonsShown) {
      showLessons(true);
      if (open != null) {
        lessons.viewModel().lessons().stream().filter(l -> l.id().equals(open.id())).findFirst()
            .ifPresent(l -> {
              lessons.viewModel().open(l);
              lessons.viewModel().go(Math.max(0, step));
            });
      }
    }
  }

  public WorkbenchViewModel viewModel() {
    return vm;
  }

  public Scene scene() {
    return scene;
  }

  /** The panes now (a language switch replaces them). */
  public List<WorkbenchPane> panes() {
    return panes;
  }

  /** Shuts every pane and the model down, as closing the window does. */
  public void shutdown() {
    if (lessons != null) {
      lessons.shutdown();
    }
    panes.forEach(WorkbenchPane::shutdown);
    vm.shutdown();
  }
}
