package org.bertworkbench.gui.attention;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.tokens.TokensPane;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** A workbench window with the attention pane, for the TestFX tests: load, type, wait. */
final class AttentionWindow {

  final WorkbenchViewModel vm = new WorkbenchViewModel();
  final AttentionPane pane = new AttentionPane(vm);
  final WorkbenchView view = new WorkbenchView(vm, List.<WorkbenchPane>of(new TokensPane(vm), pane));

  AttentionWindow(Stage stage) {
    stage.setScene(new Scene(view.root(), 1400, 900));
    stage.show();
  }

  /** Loads {@code model}, shows the Attention tab and waits until the pane shows text A (and B). */
  void loadAndType(FxRobot robot, String model, String a, String b) throws Exception {
    robot.interact(() -> vm.load(model));
    waitUntil(90, () -> vm.modelProperty().get() != null);
    robot.interact(() -> {
      view.select("Attention");
      vm.textAProperty().set(a);
      vm.textBProperty().set(b);
    });
    waitUntil(60, () -> vm.analysisProperty().get() != null && vm.analysisProperty().get().textA().equals(a)
        && pane.viewModel().maps() != null
        && pane.viewModel().data().length() == vm.analysisProperty().get().inspection().attentions()[0][0].length);
    waitIdle();
  }

  void waitIdle() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    waitUntil(600, () -> !pane.busy());
    WaitForAsyncUtils.waitForFxEvents();
  }

  static void waitUntil(int seconds, BooleanSupplier condition) throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
  }

  static Point2D screen(Node node, double x, double y) {
    return node.localToScreen(x, y);
  }
}
