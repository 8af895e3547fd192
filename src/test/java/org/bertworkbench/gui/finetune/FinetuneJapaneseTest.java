package org.bertworkbench.gui.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Control;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.bertworkbench.gui.Screenshots;
import org.bertworkbench.gui.export.Exports;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.GuiBundlesTest;
import org.bertworkbench.gui.text.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Fine-tuning tab and its wizard built in Japanese: every text a user reads on them — labels,
 * buttons, tabs, column titles, prompt texts, tooltips, menu items, the wizard's headers and
 * buttons — is Japanese, or only names and numbers ([CLS], CPU, F1, 5e-5, spec.json); and a
 * drawing drawn in Japanese says its words in Japanese, in a Japanese font when one is installed.
 */
@ExtendWith(ApplicationExtension.class)
class FinetuneJapaneseTest {

  /** Names, numbers and file names that stay as they are in a Japanese window. */
  static final Pattern AS_IS = Pattern.compile("[0-9.e+\\-]+|[\\w-]+\\.(json|jsonl|tsv|csv|txt)");

  @TempDir
  Path dir;
  Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    stage.setScene(new Scene(new StackPane(), 400, 300));
    stage.show();
  }

  @AfterEach
  void english() {
    Language.use(Language.EN);
  }

  @Test
  void theTabAndEveryWizardPageSpeakJapanese(FxRobot robot) throws Exception {
    Language.use(Language.JA);
    FinetunePane pane = Fx.call(robot, () -> FinetuneWindow.show(stage, dir.resolve("runs"), m -> { }));
    WaitForAsyncUtils.waitForFxEvents();
    List<String> english = new ArrayList<>();
    robot.interact(() -> {
      assertTrue(japanese(pane.title()), pane.title());
      walk(pane.node(), english, new IdentityHashMap<>());
    });
    Screenshots.save(robot, stage, "finetune-ja-tab");

    FinetuneWizard wizard = Fx.call(robot, pane::openWizard);
    WizardDriver w = new WizardDriver(robot, wizard);
    w.settle();
    w.screenshot("finetune-ja-wizard-task");
    robot.interact(() -> {
      check("dialog title", wizard.wizard().getTitle(), english);
      for (WizardPage page : wizard.pages()) {
        check(page.page() + " header", page.getHeaderText(), english);
        check(page.page() + " title", page.page().title(), english);
        walk(page.getContent(), english, new IdentityHashMap<>());
      }
      DialogPane shown = wizard.wizard().getDialog().getDialogPane();
      for (ButtonType type : shown.getButtonTypes()) {
        if (shown.lookupButton(type) instanceof Button b) {
          check("wizard button", b.getText(), english);
        }
      }
      for (TaskChoice t : TaskChoice.values()) {
        check(t + " description", t.description(), english);
      }
      wizard.wizard().getDialog().close();
    });
    assertEquals("", String.join("\n", english), english.size() + " texts are not Japanese");
  }

  @Test
  void aDrawingDrawnInJapaneseSaysItsWordsInJapanese() throws Exception {
    Language.use(Language.JA);
    ConfusionMatrixDrawing d = new ConfusionMatrixDrawing(List.of("pos", "neg"), new long[][] {{8, 2}, {3, 6}});
    String svg = Exports.svg(d, 900, 400);
    Exports.png(d, 900, 500, java.nio.file.Files.createDirectories(Path.of("target", "screenshots"))
        .resolve("finetune-ja-confusion-matrix.png"));
    assertTrue(svg.contains("混同行列"), "the title in Japanese");
    assertTrue(svg.contains("再現率") && svg.contains("適合率"), "recall and precision in Japanese");
    Fonts.controlsFamily().ifPresent(family -> assertTrue(svg.contains(family),
        "the text is set in " + family + ", a font with Japanese glyphs"));
    Language.use(Language.EN);
    assertTrue(Exports.svg(d, 900, 400).contains("Confusion matrix"), "and in English once switched back");
  }

  static boolean japanese(String text) {
    return GuiBundlesTest.JAPANESE.matcher(text).find() || GuiBundlesTest.NAMES_ONLY.matcher(text).matches()
        || AS_IS.matcher(text).matches();
  }

  private static void check(String where, String text, List<String> english) {
    if (text != null && !text.isBlank() && !japanese(text)) {
      english.add(where + ": " + text);
    }
  }

  /** Every text under {@code node}, the contents of tabs, scroll and split panes included. */
  static void walk(Node node, List<String> english, Map<Object, Boolean> seen) {
    if (node == null || seen.put(node, true) != null) {
      return;
    }
    String where = node.getClass().getSimpleName() + (node.getId() == null ? "" : "#" + node.getId());
    if (node instanceof Labeled l) {
      check(where, l.getText(), english);
    }
    if (node instanceof TextInputControl t && !"featureTemplate".equals(t.getId())) {
      // (the template field's prompt is a template as typed: words for the model, in braces)
      check(where + " prompt", t.getPromptText(), english);
    }
    if (node instanceof Control c && c.getTooltip() != null) {
      check(where + " tooltip", c.getTooltip().getText(), english);
    }
    if (node instanceof TableView<?> t) {
      t.getColumns().forEach(c -> column(where, c, english));
      walk(t.getPlaceholder(), english, seen);
    }
    if (node instanceof TabPane p) {
      for (Tab tab : p.getTabs()) {
        check(where + " tab", tab.getText(), english);
        walk(tab.getContent(), english, seen);
      }
    }
    if (node instanceof MenuButton m) {
      for (MenuItem item : m.getItems()) {
        check(where + " item", item.getText(), english);
      }
    }
    if (node instanceof ScrollPane s) {
      walk(s.getContent(), english, seen);
    }
    if (node instanceof TitledPane t) {
      walk(t.getContent(), english, seen);
    }
    if (node instanceof SplitPane s) {
      s.getItems().forEach(n -> walk(n, english, seen));
    }
    if (node instanceof Parent p) {
      p.getChildrenUnmodifiable().forEach(n -> walk(n, english, seen));
    }
  }

  private static void column(String where, TableColumnBase<?, ?> c, List<String> english) {
    check(where + " column", c.getText(), english);
    c.getColumns().forEach(sub -> column(where, sub, english));
  }
}
