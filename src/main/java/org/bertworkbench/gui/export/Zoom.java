package org.bertworkbench.gui.export;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * The one zoom factor a window shares: Ctrl + / Ctrl − / Ctrl 0 and F5 (large type for a lecture
 * hall) set it, the controls follow it through the root's font size and every {@link DrawingCanvas}
 * draws its picture scaled by it. A root font size alone enlarged the controls and left the
 * Java2D pictures at their own type, so in presentation mode they came out smaller, not larger. The
 * factor is kept on the scene, so that every window (and every test's window) has its own.
 */
public final class Zoom {

  /** The controls' font size at factor 1, in pixels. */
  public static final double BASE_FONT_SIZE = 13;

  private static final String KEY = Zoom.class.getName();
  private static final String PRESENTATION = KEY + ".presentation";

  private Zoom() {}

  /** The scene's zoom factor, 1 until something sets it. */
  public static DoubleProperty of(Scene scene) {
    Object held = scene.getProperties().get(KEY);
    if (held instanceof DoubleProperty p) {
      return p;
    }
    DoubleProperty p = new SimpleDoubleProperty(scene, "zoom", 1);
    scene.getProperties().put(KEY, p);
    return p;
  }

  /**
   * Ctrl + / Ctrl - / Ctrl 0 scale the type; F5 toggles large type for a lecture hall. Both set the
   * scene's factor, which the controls' font size and every picture follow. A window opened from
   * another (the fine-tuning wizard) starts at its owner's {@code factor}.
   */
  public static void install(Scene scene, double factor) {
    double[] size = {BASE_FONT_SIZE * factor};
    Runnable apply = () -> {
      scene.getRoot().setStyle("-fx-font-size: " + size[0] + "px;");
      of(scene).set(size[0] / BASE_FONT_SIZE);
    };
    Runnable larger = () -> {
      size[0] = Math.min(40, size[0] + 2);
      apply.run();
    };
    var keys = scene.getAccelerators();
    keys.put(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN), larger);
    keys.put(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN), larger);
    keys.put(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN), () -> {
      size[0] = Math.max(9, size[0] - 2);
      apply.run();
    });
    keys.put(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN), () -> {
      size[0] = BASE_FONT_SIZE;
      apply.run();
    });
    Runnable presentation = () -> {
      size[0] = size[0] < 20 ? 22 : BASE_FONT_SIZE;
      apply.run();
    };
    keys.put(new KeyCodeCombination(KeyCode.F5), presentation);
    scene.getProperties().put(PRESENTATION, presentation);
    if (factor != 1) {
      apply.run();
    }
    // A new root (the window rebuilt in another language) keeps the type size the keys set.
    scene.rootProperty().addListener((o, was, now) -> {
      if (size[0] != BASE_FONT_SIZE) {
        apply.run();
      }
    });
  }

  /** Toggles large type as F5 does (for a menu item that shows the key), where {@link #install} ran. */
  public static void togglePresentation(Scene scene) {
    if (scene.getProperties().get(PRESENTATION) instanceof Runnable toggle) {
      toggle.run();
    }
  }

  /**
   * Keeps {@code table}'s columns as wide as the type: each column's width (set before this call, at
   * zoom 1) grows with the scene's zoom and is never narrower than its header's words, so F5 and a
   * Japanese window do not cut the headers to "Bes…". A column the user widened keeps the width
   * until the zoom changes again.
   */
  public static void fitColumns(TableView<?> table) {
    // A column's width at zoom 1, taken when the column is first seen (columns may come later).
    java.util.Map<TableColumn<?, ?>, Double> base = new java.util.WeakHashMap<>();
    Runnable fit = () -> {
      double factor = table.getScene() == null ? 1 : of(table.getScene()).get();
      for (TableColumn<?, ?> c : table.getColumns()) {
        double atOne = base.computeIfAbsent(c, TableColumn::getPrefWidth);
        Text header = new Text(c.getText());
        header.setFont(Font.font(org.bertworkbench.gui.text.Fonts.controlsFamily().orElse(Font.getDefault().getFamily()),
            BASE_FONT_SIZE * factor));
        double words = header.getLayoutBounds().getWidth() + 20 * factor; // padding and the sort arrow
        c.setPrefWidth(Math.max(atOne * factor, words));
      }
    };
    table.getColumns().addListener((javafx.beans.InvalidationListener) change -> fit.run());
    javafx.beans.value.ChangeListener<Number> onZoom = (o, was, now) -> fit.run();
    table.sceneProperty().addListener((o, was, now) -> {
      if (was != null) {
        of(was).removeListener(onZoom);
      }
      if (now != null) {
        of(now).addListener(onZoom);
        fit.run();
      }
    });
    if (table.getScene() != null) {
      of(table.getScene()).addListener(onZoom);
    }
    fit.run();
  }
}
