package org.bertworkbench.gui.export;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Pane;
import javafx.stage.FileChooser;
import org.jfree.fx.FXGraphics2D;

/**
 * A resizable canvas that shows a {@link Drawing} and offers its exports on right-click: PNG, SVG,
 * the numbers as CSV, and the picture to the clipboard. Never a node per element: large pictures
 * stay one canvas.
 */
public class DrawingCanvas extends Pane {

  private final Canvas canvas = new Canvas();
  private final FXGraphics2D g2;
  private Drawing drawing;
  private Supplier<Table> numbers;
  private String baseName = "view";
  private Runnable onError = () -> {};
  private String lastError = "";

  public DrawingCanvas() {
    getChildren().add(canvas);
    g2 = new FXGraphics2D(canvas.getGraphicsContext2D());
    widthProperty().addListener((o, a, b) -> redraw());
    heightProperty().addListener((o, a, b) -> redraw());
    setMinSize(0, 0);
    ContextMenu menu = new ContextMenu(
        item("Save picture as PNG…", "png"), item("Save picture as SVG…", "svg"),
        item("Save numbers as CSV…", "csv"), copyItem());
    setOnContextMenuRequested(e -> menu.show(this, e.getScreenX(), e.getScreenY()));
  }

  @Override
  protected void layoutChildren() {
    canvas.setWidth(getWidth());
    canvas.setHeight(getHeight());
  }

  /** Shows a new picture; {@code numbers} gives the table behind it for CSV (may be null). */
  public void show(Drawing drawing, Supplier<Table> numbers, String baseName) {
    this.drawing = drawing;
    this.numbers = numbers;
    this.baseName = baseName;
    redraw();
  }

  public Drawing drawing() {
    return drawing;
  }

  public Supplier<Table> numbers() {
    return numbers;
  }

  /** Draws the picture again at the canvas's current size. */
  public void redraw() {
    var gc = canvas.getGraphicsContext2D();
    gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
    if (drawing != null && getWidth() > 0 && getHeight() > 0) {
      drawing.draw(g2, getWidth(), getHeight());
    }
  }

  /** Called when an export fails; {@link #lastError()} says why. */
  public void setOnError(Runnable onError) {
    this.onError = onError;
  }

  public String lastError() {
    return lastError;
  }

  /** Writes the export of that kind ("png", "svg", "csv") to {@code file}. */
  public void export(String kind, Path file) throws IOException {
    double w = Math.max(getWidth(), drawing.preferredWidth());
    double h = Math.max(getHeight(), drawing.preferredHeight());
    switch (kind) {
      case "png" -> Exports.png(drawing, w, h, file);
      case "svg" -> Exports.svg(drawing, w, h, file);
      case "csv" -> numbers.get().writeCsv(file);
      default -> throw new IllegalArgumentException("unknown export " + kind);
    }
  }

  private MenuItem item(String text, String kind) {
    MenuItem item = new MenuItem(text);
    item.setOnAction(e -> {
      if (drawing == null || (kind.equals("csv") && numbers == null)) {
        return;
      }
      FileChooser chooser = new FileChooser();
      chooser.setInitialFileName(baseName + "." + kind);
      chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind.toUpperCase(), "*." + kind));
      File file = chooser.showSaveDialog(getScene().getWindow());
      if (file != null) {
        try {
          export(kind, file.toPath());
        } catch (IOException | RuntimeException ex) {
          lastError = "Could not save " + file.getName() + ": " + ex.getMessage();
          onError.run();
        }
      }
    });
    return item;
  }

  private MenuItem copyItem() {
    MenuItem item = new MenuItem("Copy picture");
    item.setOnAction(e -> {
      if (drawing != null) {
        ClipboardContent content = new ClipboardContent();
        content.putImage(SwingFXUtils.toFXImage(Exports.image(drawing, getWidth(), getHeight(), 1), null));
        Clipboard.getSystemClipboard().setContent(content);
      }
    });
    return item;
  }
}
