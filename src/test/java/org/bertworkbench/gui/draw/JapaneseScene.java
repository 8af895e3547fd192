package org.bertworkbench.gui.draw;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import org.bertworkbench.gui.text.GuiBundlesTest;

/**
 * The words a pane shows, gathered from its own nodes (not from the controls' skins, whose texts
 * are JavaFX's): labels, buttons and check boxes, tab titles, prompt texts, tooltips, table column
 * titles and menu items. A test in Japanese asserts that each of them is Japanese, or made only of
 * names that stay as they are ([CLS], BERT, numbers…).
 */
public final class JapaneseScene {

  private JapaneseScene() {}

  /** Two English words in a row: what a Japanese text never holds (names stand alone: "BERT の入力"). */
  private static final java.util.regex.Pattern ENGLISH = java.util.regex.Pattern.compile("[A-Za-z]{2,} +[A-Za-z]{2,}");

  /** True when {@code text} is Japanese, or only names, numbers (1e-4 too) and signs. */
  public static boolean reads(String text) {
    return GuiBundlesTest.JAPANESE.matcher(text).find() && !ENGLISH.matcher(text).find()
        || GuiBundlesTest.NAMES_ONLY.matcher(text).matches() || text.matches("[0-9.]+[eE][+-]?[0-9]+");
  }

  /** True when {@code text} is a Japanese sentence: Japanese script and no English phrase glued in. */
  public static boolean isJapanese(String text) {
    return text != null && GuiBundlesTest.JAPANESE.matcher(text).find() && !ENGLISH.matcher(text).find();
  }

  /** Every non-blank text under {@code root}, with where it was found ("Label: …"). */
  public static List<String> texts(Node root) {
    List<String> out = new ArrayList<>();
    walk(root, out);
    return out;
  }

  /** The texts under {@code root} that are not Japanese (an empty list when the pane is whole). */
  public static List<String> notJapanese(Node root) {
    return texts(root).stream().filter(t -> !reads(t.substring(t.indexOf(": ") + 2))).toList();
  }

  private static void walk(Node node, List<String> out) {
    if (node == null) {
      return;
    }
    if (node instanceof Labeled l) {
      add(out, node, l.getText());
      walk(l.getGraphic(), out);
    }
    if (node instanceof TextInputControl t) {
      add(out, node, t.getPromptText());
    }
    if (node instanceof ComboBox<?> c) {
      add(out, node, c.getPromptText());
    }
    if (node instanceof Control c && c.getTooltip() != null) {
      add(out, node, c.getTooltip().getText());
    }
    if (node instanceof MenuButton m) {
      for (MenuItem item : m.getItems()) {
        add(out, node, item.getText());
      }
    }
    if (node instanceof TableView<?> table) {
      for (TableColumn<?, ?> column : table.getColumns()) {
        add(out, node, column.getText());
      }
    }
    if (node instanceof TabPane tabs) {
      for (Tab tab : tabs.getTabs()) {
        add(out, node, tab.getText());
        walk(tab.getContent(), out);
      }
    } else if (node instanceof SplitPane split) {
      split.getItems().forEach(n -> walk(n, out));
    } else if (node instanceof ScrollPane scroll) {
      walk(scroll.getContent(), out);
    } else if (node instanceof TitledPane titled) {
      walk(titled.getContent(), out);
    } else if (node instanceof ToolBar bar) {
      bar.getItems().forEach(n -> walk(n, out));
    } else if (!(node instanceof Control) && node instanceof Parent p) {
      p.getChildrenUnmodifiable().forEach(n -> walk(n, out));
    }
  }

  private static void add(List<String> out, Node node, String text) {
    if (text != null && !text.isBlank()) {
      out.add(node.getClass().getSimpleName() + (node.getId() == null ? "" : "#" + node.getId()) + ": " + text);
    }
  }
}
