package org.bertworkbench.gui.shell;

import ai.djl.Device;
import java.util.List;
import org.bertworkbench.core.analysis.Inspection;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.TracedEncoding;

/**
 * The tiny sample model (2 layers x 2 heads, hidden 128, 1,744 tokens) and the window's analysis of
 * a text through it, for view-model tests that need real numbers but no window.
 */
public final class TinyModel {

  public static final String PATH = "sample-data/pretrain/tiny-model";

  private TinyModel() {}

  public static LoadedBert open() throws Exception {
    return LoadedBert.open(PATH, Device.cpu(), Progress.NONE);
  }

  /** {@code pane} alone in the window's frame (model bar, input, its tab), {@code width} x {@code height}. */
  public static void showAlone(javafx.stage.Stage stage, WorkbenchViewModel vm, WorkbenchPane pane, double width,
      double height) {
    WorkbenchView view = new WorkbenchView(vm, List.of(pane));
    stage.setScene(new javafx.scene.Scene(view.root(), width, height));
    stage.show();
  }

  /**
   * Loads the tiny model into the window's view model, types the pair and waits until the window
   * has analysed it (for the tests that look at a view with real numbers on screen).
   */
  public static void loadAndType(org.testfx.api.FxRobot robot, WorkbenchViewModel vm, String textA, String textB)
      throws java.util.concurrent.TimeoutException {
    robot.interact(() -> vm.load(org.bertworkbench.core.checkpoint.SampleModel.NAME));
    org.testfx.util.WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS,
        () -> vm.modelProperty().get() != null);
    robot.interact(() -> {
      vm.textAProperty().set(textA);
      vm.textBProperty().set(textB);
    });
    org.testfx.util.WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS,
        () -> vm.analysisProperty().get() != null && textB.equals(vm.analysisProperty().get().textB()));
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
  }

  /** What the window computes for {@code textA} (and {@code textB}, may be null), without fill-mask. */
  public static WorkbenchViewModel.Analysis analyse(LoadedBert model, String textA, String textB) {
    TracedEncoding traced = model.encodeWithTrace(textA, textB, 128, false);
    Inspection inspection = Inspection.of(model.model(), traced.encoding(), ForwardOptions.TRACE);
    return new WorkbenchViewModel.Analysis(textA, textB, traced, inspection, List.of());
  }
}
