package org.bertworkbench.gui.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.analysis.Inspection;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.gui.Screenshots;
import org.bertworkbench.gui.attention.AttentionPane;
import org.bertworkbench.gui.embeddings.EmbeddingsPane;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.fillmask.FillMaskPane;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.tokens.TokensPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Attention tab's left-to-right switch, ticked as a user would, is followed by the tabs that show
 * the encoder's outputs: fill-mask shows the causal model's guesses, the hidden states are the
 * causal model's, and the embeddings tab says it is before the encoder; unticking it brings the whole
 * model back everywhere.
 */
@ExtendWith(ApplicationExtension.class)
class SwitchesFollowTest {

  static final String TEXT_A = "the cat sat on the [MASK] .";
  static final String TEXT_B = "it was warm there .";

  WorkbenchViewModel vm;
  LayersPane layers;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    layers = new LayersPane(vm);
    WorkbenchView view = new WorkbenchView(vm, List.<WorkbenchPane>of(new TokensPane(vm), new EmbeddingsPane(vm),
        layers, new FillMaskPane(vm), new AttentionPane(vm)));
    stage.setScene(new Scene(view.root(), 1400, 900));
    stage.show();
  }

  @Test
  void leftToRightInTheAttentionTabIsFollowedByFillMaskAndHiddenStates(FxRobot robot) throws Exception {
    robot.interact(() -> vm.load("sample-tiny"));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);
    robot.clickOn("#textA").write(TEXT_A);
    robot.clickOn("#textB").write(TEXT_B);
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null
        && TEXT_B.equals(vm.analysisProperty().get().textB()));
    WaitForAsyncUtils.waitForFxEvents();
    LoadedBert bert = vm.modelProperty().get();
    var encoding = vm.analysisProperty().get().encoding();
    ForwardOptions causal = ForwardOptions.INFERENCE.withCausal(true);
    double wholeTop = vm.analysisProperty().get().masks().get(0).predictions().get(0).score();
    double causalTop = FillMask.predict(bert.model(), bert.vocab(), encoding, WorkbenchViewModel.TOP_K, causal)
        .get(0).predictions().get(0).score();
    float[][][] causalHidden = Inspection.of(bert.model(), encoding, ForwardOptions.TRACE.withCausal(true))
        .hiddenStates();
    assertNotEquals(wholeTop, causalTop, 1e-6, "the switch must change the guess for this test to mean anything");

    robot.clickOn("Fill-mask");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Math.abs(shownTop(robot) - wholeTop) < 1e-9);
    assertFalse(robot.lookup("#fillMaskSwitches").queryAs(Label.class).isVisible(), "nothing switched yet");

    robot.clickOn("Attention");
    robot.clickOn("#causalCheck");
    robot.clickOn("Fill-mask");
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Math.abs(shownTop(robot) - causalTop) < 1e-6);
    Label line = robot.lookup("#fillMaskSwitches").queryAs(Label.class);
    assertTrue(line.isVisible() && line.getText().contains("left-to-right"), line.getText());
    Screenshots.save(robot, "fill-mask-follows-left-to-right");

    robot.clickOn("Hidden states");
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> layers.viewModel().analysis() != null
        && sameLastLayer(layers.viewModel().analysis().inspection().hiddenStates(), causalHidden));
    String note = robot.lookup("#layersSwitches").queryAs(Label.class).getText();
    assertTrue(note.contains("left-to-right"), note);
    Screenshots.save(robot, "hidden-states-follow-left-to-right");

    robot.clickOn("Embeddings");
    String before = robot.lookup("#embeddingsSwitches").queryAs(Label.class).getText();
    assertTrue(before.contains("left-to-right") && before.contains("same either way"), before);

    robot.clickOn("Attention");
    robot.clickOn("#causalCheck");
    robot.clickOn("Fill-mask");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Math.abs(shownTop(robot) - wholeTop) < 1e-9);
    assertFalse(robot.lookup("#fillMaskSwitches").queryAs(Label.class).isVisible());
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> layers.viewModel().analysis()
        == vm.analysisProperty().get());
    assertEquals("", robot.lookup("#layersSwitches").queryAs(Label.class).getText());
  }

  /** The first guess's probability as the fill-mask picture's numbers hold it. */
  static double shownTop(FxRobot robot) {
    DrawingCanvas canvas = robot.lookup("#fillMaskCanvas").queryAs(DrawingCanvas.class);
    if (canvas.numbers() == null) {
      return Double.NaN;
    }
    List<List<Object>> rows = canvas.numbers().get().rows();
    return rows.isEmpty() ? Double.NaN : ((Number) rows.get(0).get(4)).doubleValue();
  }

  static boolean sameLastLayer(float[][][] shown, float[][][] expected) {
    float[][] a = shown[shown.length - 1];
    float[][] b = expected[expected.length - 1];
    if (a.length != b.length) {
      return false;
    }
    for (int t = 0; t < a.length; t++) {
      for (int d = 0; d < a[t].length; d++) {
        if (Math.abs(a[t][d] - b[t][d]) > 1e-4f) {
          return false;
        }
      }
    }
    return true;
  }
}
