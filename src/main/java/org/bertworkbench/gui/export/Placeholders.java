package org.bertworkbench.gui.export;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.text.TextAlignment;

/**
 * What an empty table says. A table's placeholder gets the table's width and no more: a plain
 * label was cut to "まだ実行がありません。「新しいファ…" in Japanese, so these wrap.
 */
public final class Placeholders {

  private Placeholders() {}

  /** A placeholder that wraps its {@code text} to the table's width. */
  public static Label wrapping(String text) {
    Label label = new Label(text);
    label.setWrapText(true);
    label.setTextAlignment(TextAlignment.CENTER);
    label.setPadding(new Insets(8));
    return label;
  }
}
