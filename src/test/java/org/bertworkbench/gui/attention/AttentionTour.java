package org.bertworkbench.gui.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bertworkbench.core.analysis.NeuronView;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The attention views as a researcher walks them on a model the window has loaded: the head view
 * draws the tokens' lines; the model view has a thumbnail per head and a click opens one; the matrix
 * is that head's own weights; the neuron view's softmax is the attention the model gave; head
 * statistics has a row per head; "Compare models" pairs it with another. The BERT-family tests (DistilBERT, the ONNX models) share it.
 */
final class AttentionTour {

  private AttentionTour() {}

  /** Walks every view of {@code window} on {@code layers} x {@code heads}, opening layer {@code layer}, head {@code focus}. */
  static void visitEveryView(FxRobot robot, AttentionWindow window, int layers, int heads, List<String> tokens,
      int layer, int focus) throws Exception {
    AttentionPane pane = window.pane;
    AttentionViewModel avm = pane.viewModel();
    float[][][][] attentions = window.vm.analysisProperty().get().inspection().attentions();
    assertEquals(layers, attentions.length);
    assertEquals(heads, attentions[0].length);
    assertEquals(tokens, window.vm.analysisProperty().get().encoding().tokens());

    HeadViewDrawing head = (HeadViewDrawing) pane.headCanvas().drawing();
    assertEquals(tokens, head.maps().labels());
    assertTrue(head.linesDrawn() > tokens.size(), "lines: " + head.linesDrawn());

    robot.interact(() -> pane.select("Model view"));
    window.waitIdle();
    ModelViewDrawing model = (ModelViewDrawing) pane.modelCanvas().drawing();
    assertEquals(layers * heads, model.cells().size());
    ModelViewDrawing.Cell cell = model.cells().stream().filter(c -> c.layer() == layer && c.head() == focus)
        .findFirst().orElseThrow();
    robot.clickOn(AttentionWindow.screen(pane.modelCanvas(), cell.box().getCenterX(), cell.box().getCenterY()));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(layer, avm.layer());
    assertEquals(focus, avm.focusHead());

    robot.interact(() -> pane.select("Matrix"));
    window.waitIdle();
    MatrixDrawing matrix = (MatrixDrawing) pane.matrixCanvas().drawing();
    assertEquals(attentions[layer][focus][2][5], matrix.map()[2][5]);
    assertTrue(matrix.title().endsWith("head " + focus), matrix.title());

    robot.interact(() -> pane.select("Head view"));
    window.waitIdle();
    HeadViewDrawing again = (HeadViewDrawing) pane.headCanvas().drawing();
    robot.clickOn(AttentionWindow.screen(pane.headCanvas(), again.leftX() - 20, again.rowY(2)));
    robot.interact(() -> pane.select("Neuron view"));
    window.waitIdle();
    AttentionWindow.waitUntil(30, () -> pane.neuronCanvas().drawing() instanceof NeuronDrawing);
    NeuronView nv = ((NeuronDrawing) pane.neuronCanvas().drawing()).view();
    assertEquals(layer, nv.layer());
    assertEquals(2, nv.query());
    for (int j = 0; j < nv.softmax().length; j++) {
      assertEquals(attentions[nv.layer()][nv.head()][2][j], nv.softmax()[j], 1e-4, "query 2, key " + j);
    }

    robot.interact(() -> pane.select("Head statistics"));
    window.waitIdle();
    AttentionWindow.waitUntil(30, () -> pane.statsTable().getItems().size() == layers * heads);
    assertEquals(layers, avm.statistics().layers());
  }

  /**
   * The "Compare models" view against {@code other}: the pair is made, of the same shape or not as
   * {@code sameShape} says, and drawn. The caller frees the second model ({@code pane.shutdown()}).
   */
  static void compareWith(FxRobot robot, AttentionWindow window, String other, boolean sameShape) throws Exception {
    AttentionPane pane = window.pane;
    robot.interact(() -> pane.select("Compare models"));
    window.waitIdle();
    ModelComparison c = pane.comparison();
    robot.interact(() -> pane.compareWith(other));
    window.waitIdle();
    AttentionWindow.waitUntil(120, () -> c.viewModel().pair() != null && c.viewModel().secondModel() != null);
    window.waitIdle();
    assertEquals(sameShape, c.viewModel().pair().sameShape(), c.viewModel().info());
    assertTrue(c.pairCanvas().drawing() instanceof ComparisonDrawing, "the pair is drawn");
  }
}
