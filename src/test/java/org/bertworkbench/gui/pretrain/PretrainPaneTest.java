package org.bertworkbench.gui.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bertworkbench.core.pretrain.MaskDecision;
import org.bertworkbench.core.pretrain.PretrainRun;
import org.bertworkbench.core.pretrain.TestCorpus;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;

/**
 * The Pretraining tab driven headless: a short run of the tiny preset on a generated corpus, watched
 * live, paused, resumed, stopped and resumed from disk; the checkpoint timeline; exports; bad input.
 */
@ExtendWith(ApplicationExtension.class)
class PretrainPaneTest {

  @TempDir
  Path dir;
  PretrainPane pane;
  PretrainViewModel vm;

  @Start
  void start(Stage stage) {
    pane = new PretrainPane(() -> null);
    vm = pane.viewModel();
    stage.setScene(new Scene((javafx.scene.Parent) pane.node(), 1500, 950));
    stage.show();
  }

  @AfterEach
  void stopEverything() {
    pane.shutdown();
  }

  <T> T fx(FxRobot robot, Callable<T> read) {
    Object[] out = new Object[1];
    robot.interact(() -> {
      try {
        out[0] = read.call();
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    @SuppressWarnings("unchecked")
    T t = (T) out[0];
    return t;
  }

  /** Waits for the run to reach {@code n} steps; on failure says what the pane says. */
  void waitForStep(FxRobot robot, long n, int seconds) throws Exception {
    try {
      WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS,
          () -> step(robot) >= n || !fx(robot, () -> vm.runningProperty().get()));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no step " + n + " after " + seconds + " s; status: " + fx(robot, () -> vm.statusProperty().get())
          + "; error: " + fx(robot, () -> vm.errorProperty().get()) + "; running: " + fx(robot, () -> vm.runningProperty().get()));
    }
    if (step(robot) < n) {
      throw new AssertionError("the run ended before step " + n + "; status: " + fx(robot, () -> vm.statusProperty().get())
          + "; error: " + fx(robot, () -> vm.errorProperty().get()));
    }
  }

  void waitForStatus(FxRobot robot, String start, int seconds) throws Exception {
    try {
      WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(robot, () -> vm.statusProperty().get()).startsWith(start));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("status is not \"" + start + "…\" after " + seconds + " s: "
          + fx(robot, () -> vm.statusProperty().get()) + "; paused: " + fx(robot, () -> vm.pausedProperty().get()));
    }
  }

  long step(FxRobot robot) {
    return fx(robot, () -> vm.stepProperty().get());
  }

  void fillForm(FxRobot robot, Path corpus, Path out, long steps) {
    robot.interact(() -> {
      vm.corpusProperty().set(corpus.toString());
      vm.presetProperty().set("tiny");
      vm.vocabSizeProperty().set("120");
      vm.stepsProperty().set(String.valueOf(steps));
      vm.batchSizeProperty().set("8");
      vm.maxLengthProperty().set("64");
      vm.learningRateProperty().set("1e-3");
      vm.warmupProperty().set("3");
      vm.seedProperty().set("5");
      vm.checkpointEveryProperty().set("6");
      vm.outProperty().set(out.toString());
    });
  }

  /** Every live series holds exactly one point per step, steps 1..n in order. */
  void assertOnePointPerStep(FxRobot robot) {
    long[] seen = fx(robot, () -> {
      long n = vm.stepProperty().get();
      long bad = 0;
      for (MetricSeries.Metric m : MetricSeries.Metric.values()) {
        XYSeries s = vm.series().live(m);
        if (s.getItemCount() != n) {
          bad++;
        }
        for (int i = 0; i < s.getItemCount(); i++) {
          if (s.getX(i).longValue() != i + 1) {
            bad++;
          }
        }
      }
      return new long[] {n, bad};
    });
    assertTrue(seen[0] > 0);
    assertEquals(0, seen[1], "charts must hold one point per step (" + seen[0] + " steps)");
  }

  @Test
  void liveRunPauseResumeStopTimelineAndExports(FxRobot robot) throws Exception {
    Path corpus = TestCorpus.write(dir, 40, 11);
    Path out = dir.resolve("run");
    fillForm(robot, corpus, out, 400);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(robot, () -> vm.corpusOkProperty().get()));
    String preview = robot.lookup("#corpusPreview").queryAs(Label.class).getText();
    assertTrue(preview.startsWith("40 documents"), preview);

    robot.clickOn("#startButton");
    waitForStep(robot, 8, 90);
    assertOnePointPerStep(robot);
    BatchDrawing batch = fx(robot, () -> pane.batchDrawing());
    assertNotNull(batch.batch(), "the batch of the newest step is drawn");
    assertEquals(8, batch.batch().instances().size());
    List<BatchDrawing.Selected> selected = batch.selected();
    assertFalse(selected.isEmpty(), "selected tokens are drawn");
    assertTrue(selected.stream().anyMatch(s -> s.decision() == MaskDecision.MASK));
    assertTrue(selected.stream().allMatch(s -> s.guess() != null && !s.original().startsWith("[")));
    org.bertworkbench.gui.Screenshots.save(robot, "pretrain-live");

    // Pause: the step count stops growing; resume: it grows again.
    robot.clickOn("#pauseButton");
    waitForStatus(robot, "Paused", 10);
    // The step under way when pausing finishes, the trainer holds, the timer pulls that last step.
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(robot, () -> vm.holding()
        && vm.stepProperty().get() == vm.reportedStep()));
    long pausedAt = step(robot);
    assertTrue(fx(robot, () -> vm.holding()), "the trainer still holds");
    assertEquals(pausedAt, fx(robot, () -> vm.reportedStep()), "no step while paused");
    assertEquals(pausedAt, step(robot), "no step while paused");
    assertOnePointPerStep(robot);
    robot.clickOn("#pauseButton");
    waitForStep(robot, pausedAt + 3, 30);

    // Log scale redraws the same points on log axes.
    robot.clickOn("#logScale");
    assertTrue(fx(robot, () -> pane.logScale()));
    waitForStep(robot, 13, 60);
    org.bertworkbench.gui.Screenshots.save(robot, "pretrain-live-log");
    robot.clickOn("#logScale");

    robot.clickOn("#stopButton");
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !fx(robot, () -> vm.runningProperty().get()));
    long stoppedAt = step(robot);
    String status = fx(robot, () -> vm.statusProperty().get());
    assertTrue(status.startsWith("Stopped after step " + stoppedAt), status);
    assertTrue(stoppedAt < 400);
    assertOnePointPerStep(robot);
    assertTrue(Files.isDirectory(out.resolve("checkpoints/step-" + stoppedAt)));

    // Checkpoint timeline: the run's checkpoints; two of them probed.
    robot.interact(() -> pane.showLowerTab("Checkpoint timeline"));
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(robot, () -> pane.timeline().checkpoints().size()) >= 2);
    List<Path> checkpoints = fx(robot, () -> List.copyOf(pane.timeline().checkpoints()));
    assertEquals(new PretrainRun(out).checkpoints(), checkpoints);
    for (int i : new int[] {0, checkpoints.size() - 1}) {
      long wanted = PretrainRun.stepOf(checkpoints.get(i));
      robot.interact(() -> pane.timeline().indexProperty().set(i));
      WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(robot, () -> {
        CheckpointTimeline.Probe p = pane.timeline().resultProperty().get();
        return p != null && p.step() == wanted && !pane.timeline().busy();
      }));
      CheckpointTimeline.Probe p = fx(robot, () -> pane.timeline().resultProperty().get());
      assertEquals(1, p.masks().size(), "one [MASK] in the probe");
      assertEquals(5, p.masks().get(0).predictions().size());
      assertEquals(2, p.attentions().length, "tiny: 2 layers");
      assertEquals(2, p.attentions()[0].length, "tiny: 2 heads");
      String shown = robot.lookup("#checkpointStep").queryAs(Label.class).getText();
      assertTrue(shown.startsWith("step " + wanted), shown);
    }
    // Layers and heads counted from 0, as in the Attention tab.
    @SuppressWarnings("unchecked")
    javafx.scene.control.ComboBox<Integer> layerBox = robot.lookup("#layerBox").queryAs(javafx.scene.control.ComboBox.class);
    assertEquals(List.of(0, 1), List.copyOf(layerBox.getItems()));
    assertEquals(0, layerBox.getValue());
    org.bertworkbench.gui.Screenshots.save(robot, "pretrain-checkpoint-timeline");

    // Exports of the batch picture: PNG, SVG (well-formed XML), CSV (one row per position).
    robot.interact(() -> pane.showLowerTab("Current batch"));
    BatchDrawing shown = fx(robot, () -> pane.batchDrawing());
    Path png = dir.resolve("batch.png");
    Path svg = dir.resolve("batch.svg");
    Path csv = dir.resolve("batch.csv");
    robot.interact(() -> {
      try {
        pane.batchCanvas().export("png", png);
        pane.batchCanvas().export("svg", svg);
        pane.batchCanvas().export("csv", csv);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    assertTrue(ImageIO.read(png.toFile()).getWidth() > 1000);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = f.newDocumentBuilder().parse(svg.toFile());
    assertEquals("svg", doc.getDocumentElement().getNodeName());
    assertTrue(Files.readString(svg).contains("[MASK]"));
    List<String> lines = Files.readAllLines(csv);
    assertTrue(lines.get(0).startsWith("step,pair,position,segment,token,original,decision,guess"), lines.get(0));
    int positions = shown.batch().instances().stream().mapToInt(in -> in.positions().size()).sum();
    assertEquals(positions + 1, lines.size());
    assertTrue(lines.stream().anyMatch(l -> l.contains(",mask,")));

    // The same folder again: refused, resume offered; resume continues from the last checkpoint.
    robot.clickOn("#startButton");
    String error = robot.lookup("#pretrainError").queryAs(Label.class).getText();
    assertTrue(error.contains("already holds a run") && error.contains("Resume run"), error);
    assertTrue(fx(robot, () -> vm.offerResumeProperty().get()));
    robot.clickOn("#resumeRunButton");
    waitForStep(robot, stoppedAt + 2, 90);
    assertOnePointPerStep(robot);
    robot.clickOn("#stopButton");
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !fx(robot, () -> vm.runningProperty().get()));
    assertOnePointPerStep(robot);
    assertEquals(step(robot), org.bertworkbench.core.run.JsonLines.read(out.resolve(PretrainRun.METRICS)).size());
  }

  @Test
  void badInputGetsClearMessagesAndNothingRuns(FxRobot robot) throws Exception {
    robot.clickOn("#startButton");
    assertTrue(robot.lookup("#pretrainError").queryAs(Label.class).getText().contains("corpus is empty"));

    Path binary = dir.resolve("data.bin");
    Files.write(binary, new byte[] {1, 2, 0, 3, 4});
    fillForm(robot, binary, dir.resolve("bad-run"), 10);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
        () -> fx(robot, () -> vm.corpusPreviewProperty().get()).startsWith("Cannot use this corpus"));
    assertTrue(fx(robot, () -> vm.corpusPreviewProperty().get()).contains("binary"));
    robot.clickOn("#startButton");
    String error = fx(robot, () -> vm.errorProperty().get());
    assertTrue(error.contains("binary"), error);
    assertFalse(fx(robot, () -> vm.runningProperty().get()));

    Path one = dir.resolve("one.txt");
    Files.writeString(one, "Only one document.\nWith two sentences.\n");
    robot.interact(() -> vm.corpusProperty().set(one.toString()));
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
        () -> fx(robot, () -> vm.corpusPreviewProperty().get()).contains("only one document"));

    Path corpus = TestCorpus.write(dir, 6, 3);
    robot.interact(() -> {
      vm.corpusProperty().set(corpus.toString());
      vm.stepsProperty().set("many");
    });
    robot.clickOn("#startButton");
    assertTrue(fx(robot, () -> vm.errorProperty().get()).contains("steps must be a whole number"));
    robot.interact(() -> {
      vm.stepsProperty().set("10");
      vm.maxLengthProperty().set("1024");
    });
    robot.clickOn("#startButton");
    assertTrue(fx(robot, () -> vm.errorProperty().get()).contains("at most 512"));
    robot.interact(() -> {
      vm.maxLengthProperty().set("64");
      vm.presetProperty().set(PretrainViewModel.FROM_LOADED);
    });
    robot.clickOn("#startButton");
    assertTrue(fx(robot, () -> vm.errorProperty().get()).contains("no model is loaded"));
    robot.interact(() -> vm.presetProperty().set("tiny"));
    robot.interact(() -> vm.outProperty().set(dir.resolve("nothing-here").toString()));
    robot.clickOn("#resumeRunButton");
    assertTrue(fx(robot, () -> vm.errorProperty().get()).contains("holds no run to resume"));
    robot.interact(() -> pane.chooseRun(dir));
    assertTrue(fx(robot, () -> pane.timeline().statusProperty().get()).contains("not a run folder"));
    assertFalse(fx(robot, () -> vm.runningProperty().get()));
    org.bertworkbench.gui.Screenshots.save(robot, "pretrain-bad-input");
  }
}
