package org.bertworkbench.gui.attention;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;
import org.bertworkbench.gui.text.Texts;

/** Table columns, choice-box labels and labelled controls the attention views share. */
final class Columns {

  private static final Texts T = Texts.of(Columns.class);

  private Columns() {}

  /** Choice-box entries written by the pattern {@code key} ("Layer {0}"); read back by their digits. */
  static StringConverter<Integer> converter(String key) {
    return new StringConverter<>() {
      @Override
      public String toString(Integer v) {
        return v == null ? "" : T.format(key, String.valueOf(v));
      }

      @Override
      public Integer fromString(String s) {
        return Integer.valueOf(s.replaceAll("[^0-9]", ""));
      }
    };
  }

  /** A label with its controls as one piece, so that a wrapping toolbar never parts them. */
  static HBox labelled(String label, Node... controls) {
    HBox box = new HBox(6, new Label(label));
    box.getChildren().addAll(controls);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  /** A sortable table column of whole numbers, id {@code col-ID}. */
  static <R> TableColumn<R, Integer> intColumn(String name, Function<R, Integer> value, String id) {
    TableColumn<R, Integer> c = new TableColumn<>(name);
    c.setId("col-" + id);
    c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    return c;
  }

  /** A sortable table column of numbers shown with {@code format}, id {@code col-ID}. */
  static <R> TableColumn<R, Double> numberColumn(String name, Function<R, Double> value, String id, String format) {
    TableColumn<R, Double> c = new TableColumn<>(name);
    c.setId("col-" + id);
    c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    c.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(Double v, boolean empty) {
        super.updateItem(v, empty);
        setText(empty || v == null ? null : String.format(format, v));
      }
    });
    return c;
  }
}
