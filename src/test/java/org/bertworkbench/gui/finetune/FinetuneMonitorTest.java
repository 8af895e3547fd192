package org.bertworkbench.gui.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
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
 * The fine-tuning monitor as a user meets it (issue 12, point 8): a run that starts is the run the
 * monitor draws, even when another run was chosen; runs named alike stay apart in the list; a
 * paused run says paused; cancelling asks first and leaves no stale time left.
 */
@ExtendWith(ApplicationExtension.class)
class FinetuneMonitorTest {

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

  <T> T fx(FxRobot robot, Callable<T> read) {
    return Fx.call(robot, read);
  }

  void waitFor(FxRobot robot, int seconds, String what, Callable<Boolean> condition) throws Exception {
    try {
      WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(robot, condition));
    } catch (TimeoutException e) {
      throw new AssertionError("waited " + seconds + " s for " + what + "; status: "
          + fx(robot, () -> pane.runs().statusProperty().get()) + "; error: " + fx(robot, () -> pane.runs().errorProperty().get()));
    }
  }

  FinetuneSpec spec(String name, int epochs) throws Exception {
    Path base = dir.resolve("base");
    if (!java.nio.file.Files.isDirectory(base)) {
      org.bertworkbench.core.finetune.GeneratedTasks.randomModel(base, 0.1, 5);
    }
    Path train = GeneratedData.classify(dir, 60, 9);
    return FinetuneSpec.defaults(TaskKind.CLASSIFY, train.toString(), base.toString(),
        dir.resolve("runs").resolve(name).toString()).withHyperparameters(epochs, 8, 1e-3)
        .withTraining(0.1, 0.01, 32, 3, 0).withDev(null, 0.2);
  }

  /** What the Run column's cells show on screen (after the cell cut the name to its width). */
  List<String> shownRunNames(FxRobot robot) {
    return fx(robot, () -> {
      List<String> out = new ArrayList<>();
      for (javafx.scene.Node n : pane.table().lookupAll(".table-cell")) {
        if (n instanceof TableCell<?, ?> c && c.getTableColumn() != null && "runColumn".equals(c.getTableColumn().getId())
            && !c.isEmpty() && c.getItem() != null) {
          Text t = (Text) c.lookup(".text");
          out.add(t == null ? c.getText() : t.getText());
        }
      }
      return out;
    });
  }

  String statusCell(FxRobot robot, Path run) {
    return fx(robot, () -> {
      TableView<FinetuneRun.Summary> t = pane.table();
      FinetuneRun.Summary s = t.getItems().stream().filter(x -> x.dir().equals(run)).findFirst().orElse(null);
      return s == null ? null : (String) t.getColumns().get(1).getCellData(s);
    });
  }

  @Test
  void aStartingRunIsTheOneShownAndNamesStayApart(FxRobot robot) throws Exception {
    // An earlier run, finished, chosen in the list: its curves are on the monitor.
    FinetuneSpec first = spec("classify-train-20261202-195513", 1);
    robot.interact(() -> pane.runs().launch(List.of(first)));
    waitFor(robot, 300, "the first run to finish", () -> pane.runs().training() == null
        && pane.runs().runs().stream().anyMatch(s -> s.status().state() == FinetuneRun.State.FINISHED));
    Path firstDir = Path.of(first.out());
    robot.interact(() -> pane.table().getSelectionModel().clearAndSelect(0));
    waitFor(robot, 30, "the first run's curves", () -> firstDir.equals(pane.runs().shownProperty().get())
        && pane.runs().curves().lossPoints() > 0);

    // A new run starts: the monitor and the list follow it, and its curves (not the earlier run's) grow.
    FinetuneSpec second = spec("classify-train-20261202-200110", 100);
    Path secondDir = Path.of(second.out());
    robot.interact(() -> pane.runs().launch(List.of(second)));
    waitFor(robot, 120, "steps of the new run", () -> pane.runs().reportedStep() >= 3
        && pane.runs().runs().stream().anyMatch(s -> s.dir().equals(secondDir)));
    // Held while it is read: running on, it once ended between the reads below on a fast machine
    // ("234 points, 0 steps reported" of a 240-step run).
    robot.clickOn("#pauseRun");
    waitFor(robot, 60, "the run to hold", () -> pane.runs().holding());
    WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS); // a list refresh and a few timer ticks
    assertEquals(secondDir, fx(robot, () -> pane.runs().shownProperty().get()), "the monitor shows the running run");
    assertEquals(secondDir, fx(robot, () -> pane.table().getSelectionModel().getSelectedItem().dir()),
        "the running run is the one chosen in the list");
    // The curves first, then the steps: the run goes on between the two reads (it ran 2 steps there once),
    // and the curves never lead the steps reported.
    int points = fx(robot, () -> pane.runs().curves().lossPoints());
    long reported = fx(robot, () -> pane.runs().reportedStep());
    assertTrue(points <= reported + 1 && points >= 1, "the curves are the new run's: " + points + " points, "
        + reported + " steps reported");
    assertTrue(fx(robot, () -> ((javafx.scene.control.Labeled) robot.lookup("#shownRun").query()).getText())
        .contains("200110 · classify · from base"), "the monitor names the run it draws by name, task and base model");
    assertTrue(fx(robot, () -> pane.runs().statusProperty().get()).equals("Paused: classify-train-20261202-200110 · "
        + "classify · from base"), fx(robot, () -> pane.runs().statusProperty().get())); // held, named whole

    // Two names alike: the list shows what tells them apart, and the whole name in a tooltip.
    List<String> names = shownRunNames(robot);
    assertEquals(2, names.size(), names.toString());
    assertNotEquals(names.get(0), names.get(1), "the list tells the runs apart: " + names);
    assertTrue(names.stream().anyMatch(n -> n.endsWith("200110")) && names.stream().anyMatch(n -> n.endsWith("195513")),
        "the time stamps stay visible: " + names);
    org.bertworkbench.gui.Screenshots.save(robot, "finetune-monitor-follows-new-run");
    robot.clickOn("#pauseRun"); // on again

    // The runs table sorts by any column: epochs as numbers, both ways; the best dev result is there.
    robot.interact(() -> pane.table().scrollToColumn(pane.table().getColumns().stream()
        .filter(c -> c.getText().equals("epochs")).findFirst().orElseThrow())); // as a user scrolls the list sideways
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.Node epochsHeader = fx(robot, () -> pane.table().lookupAll(".column-header").stream()
        .filter(n -> n.lookup(".label") instanceof javafx.scene.control.Label l && l.getText().equals("epochs"))
        .findFirst().orElseThrow());
    robot.clickOn(epochsHeader);
    assertEquals(firstDir, fx(robot, () -> pane.table().getItems().get(0).dir()), "1 epoch before 2000");
    robot.clickOn(epochsHeader);
    assertEquals(secondDir, fx(robot, () -> pane.table().getItems().get(0).dir()), "2000 epochs before 1");
    assertEquals(secondDir, fx(robot, () -> pane.runs().shownProperty().get()), "sorting keeps the monitor's run");
    String best = fx(robot, () -> (String) pane.table().getColumns().stream()
        .filter(c -> "bestDevColumn".equals(c.getId())).findFirst().orElseThrow().getCellObservableValue(
            pane.table().getItems().stream().filter(r -> r.dir().equals(firstDir)).findFirst().orElseThrow())
        .getValue().toString());
    assertTrue(Double.parseDouble(best) > 0, "the earlier run's best dev accuracy: " + best);

    // The loss smoothed (TensorBoard's slider) and on a log scale; the earlier run overlaid in grey.
    robot.clickOn("#smoothing");
    robot.type(javafx.scene.input.KeyCode.HOME);
    for (int i = 0; i < 6; i++) {
      robot.type(javafx.scene.input.KeyCode.RIGHT);
    }
    assertEquals(0.6, fx(robot, () -> pane.runs().curves().smoothing()), 1e-9);
    waitFor(robot, 30, "the smoothed curve", () -> pane.runs().curves().loss().getSeriesIndex(RunCurves.smoothedName()) >= 0
        && pane.runs().curves().smoothedLoss().getItemCount() == pane.runs().curves().lossPoints());
    double raw = fx(robot, () -> pane.runs().curves().liveLoss().getY(1).doubleValue());
    double y0 = fx(robot, () -> pane.runs().curves().liveLoss().getY(0).doubleValue());
    // Second smoothed point by hand: (0.6 * 0.4 * first + 0.4 * raw) / (1 - 0.36).
    assertEquals((0.24 * y0 + 0.4 * raw) / 0.64, fx(robot, () -> pane.runs().curves().smoothedLoss().getY(1)
        .doubleValue()), 1e-9);
    robot.clickOn("#lossLogScale");
    assertTrue(fx(robot, () -> ((org.jfree.chart.fx.ChartViewer) robot.lookup("#lossChart").query()).getChart()
        .getXYPlot().getRangeAxis() instanceof org.jfree.chart.axis.LogAxis), "the loss on a log scale");
    robot.clickOn("#overlayRuns");
    robot.clickOn(RunsTable.label(fx(robot, () -> pane.runs().runs().stream().filter(r -> r.dir().equals(firstDir))
        .findFirst().orElseThrow())));
    waitFor(robot, 30, "the overlay", () -> !pane.runs().curves().overlays().isEmpty());
    String overlaid = fx(robot, () -> pane.runs().curves().overlays().get(0));
    assertTrue(fx(robot, () -> pane.runs().curves().loss().getSeries(overlaid + RunCurves.overlaySuffix()).getItemCount()) > 0);
    org.bertworkbench.gui.Screenshots.save(robot, "finetune-monitor-smoothing-log-overlay");
  }

  @Test
  void pausedSaysPausedAndCancelAsksThenClearsTheTimeLeft(FxRobot robot) throws Exception {
    FinetuneSpec spec = spec("classify-train-20261203-080000", 100);
    Path run = Path.of(spec.out());
    robot.interact(() -> pane.runs().launch(List.of(spec)));
    waitFor(robot, 120, "steps", () -> pane.runs().reportedStep() >= 2 && statusCell(robot, run) != null);
    assertTrue(fx(robot, () -> pane.runs().progressTextProperty().get()).contains(" left"));

    robot.clickOn("#pauseRun");
    waitFor(robot, 60, "the run to hold", () -> pane.runs().holding());
    WaitForAsyncUtils.sleep(600, TimeUnit.MILLISECONDS);
    assertTrue(statusCell(robot, run).startsWith("paused"), "the list says paused: " + statusCell(robot, run));
    String progress = fx(robot, () -> pane.runs().progressTextProperty().get());
    assertTrue(progress.contains("paused") && !progress.contains(" left"), progress);
    robot.clickOn("#pauseRun");
    waitFor(robot, 30, "running again", () -> statusCell(robot, run).startsWith("running"));

    // Cancel asks; "Keep training" keeps it.
    robot.clickOn("#cancelRun");
    waitFor(robot, 10, "cancel to ask first", () -> robot.lookup("#cancelDialog").tryQuery().isPresent());
    robot.clickOn("Keep training");
    waitFor(robot, 10, "the question to close", () -> robot.lookup("#cancelDialog").tryQuery().isEmpty());
    WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
    assertTrue(fx(robot, () -> pane.runs().runningProperty().get()), () -> "kept training; status: "
        + fx(robot, () -> pane.runs().statusProperty().get()) + ", step " + pane.runs().reportedStep());
    assertFalse(fx(robot, () -> pane.runs().statusProperty().get()).startsWith("Stopping"));

    robot.clickOn("#cancelRun");
    waitFor(robot, 10, "cancel to ask again", () -> robot.lookup("#cancelDialog").tryQuery().isPresent());
    robot.clickOn("Cancel the run");
    waitFor(robot, 120, "the run to stop", () -> !pane.runs().runningProperty().get());
    WaitForAsyncUtils.sleep(600, TimeUnit.MILLISECONDS);
    progress = fx(robot, () -> pane.runs().progressTextProperty().get());
    assertTrue(progress.contains("cancelled") && !progress.contains(" left"), "no stale time left: " + progress);
  }
}
