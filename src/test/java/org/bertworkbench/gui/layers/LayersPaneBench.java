package org.bertworkbench.gui.layers;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.bertworkbench.gui.embeddings.FxStallMonitor;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Benchmark, not a test, on BERT-Base: the Hidden states view at 512 tokens, the analysis and the
 * PCA of 13 layers after it, the FX-thread work of the slider, a selection and a map redraw, and
 * the longest FX-thread stall seen meanwhile. Times are printed, never asserted: machines vary.
 * That the view works at 512 tokens is LayersPaneTest's. Run:
 * {@code mvn -B -o test -Dbench.excluded=none -Dgroups=bench -Dtest=LayersPaneBench}
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class LayersPaneBench {

  WorkbenchViewModel vm;
  LayersPane layers;
  long showStarted;
  double showMillis;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    layers = new LayersPane(vm);
    // Listeners run in order: the first before the pane's show(), the last after it.
    vm.analysisProperty().addListener((o, a, b) -> showStarted = System.nanoTime());
    WorkbenchView view = new WorkbenchView(vm, List.<WorkbenchPane>of(layers));
    vm.analysisProperty().addListener((o, a, b) -> showMillis = Math.max(showMillis, (System.nanoTime() - showStarted) / 1e6));
    stage.setScene(new Scene(view.root(), 1400, 900));
    stage.show();
  }

  @Test
  void timesAt512Tokens(FxRobot robot) throws Exception {
    robot.interact(() -> vm.load("bert-base-uncased"));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);
    robot.interact(() -> {
      vm.textAProperty().set(LayersPaneTest.A);
      vm.textBProperty().set(LayersPaneTest.B);
    });
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null
        && vm.analysisProperty().get().textA().equals(LayersPaneTest.A));
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !layers.busy());
    WaitForAsyncUtils.waitForFxEvents();
    String longText = "The king and the queen ruled the land for many years. ".repeat(60);
    try (FxStallMonitor monitor = new FxStallMonitor()) {
      robot.interact(() -> vm.maxLengthProperty().set(512));
      robot.interact(() -> vm.textBProperty().set(""));
      showMillis = 0;
      long start = System.nanoTime();
      robot.interact(() -> vm.textAProperty().set(longText));
      WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null
          && vm.analysisProperty().get().encoding().length() == 512);
      WaitForAsyncUtils.waitForFxEvents();
      long analysed = System.nanoTime();
      WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !layers.busy() && layers.viewModel().projections() != null);
      long mapped = System.nanoTime();
      long[] ms = new long[3];
      long[] firstSelect = new long[1];
      robot.interact(() -> {
        long s = System.nanoTime();
        layers.select(100); // the first selection at this size also pays for just-in-time compilation
        firstSelect[0] = (System.nanoTime() - s) / 1_000_000;
      });
      robot.interact(() -> {
        long s = System.nanoTime();
        layers.showLayer(6);
        ms[0] = (System.nanoTime() - s) / 1_000_000;
        s = System.nanoTime();
        layers.select(400);
        ms[1] = (System.nanoTime() - s) / 1_000_000;
        s = System.nanoTime();
        layers.mapCanvas().redraw();
        ms[2] = (System.nanoTime() - s) / 1_000_000;
      });
      System.out.printf("512 tokens: analysis %.0f ms, PCA of 13 layers after it %.0f ms; FX thread: slider %d ms, "
          + "select %d ms (first %d ms), map redraw %d ms; longest FX-thread stall seen %.0f ms; show() %.0f ms%n",
          (analysed - start) / 1e6, (mapped - analysed) / 1e6, ms[0], ms[1], firstSelect[0], ms[2], monitor.maxMillis(), showMillis);
    }
  }
}
