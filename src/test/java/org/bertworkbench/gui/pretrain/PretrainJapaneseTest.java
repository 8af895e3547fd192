package org.bertworkbench.gui.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.bertworkbench.gui.draw.JapaneseScene;
import org.bertworkbench.gui.export.Exports;
import org.bertworkbench.gui.text.GuiBundlesTest;
import org.bertworkbench.gui.text.Language;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Pretraining view in Japanese: the setup form, buttons, tabs and charts, the statuses and
 * the form's errors, and the batch and probe pictures.
 */
@ExtendWith(ApplicationExtension.class)
class PretrainJapaneseTest {

  PretrainPane pane;

  @Start
  void start(Stage stage) {
    Language.use(Language.JA);
    pane = new PretrainPane(() -> null);
    stage.setScene(new Scene((javafx.scene.Parent) pane.node(), 1200, 800));
    stage.show();
  }

  @AfterEach
  void english(FxRobot robot) {
    robot.interact(pane::shutdown);
    Language.use(Language.EN);
  }

  static void japanese(String what, String text) {
    assertTrue(JapaneseScene.isJapanese(text), what + ": " + text);
  }

  @Test
  void theFormButtonsTabsAndChartsAreJapanese(FxRobot robot) {
    List<String> texts = JapaneseScene.texts(pane.node());
    assertTrue(texts.size() >= 40, "the form, the buttons, the tabs and the timeline: " + texts);
    assertEquals(List.of(), JapaneseScene.notJapanese(pane.node()));
    japanese("title", pane.title());
    for (var viewer : pane.chartViewers()) {
      JFreeChart chart = viewer.getChart();
      assertTrue(JapaneseScene.reads(chart.getTitle().getText()), chart.getTitle().getText());
      japanese("x axis", ((XYPlot) chart.getPlot()).getDomainAxis().getLabel());
    }
    ComboBox<String> preset = robot.lookup("#presetBox").queryComboBox();
    japanese("the loaded model's choice", preset.getConverter().toString(PretrainViewModel.FROM_LOADED));
    assertEquals("tiny", preset.getConverter().toString("tiny"), "presets are names");
  }

  @Test
  void statusesAndTheFormsErrorsAreJapanese(FxRobot robot, @TempDir Path dir) {
    PretrainViewModel vm = pane.viewModel();
    japanese("status", vm.statusProperty().get());
    japanese("corpus hint", vm.corpusPreviewProperty().get());
    japanese("timeline", pane.timeline().statusProperty().get());
    japanese("empty corpus", assertThrows(IllegalArgumentException.class, vm::params).getMessage());
    robot.interact(() -> {
      vm.corpusProperty().set(dir.resolve("corpus.txt").toString());
      vm.outProperty().set(dir.resolve("run").toString());
      vm.stepsProperty().set("many");
    });
    japanese("steps", assertThrows(IllegalArgumentException.class, vm::params).getMessage());
    robot.interact(() -> {
      vm.stepsProperty().set("10");
      vm.maxLengthProperty().set("600");
    });
    japanese("max length", assertThrows(IllegalArgumentException.class, vm::params).getMessage());
    robot.interact(() -> {
      vm.maxLengthProperty().set("128");
      vm.presetProperty().set(PretrainViewModel.FROM_LOADED);
    });
    japanese("no model", assertThrows(IllegalArgumentException.class, vm::params).getMessage());
    robot.interact(() -> vm.start(true));
    japanese("nothing to resume", vm.errorProperty().get());
    robot.interact(() -> pane.chooseRun(dir));
    japanese("not a run", pane.timeline().statusProperty().get());
  }

  @Test
  void theBatchAndProbePicturesAreJapanese() {
    Language.use(Language.JA);
    for (var d : List.of(new BatchDrawing(null, null), new ProbeDrawing(null, 0, 0))) {
      String svg = Exports.svg(d, 900, 300);
      assertTrue(GuiBundlesTest.JAPANESE.matcher(svg).find(), d.getClass().getSimpleName() + " has no Japanese");
      assertFalse(svg.contains("DejaVu"), d.getClass().getSimpleName() + " names a face without Japanese glyphs");
    }
    String batch = Exports.svg(new BatchDrawing(null, null), 900, 300);
    assertTrue(batch.contains("ランダムなトークン"), "the masking legend");
    assertTrue(batch.contains("論文"), "the paper's figures");
  }
}
