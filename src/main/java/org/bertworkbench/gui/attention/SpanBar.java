package org.bertworkbench.gui.attention;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import org.bertworkbench.gui.text.Texts;

/**
 * The head view's span: "Tokens 120 – 180 of 477" (both columns show only those, rows of a
 * readable height), the whole input, or every row squeezed into the window (an overview without
 * labels). A new input shows it whole; a long one then scrolls.
 */
final class SpanBar {

  private static final Texts T = Texts.of(SpanBar.class);

  private final Spinner<Integer> first = new Spinner<>(new IntegerSpinnerValueFactory(0, 0, 0));
  private final Spinner<Integer> last = new Spinner<>(new IntegerSpinnerValueFactory(0, 0, 0));
  private final Label of = new Label();
  private final CheckBox fit = new CheckBox(T.get("SpanBar.fit"));
  private final HBox bar;
  private final Runnable onChange;
  private int length = -1;
  private boolean updating;

  SpanBar(Runnable onChange) {
    this.onChange = onChange;
    first.setId("spanFrom");
    last.setId("spanTo");
    fit.setId("spanFit");
    for (Spinner<Integer> s : java.util.List.of(first, last)) {
      s.setEditable(true);
      s.getEditor().setPrefColumnCount(4); // "477" whole at any zoom (90 px showed 17 as "1'" in F5)
      // Enter commits the typed number here; let through, it would press the window's default
      // button ("Load") and reload the model.
      s.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
        if (e.getCode() == KeyCode.ENTER) {
          s.commitValue();
          e.consume();
        }
      });
    }
    first.valueProperty().addListener((o, a, b) -> {
      if (!updating && b != null) {
        if (b > last.getValue()) {
          last.getValueFactory().setValue(b);
        }
        onChange.run();
      }
    });
    last.valueProperty().addListener((o, a, b) -> {
      if (!updating && b != null) {
        if (b < first.getValue()) {
          first.getValueFactory().setValue(b);
        }
        onChange.run();
      }
    });
    fit.setTooltip(new Tooltip(T.get("SpanBar.fit.tip")));
    fit.selectedProperty().addListener((o, a, b) -> onChange.run());
    Button whole = new Button(T.get("SpanBar.whole"));
    whole.setId("spanWhole");
    whole.setOnAction(e -> set(0, length - 1));
    bar = new HBox(8, new Label(T.get("SpanBar.tokens")), first, new Label("–"), last, of, whole, fit);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(0, 0, 4, 0));
  }

  Node node() {
    return bar;
  }

  /** The input now has {@code t} labels: a new length shows it whole. */
  void setLength(int t) {
    if (t == length) {
      return;
    }
    updating = true;
    length = t;
    ((IntegerSpinnerValueFactory) first.getValueFactory()).setMax(Math.max(0, t - 1));
    ((IntegerSpinnerValueFactory) last.getValueFactory()).setMax(Math.max(0, t - 1));
    first.getValueFactory().setValue(0);
    last.getValueFactory().setValue(Math.max(0, t - 1));
    of.setText(T.format("SpanBar.of", t));
    updating = false;
  }

  /** Shows tokens {@code from..to}, as the user would choose them. */
  void set(int from, int to) {
    updating = true;
    last.getValueFactory().setValue(Math.max(from, to));
    first.getValueFactory().setValue(from);
    updating = false;
    onChange.run();
  }

  int from() {
    return first.getValue();
  }

  int to() {
    return last.getValue();
  }

  boolean fitted() {
    return fit.isSelected();
  }

  /** " · tokens 120–180 of 477" when a span is chosen, else "". */
  String describe() {
    return from() == 0 && to() >= length - 1 ? "" : " · " + T.format("SpanBar.describe", from(), to(), length);
  }
}
