package org.bertworkbench.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The first window, driven headless: load BERT-Base, type, see tokens and predictions. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest {

  WorkbenchViewModel vm;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    stage.setScene(new Scene(new WorkbenchView(vm).root(), 1100, 700));
    stage.show();
  }

  @Test
  void loadTypeAndSeeTokensAndPredictions(FxRobot robot) throws Exception {
    robot.interact(() -> vm.load("bert-base-uncased"));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(robot.lookup("#statusLabel").queryAs(Label.class).getText().contains("109,482,240"));

    robot.clickOn("#textA").write("Hello I'm a [MASK] model.");
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null
        && vm.analysisProperty().get().encoding().tokens().contains("[MASK]"));
    WaitForAsyncUtils.waitForFxEvents();

    FlowPane chips = robot.lookup("#tokenFlow").queryAs(FlowPane.class);
    List<String> shown = chips.getChildren().stream().map(n -> ((Label) n).getText()).toList();
    assertEquals(List.of("[CLS]", "hello", "i", "'", "m", "a", "[MASK]", "model", ".", "[SEP]"), shown);
    assertEquals(10, robot.lookup("#tokenTable").queryAs(TableView.class).getItems().size());

    robot.clickOn("Fill-mask");
    VBox results = robot.lookup("#maskResults").queryAs(VBox.class);
    List<String> labels = results.lookupAll(".prediction-token").stream()
        .map(n -> ((Label) n).getText()).toList();
    assertEquals(List.of("fashion", "role", "new", "super", "fine"), labels);
    Screenshots.save(robot, "first-window-fill-mask");
    robot.clickOn("Tokens");
    Screenshots.save(robot, "first-window-tokens");
  }

  @Test
  void badInputKeepsTheWindowUsable(FxRobot robot) throws Exception {
    robot.interact(() -> vm.load("/no/such/model/folder"));
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.errorProperty().get().isEmpty());
    Label error = robot.lookup("#errorLabel").queryAs(Label.class);
    assertTrue(error.getText().startsWith("Could not load /no/such/model/folder"), error.getText());
    assertTrue(error.getText().lines().count() == 1);
    Node load = robot.lookup("#loadButton").query();
    assertTrue(!load.isDisabled());
  }
}
