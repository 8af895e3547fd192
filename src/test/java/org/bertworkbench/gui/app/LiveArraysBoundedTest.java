package org.bertworkbench.gui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The engine arrays alive once the window is idle do not grow with the number of analyses: every
 * view computes in a scope it closes, and nothing of an analysis is left on the model's or the
 * engine's long-lived managers (issue 12, memory that never comes back). The count is taken over
 * the engine's system manager, which every manager hangs from.
 */
@ExtendWith(ApplicationExtension.class)
class LiveArraysBoundedTest {

  static final List<String> TEXTS = List.of("The cat sat on the [MASK].", "A dog ran in the park.",
      "The [MASK] was warm and the sun shone.", "She read a book by the window.");

  WorkbenchViewModel vm;
  List<WorkbenchPane> panes;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    panes = WorkbenchApp.panes(vm);
    stage.setScene(new Scene(new WorkbenchView(vm, panes).root(), 1280, 820));
    stage.show();
  }

  @AfterEach
  void stop(FxRobot robot) {
    robot.interact(() -> {
      panes.forEach(WorkbenchPane::shutdown);
      vm.shutdown();
    });
  }

  static int liveArrays() {
    try (NDManager probe = Engine.getEngine("PyTorch").newBaseManager()) {
      return ((BaseNDManager) probe.getParentManager()).getManagedArrays().size();
    }
  }

  @Test
  void analysesInEveryTabLeaveNoArrayBehind(FxRobot robot) throws Exception {
    robot.interact(() -> {
      vm.textAProperty().set(TEXTS.get(0));
      vm.load("sample-tiny");
    });
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null);
    TabPane tabs = robot.lookup("#views").queryAs(TabPane.class);
    List<Integer> counts = new ArrayList<>();
    for (int round = 0; round < 6; round++) {
      String text = TEXTS.get(round % TEXTS.size()) + " Round " + round + ".";
      robot.interact(() -> vm.textAProperty().set(text));
      WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null
          && vm.analysisProperty().get().textA().equals(text));
      for (int t = 0; t < tabs.getTabs().size(); t++) {
        int tab = t;
        robot.interact(() -> tabs.getSelectionModel().select(tab));
        waitIdle(robot);
      }
      counts.add(liveArrays());
    }
    // The first round may create what stays for the model's life (a view's cached table); later ones add nothing.
    for (int round = 2; round < counts.size(); round++) {
      assertEquals(counts.get(1), counts.get(round), "live engine arrays after each round: " + counts);
    }
  }

  private void waitIdle(FxRobot robot) throws Exception {
    for (int twice = 0; twice < 2; twice++) {
      WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
        boolean[] busy = new boolean[1];
        robot.interact(() -> busy[0] = vm.busy());
        return !busy[0];
      });
      WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
    }
  }
}
