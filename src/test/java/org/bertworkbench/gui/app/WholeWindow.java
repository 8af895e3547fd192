package org.bertworkbench.gui.app;

import java.util.List;
import java.util.function.Function;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.testfx.api.FxRobot;

/**
 * The whole window as {@link WorkbenchApp#start} builds it, for the tests and benchmarks that drive
 * every view: its model, its panes, its scene with the zoom keys. {@link #close} shuts them down.
 */
public final class WholeWindow {

  public final WorkbenchViewModel vm;
  public final List<WorkbenchPane> panes;
  public final Scene scene;

  private WholeWindow(WorkbenchViewModel vm, List<WorkbenchPane> panes, Scene scene) {
    this.vm = vm;
    this.panes = panes;
    this.scene = scene;
  }

  /** The window with {@link WorkbenchApp#panes}, {@code width} x {@code height}. */
  public static WholeWindow show(Stage stage, double width, double height) {
    return show(stage, width, height, WorkbenchApp::panes);
  }

  /** The window with other panes (a benchmark's runs folder, say). */
  public static WholeWindow show(Stage stage, double width, double height,
      Function<WorkbenchViewModel, List<WorkbenchPane>> panes) {
    WorkbenchViewModel vm = new WorkbenchViewModel();
    List<WorkbenchPane> made = panes.apply(vm);
    Scene scene = new Scene(new WorkbenchView(vm, made).root(), width, height);
    WorkbenchApp.installZoom(scene);
    stage.setScene(scene);
    // The stage is shared between test classes: not the last test's size or place. Off Monocle's
    // 1600 x 1200 screen, its painter throws BufferOverflowException.
    stage.setX(0);
    stage.setY(0);
    stage.setWidth(width);
    stage.setHeight(height);
    stage.show();
    return new WholeWindow(vm, made, scene);
  }

  /** Shuts every pane and the model down, as closing the window does. */
  public void close(FxRobot robot) {
    robot.interact(() -> {
      panes.forEach(WorkbenchPane::shutdown);
      vm.shutdown();
    });
  }
}
