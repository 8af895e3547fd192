package org.bertworkbench.gui.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.bertworkbench.gui.Screenshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12, point 6: the head view of a long input (here over 300 tokens, on the bundled sample
 * model) is readable: labels of a readable size, a span the user types, and hovering a token marks
 * the tokens it attends to.
 */
@ExtendWith(ApplicationExtension.class)
class LongInputHeadViewTest {

  static final String LONG = String.join(" ", java.util.Collections.nCopies(4,
      "The history of the town begins with a small fishing village on the northern bank of the river, "
          + "where a handful of families built wooden houses close to the water. For many years they lived "
          + "from the fish they caught and the vegetables they grew in small gardens behind their houses. "
          + "Later a road was built and merchants came to sell cloth, salt and tools at the weekly market."));

  AttentionWindow window;
  AttentionPane pane;

  @Start
  void start(Stage stage) {
    window = new AttentionWindow(stage);
    pane = window.pane;
  }

  @Test
  void aSpanKeepsLabelsReadableAndHoverMarksTheTargets(FxRobot robot) throws Exception {
    robot.interact(() -> window.vm.maxLengthProperty().set(512));
    window.loadAndType(robot, "sample-tiny", LONG, "");
    settle(robot);
    int t = pane.viewModel().maps().length();
    assertTrue(t >= 300, "a long input: " + t + " tokens");
    assertEquals("", window.vm.errorProperty().get(), "not truncated");
    HeadViewDrawing whole = (HeadViewDrawing) pane.headCanvas().drawing();
    assertTrue(whole.labelSize() >= 9, "the whole input scrolls with readable labels: " + whole.labelSize() + " px");
    assertTrue(whole.preferredHeight() > pane.headCanvas().getHeight(), "so it is taller than the window");
    assertTrue(whole.rowHeight() >= 12, "rows " + whole.rowHeight() + " px");

    // The span the user types: tokens 120 to 180 (Enter must not press the window's "Load").
    Object analysis = window.vm.analysisProperty().get();
    type(robot, "#spanTo", "180");
    type(robot, "#spanFrom", "120");
    HeadViewDrawing d = (HeadViewDrawing) pane.headCanvas().drawing();
    Thread.sleep(500);
    window.waitIdle();
    assertTrue(analysis == window.vm.analysisProperty().get(), "typing a span starts no new analysis");
    assertEquals(120, d.from());
    assertEquals(180, d.to());
    assertTrue(d.labelSize() >= 9, "labels " + d.labelSize() + " px");
    assertTrue(d.rowHeight() >= 12, "rows " + d.rowHeight() + " px");
    assertTrue(pane.headCanvas().baseName().endsWith("-tokens120-180"), pane.headCanvas().baseName());

    // Hover, on the left, the token in sight that sends the most to one token of it: its lines only,
    // the targets marked, the strongest first.
    AttentionData.Maps maps = d.maps();
    int q = 120;
    double visible = pane.headCanvas().getHeight() - 10;
    for (int i = 120; i <= 180 && d.rowY(i) < visible; i++) {
      if (mostInSpan(maps, i) > mostInSpan(maps, q)) {
        q = i;
      }
    }
    double threshold = 0.03; // lower than the default, so that a token has several targets to order
    robot.interact(() -> robot.lookup("#thresholdSlider").<javafx.scene.control.Slider>query().setValue(threshold));
    d = (HeadViewDrawing) pane.headCanvas().drawing();
    assertTrue(mostInSpan(maps, q) >= threshold, "some line in the span: " + mostInSpan(maps, q));
    robot.moveTo(AttentionWindow.screen(pane.headCanvas(), d.leftX() - 20, d.rowY(q)
        - pane.headCanvas().scrollOffset()));
    WaitForAsyncUtils.waitForFxEvents();
    HeadViewDrawing hovered = (HeadViewDrawing) pane.headCanvas().drawing();
    assertEquals(0, hovered.hoverSide());
    assertEquals(q, hovered.hoverIndex());
    int[] targets = hovered.highlighted();
    assertTrue(targets.length > 0, "token " + q + " attends somewhere in the span");
    double best = 0;
    int bestJ = -1;
    for (int j = 120; j <= 180; j++) {
      double sum = 0;
      double most = 0;
      for (float[][] m : maps.maps()) {
        sum += m[q][j];
        most = Math.max(most, m[q][j]);
      }
      int fj = j;
      boolean marked = java.util.Arrays.stream(targets).anyMatch(x -> x == fj);
      assertEquals(most >= threshold, marked, "token " + j + " (weight " + most + ") marked iff a line is drawn");
      if (most >= threshold && sum > best) {
        best = sum;
        bestJ = j;
      }
    }
    assertEquals(bestJ, hovered.strongest()[0], "the strongest target first");
    assertTrue(targets.length >= 2, "several targets: " + targets.length);
    for (int k = 1; k < targets.length; k++) {
      assertTrue(sent(maps, q, targets[k - 1]) >= sent(maps, q, targets[k]), "strongest first: " + k);
    }
    assertTrue(hovered.linesDrawn() <= 2 * (61 + 2), "only token " + q + "'s lines: " + hovered.linesDrawn());
    Screenshots.save(robot, "head-view-long-span-hover");

    // The overview squeezes every row in: ticks instead of unreadable labels.
    robot.clickOn("#spanWhole");
    robot.clickOn("#spanFit");
    WaitForAsyncUtils.waitForFxEvents();
    HeadViewDrawing overview = (HeadViewDrawing) pane.headCanvas().drawing();
    assertEquals(t - 1, overview.to());
    assertEquals(0, overview.labelSize(), "no label below a readable size: ticks");
  }

  /**
   * Waits until no new analysis arrives for a second: the load and the typing may each start one,
   * and a new analysis clears the hover.
   */
  private void settle(FxRobot robot) throws Exception {
    Object seen;
    do {
      seen = window.vm.analysisProperty().get();
      Thread.sleep(1000);
      window.waitIdle();
    } while (seen != window.vm.analysisProperty().get());
  }

  /** What token {@code i} sends token {@code j}, summed over the heads drawn. */
  private static double sent(AttentionData.Maps maps, int i, int j) {
    double sum = 0;
    for (float[][] m : maps.maps()) {
      sum += m[i][j];
    }
    return sum;
  }

  /** The largest weight, over heads, that token {@code i} gives a token of the span 120-180. */
  private static double mostInSpan(AttentionData.Maps maps, int i) {
    double most = 0;
    for (float[][] m : maps.maps()) {
      for (int j = 120; j <= 180; j++) {
        most = Math.max(most, m[i][j]);
      }
    }
    return most;
  }

  private static void type(FxRobot robot, String spinner, String value) {
    robot.doubleClickOn(spinner + " .text-field");
    robot.push(KeyCode.CONTROL, KeyCode.A);
    robot.write(value);
    robot.push(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
  }
}
