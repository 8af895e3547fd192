package org.bertworkbench.gui.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.bertworkbench.core.explain.Attribution;
import org.bertworkbench.core.explain.Attributor;
import org.bertworkbench.core.explain.Explain;
import org.bertworkbench.core.explain.Explanation;
import org.bertworkbench.core.explain.Method;
import org.bertworkbench.core.explain.Target;
import org.bertworkbench.core.finetune.EncodedInput;
import org.bertworkbench.core.finetune.FineTunedFolders;
import org.bertworkbench.core.finetune.FinetuneModel;
import org.bertworkbench.core.finetune.TextExample;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.gui.Screenshots;
import org.bertworkbench.gui.shell.ExplainRequest;
import org.bertworkbench.gui.shell.TinyModel;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Texts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The attribution view driven headless on the tiny sample model: a typed text explained by integrated
 * gradients fills both pictures, and the completeness line says what the attributor computes for the
 * same input directly; a text without [MASK] says why on the status line; "Explain this prediction"
 * switches to the fine-tuned classifier and explains the class it predicted, and "Use the window's
 * model" comes back.
 */
@ExtendWith(ApplicationExtension.class)
class AttributionViewTest {

  static final String TEXT = "the cat sat on the [MASK] .";

  WorkbenchViewModel vm;
  AttributionViewModel input;
  AttributionView view;
  FaithfulnessView faithfulness;

  @TempDir
  Path dir;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    input = new AttributionViewModel(vm);
    view = new AttributionView(input);
    faithfulness = new FaithfulnessView(input);
    TinyModel.showAlone(stage, vm, new ExplainPane(List.of(view, faithfulness)), 1400, 900);
  }

  @Test
  void typedTextIsExplainedAndTheCompletenessLineIsTheAttributorsOwn(FxRobot robot) throws Exception {
    load(robot);
    robot.interact(() -> view.textAField().setText(""));
    robot.clickOn("#attributionTextA").write(TEXT).type(javafx.scene.input.KeyCode.ENTER);
    Explanation e = waitForExplanation();
    assertInstanceOf(TokenColoursDrawing.class, view.tokensCanvas().drawing());
    PartBarsDrawing bars = assertInstanceOf(PartBarsDrawing.class, view.barsCanvas().drawing());
    assertEquals(3, bars.parts().size(), "word, segment and position");
    assertEquals(Method.INTEGRATED_GRADIENTS, e.attribution().method());

    LoadedBert model = vm.modelProperty().get();
    try (Attributor a = Explain.attributor(model, TEXT, "", Target.MLM, ForwardOptions.INFERENCE)) {
      Attribution direct = a.integratedGradients(50, Progress.NONE);
      Attribution.Completeness c = direct.completeness();
      assertEquals(c.sum(), e.attribution().completeness().sum(), 1e-6);
      assertEquals(c.difference(), e.attribution().completeness().difference(), 1e-6);
      assertEquals(c.error(), e.attribution().completeness().error(), 1e-6);
      assertEquals(a.f(), e.probability(), 1e-6);
      String expected = Texts.of(AttributionText.class).format("AttributionText.completeness", c.sum(),
          c.difference(), c.error(), 50);
      assertEquals(expected, view.completenessLabel().getText());
      assertTrue(expected.startsWith("sum of attributions "), expected);
      for (int t = 0; t < direct.total().length; t++) {
        assertEquals(direct.total()[t], e.attribution().total()[t], 1e-6, "token " + t);
      }
    }
    // The token f is read at ([MASK]) is framed; its box is on the colour of its total.
    TokenColoursDrawing tokens = (TokenColoursDrawing) view.tokensCanvas().drawing();
    assertEquals(e.tokens().size(), e.attribution().total().length);
    assertTrue(tokens.box(e.tokens().size() - 1).getMaxY() < tokens.preferredHeight());

    Path png = dir.resolve("tokens.png");
    Path svg = dir.resolve("parts.svg");
    Path csv = dir.resolve("parts.csv");
    robot.interact(() -> {
      try {
        view.tokensCanvas().export("png", png);
        view.barsCanvas().export("svg", svg);
        view.barsCanvas().export("csv", csv);
      } catch (java.io.IOException ex) {
        throw new java.io.UncheckedIOException(ex);
      }
    });
    assertTrue(Files.size(png) > 1000);
    assertTrue(Files.readString(svg).contains("position"), "the legend names the parts");
    List<String> rows = Files.readAllLines(csv);
    assertEquals("index,token,word,segment,position,total", rows.get(0));
    assertEquals(e.tokens().size() + 1, rows.size());
    JsonObject json = view.tokensCanvas().jsonData().getAsJsonObject();
    assertEquals(e.tokens().size(), json.getAsJsonArray("tokens").size());
    assertEquals(50, json.get("steps").getAsInt());
    assertEquals(e.attribution().completeness().error(), json.getAsJsonObject("completeness").get("error")
        .getAsDouble(), 1e-12);
    Screenshots.save(robot, "explain-attribution");

    // A method that does not split the parts draws the total alone.
    robot.interact(() -> input.methodProperty().set(Method.OCCLUSION));
    robot.clickOn("#attributionExplain");
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !input.busy()
        && input.explanationProperty().get().attribution().method() == Method.OCCLUSION);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(1, ((PartBarsDrawing) view.barsCanvas().drawing()).parts().size());
    assertTrue(view.completenessLabel().getText().contains("integrated gradients"),
        view.completenessLabel().getText());
  }

  @Test
  void aTextWithoutAMaskSaysWhyAndNothingBreaks(FxRobot robot) throws Exception {
    load(robot);
    robot.interact(() -> {
      view.textAField().setText("the cat sat on the mat .");
      view.explain();
    });
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !input.busy());
    WaitForAsyncUtils.waitForFxEvents();
    String status = view.statusLabel().getText();
    assertTrue(status.contains("[MASK]"), status);
    assertFalse(status.contains("Exception"), status);
    assertNull(input.explanationProperty().get());
    assertNull(view.tokensCanvas().drawing());

    robot.interact(() -> input.targetProperty().set("class:1"));
    robot.interact(view::explain);
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !input.busy());
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(view.statusLabel().getText().contains("mlm"), "names what the model has: "
        + view.statusLabel().getText());
  }

  @Test
  void explainThisPredictionSwitchesToTheFineTunedModel(FxRobot robot) throws Exception {
    load(robot);
    Path model = FineTunedFolders.classifier(dir.resolve("classifier"));
    TextExample example = new TextExample(1, "the cat sat on the mat .", null, null, null);
    int predicted;
    double f;
    try (FinetuneModel m = FinetuneModel.open(model.toString(), ai.djl.Device.cpu())) {
      EncodedInput e = m.encoder().encode(List.of(example), false).inputs().get(0);
      Target t = Explain.predictedTarget(m, e);
      predicted = t.label();
      try (Attributor a = Explain.attributor(m, e, t)) {
        f = a.f();
      }
    }
    robot.interact(() -> vm.explainRequestProperty().set(new ExplainRequest(model, example, "pos")));
    Explanation e = waitForExplanation();
    assertEquals(Target.Kind.CLASS, e.explained().target().kind());
    assertEquals(predicted, e.explained().target().label());
    assertEquals(f, e.probability(), 1e-6);
    assertEquals("class:" + predicted, input.targetProperty().get(), "the target field shows what was explained");
    assertEquals(List.of("class:K"), input.targets());
    assertEquals("classifier", e.model());
    String source = robot.lookup("#attributionSource").queryLabeled().getText();
    assertTrue(source.contains("pos") && source.contains("classifier"), source);
    assertTrue(robot.lookup("#attributionWindowModel").query().isVisible());
    assertTrue(view.statusLabel().getText().contains("pos"), view.statusLabel().getText());
    Screenshots.save(robot, "explain-attribution-finetuned");

    robot.clickOn("#attributionWindowModel");
    WaitForAsyncUtils.waitForFxEvents();
    assertNull(input.requestProperty().get());
    assertEquals("mlm", input.targetProperty().get());
    assertTrue(robot.lookup("#attributionSource").queryLabeled().getText().contains(vm.modelProperty().get()
        .label()));
  }

  private void load(FxRobot robot) throws Exception {
    robot.interact(() -> vm.load(org.bertworkbench.core.checkpoint.SampleModel.NAME));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private Explanation waitForExplanation() throws Exception {
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> input.explanationProperty().get() != null
        && !input.busy());
    WaitForAsyncUtils.waitForFxEvents();
    return input.explanationProperty().get();
  }
}
