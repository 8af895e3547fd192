package org.bertworkbench.gui.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.bertworkbench.core.finetune.FineTunedFolders;
import org.bertworkbench.core.finetune.FinetuneRun;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.bertworkbench.core.finetune.TaskKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A finished run's model used from the window (issue 12, point 8): the word pieces of a dev
 * example and of a typed input are shown; a whole file is predicted (and written as JSON lines);
 * the model is evaluated on a new labelled test file.
 */
@ExtendWith(ApplicationExtension.class)
class FinetunePredictionsTest {

  @TempDir
  static Path dir;
  FinetunePane pane;
  Path run;

  @Start
  void start(Stage stage) throws Exception {
    Path runs = Files.createDirectories(dir.resolve("runs"));
    run = Files.createDirectories(runs.resolve("classify-tiny"));
    Path dev = dir.resolve("dev.tsv");
    Files.writeString(dev, "sentence\tlabel\nthe sea\tneg\nthe sun\tpos\n");
    if (!Files.isDirectory(run.resolve(FinetuneRun.MODEL))) {
      FineTunedFolders.classifier(run.resolve(FinetuneRun.MODEL));
    }
    FinetuneSpec.defaults(TaskKind.CLASSIFY, dev.toString(), FineTunedFolders.TINY.toString(), run.toString())
        .withDev(dev.toString(), 0.1).save(run.resolve(FinetuneRun.SPEC));
    Files.writeString(run.resolve(FinetuneRun.DEV_PREDICTIONS),
        "{\"line\": 2, \"label\": \"neg\", \"confidence\": 0.6, \"probabilities\": {\"neg\": 0.6, \"pos\": 0.4}}\n"
            + "{\"line\": 3, \"label\": \"neg\", \"confidence\": 0.7, \"probabilities\": {\"neg\": 0.7, \"pos\": 0.3}}\n");
    pane = new FinetunePane(runs, FakeProbe.cpuOnly(), List::of, m -> { }, m -> { });
    stage.setScene(new Scene((javafx.scene.Parent) pane.node(), 1400, 900));
    stage.show();
  }

  @AfterEach
  void stop() {
    pane.shutdown();
  }

  <T> T fx(FxRobot robot, Callable<T> read) {
    return Fx.call(robot, read);
  }

  void settle(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !fx(robot, () -> pane.inspection().busy()));
    WaitForAsyncUtils.waitForFxEvents();
  }

  String pieces(FxRobot robot) {
    return fx(robot, () -> robot.lookup("#predictPieces").queryAs(Label.class).getText());
  }

  @Test
  void piecesWholeFilesAndATestFile(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(robot, () -> pane.table().getItems().size()) == 1);
    robot.clickOn("classify-tiny");
    robot.clickOn("Predictions");
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(robot, () -> pane.predictionsView().table().getItems()
        .size()) == 2);
    // A dev example: how the model's tokenizer cut it.
    robot.clickOn("the sun");
    settle(robot);
    assertEquals("[CLS] the sun [SEP]  (4 pieces)", pieces(robot));
    // A typed input: its answer and its pieces.
    robot.clickOn("#predictA").write("the sea and the rain");
    robot.clickOn("#predictButton");
    settle(robot);
    assertTrue(fx(robot, () -> pane.inspection().answerProperty().get()).matches("(neg|pos) \\(probability .*"));
    assertEquals("[CLS] the sea and the rain [SEP]  (7 pieces)", pieces(robot));

    // A whole file predicted: every line listed, and written next to the run.
    Path lines = dir.resolve("inputs.txt");
    Files.writeString(lines, "the sea\nthe sun on the sand\nthe rain\n");
    robot.clickOn("#modelFile").write(lines.toString());
    List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    fx(robot, () -> {
      pane.inspection().predictWork().messageProperty().addListener((o, was, now) -> reported.add(now));
      return null;
    });
    robot.clickOn("#predictFile");
    settle(robot);
    // The prediction over the file reported its progress to the runner the bar and the status line read.
    assertTrue(reported.stream().anyMatch(m -> m.startsWith("predicting 0 of 3")), reported.toString());
    assertFalse(fx(robot, () -> robot.lookup("#predictProgress").query().isVisible()), "the bar hides when done");
    assertEquals(3, fx(robot, () -> pane.predictionsView().table().getItems().size()),
        fx(robot, () -> pane.inspection().messageProperty().get()));
    Path written = run.resolve("predictions-inputs.jsonl");
    assertEquals(3, Files.readAllLines(written).size());
    assertTrue(fx(robot, () -> pane.inspection().messageProperty().get()).startsWith("3 predictions of inputs.txt"));

    // Evaluated on a new labelled file: its scores and examples.
    Path test = dir.resolve("test.tsv");
    Files.writeString(test, "sentence\tlabel\nthe sea\tneg\nthe sun\tpos\nthe rain\tneg\nthe sand\tpos\n");
    // Select all and type over it, as a user replacing a path does (a double-click selects one word only).
    robot.clickOn("#modelFile").push(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.A)
        .write(test.toString());
    assertEquals(test.toString(), fx(robot, () -> ((javafx.scene.control.TextField) robot.lookup("#modelFile")
        .query()).getText()));
    robot.clickOn("#evaluateFile");
    settle(robot);
    String message = fx(robot, () -> pane.inspection().messageProperty().get());
    assertTrue(message.startsWith("classify-tiny on test.tsv · 4 examples"), message);
    assertEquals(4, fx(robot, () -> pane.inspection().inspectionProperty().get().rows().size()));
    assertEquals(2, fx(robot, () -> pane.inspection().inspectionProperty().get().classes().labels().size()));
    org.bertworkbench.gui.Screenshots.save(robot, "finetune-predictions-test-file");
  }
}
