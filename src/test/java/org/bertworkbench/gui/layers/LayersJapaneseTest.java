package org.bertworkbench.gui.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.bertworkbench.gui.attention.ShownTexts;
import org.bertworkbench.gui.export.Exports;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.GuiBundlesTest;
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.shell.TinyModel;
import org.bertworkbench.gui.text.InJapanese;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Hidden states tab in a Japanese window: its controls, and the words of its three pictures
 * (strips, cosine chart, PCA map), Japanese with a pair on screen.
 */
@ExtendWith({InJapanese.class, ApplicationExtension.class})
class LayersJapaneseTest {

  WorkbenchViewModel vm;
  LayersPane layers;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    layers = new LayersPane(vm);
    TinyModel.showAlone(stage, vm, layers, 1400, 900);
  }

  @Test
  void everyWordOfTheTabAndItsPicturesIsJapanese(FxRobot robot) throws Exception {
    TinyModel.loadAndType(robot, vm, "The bank of the river.", "She went to the bank.");
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !layers.busy() && layers.mapCanvas().drawing() != null
        && layers.stripsCanvas().drawing() != null && layers.cosinesCanvas().drawing() != null);
    WaitForAsyncUtils.waitForFxEvents();

    List<String> english = new ArrayList<>(ShownTexts.notJapanese(layers.node()));
    if (Files.exists(Path.of("src/test/resources/i18n-pending/draw"))) {
      // The layer's name is gui.draw's LayerNames, translated with that package.
      english.removeIf(t -> t.startsWith("Label#layerLabel: "));
    }
    if (!ShownTexts.japanese(layers.title())) {
      english.add("title: " + layers.title());
    }
    assertEquals(List.of(), english);

    assertTrue(layers.mapCanvas().drawing() instanceof PcaDrawing, "the map, not its placeholder");
    for (var canvas : List.of(layers.stripsCanvas(), layers.cosinesCanvas(), layers.mapCanvas())) {
      String svg = Exports.svg(canvas.drawing(), 800, 500);
      assertTrue(GuiBundlesTest.JAPANESE.matcher(svg).find(), canvas.getId() + ": the picture's words are Japanese");
    }
  }
}
