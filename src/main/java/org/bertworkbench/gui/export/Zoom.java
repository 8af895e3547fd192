package org.bertworkbench.gui.export;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Scene;

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
}
