package org.bertworkbench.gui.attention;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.util.StringConverter;

/** Table columns and choice-box labels the attention views share. */
final class Columns {

  private Columns() {}

  static StringConverter<Integer> converter(String prefix) {
    return new StringConverter<>() {
      @Override
      public String toString(Integer v) {
        return v == null ? "" : prefix + v;
      }

      @Override
      public Integer fromString(String s) {
        return Integer.valueOf(s.replace(prefix, "").trim());
      }
    };
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
