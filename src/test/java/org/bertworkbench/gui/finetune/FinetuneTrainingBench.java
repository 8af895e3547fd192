package org.bertworkbench.gui.finetune;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Benchmark, not a test: FinetuneEndToEndTest's five runs (same data, base model and
 * hyper-parameters), each timed from the Launch click until the runs tab shows it ended, in wall
 * and process CPU seconds. Printed, never asserted: machines vary. What the runs produce is
 * FinetuneEndToEndTest's. Run:
 * {@code mvn -B -o test -Dbench.excluded=none -Dgroups=bench -Dtest=FinetuneTrainingBench}
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class FinetuneTrainingBench {

  @TempDir
  Path dir;
  FinetunePane pane;

  @Start
  void start(Stage stage) {
    pane = FinetuneWindow.show(stage, dir.resolve("runs"), m -> { });
  }

  @AfterEach
  void stop() {
    pane.shutdown();
  }

  void time(FxRobot robot, String task, Path train, Consumer<WizardDriver> onDataPage, String name, int epochs,
      String lr) throws Exception {
    WizardRuns runs = new WizardRuns(robot, pane, dir);
    runs.base(); // made before the clock starts
    WizardRuns.Launched launched = runs.launch(task, train, onDataPage, name, epochs, lr);
    long start = System.nanoTime();
    long cpu = processCpuNanos();
    runs.awaitEnd(launched);
    System.out.printf("%s: trained in %.1f s wall, %.1f s CPU%n", name, (System.nanoTime() - start) / 1e9,
        (processCpuNanos() - cpu) / 1e9);
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  @Test
  void singleSentenceClassification(FxRobot robot) throws Exception {
    time(robot, "classify", GeneratedData.classify(dir, 320, 1), w -> { }, "classify", 4, "2e-3");
  }

  @Test
  void sentencePairClassification(FxRobot robot) throws Exception {
    time(robot, "pair", GeneratedData.pair(dir, 600, 2), w -> { }, "pair", 4, "1e-3");
  }

  @Test
  void classificationWithNumericFeatures(FxRobot robot) throws Exception {
    time(robot, "numeric", GeneratedData.numeric(dir, 320, 3), w -> {
      robot.clickOn("#feature-temperature");
      robot.clickOn("#feature-visitors");
    }, "numeric", 4, "2e-3");
  }

  @Test
  void spanQuestionAnswering(FxRobot robot) throws Exception {
    time(robot, "qa", GeneratedData.qa(dir, 300, 4), w -> { }, "qa", 3, "1e-3");
  }

  @Test
  void tokenTagging(FxRobot robot) throws Exception {
    time(robot, "tag", GeneratedData.tag(dir, 200, 5), w -> { }, "tag", 3, "1e-3");
  }
}
