package org.bertworkbench.gui.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.gui.draw.JapaneseScene;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Exports;
import org.bertworkbench.gui.shell.TinyModel;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.GuiBundlesTest;
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.work.Latest;
import org.bertworkbench.gui.work.ManualExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Embeddings view in Japanese on the tiny sample model: the pane's controls, the checks and
 * every line the view model writes, and the pictures.
 */
@ExtendWith(ApplicationExtension.class)
class EmbeddingsJapaneseTest {

  static LoadedBert tiny;
  static WorkbenchViewModel.Analysis pair;

  EmbeddingsPane pane;

  @BeforeAll
  static void open() throws Exception {
    tiny = TinyModel.open();
    pair = TinyModel.analyse(tiny, "the bread was warm.", "she ate it.");
  }

  @AfterAll
  static void close() {
    tiny.close();
  }

  @Start
  void start(Stage stage) {
    Language.use(Language.JA);
    pane = new EmbeddingsPane(new WorkbenchViewModel());
    stage.setScene(new Scene((javafx.scene.Parent) pane.node(), 900, 600));
    stage.show();
  }

  @AfterEach
  void english() {
    Language.use(Language.EN);
  }

  static void japanese(String what, String text) {
    assertTrue(JapaneseScene.isJapanese(text), what + ": " + text);
  }

  @Test
  void thePanesWordsAreJapanese() {
    List<String> texts = JapaneseScene.texts(pane.node());
    assertTrue(texts.size() >= 5, "three tabs and the two checks: " + texts);
    assertEquals(List.of(), JapaneseScene.notJapanese(pane.node()));
    japanese("title", pane.title());
  }

  @Test
  void theChecksAndEveryLineOfTheViewModelAreJapanese() {
    Language.use(Language.JA);
    ManualExecutor worker = new ManualExecutor();
    ManualExecutor fx = new ManualExecutor();
    EmbeddingsViewModel model = new EmbeddingsViewModel(() -> tiny, name -> new Latest(worker, fx));
    List<String> lines = new ArrayList<>();
    model.setListeners(() -> { }, () -> { }, () -> { }, () -> lines.add(model.nearest().status()), () -> { });
    japanese("no input", model.sumCheckProperty().get());
    japanese("no input", model.layerNormCheckProperty().get());
    model.show(pair, 800, 600);
    japanese("checking", model.sumCheckProperty().get());
    japanese("checking", model.layerNormCheckProperty().get());
    ManualExecutor.drain(worker, fx);
    String sum = model.sumCheckProperty().get();
    japanese("sum check", sum);
    assertTrue(sum.contains("0.0"), "the check's figure: " + sum);
    japanese("LayerNorm check", model.layerNormCheckProperty().get());
    assertTrue(model.select(3));
    japanese("selected", model.infoProperty().get());
    ManualExecutor.drain(worker, fx);
    assertEquals(2 * 2, lines.size(), "searching and found, twice: " + lines);
    lines.forEach(l -> japanese("nearest", l));
    japanese("row", model.describe(3, -1));
    japanese("value", model.describe(3, 5));
    japanese("positions", model.describePositions(2, 7));
  }

  @Test
  void thePicturesAreJapanese() {
    Language.use(Language.JA);
    EmbeddingsViewModel.Prepared p = EmbeddingsViewModel.prepare(tiny.model(), pair, 800, 600);
    float[][] map = {{1, 0.5f}, {0.5f, 1}};
    List<Drawing> drawings = List.of(p.strips(), p.normsChart(), EmbeddingDrawings.segments(p, 5),
        new PositionMapDrawing(map, 2, 1), new NeighboursDrawing("パン", List.of(), "探しています…"));
    for (Drawing d : drawings) {
      String svg = Exports.svg(d, 900, 500);
      assertTrue(GuiBundlesTest.JAPANESE.matcher(svg).find(), d.getClass().getSimpleName() + " has no Japanese");
      assertFalse(svg.contains("DejaVu"), d.getClass().getSimpleName() + " names a face without Japanese glyphs");
    }
    assertTrue(Exports.svg(p.strips(), 900, 500).contains("セグメント"), "the strips' panels");
    assertTrue(Exports.svg(new PositionMapDrawing(map, 2, 1), 900, 500).contains("位置埋め込み"), "the map's title");
  }
}
