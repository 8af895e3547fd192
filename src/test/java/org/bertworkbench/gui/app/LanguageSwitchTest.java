package org.bertworkbench.gui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.gui.export.Theme;
import org.bertworkbench.gui.shell.TinyModel;
import org.bertworkbench.gui.text.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Language menu as a user tries it: with a model loaded and a sentence typed, 日本語 rebuilds the
 * window in Japanese over the same model and text, the choice is remembered, and English brings
 * it back. The View menu's dark theme lays dark.css over the light one.
 */
@ExtendWith(ApplicationExtension.class)
class LanguageSwitchTest {

  static final Pattern JAPANESE = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");

  WholeWindow window;

  @Start
  void start(Stage stage) {
    window = WholeWindow.show(stage, 1200, 800);
  }

  @AfterEach
  void stop(FxRobot robot) {
    window.close(robot);
    Language.choose(Language.EN);
    Theme.choose(Theme.LIGHT);
  }

  @Test
  void japaneseRebuildsTheWindowOverTheSameModelAndIsRemembered(FxRobot robot) throws Exception {
    robot.interact(() -> {
      window.vm.textAProperty().set("the cat sat on the mat .");
      window.vm.load(TinyModel.PATH);
    });
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.vm.analysisProperty().get() != null);
    LoadedBert model = window.vm.modelProperty().get();
    assertEquals("Load", ((Button) robot.lookup("#loadButton").query()).getText());

    robot.clickOn("#languageMenu").clickOn("#language-ja");
    WaitForAsyncUtils.waitForFxEvents();

    assertEquals(Language.JA, Language.current());
    assertEquals(Language.JA, Language.remembered().orElseThrow(), "remembered for the next start");
    Button load = robot.lookup("#loadButton").query();
    assertEquals("読み込む", load.getText());
    TabPane views = robot.lookup("#views").query();
    views.getTabs().forEach(t -> assertTrue(JAPANESE.matcher(t.getText()).find(), "tab " + t.getText()));
    MenuBar bar = robot.lookup(".menu-bar").query();
    for (Menu menu : bar.getMenus()) {
      assertTrue(JAPANESE.matcher(menu.getText()).find(), "menu " + menu.getText());
    }
    assertSame(model, window.vm.modelProperty().get(), "the same model, not loaded again");
    assertEquals("the cat sat on the mat .", window.vm.textAProperty().get());
    assertEquals(window.window.panes().size(), views.getTabs().size());

    robot.clickOn("#languageMenu").clickOn("#language-en");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals("Load", ((Button) robot.lookup("#loadButton").query()).getText());
  }

  @Test
  void theDarkThemeIsLaidOverTheLightOne(FxRobot robot) {
    robot.clickOn("#viewMenu").clickOn("#theme-dark");
    WaitForAsyncUtils.waitForFxEvents();
    var sheets = window.scene.getRoot().getStylesheets();
    assertTrue(sheets.get(0).endsWith("/assets/style/light.css"), sheets.toString());
    assertTrue(sheets.stream().anyMatch(s -> s.endsWith("/assets/style/dark.css")), sheets.toString());
    assertEquals(Theme.DARK, Theme.current());
    robot.push(javafx.scene.input.KeyCode.F5);
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(window.scene.getRoot().getStylesheets().stream().anyMatch(s -> s.endsWith("/presentation.css")),
        "presentation mode lays its sheet over the theme");
  }
}
