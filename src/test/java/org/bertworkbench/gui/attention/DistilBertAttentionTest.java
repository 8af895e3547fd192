package org.bertworkbench.gui.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.checkpoint.DistilBertFolderWriter;
import org.bertworkbench.core.checkpoint.ModelCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The attention explorer on a DistilBERT folder (real weights: BERT-Base uncased's embeddings
 * without segments and its layers 0, 2, ..., 10, as DistilBERT's paper starts its student): the
 * head, model, matrix and neuron views, the aggregations, head statistics and head masking all
 * work on its 6 layers of 12 heads, and a sentence pair's segment B changes nothing.
 */
@ExtendWith(ApplicationExtension.class)
class DistilBertAttentionTest {

  static final int LAYERS = 6;
  static final int HEADS = 12;

  @TempDir
  static Path dir;
  static Path folder;

  AttentionWindow window;
  AttentionPane pane;

  @BeforeAll
  static void student() throws Exception {
    assumeTrue(ModelCatalog.find("bert-base-uncased").map(ModelCatalog.KnownModel::available).orElse(false),
        "bert-base-uncased is not in the local Maven repository");
    folder = dir.resolve("distilbert-from-bert-base");
    DistilBertFolderWriter.writeStudent(folder, CheckpointLoader.open("bert-base-uncased"),
        DistilBertFolderWriter.everyOtherLayer(12), DistilBertFolderWriter.MASKED_LM);
  }

  @Start
  void start(Stage stage) {
    window = new AttentionWindow(stage);
    pane = window.pane;
  }

  @Test
  void everyAttentionViewStatisticsAndMaskingWorkOnDistilBert(FxRobot robot) throws Exception {
    window.loadAndType(robot, folder.toString(), "The cat sat on the mat.", "It was tired.");
    AttentionViewModel avm = pane.viewModel();
    float[][][][] attentions = window.vm.analysisProperty().get().inspection().attentions();
    assertEquals(LAYERS, attentions.length);
    assertEquals(HEADS, attentions[0].length);
    assertTrue(window.vm.modelProperty().get().notes().get(0).contains("no segment embeddings"),
        window.vm.modelProperty().get().notes().toString());
    List<String> tokens = List.of("[CLS]", "the", "cat", "sat", "on", "the", "mat", ".", "[SEP]", "it", "was",
        "tired", ".", "[SEP]");
    AttentionTour.visitEveryView(robot, window, LAYERS, HEADS, tokens, 4, 7);

    // Aggregations: rollout rows sum to 1; norm-weighted keeps a map per head.
    robot.interact(() -> robot.lookup("#aggregationChoice").<javafx.scene.control.ComboBox<Aggregation>>query()
        .setValue(Aggregation.ROLLOUT));
    window.waitIdle();
    float sum = 0;
    for (float v : avm.maps().maps()[0][3]) {
      sum += v;
    }
    assertEquals(1f, sum, 1e-3f);
    robot.interact(() -> robot.lookup("#aggregationChoice").<javafx.scene.control.ComboBox<Aggregation>>query()
        .setValue(Aggregation.NORM_WEIGHTED));
    window.waitIdle();
    assertEquals(HEADS, avm.maps().maps().length);
    robot.interact(() -> robot.lookup("#aggregationChoice").<javafx.scene.control.ComboBox<Aggregation>>query()
        .setValue(Aggregation.SINGLE_HEAD));
    window.waitIdle();

    // Head masking: a head switched off (Ctrl+click) zeroes its map and moves the fill-mask scores.
    robot.interact(() -> pane.select("Model view"));
    window.waitIdle();
    ModelViewDrawing shown = (ModelViewDrawing) pane.modelCanvas().drawing();
    ModelViewDrawing.Cell last = shown.cells().stream().filter(c -> c.layer() == 5 && c.head() == 0).findFirst().get();
    robot.interact(() -> window.vm.textAProperty().set("Paris is the [MASK] of France."));
    robot.interact(() -> window.vm.textBProperty().set(""));
    AttentionWindow.waitUntil(60, () -> window.vm.analysisProperty().get().textA().startsWith("Paris")
        && !window.vm.analysisProperty().get().masks().isEmpty());
    window.waitIdle();
    List<FillMask.MaskPredictions> before = window.vm.analysisProperty().get().masks();
    robot.press(KeyCode.CONTROL);
    robot.clickOn(AttentionWindow.screen(pane.modelCanvas(), last.box().getCenterX(), last.box().getCenterY()));
    robot.release(KeyCode.CONTROL);
    window.waitIdle();
    assertTrue(avm.masked(5, 0));
    assertEquals(1, avm.data().maskedHeads());
    for (float v : avm.data().attentions()[5][0][3]) {
      assertEquals(0f, v);
    }
    assertNotEquals(before.get(0).predictions().get(0).score(), avm.afterMasks().get(0).predictions().get(0).score());
    robot.interact(() -> pane.select("Head masking"));
    window.waitIdle();
    robot.clickOn("#clearMasks");
    window.waitIdle();
    assertEquals(before, avm.afterMasks());

    // The student keeps its teacher's vocabulary: it compares with BERT-Base, layer against layer.
    AttentionTour.compareWith(robot, window, "bert-base-uncased", false);
  }

  /** Frees the compared model (the window's own is the harness's to keep). */
  @AfterEach
  void shutdown(FxRobot robot) {
    robot.interact(pane::shutdown);
  }
}
