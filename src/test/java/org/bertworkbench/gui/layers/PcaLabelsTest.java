package org.bertworkbench.gui.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.bertworkbench.gui.Screenshots;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12, point 6: the PCA map of 128 tokens (the window's default maximum length, on the bundled
 * sample model) draws no label over another; a label left out shows when its point is hovered.
 */
@ExtendWith(ApplicationExtension.class)
class PcaLabelsTest {

  static final String TEXT = String.join(" ", java.util.Collections.nCopies(3,
      "The history of the town begins with a small fishing village on the northern bank of the river, "
          + "where a handful of families built wooden houses close to the water. For many years they lived "
          + "from the fish they caught and the vegetables they grew in small gardens behind their houses."));

  WorkbenchViewModel vm;
  LayersPane layers;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    layers = new LayersPane(vm);
    WorkbenchView view = new WorkbenchView(vm, List.<WorkbenchPane>of(layers));
    stage.setScene(new Scene(view.root(), 1400, 900));
    stage.show();
  }

  @Test
  void labelsNeverOverlapAndAHoveredPointIsNamed(FxRobot robot) throws Exception {
    robot.interact(() -> vm.load("sample-tiny"));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);
    robot.interact(() -> vm.textAProperty().set(TEXT));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !layers.busy()
        && layers.mapCanvas().drawing() instanceof PcaDrawing);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(128, vm.analysisProperty().get().encoding().length(), "cut to the default 128 tokens");

    PcaDrawing map = (PcaDrawing) layers.mapCanvas().drawing();
    List<PcaDrawing.Label> labels = map.labels();
    assertNoOverlap(labels);
    assertTrue(labels.size() >= 20, "many tokens named: " + labels.size());
    assertTrue(labels.size() < 128, "not all fit without overlap: " + labels.size());
    Screenshots.save(robot, "pca-128-tokens");

    // A token whose label was left out: hovering its point names it, still without overlap.
    java.util.Set<Integer> named = new java.util.HashSet<>();
    labels.forEach(l -> named.add(l.token()));
    int hidden = -1;
    for (int i = 0; i < 128 && hidden < 0; i++) {
      if (!named.contains(i) && map.hit(map.point(i)[0], map.point(i)[1]) == i) {
        hidden = i;
      }
    }
    assertTrue(hidden >= 0, "a point whose label was left out");
    double[] p = map.point(hidden);
    robot.moveTo(layers.mapCanvas().localToScreen(p[0], p[1] - layers.mapCanvas().scrollOffset()));
    WaitForAsyncUtils.waitForFxEvents();
    PcaDrawing hovered = (PcaDrawing) layers.mapCanvas().drawing();
    assertEquals(hidden, hovered.hovered());
    int h = hidden;
    assertTrue(hovered.labels().stream().anyMatch(l -> l.token() == h), "the hovered token is named");
    assertFalse(hovered.labels().isEmpty());
  }

  static void assertNoOverlap(List<PcaDrawing.Label> labels) {
    for (int a = 0; a < labels.size(); a++) {
      for (int b = a + 1; b < labels.size(); b++) {
        assertFalse(labels.get(a).box().intersects(labels.get(b).box()),
            "labels of " + labels.get(a).token() + " and " + labels.get(b).token() + " overlap");
      }
    }
  }
}
