package org.bertworkbench.gui.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.bertworkbench.core.explain.LayerProbe;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.gui.draw.ChartDrawing;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The layer-probe view driven headless on the sample model over the sample part-of-speech files:
 * the chart has accuracy, control accuracy, selectivity and the baseline for every hidden state,
 * the table one row each, both the numbers {@link LayerProbe} computes directly; the exports carry
 * them; a file a probe cannot use is said in the status line.
 */
@ExtendWith(ApplicationExtension.class)
class ProbeViewTest {

  WorkbenchViewModel vm;
  ExplainPane pane;
  ProbeView view;

  @TempDir
  Path dir;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    view = new ProbeView(vm);
    pane = new ExplainPane(List.of(view));
    WorkbenchView window = new WorkbenchView(vm, List.<WorkbenchPane>of(pane));
    stage.setScene(new Scene(window.root(), 1400, 900));
    stage.show();
  }

  @Test
  void probesFillTheChartAndTheTableWithTheNumbersOfTheCore(FxRobot robot) throws Exception {
    assertEquals(ProbeView.SAMPLE_TRAIN.toString(), view.trainField().getText(), "the sample files by default");
    assertEquals(ProbeView.SAMPLE_DEV.toString(), view.devField().getText());
    assertNull(view.canvas().drawing());
    Button cancel = robot.lookup("#probeCancel").query();
    assertTrue(cancel.isDisabled(), "nothing to cancel yet");

    robot.interact(() -> vm.load("sample-tiny"));
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);
    robot.clickOn("#probeRun");
    waitIdle();

    LoadedBert model = vm.modelProperty().get();
    LayerProbe.Result direct = LayerProbe.run(model, ProbeView.SAMPLE_TRAIN, ProbeView.SAMPLE_DEV,
        LayerProbe.Settings.defaults(LayerProbe.DEFAULT_SEED), Progress.NONE);
    LayerProbe.Result shown = view.result();
    assertEquals(direct.layers(), shown.layers(), "the view shows what the core computes");
    int states = model.model().config().numHiddenLayers() + 1;
    assertEquals(states, shown.layers().size());

    ChartDrawing chart = (ChartDrawing) view.canvas().drawing();
    XYDataset data = ((XYPlot) chart.chart().getPlot()).getDataset();
    assertEquals(4, data.getSeriesCount(), "accuracy, control, selectivity, baseline");
    for (int s = 0; s < 3; s++) {
      assertEquals(states, data.getItemCount(s));
    }
    for (int l = 0; l < states; l++) {
      LayerProbe.Layer layer = shown.layers().get(l);
      assertEquals(layer.accuracy(), data.getYValue(0, l), 1e-12);
      assertEquals(layer.controlAccuracy(), data.getYValue(1, l), 1e-12);
      assertEquals(layer.selectivity(), data.getYValue(2, l), 1e-12);
    }
    assertEquals(shown.majorityBaseline(), data.getYValue(3, 0), 1e-12);
    assertEquals(shown.majorityBaseline(), data.getYValue(3, 1), 1e-12);

    assertEquals(states, view.table().getItems().size());
    assertEquals(shown.layers(), view.table().getItems());
    Table numbers = view.canvas().numbers().get();
    assertEquals(List.of("layer", "name", "accuracy", "control_accuracy", "selectivity", "majority_baseline"),
        numbers.header());
    assertEquals(states, numbers.rows().size());
    assertEquals(shown.layers().get(1).selectivity(), (double) numbers.rows().get(1).get(4), 1e-12);
    JsonObject json = view.canvas().jsonData().getAsJsonObject();
    assertEquals(states, json.getAsJsonArray("layers").size());
    assertEquals("NOUN", json.get("majority_tag").getAsString());
    Path png = dir.resolve("probes.png");
    robot.interact(() -> {
      try {
        view.canvas().export("png", png);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertTrue(Files.size(png) > 1000, "a picture was written");
    assertTrue(view.infoLabel().getText().startsWith("Best: "), view.infoLabel().getText());

    Path one = Files.writeString(dir.resolve("one.conll"), "a\tX\nb\tX\n");
    robot.interact(() -> view.trainField().setText(one.toString()));
    robot.clickOn("#probeRun");
    waitIdle();
    assertEquals("Could not probe: one.conll: has only one tag, X: a probe needs at least two",
        view.infoLabel().getText());
    assertEquals(direct.layers(), view.result().layers(), "the last good chart stays");
    assertFalse(view.busy());
  }

  private void waitIdle() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !view.busy());
    WaitForAsyncUtils.waitForFxEvents();
  }
}
