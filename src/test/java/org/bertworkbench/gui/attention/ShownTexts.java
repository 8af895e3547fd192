package org.bertworkbench.gui.attention;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableView;
import org.bertworkbench.gui.text.GuiBundlesTest;

/**
 * The words a user reads in a part of the window: every labelled control's text, tab titles,
 * prompt texts, tooltips, table column titles and menu items, walked through the scene graph (tabs
 * not selected included). For the tests that switch the window to Japanese and look for English
 * left behind.
 */
public final class ShownTexts {

  private ShownTexts() {}

  /** Every non-empty text under {@code root} with neither Japanese script nor only names, each with where it is. */
  public static List<String> notJapanese(Node root) {
    List<String> out = new ArrayList<>();
    walk(root, out);
    return out;
  }

  /** True when {@code text} is Japanese, or names and numbers only ([CLS], BERT, 0.25…). */
  public static boolean japanese(String text) {
    return text == null || text.isBlank() || GuiBundlesTest.JAPANESE.matcher(text).find()
        || GuiBundlesTest.NAMES_ONLY.matcher(text).matches();
  }

  private static void walk(Node node, List<String> out) {
    String where = node.getClass().getSimpleName() + (node.getId() == null ? "" : "#" + node.getId());
    if (node instanceof Labeled l) {
      check(where, l.getText(), out);
    }
    if (node instanceof TextInputControl t) {
      check(where + " prompt", t.getPromptText(), out);
    }
    if (node instanceof Control c) {
      tooltip(where, c.getTooltip(), out);
      menu(where, c.getContextMenu(), out);
    }
    if (node instanceof MenuButton m) {
      m.getItems().forEach(i -> item(where, i, out));
    }
    if (node instanceof TableView<?> t) {
      t.getColumns().forEach(c -> column(where, c, out));
      if (t.getPlaceholder() != null) {
        walk(t.getPlaceholder(), out);
      }
    }
    if (node instanceof TreeTableView<?> t) {
      t.getColumns().forEach(c -> column(where, c, out));
    }
    if (node instanceof TabPane tabs) {
      for (Tab tab : tabs.getTabs()) {
        check(where + " tab", tab.getText(), out);
        tooltip(where + " tab", tab.getTooltip(), out);
        if (tab.getContent() != null) {
          walk(tab.getContent(), out);
        }
      }
    }
    if (node instanceof javafx.scene.control.ToolBar t) {
      t.getItems().forEach(n -> walk(n, out));
    }
    if (node instanceof javafx.scene.control.ScrollPane s && s.getContent() != null) {
      walk(s.getContent(), out);
    }
    if (node instanceof javafx.scene.control.SplitPane s) {
      s.getItems().forEach(n -> walk(n, out));
    }
    if (node instanceof javafx.scene.control.TitledPane t && t.getContent() != null) {
      walk(t.getContent(), out);
    }
    if (node instanceof Labeled l && l.getGraphic() != null) {
      walk(l.getGraphic(), out);
    }
    if (node instanceof Parent p && !(node instanceof Control)) {
      p.getChildrenUnmodifiable().forEach(n -> walk(n, out));
    }
  }

  private static void column(String where, TableColumnBase<?, ?> c, List<String> out) {
    check(where + " column", c.getText(), out);
    c.getColumns().forEach(sub -> column(where, sub, out));
  }

  private static void tooltip(String where, Tooltip t, List<String> out) {
    if (t != null) {
      check(where + " tooltip", t.getText(), out);
    }
  }

  private static void menu(String where, ContextMenu m, List<String> out) {
    if (m != null) {
      m.getItems().forEach(i -> item(where + " menu", i, out));
    }
  }

  private static void item(String where, MenuItem i, List<String> out) {
    check(where + " item", i.getText(), out);
    if (i instanceof Menu m) {
      m.getItems().forEach(sub -> item(where, sub, out));
    }
  }

  private static void check(String where, String text, List<String> out) {
    if (!japanese(text)) {
      out.add(where + ": " + text);
    }
  }
}
