package org.bertworkbench.gui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.bertworkbench.core.lesson.Lesson;
import org.bertworkbench.core.lesson.LessonStep;
import org.bertworkbench.gui.Screenshots;
import org.bertworkbench.gui.lessons.LessonPanel;
import org.bertworkbench.gui.lessons.LessonViewModel;
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
 * A whole lesson walked as a teacher walks it, in English on BERT-Base and in Japanese on the
 * multilingual model: Ctrl+L opens the panel, the lesson is chosen, and at every step (Next, or
 * Page Down) the step's view is in front with its input, what it names glows, the panel says the
 * step's text, and the live check passes (✓). The English walk ends with the handout, which holds
 * every step's text and a picture of each; the Japanese one is walked in presentation mode and
 * its steps are saved as screenshots (target/screenshots/lesson-ja-*.png).
 */
@ExtendWith(ApplicationExtension.class)
class LessonWalkTest {

  static final String LESSON = "embeddings";

  WholeWindow window;
  Stage stage;

  @TempDir
  Path dir;

  @Start
  void start(Stage stage) {
    this.stage = stage;
  }

  @AfterEach
  void stop(FxRobot robot) {
    if (window != null) {
      window.close(robot);
    }
    Language.use(Language.EN);
  }

  @Test
  void theEmbeddingsLessonInEnglishEndsWithAHandoutOfEveryStep(FxRobot robot) throws Exception {
    Lesson lesson = walk(robot, Language.EN, false);
    LessonPanel panel = window.window.lessons();
    Path file = dir.resolve("handout.html");
    robot.interact(() -> panel.exportHandout(file));
    WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> Files.exists(file));
    String html = Files.readString(file);
    for (LessonStep s : lesson.steps()) {
      assertTrue(html.contains(escaped(s.title())), "the handout has " + s.title());
      assertTrue(html.contains(escaped(s.text())), "the handout has: " + s.text());
    }
    Matcher pictures = Pattern.compile("<img alt=\"[^\"]*\" src=\"data:image/png;base64,([A-Za-z0-9+/=]{1000,})\"")
        .matcher(html);
    int n = 0;
    while (pictures.find()) {
      n++;
    }
    assertEquals(lesson.steps().size(), n, "one picture of the view for each step");
    assertEquals(lesson.steps().size(), html.split("class=\"check passed\"", -1).length - 1, "every check passed");
    lesson.questions().forEach(q -> assertTrue(html.contains(escaped(q)), q));
  }

  /** As the handout writes text (HTML's special characters escaped). */
  static String escaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  @Test
  void theEmbeddingsLessonInJapaneseInPresentationMode(FxRobot robot) throws Exception {
    walk(robot, Language.JA, true);
  }

  @Test
  void theMaskingStepDrawsTheBatchWhosePercentagesItPrints(FxRobot robot) throws Exception {
    // In Japanese and large type: the lesson with the longest title (it was cut to "マスクされた言語モ…").
    Language.use(Language.JA);
    robot.interact(() -> window = WholeWindow.show(stage, 1400, 900));
    robot.push(javafx.scene.input.KeyCode.F5);
    robot.interact(() -> window.window.openLesson("masked-lm"));
    LessonViewModel model = window.window.lessons().viewModel();
    assertEquals("masking", model.current().id());
    WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> model.checkProperty().get() != null
        && model.checkProperty().get().passed() != null);
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(model.checkProperty().get().passed(), model.checkProperty().get().line());
    var pane = window.panes.stream().filter(org.bertworkbench.gui.pretrain.PretrainPane.class::isInstance)
        .map(org.bertworkbench.gui.pretrain.PretrainPane.class::cast).findFirst().orElseThrow();
    var drawn = pane.batchDrawing();
    assertNotNull(drawn.batch(), "the view draws the check's batch, not the empty 'appears once training runs'");
    assertEquals(model.current().intParameter("batch"), drawn.batch().instances().size());
    long selected = drawn.batch().instances().stream().flatMap(in -> in.positions().stream())
        .filter(p -> p.decision() != org.bertworkbench.core.pretrain.MaskDecision.NONE).count();
    assertEquals(selected, drawn.selected().size(), "every selected position is drawn");
    String shown = model.checkProperty().get().line();
    assertTrue(shown.contains(String.format(java.util.Locale.ROOT, "%,d", selected)),
        "the check counted the drawn batch's " + selected + " selected positions: " + shown);
    java.util.List<String> cut = new java.util.ArrayList<>();
    robot.interact(() -> LargeTypeLayoutTest.collectCut(robot.lookup("#lessonPanel").query(), "masked-lm",
        window.scene.getWidth(), cut));
    assertEquals(java.util.List.of(), cut, "the Lessons panel cuts nothing to …");
    Screenshots.save(robot, "lesson-ja-masked-lm-batch");
  }

  private Lesson walk(FxRobot robot, Language language, boolean presentation) throws Exception {
    Language.use(language);
    robot.interact(() -> window = WholeWindow.show(stage, 1400, 900));
    if (presentation) {
      robot.push(javafx.scene.input.KeyCode.F5);
    }
    robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.L);
    WaitForAsyncUtils.waitForFxEvents();
    LessonPanel panel = window.window.lessons();
    assertNotNull(panel, "Ctrl+L opens the Lessons panel");
    LessonViewModel model = panel.viewModel();
    Lesson lesson = model.lessons().stream().filter(l -> l.id().equals(LESSON)).findFirst().orElseThrow();
    assertEquals(language.tag(), lesson.lang());
    robot.clickOn("#lessonChoice").clickOn(lesson.title());
    TabPane views = robot.lookup("#views").query();
    for (int i = 0; i < lesson.steps().size(); i++) {
      LessonStep step = lesson.steps().get(i);
      if (i > 0) {
        if (i % 2 == 1) {
          robot.clickOn("#lessonNext");
        } else {
          robot.push(javafx.scene.input.KeyCode.PAGE_DOWN); // a presenter's clicker
        }
      }
      WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> model.checkProperty().get() != null
          && model.checkProperty().get().passed() != null);
      WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.vm.analysisProperty().get() != null
          && step.textA().equals(window.vm.analysisProperty().get().textA()));
      WaitForAsyncUtils.waitForFxEvents();
      String where = lesson.id() + "/" + step.id();
      assertEquals(i, model.stepProperty().get(), where);
      assertEquals(window.window.indexOf(step.view()), views.getSelectionModel().getSelectedIndex(),
          where + ": its view is in front");
      assertEquals(step.textA(), window.vm.textAProperty().get(), where + ": its input is typed in");
      Node lit = window.scene.getRoot().lookup("." + "lesson-highlight");
      assertNotNull(lit, where + ": something glows");
      assertEquals(step.highlight(), lit.getId(), where + ": what the step names glows");
      assertEquals(step.text().replace("\n", " "), ((Label) robot.lookup("#lessonStepText").query()).getText());
      Label check = robot.lookup("#lessonCheck").query();
      assertTrue(model.checkProperty().get().passed(), where + ": " + check.getText());
      assertTrue(check.getText().startsWith("✓ "), check.getText());
      assertTrue(check.getStyleClass().contains("lesson-check-passed"));
      javafx.scene.control.ScrollPane scroll = robot.lookup("#lessonScroll").query();
      javafx.scene.layout.Region content = robot.lookup("#lessonPanel").query();
      assertTrue(content.getWidth() <= scroll.getViewportBounds().getWidth() + 1, where + ": the panel is "
          + content.getWidth() + " px wide in a " + scroll.getViewportBounds().getWidth() + " px view, cut at the right");
      java.util.List<String> cut = new java.util.ArrayList<>();
      robot.interact(() -> LargeTypeLayoutTest.collectCut(content, where, window.scene.getWidth(), cut));
      assertEquals(java.util.List.of(), cut, where + ": the Lessons panel cuts nothing to …");
      Screenshots.save(robot, "lesson-" + language.tag() + "-" + (i + 1) + "-" + step.id());
    }
    assertTrue(robot.lookup("#lessonNext").query().isDisabled(), "the last step");
    Node questions = robot.lookup("#lessonQuestions").query();
    assertTrue(questions.isVisible() && ((javafx.scene.Parent) questions).getChildrenUnmodifiable().size()
        == lesson.questions().size(), "the last step brings the questions");
    return lesson;
  }
}
