package org.bertworkbench.gui.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.bertworkbench.gui.attention.ShownTexts;
import org.bertworkbench.gui.shell.TinyModel;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.InJapanese;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The attribution and faithfulness views in a Japanese window: their words and a refusal are Japanese. */
@ExtendWith({InJapanese.class, ApplicationExtension.class})
class AttributionJapaneseTest {

  WorkbenchViewModel vm;
  AttributionViewModel input;
  AttributionView view;
  FaithfulnessView faithfulness;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    input = new AttributionViewModel(vm);
    view = new AttributionView(input);
    faithfulness = new FaithfulnessView(input);
    TinyModel.showAlone(stage, vm, new ExplainPane(List.of(view, faithfulness)), 1400, 900);
  }

  @Test
  void wordsAndTheRefusalAreJapanese(FxRobot robot) throws Exception {
    robot.interact(() -> vm.load(org.bertworkbench.core.checkpoint.SampleModel.NAME));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);
    robot.interact(() -> {
      input.textAProperty().set("the cat sat on the mat .");
      view.explain();
    });
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !input.busy());
    WaitForAsyncUtils.waitForFxEvents();
    String status = view.statusLabel().getText();
    assertTrue(ShownTexts.japanese(status) && status.contains("[MASK]"), status);
    assertTrue(ShownTexts.japanese(view.title()) && ShownTexts.japanese(faithfulness.title()));
    assertEquals(List.of(), ShownTexts.notJapanese(view.node()));
    assertEquals(List.of(), ShownTexts.notJapanese(faithfulness.node()));
  }
}
