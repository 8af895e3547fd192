package org.bertworkbench.gui.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.bertworkbench.core.explain.Faithfulness;
import org.bertworkbench.core.explain.Method;
import org.bertworkbench.gui.Screenshots;
import org.bertworkbench.gui.draw.ChartDrawing;
import org.bertworkbench.gui.shell.TinyModel;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The faithfulness view on the attribution view's input (the tiny sample model): one deletion
 * curve per method and the random mean, each starting at f, in a chart whose legend names the
 * areas, and the areas in a table, smallest first.
 */
@ExtendWith(ApplicationExtension.class)
class FaithfulnessViewTest {

  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path dir;
  WorkbenchViewModel vm;
  AttributionViewModel input;
  FaithfulnessView view;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    input = new AttributionViewModel(vm);
    view = new FaithfulnessView(input);
    TinyModel.showAlone(stage, vm, new ExplainPane(List.of(new AttributionView(input), view)), 1400, 900);
  }

  @Test
  void drawsACurvePerMethodAndTheRandomMeanEachStartingAtF(FxRobot robot) throws Exception {
    robot.interact(() -> vm.load(org.bertworkbench.core.checkpoint.SampleModel.NAME));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);
    robot.interact(() -> {
      input.textAProperty().set("the cat sat on the [MASK] .");
      input.stepsProperty().set(16);
    });
    robot.interact(() -> robot.lookup("#explainViews").queryAs(javafx.scene.control.TabPane.class)
        .getSelectionModel().select(1));
    robot.clickOn("#faithfulnessRun");
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> view.result() != null && !view.busy());
    WaitForAsyncUtils.waitForFxEvents();
    FaithfulnessView.Result r = view.result();
    assertEquals(Method.values().length + 1, r.curves().size());
    for (int i = 0; i < Method.values().length; i++) {
      assertEquals(Method.values()[i], r.curves().get(i).method());
    }
    assertNull(r.curves().get(Method.values().length).method(), "the random mean last");
    for (Faithfulness.Curve c : r.curves()) {
      assertEquals(r.f(), c.points()[0], 1e-5, "nothing removed yet: f itself");
      assertEquals(Faithfulness.area(c.points()), c.area(), 1e-12);
    }
    ChartDrawing chart = assertInstanceOf(ChartDrawing.class, view.chartCanvas().drawing());
    XYPlot plot = chart.chart().getXYPlot();
    assertEquals(r.curves().size(), plot.getDataset().getSeriesCount());
    assertTrue(plot.getDataset().getSeriesKey(r.curves().size() - 1).toString().startsWith("random"));
    assertTrue(((java.awt.BasicStroke) plot.getRenderer().getSeriesStroke(r.curves().size() - 1))
        .getDashArray() != null, "the random mean is dashed");
    List<Faithfulness.Curve> rows = view.areasTable().getItems();
    assertEquals(r.curves().size(), rows.size());
    for (int i = 1; i < rows.size(); i++) {
      assertTrue(rows.get(i - 1).area() <= rows.get(i).area(), "sorted by area");
    }
    assertTrue(view.statusLabel().getText().contains(FaithfulnessChart.name(rows.get(0))),
        view.statusLabel().getText());
    var json = view.chartCanvas().jsonData().getAsJsonObject();
    assertEquals(r.curves().size(), json.getAsJsonObject("deletion").size());
    assertEquals(countPoints(r), view.chartCanvas().numbers().get().rows().size());
    Screenshots.save(robot, "explain-faithfulness");
  }

  @Test
  void overAFileTheMatrixHoldsTheMeanRankCorrelationOfEveryPair(FxRobot robot) throws Exception {
    robot.interact(() -> vm.load(org.bertworkbench.core.checkpoint.SampleModel.NAME));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);
    robot.interact(() -> input.stepsProperty().set(8));
    String[] lines = {"the cat sat on the [MASK] .", "a dog ran to the [MASK] of the park ."};
    java.nio.file.Files.writeString(dir.resolve("inputs.txt"), String.join("\n", lines) + "\n");
    robot.interact(() -> robot.lookup("#explainViews").queryAs(javafx.scene.control.TabPane.class)
        .getSelectionModel().select(1));
    robot.interact(() -> view.correlate(dir.resolve("inputs.txt")));
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> view.correlationCanvas().drawing() != null
        && !view.busy());
    WaitForAsyncUtils.waitForFxEvents();
    RankCorrelationDrawing d = assertInstanceOf(RankCorrelationDrawing.class, view.correlationCanvas().drawing());
    assertEquals(10, d.table().rows().size(), "every pair of five methods");
    // The same computation straight from core, line by line.
    List<java.util.Map<Method, org.bertworkbench.core.explain.Attribution>> all = new java.util.ArrayList<>();
    List<boolean[]> replaced = new java.util.ArrayList<>();
    for (String line : lines) {
      try (org.bertworkbench.core.explain.Attributor a = org.bertworkbench.core.explain.Explain.attributor(
          vm.modelProperty().get(), line, null, org.bertworkbench.core.explain.Target.MLM,
          org.bertworkbench.core.model.ForwardOptions.INFERENCE)) {
        all.add(org.bertworkbench.core.explain.Explain.all(a, 8, org.bertworkbench.core.job.Progress.NONE));
        replaced.add(a.replaced());
      }
    }
    for (Faithfulness.Correlation c : Faithfulness.rankCorrelations(all, replaced, List.of(Method.values()))) {
      assertEquals(c.spearman(), d.rho(c.a(), c.b()), 1e-9, c.a() + " / " + c.b());
    }
    assertTrue(view.statusLabel().getText().contains("2"), view.statusLabel().getText());
    Screenshots.save(robot, "explain-rank-correlation");
  }

  private static int countPoints(FaithfulnessView.Result r) {
    int n = 0;
    for (Faithfulness.Curve c : r.curves()) {
      n += c.points().length;
    }
    return n;
  }
}
