package org.bertworkbench.gui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The README's list of tabs and its keys: Ctrl + / Ctrl − zoom, F5 toggles large type. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchAppTest {

  Scene scene;

  @Start
  void start(Stage stage) {
    scene = new Scene(new StackPane(), 200, 100);
    WorkbenchApp.installZoom(scene);
    stage.setScene(scene);
    stage.show();
  }

  @Test
  void theTabsAreTheReadmesInItsOrder() throws Exception {
    WorkbenchViewModel vm = new WorkbenchViewModel();
    List<WorkbenchPane> panes = WaitForAsyncUtils.asyncFx(() -> WorkbenchApp.panes(vm)).get();
    List<String> titles = panes.stream().map(WorkbenchPane::title).toList();
    assertEquals(List.of("Tokens", "Embeddings", "Hidden states", "Fill-mask", "Attention", "Pretraining",
        "Fine-tuning", "Sentences", "Explain"), titles);
    WaitForAsyncUtils.asyncFx(() -> panes.forEach(WorkbenchPane::shutdown)).get();
    vm.shutdown();
  }

  @Test
  void ctrlPlusAndMinusZoomAndF5TogglesLargeType(FxRobot robot) {
    assertEquals("", style());
    press(robot, new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN));
    assertEquals("-fx-font-size: 15.0px;", style());
    press(robot, new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN));
    press(robot, new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN));
    assertEquals("-fx-font-size: 11.0px;", style());
    press(robot, new KeyCodeCombination(KeyCode.F5));
    assertEquals("-fx-font-size: 22.0px;", style(), "large type");
    press(robot, new KeyCodeCombination(KeyCode.F5));
    assertEquals("-fx-font-size: 13.0px;", style(), "back to normal");
  }

  private void press(FxRobot robot, KeyCombination keys) {
    robot.interact(() -> scene.getAccelerators().get(keys).run());
  }

  private String style() {
    return scene.getRoot().getStyle();
  }
}
