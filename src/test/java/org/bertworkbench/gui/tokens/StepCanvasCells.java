package org.bertworkbench.gui.tokens;

import javafx.geometry.Point2D;
import org.bertworkbench.gui.export.DrawingCanvas;

/**
 * Where the tokens pane's canvas drew a cell, so that window tests outside this package can point
 * the robot at a token as a user would, rather than calling the view-model. Call on the FX thread.
 */
public final class StepCanvasCells {

  private StepCanvasCells() {}

  /** The text drawn in cell {@code index} of row {@code row} of the step on screen now. */
  public static String text(TokensPane pane, String row, int index) {
    return pane.currentStep().row(row).cells().get(index);
  }

  /**
   * The screen position of the middle of cell {@code index} of row {@code row}, as last drawn; the
   * cell must be in the visible band of the canvas.
   */
  public static Point2D screenCentre(TokensPane pane, String row, int index) {
    DrawingCanvas canvas = pane.canvas();
    StepDrawing drawing = (StepDrawing) canvas.drawing();
    StepDrawing.Cell cell = drawing.cells().stream()
        .filter(c -> c.row().equals(row) && c.index() == index)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no cell " + row + "[" + index + "] drawn"));
    // Cells are in picture coordinates; the canvas shows the picture scrolled and zoomed.
    Point2D at = canvas.toCanvas(cell.box().getCenterX(), cell.box().getCenterY());
    double x = at.getX();
    double y = at.getY();
    if (x < 0 || x > canvas.getWidth() || y < 0 || y > canvas.getHeight()) {
      throw new AssertionError("cell " + row + "[" + index + "] is outside the visible canvas");
    }
    return canvas.localToScreen(x, y);
  }
}
