package org.bertworkbench.gui.fillmask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.bertworkbench.gui.attention.ShownTexts;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.export.Exports;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.GuiBundlesTest;
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.shell.TinyModel;
import org.bertworkbench.gui.text.InJapanese;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Fill-mask tab in a Japanese window: its title, hint and next-sentence line, and the words in
 * its picture, all Japanese (tokens and [MASK] aside), with guesses and a pair on screen.
 */
@ExtendWith({InJapanese.class, ApplicationExtension.class})
class FillMaskJapaneseTest {

  WorkbenchViewModel vm;
  FillMaskPane fillMask;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    fillMask = new FillMaskPane(vm);
    TinyModel.showAlone(stage, vm, fillMask, 1280, 820);
  }

  @Test
  void everyWordOfTheTabIsJapanese(FxRobot robot) throws Exception {
    TinyModel.loadAndType(robot, vm, "The cat sat on the [MASK].", "It was warm there.");
    assertTrue(!fillMask.shownTokens().isEmpty(), "guesses on screen");

    List<String> english = new ArrayList<>(ShownTexts.notJapanese(fillMask.node()));
    if (!ShownTexts.japanese(fillMask.title())) {
      english.add("title: " + fillMask.title());
    }
    assertEquals(List.of(), english);

    DrawingCanvas canvas = robot.lookup("#fillMaskCanvas").queryAs(DrawingCanvas.class);
    String svg = Exports.svg(canvas.drawing(), 800, 400);
    assertTrue(GuiBundlesTest.JAPANESE.matcher(svg).find(), "the picture's words are Japanese");
  }
}
