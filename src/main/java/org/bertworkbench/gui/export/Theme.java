package org.bertworkbench.gui.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.beans.value.ChangeListener;
import javafx.scene.Parent;
import javafx.scene.Scene;
import org.bertworkbench.gui.text.Fonts;

/**
 * The window's look: the style sheets of {@code assets/style/} — light, or light with dark laid
 * over it — plus {@code presentation.css} while the zoom is large (F5), plus the Japanese font
 * when the window speaks Japanese. Applied to a root, so that every window (the main one, the
 * wizard, a test's) looks the same; the choice of theme is remembered.
 */
public enum Theme {
  LIGHT, DARK;

  /** Where the packaged style sheets are. */
  public static final String STYLE = "/assets/style/";

  /** From this zoom factor up the presentation sheet is laid over the theme (F5 gives 22/13). */
  static final double PRESENTATION_FROM = 1.5;

  private static final String KEY = "theme";
  private static final String LISTENER = Theme.class.getName() + ".zoom";
  private static volatile Theme current = remembered();

  /** The theme windows open in. */
  public static Theme current() {
    return current;
  }

  /** Makes {@code theme} the one windows open in from now on, and remembers it. */
  public static void choose(Theme theme) {
    current = theme;
    Preferences.userNodeForPackage(Theme.class).put(KEY, theme.name());
  }

  private static Theme remembered() {
    try {
      return valueOf(Preferences.userNodeForPackage(Theme.class).get(KEY, LIGHT.name()));
    } catch (IllegalArgumentException e) {
      return LIGHT;
    }
  }

  /**
   * Sets {@code root}'s style sheets for this theme and follows its scene's zoom for the
   * presentation sheet (now and whenever the root moves to a scene).
   */
  public void apply(Parent root) {
    set(root, false);
    Runnable follow = () -> {
      Scene scene = root.getScene();
      if (scene == null) {
        return;
      }
      Object old = root.getProperties().remove(LISTENER);
      if (old instanceof Held held) {
        Zoom.of(held.scene()).removeListener(held.listener());
      }
      ChangeListener<Number> listener = (o, was, now) -> set(root, now.doubleValue() >= PRESENTATION_FROM);
      Zoom.of(scene).addListener(listener);
      root.getProperties().put(LISTENER, new Held(scene, listener));
      set(root, Zoom.of(scene).get() >= PRESENTATION_FROM);
    };
    follow.run();
    root.sceneProperty().addListener((o, was, now) -> follow.run());
  }

  private record Held(Scene scene, ChangeListener<Number> listener) {}

  /** Replaces the sheets this laid on {@code root} before; others' (a library's dialog) stay. */
  private void set(Parent root, boolean presentation) {
    root.getStylesheets().removeIf(url -> url.contains(STYLE) || url.startsWith("data:text/css"));
    root.getStylesheets().addAll(sheets(presentation));
  }

  /** The sheets in the order they are laid over each other. */
  List<String> sheets(boolean presentation) {
    List<String> out = new ArrayList<>();
    out.add(url("light.css"));
    if (this == DARK) {
      out.add(url("dark.css"));
    }
    if (presentation) {
      out.add(url("presentation.css"));
    }
    Fonts.controlsFamily().ifPresent(family -> out.add(fontSheet(family)));
    return out;
  }

  /** A one-rule sheet that sets every control in {@code family} (a data URL: nothing on disk). */
  static String fontSheet(String family) {
    String css = ".root { -fx-font-family: \"" + family + "\"; }";
    return "data:text/css;base64," + Base64.getEncoder().encodeToString(css.getBytes(StandardCharsets.UTF_8));
  }

  private static String url(String name) {
    var resource = Theme.class.getResource(STYLE + name);
    if (resource == null) {
      throw new IllegalStateException("missing style sheet " + STYLE + name);
    }
    return resource.toExternalForm();
  }
}
