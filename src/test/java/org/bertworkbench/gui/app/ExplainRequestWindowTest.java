package org.bertworkbench.gui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.bertworkbench.core.finetune.FineTunedFolders;
import org.bertworkbench.core.finetune.TextExample;
import org.bertworkbench.gui.shell.ExplainRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Explain this prediction" through the whole window: a request from any tab brings the Explain
 * tab to the front and its Attribution view explains the fine-tuned model's prediction.
 */
@ExtendWith(ApplicationExtension.class)
class ExplainRequestWindowTest {

  @TempDir
  Path dir;
  WholeWindow window;

  @Start
  void start(Stage stage) {
    window = WholeWindow.show(stage, 1200, 800);
  }

  @AfterEach
  void stop(FxRobot robot) {
    window.close(robot);
  }

  @Test
  void aRequestBringsTheExplainTabToTheFrontAndExplainsTheRunsModel(FxRobot robot) throws Exception {
    Path model = FineTunedFolders.classifier(dir.resolve("classifier"));
    TabPane views = robot.lookup("#views").query();
    robot.interact(() -> views.getSelectionModel().select(6)); // Fine-tuning, where the button is
    robot.interact(() -> window.vm.explainRequestProperty().set(new ExplainRequest(model,
        new TextExample(1, "the cat sat on the mat .", null, null, null), "pos")));
    assertEquals("Explain", views.getSelectionModel().getSelectedItem().getText());
    Label source = robot.lookup("#attributionSource").query();
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#attributionCompleteness")
        .queryLabeled().getText().contains("N = 50"));
    assertTrue(source.getText().contains("classifier") && source.getText().contains("pos"), source.getText());
  }
}
