package org.bertworkbench.gui.export;

import com.google.gson.JsonElement;
import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ScrollBar;
import javafx.scene.image.WritableImage;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Pane;
import javafx.stage.FileChooser;

/**
 * A resizable canvas that shows a {@link Drawing} (rendered with Java2D, the same code as the
 * exports) and offers its exports on right-click: PNG, SVG,
 * the numbers as CSV and as JSON, and the picture to the clipboard. Never a node per element: large
 * pictures stay one canvas.
 */
public class DrawingCanvas extends Pane {

  private final Canvas canvas = new Canvas();
  private final ScrollBar scroll = new ScrollBar();
  private BufferedImage buffer;
  private WritableImage fxImage;
  private Drawing drawing;
  private Supplier<Table> numbers;
  private Supplier<JsonElement> json;
  private String baseName = "view";
  private Runnable onError = () -> {};
  private String lastError = "";

  public DrawingCanvas() {
    getChildren().addAll(canvas, scroll);
    getStyleClass().add("drawing-canvas");
    scroll.setOrientation(Orientation.VERTICAL);
    scroll.setVisible(false);
    scroll.valueProperty().addListener((o, a, b) -> redraw());
    setOnScroll(e -> {
      if (scroll.isVisible()) {
        scroll.setValue(Math.max(0, Math.min(scroll.getMax(), scroll.getValue() - e.getDeltaY())));
      }
    });
    widthProperty().addListener((o, a, b) -> redraw());
    heightProperty().addListener((o, a, b) -> redraw());
    setMinSize(0, 0);
    MenuItem csv = item("Save numbers as CSV…", "csv");
    MenuItem jsonItem = item("Save data as JSON…", "json");
    ContextMenu menu = new ContextMenu(
        item("Save picture as PNG…", "png"), item("Save picture as SVG…", "svg"), csv, jsonItem, copyItem());
    menu.setOnShowing(e -> {
      csv.setDisable(numbers == null);
      jsonItem.setDisable(numbers == null && json == null);
    });
    setOnContextMenuRequested(e -> menu.show(this, e.getScreenX(), e.getScreenY()));
  }

  @Override
  protected void layoutChildren() {
    double bar = scroll.isVisible() ? scroll.prefWidth(-1) : 0;
    canvas.setWidth(Math.max(0, getWidth() - bar));
    canvas.setHeight(getHeight());
    scroll.resizeRelocate(getWidth() - bar, 0, bar, getHeight());
  }

  /** How far the picture is scrolled down, in pixels; mouse positions add it to find cells. */
  public double scrollOffset() {
    return scroll.isVisible() ? scroll.getValue() : 0;
  }

  /**
   * Shows a new picture; {@code numbers} gives the table behind it for CSV (may be null), and its
   * JSON export is that table's {@link Table#toJson()}.
   */
  public void show(Drawing drawing, Supplier<Table> numbers, String baseName) {
    show(drawing, numbers, null, baseName);
  }

  /**
   * As {@link #show(Drawing, Supplier, String)}, with the data's own JSON shape (a matrix under its
   * labels, [layers][heads] arrays, ...); null falls back to the table's.
   */
  public void show(Drawing drawing, Supplier<Table> numbers, Supplier<JsonElement> json, String baseName) {
    this.drawing = drawing;
    this.numbers = numbers;
    this.json = json;
    this.baseName = baseName;
    redraw();
  }

  public Drawing drawing() {
    return drawing;
  }

  public Supplier<Table> numbers() {
    return numbers;
  }

  /** The JSON the "Save data as JSON" item writes, or null when the picture has no numbers. */
  public JsonElement jsonData() {
    if (json != null) {
      return json.get();
    }
    return numbers == null ? null : numbers.get().toJson();
  }

  /**
   * Draws the picture again at the canvas's current size. A picture taller than the canvas gets a
   * scroll bar; it is drawn translated, with the visible band as its clip, so that a drawing can
   * skip what cannot be seen.
   */
  public void redraw() {
    var gc = canvas.getGraphicsContext2D();
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    gc.clearRect(0, 0, w, h);
    if (drawing == null || w <= 0 || h <= 0) {
      return;
    }
    double full = drawing.preferredHeight();
    boolean tall = full > h + 1;
    if (tall != scroll.isVisible()) {
      scroll.setVisible(tall);
      requestLayout();
    }
    double offset = 0;
    if (tall) {
      scroll.setMax(full - h);
      scroll.setVisibleAmount(h * (full - h) / full);
      offset = Math.min(scroll.getValue(), full - h);
    }
    // Java2D into an image, then one image onto the canvas: far faster than thousands of canvas
    // text calls, and the same drawing code as the PNG and SVG exports.
    int iw = (int) Math.ceil(w);
    int ih = (int) Math.ceil(h);
    if (buffer == null || buffer.getWidth() != iw || buffer.getHeight() != ih) {
      buffer = new BufferedImage(iw, ih, BufferedImage.TYPE_INT_ARGB_PRE);
      fxImage = null;
    }
    Graphics2D g = buffer.createGraphics();
    try {
      g.setComposite(AlphaComposite.Clear);
      g.fillRect(0, 0, iw, ih);
      g.setComposite(AlphaComposite.SrcOver);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.translate(0, -offset);
      g.setClip(new java.awt.Rectangle(0, (int) offset, iw, ih));
      drawing.draw(g, w, Math.max(h, tall ? full : h));
    } finally {
      g.dispose();
    }
    fxImage = SwingFXUtils.toFXImage(buffer, fxImage);
    gc.drawImage(fxImage, 0, 0);
    if (Math.abs(drawing.preferredHeight() - full) > 1) {
      // The drawing learnt its height while drawing: lay the scroll bar out for it.
      javafx.application.Platform.runLater(this::redraw);
    }
  }

  /** Called when an export fails; {@link #lastError()} says why. */
  public void setOnError(Runnable onError) {
    this.onError = onError;
  }

  public String lastError() {
    return lastError;
  }

  /** The name the save dialog suggests, without extension: the view and what it shows ("head-view-layer3-head7"). */
  public String baseName() {
    return baseName;
  }

  /**
   * Writes the export of that kind ("png", "svg", "csv", "json") to {@code file}. A picture is laid
   * out as on screen (at least at its preferred size, scrolled parts included) and {@link Exports}
   * cuts it to its content.
   */
  public void export(String kind, Path file) throws IOException {
    double w = Math.max(getWidth(), drawing.preferredWidth());
    double h = Math.max(getHeight(), drawing.preferredHeight());
    switch (kind) {
      case "png" -> Exports.exportPng(drawing, w, h, file);
      case "svg" -> Exports.exportSvg(drawing, w, h, file);
      case "csv" -> numbers.get().writeCsv(file);
      case "json" -> JsonData.write(jsonData(), file);
      default -> throw new IllegalArgumentException("unknown export " + kind);
    }
  }

  private MenuItem item(String text, String kind) {
    MenuItem item = new MenuItem(text);
    item.setOnAction(e -> {
      if (drawing == null || (kind.equals("csv") && numbers == null)
          || (kind.equals("json") && numbers == null && json == null)) {
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
        content.putImage(SwingFXUtils.toFXImage(Exports.picture(drawing,
            Math.max(getWidth(), drawing.preferredWidth()), Math.max(getHeight(), drawing.preferredHeight()), 1),
            null));
        Clipboard.getSystemClipboard().setContent(content);
      }
    });
    return item;
  }
}
