package org.bertworkbench.gui.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.bertworkbench.core.analysis.HeadImportance;
import org.bertworkbench.gui.Screenshots;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.export.Exports;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.GuiBundlesTest;
import org.bertworkbench.gui.text.Language;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Attention tab in a Japanese window, on sample-tiny with a pair and a [MASK]: the controls of
 * all seven views (tabs not selected included), the choice lists' entries, and the words of every
 * view's picture, Japanese (tokens, [CLS], L3/H2 and numbers aside).
 */
@ExtendWith(ApplicationExtension.class)
class AttentionJapaneseTest {

  WorkbenchViewModel vm;
  AttentionPane pane;

  @BeforeAll
  static void japanese() {
    Language.use(Language.JA);
  }

  @AfterAll
  static void english() {
    Language.use(Language.EN);
  }

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    pane = new AttentionPane(vm);
    WorkbenchView view = new WorkbenchView(vm, List.<WorkbenchPane>of(pane));
    // The window's Japanese face, as the application sets it, so that the screenshots can be read.
    Fonts.controlsFamily().ifPresent(f -> view.root().setStyle("-fx-font-family: '" + f + "';"));
    stage.setScene(new Scene(view.root(), 1400, 900));
    stage.show();
  }

  @Test
  void everyWordOfTheTabAndItsPicturesIsJapanese(FxRobot robot) throws Exception {
    robot.interact(() -> vm.load("sample-tiny"));
    waitUntil(() -> vm.modelProperty().get() != null);
    robot.interact(() -> {
      vm.textAProperty().set("The cat sat on the [MASK].");
      vm.textBProperty().set("It was tired.");
    });
    waitUntil(() -> vm.analysisProperty().get() != null
        && "It was tired.".equals(vm.analysisProperty().get().textB()) && pane.viewModel().maps() != null);
    idle();

    List<String> english = new ArrayList<>(ShownTexts.notJapanese(pane.node()));
    check("title", pane.title(), english);
    for (Aggregation a : Aggregation.values()) {
      check("aggregation", a.toString(), english);
      check("aggregation in a title", a.inTitle(), english);
    }
    for (SentenceFilter f : SentenceFilter.values()) {
      check("sentence filter", f.toString(), english);
    }
    for (HeadRanking.Source s : HeadRanking.Source.values()) {
      check("ranking source", s.toString(), english);
    }
    for (HeadImportance.Measure m : HeadImportance.Measure.values()) {
      check("measure", HeadRanking.describe(m), english);
    }
    check("layer entry", Columns.converter("Columns.layer").toString(3), english);
    check("status", pane.viewModel().statusProperty().get(), english);
    assertEquals(List.of(), english);

    TabPane views = robot.lookup("#attentionViews").queryAs(TabPane.class);
    List<DrawingCanvas> canvases = List.of(pane.headCanvas(), pane.modelCanvas(), pane.matrixCanvas(),
        pane.neuronCanvas(), pane.statsCanvas(), pane.maskGridCanvas(), pane.fillCompareCanvas());
    int[] tabOf = {0, 1, 2, 3, 4, 5, 5};
    for (int i = 0; i < canvases.size(); i++) {
      int tab = tabOf[i];
      robot.interact(() -> views.getSelectionModel().select(tab));
      DrawingCanvas canvas = canvases.get(i);
      waitUntil(() -> canvas.drawing() != null);
      idle();
      String svg = Exports.svg(canvas.drawing(), 900, 600);
      assertNotNull(svg);
      assertTrue(GuiBundlesTest.JAPANESE.matcher(svg).find(), canvas.getId() + ": the picture's words are Japanese");
      if (i == 0 || i == 5) {
        Screenshots.save(robot, "attention-ja-" + canvas.getId());
      }
    }
  }

  private static void check(String where, String text, List<String> english) {
    if (!ShownTexts.japanese(text)) {
      english.add(where + ": " + text);
    }
  }

  private void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, condition);
  }

  private void idle() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    waitUntil(() -> !pane.busy());
    WaitForAsyncUtils.waitForFxEvents();
  }
}
