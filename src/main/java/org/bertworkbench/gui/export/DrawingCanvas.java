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
import javafx.beans.InvalidationListener;
import javafx.beans.property.DoubleProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Dimension2D;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ScrollBar;
import javafx.scene.image.WritableImage;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.stage.FileChooser;
import org.bertworkbench.gui.text.Texts;

/**
 * A resizable canvas that shows a {@link Drawing} (rendered with Java2D, the same code as the
 * exports) and offers its exports on right-click: PNG, SVG,
 * the numbers as CSV and as JSON, and the picture to the clipboard. Never a node per element: large
 * pictures stay one canvas. On screen the picture is drawn at the window's {@link Zoom} factor: it
 * is laid out at the canvas's size divided by the factor and drawn scaled by it, so that its type
 * grows with the controls' and a picture still uses the space it has.
 */
public class DrawingCanvas extends Pane {

  private static final Texts T = Texts.of(DrawingCanvas.class);

  private final Canvas canvas = new Canvas();
  private final ScrollBar scroll = new ScrollBar();
  /** What the canvas says before it has anything to draw (what to press, what will appear). */
  private final Label empty = Placeholders.wrapping("");
  private BufferedImage buffer;
  private WritableImage fxImage;
  private Drawing drawing;
  private Supplier<Table> numbers;
  private Supplier<JsonElement> json;
  private String baseName = "view";
  private Runnable onError = () -> {};
  private String lastError = "";
  private final InvalidationListener onZoom = o -> {
    requestLayout();
    redraw();
  };
  private DoubleProperty zoom;
  private Dimension2D drawnSize = new Dimension2D(0, 0);

  public DrawingCanvas() {
    getChildren().addAll(canvas, scroll, empty);
    empty.setId("emptyText");
    empty.setStyle("-fx-text-fill: #757575;");
    empty.setVisible(false);
    empty.setMouseTransparent(true);
    getStyleClass().add("drawing-canvas");
    scroll.setOrientation(Orientation.VERTICAL);
    scroll.setVisible(false);
    scroll.valueProperty().addListener((o, a, b) -> redraw());
    setOnScroll(e -> {
      if (scroll.isVisible()) {
        scroll.setValue(Math.max(0, Math.min(scroll.getMax(), scroll.getValue() - e.getDeltaY())));
      }
    });
    sceneProperty().addListener((o, was, now) -> followZoom(now == null ? null : Zoom.of(now)));
    setMinSize(0, 0);
    MenuItem csv = item(T.get("DrawingCanvas.csv"), "csv");
    MenuItem jsonItem = item(T.get("DrawingCanvas.json"), "json");
    ContextMenu menu = new ContextMenu(
        item(T.get("DrawingCanvas.png"), "png"), item(T.get("DrawingCanvas.svg"), "svg"), csv, jsonItem, copyItem());
    menu.setOnShowing(e -> {
      csv.setDisable(numbers == null);
      jsonItem.setDisable(numbers == null && json == null);
    });
    setOnContextMenuRequested(e -> menu.show(this, e.getScreenX(), e.getScreenY()));
  }

  private void followZoom(DoubleProperty next) {
    if (zoom != null) {
      zoom.removeListener(onZoom);
    }
    zoom = next;
    if (zoom != null) {
      zoom.addListener(onZoom);
    }
    onZoom.invalidated(zoom);
  }

  /**
   * Sizes the canvas and draws again at once when its size changed. (Redrawing on the pane's own
   * width and height events drew at the canvas's old size, before this resized it: a resized
   * window kept the old picture until something else asked for a redraw.)
   */
  @Override
  protected void layoutChildren() {
    double bar = scroll.isVisible() ? scroll.prefWidth(-1) : 0;
    double w = Math.max(0, getWidth() - bar);
    double h = getHeight();
    boolean resized = w != canvas.getWidth() || h != canvas.getHeight();
    canvas.setWidth(w);
    canvas.setHeight(h);
    scroll.resizeRelocate(getWidth() - bar, 0, bar, getHeight());
    empty.resizeRelocate(0, 0, getWidth(), getHeight());
    if (resized) {
      redraw();
    }
  }

  /** The window's zoom factor this canvas draws at (1 outside a window). */
  public double factor() {
    return zoom == null ? 1 : zoom.get();
  }

  /** How far the picture is scrolled down, in screen pixels. */
  public double scrollOffset() {
    return scroll.isVisible() ? scroll.getValue() : 0;
  }

  /**
   * The point of the drawing under canvas point (x, y), e.g. a mouse event's: undoes the scroll and
   * the zoom. Every pane that maps the mouse to cells goes through here.
   */
  public Point2D toDrawing(double x, double y) {
    double f = factor();
    return new Point2D(x / f, (y + scrollOffset()) / f);
  }

  /** {@link #toDrawing(double, double)} of a mouse event's position on this canvas. */
  public Point2D toDrawing(MouseEvent e) {
    return toDrawing(e.getX(), e.getY());
  }

  /** Where drawing point (x, y) shows on the canvas: the inverse of {@link #toDrawing}. */
  public Point2D toCanvas(double x, double y) {
    double f = factor();
    return new Point2D(x * f, y * f - scrollOffset());
  }

  /** The width a drawing is laid out at now: the canvas's, in drawing units. */
  public double drawingWidth() {
    return canvas.getWidth() / factor();
  }

  /** The height a drawing is laid out at now (the visible band), in drawing units. */
  public double drawingHeight() {
    return canvas.getHeight() / factor();
  }

  /** The size, in drawing units, the picture was last drawn into (its visible band). */
  public Dimension2D drawnSize() {
    return drawnSize;
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
    empty.setVisible(drawing == null && !empty.getText().isEmpty());
    this.numbers = numbers;
    this.json = json;
    this.baseName = baseName;
    redraw();
  }

  public Drawing drawing() {
    return drawing;
  }

  /** Says {@code text} (wrapped, in the window's type) until something is shown: e.g. what to press. */
  public void setEmptyText(String text) {
    empty.setText(text);
    empty.setVisible(drawing == null && !text.isEmpty());
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
   * Draws the picture again at the canvas's current size and zoom factor. A picture taller than the
   * canvas gets a scroll bar; it is drawn translated, with the visible band as its clip, so that a
   * drawing can skip what cannot be seen.
   */
  public void redraw() {
    var gc = canvas.getGraphicsContext2D();
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    gc.clearRect(0, 0, w, h);
    if (drawing == null || w <= 0 || h <= 0) {
      return;
    }
    double f = factor();
    double lw = w / f; // the size the drawing is laid out at, in its own units
    double lh = h / f;
    drawing.fitTo(lw, lh);
    double full = drawing.preferredHeight();
    boolean tall = full > lh + 1;
    if (tall != scroll.isVisible()) {
      scroll.setVisible(tall);
      requestLayout();
    }
    double offset = 0; // in screen pixels
    if (tall) {
      double fullPx = full * f;
      scroll.setMax(fullPx - h);
      scroll.setVisibleAmount(h * (fullPx - h) / fullPx);
      offset = Math.min(scroll.getValue(), fullPx - h);
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
      g.scale(f, f);
      double top = offset / f;
      g.setClip(new java.awt.geom.Rectangle2D.Double(0, top, lw, lh));
      drawing.draw(g, lw, Math.max(lh, tall ? full : lh));
      drawnSize = new Dimension2D(lw, lh);
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
          lastError = T.format("DrawingCanvas.couldNotSave", file.getName(), Texts.failure(ex));
          onError.run();
        }
      }
    });
    return item;
  }

  private MenuItem copyItem() {
    MenuItem item = new MenuItem(T.get("DrawingCanvas.copy"));
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
