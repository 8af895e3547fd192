package org.bertworkbench.gui.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.bertworkbench.core.finetune.FinetuneRun;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.bertworkbench.core.finetune.TaskKind;
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
 * The runs tab driven headless: a run watched live, paused (no step while paused), resumed,
 * cancelled (stopped with a checkpoint), resumed from the list to the end with every step's row
 * exactly once; a queued second run; two runs compared; finished models offered to the window.
 */
@ExtendWith(ApplicationExtension.class)
class FinetuneRunsTest {

  @TempDir
  Path dir;
  FinetunePane pane;
  final List<Path> models = new ArrayList<>();

  @Start
  void start(Stage stage) {
    pane = FinetuneWindow.show(stage, dir.resolve("runs"), models::add);
  }

  @AfterEach
  void stop() {
    pane.shutdown();
  }

  <T> T fx(FxRobot robot, Callable<T> read) {
    return Fx.call(robot, read);
  }

  int points(FxRobot robot) {
    return fx(robot, () -> pane.runs().curves().lossPoints());
  }

  void waitFor(FxRobot robot, int seconds, String what, Callable<Boolean> condition) throws Exception {
    try {
      WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(robot, condition));
    } catch (TimeoutException e) {
      throw new AssertionError("waited " + seconds + " s for " + what + "; status: "
          + fx(robot, () -> pane.runs().statusProperty().get()) + "; error: " + fx(robot, () -> pane.runs().errorProperty().get()));
    }
  }

  FinetuneRun.Summary summary(FxRobot robot, Path run) {
    return fx(robot, () -> pane.runs().runs().stream().filter(s -> s.dir().equals(run)).findFirst().orElse(null));
  }

  /**
   * Long enough that the cancel lands before the end on a fast machine (6 epochs, 120 steps, once
   * finished before "Cancel the run" was confirmed): 160 training rows in batches of 8.
   */
  static final int EPOCHS = 20;
  static final int STEPS = EPOCHS * 160 / 8;

  @Test
  void liveRunPauseCancelResumeQueueAndCompare(FxRobot robot) throws Exception {
    Path base = org.bertworkbench.core.finetune.GeneratedTasks.randomModel(dir.resolve("base"), 0.1, 5);
    Path train = GeneratedData.classify(dir, 200, 9);
    Path runs = dir.resolve("runs");
    FinetuneSpec spec = FinetuneSpec.defaults(TaskKind.CLASSIFY, train.toString(), base.toString(),
        runs.resolve("long").toString()).withHyperparameters(EPOCHS, 8, 1e-3).withTraining(0.1, 0.01, 32, 3, 0)
        .withDev(null, 0.2);
    robot.interact(() -> {
      pane.runs().launch(List.of(spec));
    });
    Path run = Path.of(spec.out());
    waitFor(robot, 300, "step 5", () -> pane.runs().curves().lossPoints() >= 5);
    assertTrue(fx(robot, () -> pane.runs().progressTextProperty().get()).matches("step \\d+ of " + STEPS + " · epoch .* left.*"),
        fx(robot, () -> pane.runs().progressTextProperty().get()));
    org.bertworkbench.gui.Screenshots.save(robot, "finetune-monitor-live");

    robot.clickOn("#pauseRun");
    assertEquals("Resume", robot.lookup("#pauseRun").queryAs(Button.class).getText());
    // The step under way finishes, the run holds, the timer pulls that last step.
    waitFor(robot, 60, "the run to hold", () -> pane.runs().holding()
        && pane.runs().curves().lossPoints() == pane.runs().reportedStep());
    int pausedAt = points(robot);
    assertTrue(fx(robot, () -> pane.runs().holding()), "the run still holds");
    assertEquals(pausedAt, fx(robot, () -> pane.runs().reportedStep()), "no step while paused");
    assertEquals(pausedAt, points(robot), "no step while paused");
    assertTrue(fx(robot, () -> pane.runs().statusProperty().get()).startsWith("Paused"));
    robot.clickOn("#pauseRun");
    waitFor(robot, 120, "steps after resuming", () -> pane.runs().curves().lossPoints() >= pausedAt + 3);

    robot.clickOn("#cancelRun");
    robot.clickOn("Cancel the run"); // the confirmation
    waitFor(robot, 120, "the run to stop", () -> !pane.runs().runningProperty().get());
    waitFor(robot, 30, "the list to show it stopped", () -> {
      FinetuneRun.Summary s = summary(robot, run);
      return s != null && s.status().state() == FinetuneRun.State.STOPPED;
    });
    long stoppedAt = summary(robot, run).status().step();
    assertTrue(stoppedAt < STEPS, "stopped before the end: " + stoppedAt);
    assertTrue(fx(robot, () -> pane.runs().statusProperty().get()).contains("Stopped after step " + stoppedAt),
        fx(robot, () -> pane.runs().statusProperty().get()));

    // Resume from the list: the run goes on from its last checkpoint to the end.
    robot.interact(() -> pane.table().getSelectionModel().select(summary(robot, run)));
    assertFalse(robot.lookup("#resumeRun").queryAs(Button.class).isDisabled(), "a stopped run can be resumed");
    robot.clickOn("#resumeRun");
    // A second run waits in the queue behind it.
    FinetuneSpec second = spec.withOut(runs.resolve("short").toString()).withHyperparameters(2, 16, 1e-3);
    robot.interact(() -> pane.runs().launch(List.of(second)));
    waitFor(robot, 400, "both runs to finish", () -> pane.runs().training() == null
        && pane.runs().runs().stream().filter(s -> s.status().state() == FinetuneRun.State.FINISHED).count() == 2);
    List<JsonObject> rows = JsonLines.read(run.resolve(FinetuneRun.METRICS));
    List<Long> trainSteps = rows.stream().filter(o -> o.get("kind").getAsString().equals("train"))
        .map(o -> o.get("step").getAsLong()).toList();
    assertEquals(java.util.stream.LongStream.rangeClosed(1, STEPS).boxed().toList(), trainSteps,
        "every step's row once, none lost or repeated by stopping and resuming");
    assertEquals(EPOCHS, rows.stream().filter(o -> o.get("kind").getAsString().equals("dev")).count(), "one dev row per epoch");
    assertTrue(models.contains(run.resolve(FinetuneRun.MODEL)), "the fine-tuned model is offered to the window: " + models);
    assertTrue(models.contains(Path.of(second.out()).resolve(FinetuneRun.MODEL)));

    // The monitor shows the resumed run's whole history when chosen.
    robot.interact(() -> pane.table().getSelectionModel().clearAndSelect(
        pane.table().getItems().indexOf(summary(robot, run))));
    waitFor(robot, 30, "the curves of the resumed run", () -> pane.runs().curves().lossPoints() == STEPS);

    // Compare the two runs: their curves over each other and a table.
    robot.interact(() -> {
      pane.table().getSelectionModel().selectAll();
      pane.runs().compare(List.copyOf(pane.table().getSelectionModel().getSelectedItems()));
      pane.select("Compare");
    });
    waitFor(robot, 30, "the comparison", () -> pane.runs().comparedRuns().size() == 2);
    assertEquals(2, fx(robot, () -> pane.runs().comparedCurves().loss().getSeriesCount()));
    assertEquals(2, fx(robot, () -> pane.runs().comparedCurves().dev().getSeriesCount()));
    assertEquals(STEPS, fx(robot, () -> pane.runs().comparedCurves().loss().getSeries("long").getItemCount()));
    org.bertworkbench.gui.Screenshots.save(robot, "finetune-compare");
  }
}
