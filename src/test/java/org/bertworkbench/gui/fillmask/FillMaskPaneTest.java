package org.bertworkbench.gui.fillmask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.bertworkbench.core.finetune.FineTunedFolders;
import org.bertworkbench.gui.Screenshots;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.tokens.TokensPane;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Fill-mask tab as a user meets it: the next-sentence answer for a typed pair, and a fine-tuned
 * model, which has neither pretraining head, disabling the tab and saying why instead of showing
 * guesses from random weights.
 */
@ExtendWith(ApplicationExtension.class)
class FillMaskPaneTest {

  static Path classifier;

  WorkbenchViewModel vm;
  FillMaskPane fillMask;

  @BeforeAll
  static void saveAFineTunedModel() throws Exception {
    classifier = FineTunedFolders.classifier(Files.createTempDirectory("fill-mask-classifier").resolve("model"));
  }

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    fillMask = new FillMaskPane(vm);
    WorkbenchView view = new WorkbenchView(vm, List.<WorkbenchPane>of(new TokensPane(vm), fillMask));
    stage.setScene(new Scene(view.root(), 1280, 820));
    stage.show();
  }

  void load(FxRobot robot, String model) throws Exception {
    Object before = vm.modelProperty().get();
    robot.interact(() -> vm.load(model));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null
        && vm.modelProperty().get() != before);
    WaitForAsyncUtils.waitForFxEvents();
  }

  void waitForAnalysisOf(String a, String b) throws Exception {
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null
        && vm.analysisProperty().get().textA().equals(a) && b.equals(vm.analysisProperty().get().textB()));
    WaitForAsyncUtils.waitForFxEvents();
  }

  Tab fillMaskTab(FxRobot robot) {
    return robot.lookup("#views").queryAs(TabPane.class).getTabs().get(1);
  }

  @Test
  void aTypedPairGetsTheNextSentenceAnswer(FxRobot robot) throws Exception {
    load(robot, "sample-tiny");
    robot.clickOn("#textA").write("The cat sat on the [MASK].");
    robot.clickOn("#textB").write("It was warm there.");
    waitForAnalysisOf("The cat sat on the [MASK].", "It was warm there.");
    robot.clickOn("Fill-mask");
    String line = robot.lookup("#nextSentenceLabel").queryAs(Label.class).getText();
    double isNext = vm.analysisProperty().get().nextSentence().isNext();
    assertTrue(line.contains(String.format("probability %.3f (IsNext)", isNext)), line);
    assertEquals(5, fillMask.shownTokens().size(), "the guesses are there too");
    String hint = robot.lookup("#fillMaskHint").queryAs(Label.class).getText();
    assertTrue(hint.contains("every head on") && hint.contains("apply here too"), hint);
    Screenshots.save(robot, "fill-mask-next-sentence");
  }

  @Test
  void aFineTunedModelDisablesTheTabAndSaysWhy(FxRobot robot) throws Exception {
    load(robot, classifier.toString());
    Tab tab = fillMaskTab(robot);
    assertTrue(tab.isDisable(), "no masked-LM head: nothing true to show");
    assertEquals("Fill-mask (not for this model)", tab.getText());
    assertTrue(tab.getTooltip().getText().contains("no masked-LM head"), tab.getTooltip().getText());
    robot.clickOn("#textA").write("a [MASK] day");
    robot.clickOn("#textB").write("it rained");
    waitForAnalysisOf("a [MASK] day", "it rained");
    assertFalse(vm.analysisProperty().get().mlmHead());
    assertEquals(List.of(), vm.analysisProperty().get().masks(), "no guesses from random weights");
    assertEquals(null, vm.analysisProperty().get().nextSentence(), "no next-sentence answer from random weights");
    assertTrue(robot.lookup("#fillMaskHint").queryAs(Label.class).getText().contains("no masked-LM head"));
    Screenshots.save(robot, "fill-mask-fine-tuned-model");

    load(robot, "sample-tiny"); // a pretrained model has both heads again
    assertFalse(tab.isDisable());
    assertEquals("Fill-mask", tab.getText());
  }
}
