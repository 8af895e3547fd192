package org.bertworkbench.gui.app;

import java.util.List;
import java.util.function.Function;
import javafx.scene.Scene;
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
    return v;
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
    panes.forEach(WorkbenchPane::shutdown);
    view.dispose();
    panes = makePanes.apply(vm);
    view = view();
    scene.setRoot(view.root());
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
    panes.forEach(WorkbenchPane::shutdown);
    vm.shutdown();
  }
}
