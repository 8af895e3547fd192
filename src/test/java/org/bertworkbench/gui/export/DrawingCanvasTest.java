package org.bertworkbench.gui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ContextMenuEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The README's "Every picture exports to PNG and SVG and its numbers to CSV and JSON (right-click)". */
@ExtendWith(ApplicationExtension.class)
class DrawingCanvasTest {

  DrawingCanvas canvas;

  @Start
  void start(Stage stage) {
    canvas = new DrawingCanvas();
    stage.setScene(new Scene(canvas, 300, 200));
    stage.show();
  }

  @Test
  void aRightClickOffersPngSvgCsvAndJson(FxRobot robot) {
    Drawing square = (g, w, h) -> g.fillRect(0, 0, 10, 10);
    robot.interact(() -> canvas.show(square, () -> new Table(List.of("a"), List.of(List.of(1))), "square"));
    List<MenuItem> items = rightClick(robot);
    assertEquals(List.of("Save picture as PNG…", "Save picture as SVG…", "Save numbers as CSV…",
        "Save data as JSON…", "Copy picture"), items.stream().map(MenuItem::getText).toList());
    assertTrue(items.stream().noneMatch(MenuItem::isDisable), "every export is offered for a picture with numbers");
  }

  @Test
  void aPictureWithoutNumbersOffersNoCsvNorJson(FxRobot robot) {
    robot.interact(() -> canvas.show((g, w, h) -> { }, null, "blank"));
    List<MenuItem> items = rightClick(robot);
    assertFalse(items.get(0).isDisable() || items.get(1).isDisable(), "PNG and SVG");
    assertTrue(items.get(2).isDisable() && items.get(3).isDisable(), "CSV and JSON");
  }

  @Test
  void beforeItHasAPictureItSaysWhatToPressAndThenGivesWay(FxRobot robot) {
    robot.interact(() -> canvas.setEmptyText("Press Draw"));
    javafx.scene.control.Label empty = robot.lookup("#emptyText").query();
    assertTrue(empty.isVisible());
    assertEquals("Press Draw", empty.getText());
    robot.interact(() -> canvas.show((g, w, h) -> g.fillRect(0, 0, 10, 10), null, "square"));
    assertFalse(empty.isVisible(), "a picture replaces the words");
    robot.interact(() -> canvas.show(null, null, "cleared"));
    assertTrue(empty.isVisible(), "and they come back when it is cleared");
  }

  private List<MenuItem> rightClick(FxRobot robot) {
    robot.interact(() -> canvas.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 20, 20,
        20, 20, false, null)));
    WaitForAsyncUtils.waitForFxEvents();
    ContextMenu menu = robot.listWindows().stream().filter(w -> w instanceof ContextMenu && w.isShowing())
        .map(ContextMenu.class::cast).findFirst().orElseThrow(() -> new AssertionError("no menu shown"));
    List<MenuItem> items = List.copyOf(menu.getItems());
    robot.interact(menu::hide);
    return items;
  }
}
