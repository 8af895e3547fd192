package org.bertworkbench.gui.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.bertworkbench.core.checkpoint.ModelCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The attention explorer on the two sentence-embedding models imported from ONNX (issue 14): on
 * all-MiniLM-L6-v2 (6 layers of 12 heads) and bge-small-zh-v1.5 (4 layers of 8 heads, a Chinese
 * vocabulary) the head, model, matrix and neuron views draw the model's own weights, head
 * statistics has a row per head, "Compare models" pairs it with another, and a head switched off is zero until the masks are cleared.
 * They have no masked-LM head, so masking is seen in the attention itself, not in fill-mask scores.
 */
@ExtendWith(ApplicationExtension.class)
class OnnxModelsAttentionTest {

  AttentionWindow window;
  AttentionPane pane;

  @Start
  void start(Stage stage) {
    window = new AttentionWindow(stage);
    pane = window.pane;
  }

  /** Frees the compared model (the window's own is the harness's to keep). */
  @AfterEach
  void shutdown(FxRobot robot) {
    robot.interact(pane::shutdown);
  }

  @Test
  void everyViewStatisticsAndMaskingWorkOnAllMiniLm(FxRobot robot) throws Exception {
    explore(robot, "all-minilm-l6-v2", "The cat sat on the mat.", "It was tired.", 6, 12,
        List.of("[CLS]", "the", "cat", "sat", "on", "the", "mat", ".", "[SEP]", "it", "was", "tired", ".", "[SEP]"));
    // MiniLM keeps BERT-Base uncased's vocabulary: the two compare, layer against layer (other shapes).
    AttentionTour.compareWith(robot, window, "bert-base-uncased", false);
  }

  @Test
  void everyViewStatisticsAndMaskingWorkOnBgeSmallZh(FxRobot robot) throws Exception {
    explore(robot, "bge-small-zh-v1.5", "猫坐在垫子上。", "", 4, 8,
        List.of("[CLS]", "猫", "坐", "在", "垫", "子", "上", "。", "[SEP]"));
    // No other model here has its Chinese vocabulary: it compares with a second copy of itself, head by head.
    AttentionTour.compareWith(robot, window, "bge-small-zh-v1.5", true);
  }

  private void explore(FxRobot robot, String model, String a, String b, int layers, int heads, List<String> tokens)
      throws Exception {
    assumeTrue(ModelCatalog.find(model).map(ModelCatalog.KnownModel::available).orElse(false),
        model + " is not in the local Maven repository");
    window.loadAndType(robot, model, a, b);
    AttentionViewModel avm = pane.viewModel();
    float[][][][] attentions = window.vm.analysisProperty().get().inspection().attentions();
    AttentionTour.visitEveryView(robot, window, layers, heads, tokens, layers - 2, heads - 1);

    robot.interact(() -> pane.select("Model view"));
    window.waitIdle();
    ModelViewDrawing shown = (ModelViewDrawing) pane.modelCanvas().drawing();
    ModelViewDrawing.Cell off = shown.cells().stream().filter(c -> c.layer() == 0 && c.head() == 0).findFirst()
        .orElseThrow();
    robot.press(KeyCode.CONTROL);
    robot.clickOn(AttentionWindow.screen(pane.modelCanvas(), off.box().getCenterX(), off.box().getCenterY()));
    robot.release(KeyCode.CONTROL);
    window.waitIdle();
    assertTrue(avm.masked(0, 0));
    assertEquals(1, avm.data().maskedHeads());
    for (float v : avm.data().attentions()[0][0][1]) {
      assertEquals(0f, v, "a head switched off attends nowhere");
    }
    assertTrue(avm.data().attentions()[layers - 1][0][1][0] != attentions[layers - 1][0][1][0],
        "switching a head off in layer 0 changes what the last layer attends to");
    robot.interact(() -> pane.select("Head masking"));
    window.waitIdle();
    robot.clickOn("#clearMasks");
    window.waitIdle();
    assertEquals(0, avm.data().maskedHeads());
    assertEquals(attentions[0][0][1][0], avm.data().attentions()[0][0][1][0], 1e-6);
  }
}
