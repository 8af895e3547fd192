package org.bertworkbench.gui.embeddings;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
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
 * Benchmark, not a test, on BERT-Base: the Embeddings view's FX-thread work at 512 tokens (redraws,
 * a selection, show()) and the longest FX-thread stall seen meanwhile. Times are printed, never
 * asserted: machines vary. That the view works at 512 tokens is EmbeddingsPaneTest's. Run:
 * {@code mvn -B -o test -Dbench.excluded=none -Dgroups=bench -Dtest=EmbeddingsPaneBench}
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class EmbeddingsPaneBench {

  WorkbenchViewModel vm;
  EmbeddingsPane embeddings;
  long showStarted;
  double showMillis;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    embeddings = new EmbeddingsPane(vm);
    // Listeners run in order: the first before the pane's show(), the last after it.
    vm.analysisProperty().addListener((o, a, b) -> showStarted = System.nanoTime());
    WorkbenchView view = new WorkbenchView(vm, List.<WorkbenchPane>of(embeddings));
    vm.analysisProperty().addListener((o, a, b) -> showMillis = Math.max(showMillis, (System.nanoTime() - showStarted) / 1e6));
    stage.setScene(new Scene(view.root(), 1400, 900));
    stage.show();
  }

  void waitIdle() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !embeddings.busy());
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void fxThreadTimesAt512Tokens(FxRobot robot) throws Exception {
    robot.interact(() -> vm.load("bert-base-uncased"));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);
    robot.interact(() -> {
      vm.textAProperty().set(EmbeddingsPaneTest.A);
      vm.textBProperty().set(EmbeddingsPaneTest.B);
    });
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null
        && vm.analysisProperty().get().textA().equals(EmbeddingsPaneTest.A));
    waitIdle();
    String longText = "The king and the queen ruled the land for many years. ".repeat(60);
    try (FxStallMonitor monitor = new FxStallMonitor()) {
      robot.interact(() -> vm.maxLengthProperty().set(512));
      robot.interact(() -> vm.textBProperty().set(""));
      showMillis = 0;
      robot.interact(() -> vm.textAProperty().set(longText));
      WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null
          && vm.analysisProperty().get().encoding().length() == 512);
      WaitForAsyncUtils.waitForFxEvents();
      waitIdle();
      for (int tab = 0; tab < 3; tab++) {
        int t = tab;
        robot.interact(() -> embeddings.views().getSelectionModel().select(t));
      }
      robot.interact(() -> embeddings.views().getSelectionModel().select(0));
      // Direct measurements of this view's FX-thread work at 512 tokens.
      long[] ms = new long[4];
      robot.interact(() -> {
        long s = System.nanoTime();
        embeddings.stripsCanvas().redraw();
        ms[0] = (System.nanoTime() - s) / 1_000_000;
        s = System.nanoTime();
        embeddings.normsCanvas().redraw();
        ms[1] = (System.nanoTime() - s) / 1_000_000;
        s = System.nanoTime();
        embeddings.positionsCanvas().redraw();
        ms[2] = (System.nanoTime() - s) / 1_000_000;
        s = System.nanoTime();
        embeddings.select(300);
        ms[3] = (System.nanoTime() - s) / 1_000_000;
      });
      waitIdle();
      System.out.printf("512 tokens, FX thread: strips redraw %d ms, bar chart redraw %d ms, position map "
          + "redraw %d ms, select %d ms; show() %.0f ms; longest FX-thread stall seen %.0f ms%n", ms[0], ms[1], ms[2], ms[3],
          showMillis, monitor.maxMillis());
    }
  }
}
