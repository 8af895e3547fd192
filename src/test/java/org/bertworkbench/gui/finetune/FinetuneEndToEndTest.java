package org.bertworkbench.gui.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.bertworkbench.core.finetune.FinetuneRun;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.bertworkbench.core.run.JsonLines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Each task family fine-tuned end to end from the wizard: generated data, a small random BERT with
 * the sample model's vocabulary as the base (a model folder), launched from the review page, watched in the runs tab until it finishes; the dev
 * score must be clearly above chance; the monitor keeps one loss point per step; the predictions
 * browser lists the dev examples errors first.
 */
@ExtendWith(ApplicationExtension.class)
class FinetuneEndToEndTest {

  @TempDir
  Path dir;
  FinetunePane pane;
  final List<Path> models = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Start
  void start(Stage stage) {
    pane = new FinetunePane(dir.resolve("runs"), FakeProbe.cpuOnly(), List::of, models::add, m -> { });
    stage.setScene(new Scene((javafx.scene.Parent) pane.node(), 1400, 900));
    stage.show();
  }

  @AfterEach
  void stop() {
    pane.shutdown();
  }

  /** Goes through the wizard with the tiny model and small-model hyper-parameters, launches, waits for the end. */
  FinetuneRun.Summary run(FxRobot robot, String task, Path train, Runnable onDataPage, String name) throws Exception {
    return run(robot, task, train, onDataPage, name, 3, "1e-3");
  }

  /** How long training takes is FinetuneTrainingBench's. */
  FinetuneRun.Summary run(FxRobot robot, String task, Path train, Runnable onDataPage, String name, int epochs,
      String lr) throws Exception {
    WizardRuns runs = new WizardRuns(robot, pane, dir);
    WizardRuns.Launched launched = runs.launch(task, train, w -> {
      onDataPage.run();
      w.screenshot("finetune-e2e-" + name + "-data");
    }, name, epochs, lr);
    runs.awaitEnd(launched);
    WizardDriver w = launched.wizard();
    Path runDir = launched.runDir();
    FinetuneSpec wanted = launched.wanted();
    FinetuneRun.Summary s = w.fx(() -> pane.runs().runs().stream().filter(x -> x.dir().equals(runDir)).findFirst()
        .orElseThrow());
    assertEquals(FinetuneRun.State.FINISHED, s.status().state(), w.fx(() -> pane.runs().errorProperty().get()));
    assertEquals(wanted, FinetuneSpec.load(runDir.resolve(FinetuneRun.SPEC)).withOut(wanted.out()),
        "the run folder's spec.json is the wizard's");
    // The monitor kept one loss point per step.
    long steps = JsonLines.read(runDir.resolve(FinetuneRun.METRICS)).stream()
        .filter(o -> o.get("kind").getAsString().equals("train")).count();
    assertEquals(steps, (long) w.fx(() -> pane.runs().curves().lossPoints()), "one loss point per step");
    assertTrue(models.contains(runDir.resolve(FinetuneRun.MODEL)), "the model joins the window's list: " + models);
    robot.interact(() -> pane.table().getSelectionModel().select(s));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !w.fx(() -> pane.inspection().busy())
        && w.fx(() -> pane.inspection().inspectionProperty().get()) != null);
    System.out.println(name + " " + s.lastEvaluation());
    return s;
  }

  Map<String, Double> metrics(FinetuneRun.Summary s) {
    assertNotNull(s.lastEvaluation(), "the run was evaluated on its dev set");
    return s.lastEvaluation().metrics();
  }

  @Test
  void singleSentenceClassification(FxRobot robot) throws Exception {
    FinetuneRun.Summary s = run(robot, "classify", GeneratedData.classify(dir, 320, 1), () -> { }, "classify",
        4, "2e-3");
    org.bertworkbench.gui.Screenshots.save(robot, "finetune-monitor-classify");
    robot.interact(() -> pane.select("Evaluation"));
    org.bertworkbench.gui.Screenshots.save(robot, "finetune-evaluation-classify");
    robot.interact(() -> pane.select("Predictions"));
    robot.interact(() -> pane.predictionsView().table().getSelectionModel().select(0));
    org.bertworkbench.gui.Screenshots.save(robot, "finetune-predictions-classify");
    assertTrue(metrics(s).get("accuracy") > 0.8, "classify dev accuracy " + metrics(s));
    // The predict box: a new sentence for the fine-tuned model.
    robot.clickOn("#predictA").write("the children see the river near home");
    robot.clickOn("#predictButton");
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Fx.call(robot,
        () -> pane.inspection().answerProperty().get()).matches("(wet|dry) \\(probability .*"));
    String answer = Fx.call(robot, () -> pane.inspection().answerProperty().get());
    assertTrue(answer.startsWith("wet"), answer);
    assertTrue(Fx.call(robot, () -> robot.lookup("#predictB").query().isDisabled()),
        "single-sentence classification reads no second text");
  }

  @Test
  void sentencePairClassification(FxRobot robot) throws Exception {
    FinetuneRun.Summary s = run(robot, "pair", GeneratedData.pair(dir, 600, 2), () -> { }, "pair", 4,
        "1e-3");
    assertTrue(metrics(s).get("accuracy") > 0.7, "pair dev accuracy (chance 0.5) " + metrics(s));
  }

  @Test
  void classificationWithNumericFeatures(FxRobot robot) throws Exception {
    FinetuneRun.Summary s = run(robot, "numeric", GeneratedData.numeric(dir, 320, 3), () -> {
      robot.clickOn("#feature-temperature");
      robot.clickOn("#feature-visitors");
    }, "numeric", 4, "2e-3");
    assertTrue(metrics(s).get("accuracy") > 0.8, "numeric dev accuracy " + metrics(s));
    robot.interact(() -> pane.select("Predictions"));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Fx.call(robot,
        () -> robot.lookup("#predictFeatures").query().isVisible()));
    String prompt = Fx.call(robot, () -> robot.lookup("#predictFeatures").queryAs(TextField.class).getPromptText());
    assertTrue(prompt.startsWith("temperature, visitors"), "the features box names the run's columns: " + prompt);
  }

  @Test
  void spanQuestionAnswering(FxRobot robot) throws Exception {
    FinetuneRun.Summary s = run(robot, "qa", GeneratedData.qa(dir, 300, 4), () -> { }, "qa");
    robot.interact(() -> pane.select("Predictions"));
    robot.interact(() -> pane.predictionsView().table().getSelectionModel().select(0));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !pane.inspection().busy());
    org.bertworkbench.gui.Screenshots.save(robot, "finetune-predictions-qa");
    assertFalse(Fx.call(robot, () -> robot.lookup("#predictFeatures").query().isVisible()),
        "no features box for a model without features");
    assertTrue(metrics(s).get("exact_match") > 0.3, "qa dev " + metrics(s));
  }

  @Test
  void tokenTagging(FxRobot robot) throws Exception {
    FinetuneRun.Summary s = run(robot, "tag", GeneratedData.tag(dir, 200, 5), () -> { }, "tag");
    robot.interact(() -> pane.select("Predictions"));
    robot.interact(() -> pane.predictionsView().table().getSelectionModel().select(0));
    org.bertworkbench.gui.Screenshots.save(robot, "finetune-predictions-tag");
    assertTrue(metrics(s).get("f1") > 0.6, "tag dev " + metrics(s));
  }
}
