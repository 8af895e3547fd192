package org.bertworkbench.gui.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Point2D;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.bertworkbench.gui.Screenshots;
import org.bertworkbench.gui.app.WorkbenchApp;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12.1, lecture mode: F5 and Ctrl + enlarge the pictures' type by the window's zoom factor
 * (they used to shrink), the mouse still finds the token or head under it, the model view scrolls
 * to its last layer instead of being cut, and a resized window is drawn again at once.
 */
@ExtendWith(ApplicationExtension.class)
class AttentionZoomTest {

  static final double LARGE = 22 / 13.0; // F5: 22 px type instead of 13

  AttentionWindow window;
  AttentionPane pane;
  Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    // Sized before the new scene goes in: resizing the shown stage under Monocle's software
    // pipeline races its painter (BufferOverflowException on the render thread).
    stage.setX(0);
    stage.setY(0);
    stage.setWidth(1600);
    stage.setHeight(1000);
    window = new AttentionWindow(stage);
    pane = window.pane;
    WorkbenchApp.installZoom(stage.getScene());
  }

  private HeadViewDrawing head() {
    return (HeadViewDrawing) pane.headCanvas().drawing();
  }

  @Test
  void f5EnlargesTheHeadViewsTokenLabelsByTheFactorAndTheMouseStillFindsThem(FxRobot robot) throws Exception {
    window.loadAndType(robot, "bert-base-uncased", "The cat.", "");
    DrawingCanvas canvas = pane.headCanvas();
    double before = head().labelPixels();
    assertTrue(before > 13, "five tokens use the height they have, not 13 px labels: " + before);

    robot.push(KeyCode.F5);
    window.waitIdle();
    assertEquals(LARGE, canvas.factor(), 1e-9, "F5 sets the window's factor");
    double after = head().labelPixels();
    assertEquals(LARGE, after / before, 0.05, "labels on screen: " + before + " px, then " + after + " px");
    Screenshots.save(robot, "zoom-head-view-f5");

    // Hover "cat" (token 2) where it shows on screen: the canvas maps the mouse back through the zoom.
    Point2D cat = canvas.toCanvas(head().leftX() - 15, head().rowY(2));
    robot.moveTo(canvas.localToScreen(cat));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(0, head().hoverSide());
    assertEquals(2, head().hoverIndex());
    robot.push(KeyCode.F5);
    window.waitIdle();
    assertEquals(1, canvas.factor(), 1e-9, "F5 again: back to normal");
  }

  @Test
  void ctrlPlusZoomsEveryPictureOfTheWindow(FxRobot robot) throws Exception {
    window.loadAndType(robot, "bert-base-uncased", "The cat sat.", "");
    robot.push(KeyCode.SHORTCUT, KeyCode.EQUALS);
    robot.push(KeyCode.SHORTCUT, KeyCode.EQUALS);
    window.waitIdle();
    for (DrawingCanvas c : new DrawingCanvas[] {pane.headCanvas(), pane.modelCanvas(), pane.matrixCanvas()}) {
      assertEquals(17 / 13.0, c.factor(), 1e-9, c.getId());
    }
    DrawingCanvas canvas = pane.headCanvas();
    assertEquals(canvas.drawingHeight(), canvas.drawnSize().getHeight(), 0.5, "drawn at the zoomed layout size");
    robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT0);
    window.waitIdle();
    assertEquals(1, canvas.factor(), 1e-9);
  }

  @Test
  void inLargeTypeTheModelViewScrollsToItsLastLayer(FxRobot robot) throws Exception {
    window.loadAndType(robot, "bert-base-uncased", "The man went to the [MASK] store.",
        "He bought a gallon of milk.");
    robot.push(KeyCode.F5);
    robot.interact(() -> pane.select("Model view"));
    window.waitIdle();
    DrawingCanvas canvas = pane.modelCanvas();
    ModelViewDrawing d = (ModelViewDrawing) canvas.drawing();
    assertTrue(d.preferredHeight() * canvas.factor() > canvas.getHeight(), "12 layers do not fit at 22 px type");
    ScrollBar bar = (ScrollBar) canvas.lookup(".scroll-bar");
    assertTrue(bar.isVisible(), "the model view scrolls instead of being cut");
    robot.drag(bar.lookup(".thumb")).dropBy(0, canvas.getHeight()); // the scroll bar's thumb to the bottom
    WaitForAsyncUtils.waitForFxEvents();
    Screenshots.save(robot, "zoom-model-view-f5-scrolled");
    ModelViewDrawing.Cell last = ((ModelViewDrawing) canvas.drawing()).cells().stream()
        .filter(c -> c.layer() == 11 && c.head() == 4).findFirst().orElseThrow();
    Point2D at = canvas.toCanvas(last.box().getCenterX(), last.box().getCenterY());
    assertTrue(at.getY() > 0 && at.getY() < canvas.getHeight(), "layer 11 scrolled into view: " + at);
    robot.clickOn(canvas.localToScreen(at));
    window.waitIdle();
    assertEquals(11, pane.viewModel().layer(), "a click on layer 11's thumbnail opens it");
    assertEquals(4, pane.viewModel().focusHead());
  }

  @Test
  void aResizedWindowIsDrawnAgainAtOnce(FxRobot robot) throws Exception {
    window.loadAndType(robot, "bert-base-uncased", "The man went to the [MASK] store.",
        "He bought a gallon of milk.");
    DrawingCanvas canvas = pane.headCanvas();
    double tall = canvas.drawnSize().getHeight();
    robot.interact(() -> {
      stage.setWidth(1100);
      stage.setHeight(700);
    });
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(canvas.getHeight() < tall - 100, "the window shrank: " + canvas.getHeight());
    assertEquals(canvas.drawingHeight(), canvas.drawnSize().getHeight(), 0.5, "drawn for the new height");
    assertEquals(canvas.drawingWidth(), canvas.drawnSize().getWidth(), 0.5, "and the new width");
    int t = head().maps().length();
    assertEquals(HeadViewDrawing.TOP + HeadViewDrawing.rowHeight(t, canvas.drawingHeight(), false) * t + 12,
        head().preferredHeight(), 0.5, "rows laid out for the smaller view");
  }
}
