package org.bertworkbench.gui.sentences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.bertworkbench.core.analysis.SentenceFile;
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
 * The projector's limits without a model: a projection cancelled while its PCA runs draws nothing
 * and says so; more than 100,000 sentences are refused in one line; without a model it asks for one.
 */
@ExtendWith(ApplicationExtension.class)
class ProjectorCancelTest {

  WorkbenchViewModel vm;
  ProjectorPane pane;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    pane = new ProjectorPane(vm);
    stage.setScene(new Scene(new WorkbenchView(vm, List.<WorkbenchPane>of(pane)).root(), 1200, 800));
    stage.show();
  }

  static ProjectorViewModel.Labelled lines(int n) {
    List<SentenceFile.Line> lines = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      lines.add(new SentenceFile.Line(i + 1, "s" + i));
    }
    return new ProjectorViewModel.Labelled(lines, new String[n]);
  }

  @Test
  void cancelStopsTheProjectionAndTooManyIsRefused(FxRobot robot) throws Exception {
    robot.interact(() -> pane.project());
    assertEquals("Open a model first", pane.infoLabel().getText());

    int n = 60_000;
    Random r = new Random(1);
    float[][] v = new float[n][384];
    for (float[] row : v) {
      for (int d = 0; d < row.length; d++) {
        row[d] = (float) r.nextGaussian();
      }
    }
    robot.interact(() -> {
      pane.projectVectors(lines(n), v, "mean");
      assertTrue(pane.busy());
    });
    robot.interact(() -> robot.lookup("#projectorCancel").queryButton().fire());
    assertFalse(pane.busy());
    Thread.sleep(3000);
    WaitForAsyncUtils.waitForFxEvents();
    assertNull(pane.canvas().drawing(), "a cancelled projection draws nothing");
    assertEquals("Projection cancelled", pane.infoLabel().getText());

    int many = ProjectorViewModel.MAX_POINTS + 1;
    robot.interact(() -> pane.projectVectors(lines(many), new float[many][2], "mean"));
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !pane.busy());
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals("Could not project: 100001 sentences: the projector takes at most 100000",
        pane.infoLabel().getText());
    assertNull(pane.canvas().drawing());
    robot.interact(() -> pane.shutdown());
  }
}
