package org.bertworkbench.gui.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.bertworkbench.core.analysis.HeadImportance;
import org.bertworkbench.gui.Screenshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Ranking heads over a set of sentences in the window (Michel et al. 2019): a text file on
 * BERT-Base, the sample inputs on the tiny sample model; progress, cancel, the sortable table, the
 * heatmap and the JSON export.
 */
@ExtendWith(ApplicationExtension.class)
class HeadRankingTest {

  AttentionWindow window;
  AttentionPane pane;

  @Start
  void start(Stage stage) {
    window = new AttentionWindow(stage);
    pane = window.pane;
  }

  @Test
  void rankOverATextFileOnBertBaseThenCancelASecondRun(FxRobot robot, @TempDir Path dir) throws Exception {
    window.loadAndType(robot, "bert-base-uncased", "Paris is the [MASK] of France.", "");
    robot.interact(() -> pane.select("Head masking"));
    Path file = dir.resolve("sentences.txt");
    Files.writeString(file, "The [MASK] barked at the mailman.\n"
        + "She drank a cup of [MASK].\tIt was still hot.\n"
        + "\n"
        + "Birds fly [MASK] in winter, and the [MASK] gets shorter.\n");
    robot.interact(() -> pane.rankHeadsOn(file.toFile()));
    assertTrue(robot.lookup("#attentionCancel").query().isVisible());
    AttentionWindow.waitUntil(600, () -> pane.ranking() != null);
    window.waitIdle();
    HeadImportance r = pane.ranking();
    assertEquals(3, r.sentences());
    assertEquals(4, r.units());
    assertEquals(HeadImportance.Measure.KL_AT_MASKS, r.measure());

    // The table: 144 heads, largest first; sorting by layer puts layer 0 on top.
    var table = pane.rankTable();
    assertEquals(144, table.getItems().size());
    assertEquals(1, table.getItems().get(0).rank());
    assertEquals(r.ranking().get(0).score(), table.getItems().get(0).score());
    assertTrue(table.getItems().get(0).score() >= table.getItems().get(1).score());
    TableColumn<HeadRanking.Row, ?> layerColumn = table.getColumns().stream()
        .filter(c -> "col-layer".equals(c.getId())).findFirst().get();
    robot.interact(() -> table.getSortOrder().setAll(List.of(layerColumn)));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(0, table.getItems().get(0).layer());
    assertEquals(11, table.getItems().get(143).layer());

    // The heatmap says what it is over; its JSON holds the scores.
    LayerHeadHeatmaps heatmap = (LayerHeadHeatmaps) pane.maskGridCanvas().drawing();
    assertEquals(r.scores()[5][6], heatmap.panels().get(0).values()[5][6]);
    Screenshots.save(robot, "attention-head-ranking-file");
    Path json = dir.resolve("ranking.json");
    pane.maskGridCanvas().export("json", json);
    JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    assertEquals("sentences.txt", o.get("source").getAsString());
    assertEquals(3, o.get("sentences").getAsInt());
    assertEquals(r.scores()[5][6], o.getAsJsonArray("scores").get(5).getAsJsonArray().get(6).getAsDouble(), 0);
    JsonObject top = o.getAsJsonArray("ranking").get(0).getAsJsonObject();
    assertEquals(r.ranking().get(0).layer(), top.get("layer").getAsInt());
    assertEquals(144, o.getAsJsonArray("ranking").size());

    // A second, longer run over the sample inputs, cancelled mid-way: the first ranking stays.
    robot.interact(() -> pane.rankHeadsOnSamples());
    AttentionWindow.waitUntil(120, () -> robot.lookup("#attentionProgress").queryAs(javafx.scene.control.ProgressBar.class)
        .getProgress() > 0.05);
    robot.clickOn("#attentionCancel");
    window.waitIdle();
    assertSame(r, pane.ranking());
  }

  @Test
  void rankOverTheSampleInputsOnTheTinyModel(FxRobot robot) throws Exception {
    window.loadAndType(robot, "sample-data/pretrain/tiny-model", "The bread was warm.", "");
    robot.interact(() -> {
      pane.select("Head masking");
      pane.rankHeadsOnSamples();
    });
    AttentionWindow.waitUntil(300, () -> pane.ranking() != null);
    window.waitIdle();
    HeadImportance r = pane.ranking();
    // Four of the thirteen samples have a [MASK] (one has two; one is Japanese, for the multilingual model).
    assertEquals(4, r.sentences());
    assertEquals(5, r.units());
    assertEquals(4, pane.rankTable().getItems().size());
    assertTrue(robot.lookup("#attentionStatus").queryLabeled().getText()
        .startsWith("4 of 13 inputs have a [MASK]"), robot.lookup("#attentionStatus").queryLabeled().getText());
    Screenshots.save(robot, "attention-head-ranking-samples-tiny");
  }
}
