package org.bertworkbench.gui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Cell;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.bertworkbench.gui.text.GuiBundlesTest;
import org.bertworkbench.gui.text.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window in Japanese, as a Japanese class sees it with BERT-Base loaded: every tab, and
 * every view of the Attention tab, in presentation mode (F5). No English is left on a control (a
 * label, a button, a tab, a menu, a tooltip, a prompt, a table's column), and nothing is cut to
 * "…" or runs off the window. Screenshots of each view go to target/screenshots/ja-*.png.
 */
@ExtendWith(ApplicationExtension.class)
class JapaneseWindowTest {

  WholeWindow window;

  @Start
  void start(Stage stage) {
    Language.use(Language.JA);
    window = WholeWindow.show(stage, 1200, 800);
  }

  @AfterEach
  void stop(FxRobot robot) {
    window.close(robot);
    Language.use(Language.EN);
  }

  @Test
  void everyViewSpeaksJapaneseAndNothingIsCutInLargeType(FxRobot robot) throws Exception {
    robot.interact(() -> {
      window.vm.textAProperty().set("The cat sat on the [MASK].");
      window.vm.textBProperty().set("It was happy.");
      window.vm.load("bert-base-uncased");
    });
    WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> window.vm.analysisProperty().get() != null);
    robot.push(KeyCode.F5);
    WaitForAsyncUtils.waitForFxEvents();

    List<String> cut = new ArrayList<>();
    LargeTypeLayoutTest.visitEveryView(robot, window.scene, "ja-", cut);
    List<String> english = new ArrayList<>();
    TabPane views = robot.lookup("#views").query();
    for (Tab tab : views.getTabs()) {
      robot.interact(() -> views.getSelectionModel().select(tab));
      WaitForAsyncUtils.waitForFxEvents();
      check("tab", tab.getText(), english);
      robot.interact(() -> collectEnglish(window.scene.getRoot(), tab.getText(), english));
    }
    MenuBar bar = robot.lookup(".menu-bar").query();
    for (Menu menu : bar.getMenus()) {
      collectEnglish(menu, english);
    }
    robot.push(KeyCode.F5);
    assertEquals(List.of(), english, "English left in the Japanese window");
    assertEquals(List.of(), cut, "cut in the Japanese window in large type");
  }

  /** Texts of every shown control below {@code node} that have no Japanese and are not only names. */
  static void collectEnglish(Node node, String where, List<String> out) {
    if (!node.isVisible() || node instanceof Cell<?> || node instanceof TextInputControl
        || node instanceof ComboBoxBase<?> || node.getStyleClass().stream().anyMatch(c -> c.startsWith("token")
        || c.startsWith("prediction"))) {
      if (node instanceof TextInputControl t) {
        check(where + " prompt", t.getPromptText(), out);
      }
      return;
    }
    if (node instanceof Labeled l) {
      check(where + (l.getId() == null ? "" : " #" + l.getId()), l.getText(), out);
      Tooltip tip = l.getTooltip();
      if (tip != null) {
        check(where + " tooltip", tip.getText(), out);
      }
    }
    if (node instanceof TabPane tabs) {
      tabs.getTabs().forEach(t -> check(where + " tab", t.getText(), out));
    }
    if (node instanceof TableView<?> table) {
      table.getColumns().forEach(c -> collectColumns(c, where, out));
      if (table.getPlaceholder() != null) {
        collectEnglish(table.getPlaceholder(), where, out);
      }
      return; // the cells are data
    }
    if (node instanceof Parent p) {
      for (Node child : p.getChildrenUnmodifiable()) {
        collectEnglish(child, where, out);
      }
    }
  }

  private static void collectColumns(TableColumnBase<?, ?> column, String where, List<String> out) {
    check(where + " column", column.getText(), out);
    column.getColumns().forEach(c -> collectColumns(c, where, out));
  }

  private static void collectEnglish(Menu menu, List<String> out) {
    check("menu", menu.getText(), out);
    for (MenuItem item : menu.getItems()) {
      if (item instanceof Menu sub) {
        collectEnglish(sub, out);
      } else if (!(item.getId() != null && item.getId().startsWith("language-"))) {
        check("menu " + menu.getText(), item.getText(), out); // a language is named in itself
      }
    }
  }

  static void check(String where, String text, List<String> out) {
    if (text == null || text.isBlank()) {
      return;
    }
    if (!GuiBundlesTest.JAPANESE.matcher(text).find() && !GuiBundlesTest.NAMES_ONLY.matcher(text).matches()) {
      String line = where + ": " + text;
      if (!out.contains(line)) {
        out.add(line);
      }
    }
  }
}
