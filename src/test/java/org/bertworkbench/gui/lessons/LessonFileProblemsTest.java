package org.bertworkbench.gui.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Open lesson…" with a teacher's bad files, as the panel shows them: each is refused with a line
 * naming the file, the line and the problem (every case of the reader is tested in core's
 * LessonReaderTest), the bundled lessons stay, and a good file opens after a bad one.
 */
@ExtendWith(ApplicationExtension.class)
class LessonFileProblemsTest {

  @TempDir
  Path dir;

  WorkbenchViewModel vm;
  LessonPanel panel;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    panel = new LessonPanel(vm, new LessonHost() {
      @Override
      public boolean openView(String view) {
        return true;
      }

      @Override
      public Node viewNode(String view) {
        return null;
      }
    });
    stage.setScene(new Scene((javafx.scene.Parent) panel.node(), 600, 700));
    stage.show();
  }

  @AfterEach
  void stop(FxRobot robot) {
    robot.interact(() -> {
      panel.shutdown();
      vm.shutdown();
    });
  }

  Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  static final String GOOD = String.join("\n", "lesson: mine", "language: en", "title: My lesson",
      "model: sample-tiny", "", "step: one", "title: Special tokens", "view: tokens", "a: the cat sat .",
      "check: cls-sep", "text: BERT puts [CLS] first and [SEP] at the end.", "");

  @Test
  void badFilesAreRefusedWithFileLineAndProblemAndTheOthersStay(FxRobot robot) throws Exception {
    int bundled = panel.viewModel().lessons().size();
    String[][] cases = {
        {"syntax.lesson", GOOD.replace("view: tokens", "view tokens"), ":8:"},
        {"view.lesson", GOOD.replace("view: tokens", "view: spectrogram"), "spectrogram"},
        {"check.lesson", GOOD.replace("check: cls-sep", "check: magic"), "magic"},
        {"text.lesson", GOOD.replace("text: BERT puts [CLS] first and [SEP] at the end.\n", ""), "text"},
        {"model.lesson", GOOD.replace("model: sample-tiny", "model: bert-huge-nowhere"), "bert-huge-nowhere"},
    };
    Label problems = robot.lookup("#lessonProblems").query();
    for (String[] c : cases) {
      Path file = write(c[0], c[1]);
      boolean[] opened = new boolean[1];
      robot.interact(() -> opened[0] = panel.viewModel().open(file));
      WaitForAsyncUtils.waitForFxEvents();
      assertFalse(opened[0], c[0]);
      String shown = problems.getText();
      assertTrue(shown.contains(file.toString()) || shown.contains(c[0]), c[0] + ": names the file: " + shown);
      assertTrue(shown.matches("(?s).*:\\d+: .*"), c[0] + ": names the line: " + shown);
      assertTrue(shown.contains(c[2]), c[0] + ": says what is wrong: " + shown);
      assertTrue(problems.isVisible());
      assertNull(panel.viewModel().lessonProperty().get(), "nothing opened");
      assertEquals(bundled, panel.viewModel().lessons().size(), "the bundled lessons stay");
    }
    Path good = write("good.lesson", GOOD);
    robot.interact(() -> panel.viewModel().open(good));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals("", problems.getText());
    assertFalse(problems.isVisible());
    assertEquals("mine", panel.viewModel().lessonProperty().get().id());
    assertEquals(bundled + 1, panel.viewModel().lessons().size());
  }
}
