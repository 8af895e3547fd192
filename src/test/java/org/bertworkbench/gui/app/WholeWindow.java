package org.bertworkbench.gui.app;

import java.util.List;
import java.util.function.Function;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.testfx.api.FxRobot;

/**
 * The whole window as {@link WorkbenchApp#start} builds it ({@link MainWindow}), for the tests and benchmarks that drive
 * every view: its model, its panes, its scene with the zoom keys. {@link #close} shuts them down.
 */
public final class WholeWindow {

  public final MainWindow window;
  public final WorkbenchViewModel vm;
  /** The panes the window opened with (a language switch replaces them: {@link MainWindow#panes}). */
  public final List<WorkbenchPane> panes;
  public final Scene scene;

  private WholeWindow(MainWindow window) {
    this.window = window;
    this.vm = window.viewModel();
    this.panes = window.panes();
    this.scene = window.scene();
  }

  /** The window with {@link WorkbenchApp#panes}, {@code width} x {@code height}. */
  public static WholeWindow show(Stage stage, double width, double height) {
    return show(stage, width, height, WorkbenchApp::panes);
  }

  /** The window with other panes (a benchmark's runs folder, say). */
  public static WholeWindow show(Stage stage, double width, double height,
      Function<WorkbenchViewModel, List<WorkbenchPane>> panes) {
    MainWindow window = new MainWindow(new WorkbenchViewModel(), panes, width, height);
    stage.setScene(window.scene());
    // The stage is shared between test classes: not the last test's size or place. Off Monocle's
    // 1600 x 1200 screen, its painter throws BufferOverflowException.
    stage.setX(0);
    stage.setY(0);
    stage.setWidth(width);
    stage.setHeight(height);
    stage.show();
    return new WholeWindow(window);
  }

  /** Shuts every pane and the model down, as closing the window does. */
  public void close(FxRobot robot) {
    robot.interact(window::shutdown);
  }
}
