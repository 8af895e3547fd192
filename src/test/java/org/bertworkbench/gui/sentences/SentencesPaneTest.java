package org.bertworkbench.gui.sentences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.bertworkbench.core.analysis.SentenceEmbedding;
import org.bertworkbench.core.analysis.SentencePooling;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.gui.draw.ChartDrawing;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Sentences view driven headless on all-MiniLM-L6-v2: the heatmap's values, the search results
 * and the layer chart against the sentence embeddings computed directly; the heatmap exports.
 */
@ExtendWith(ApplicationExtension.class)
class SentencesPaneTest {

  static final List<String> TEXTS = List.of("A man is eating food.", "A man is eating a piece of bread.",
      "The girl is carrying a baby.", "A man is riding a horse.");

  WorkbenchViewModel vm;
  SentencesPane pane;

  @TempDir
  Path dir;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    pane = new SentencesPane(vm);
    WorkbenchView view = new WorkbenchView(vm, List.<WorkbenchPane>of(pane));
    stage.setScene(new Scene(view.root(), 1400, 900));
    stage.show();
  }

  @Test
  void matrixSearchAndLayersEqualTheEmbeddingsCosines(FxRobot robot) throws Exception {
    robot.interact(() -> vm.load("all-minilm-l6-v2"));
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);
    LoadedBert model = vm.modelProperty().get();
    SentencePooling pooling = SentencePooling.of(model);
    List<float[]> direct = SentenceEmbedding.embed(model, TEXTS, pooling, pooling.limit(model), 1,
        ForwardOptions.INFERENCE, Progress.NONE).stream().map(SentenceEmbedding.Embedded::vector).toList();

    robot.interact(() -> {
      pane.sentencesArea().setText(TEXTS.get(0) + "\n\n" + String.join("\n", TEXTS.subList(1, 4)));
      pane.computeMatrix();
    });
    waitIdle();
    SimilarityDrawing d = (SimilarityDrawing) pane.matrixCanvas().drawing();
    assertEquals(List.of(1, 3, 4, 5), d.lines().stream().map(l -> l.number()).toList(), "the blank line is skipped");
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(SentenceEmbedding.cosine(direct.get(i), direct.get(j)), d.cosines()[i][j], 1e-5, i + "," + j);
      }
    }
    assertTrue(d.writesValues(pane.matrixCanvas().drawingWidth(), pane.matrixCanvas().drawingHeight()),
        "four sentences leave room for the values in the cells");
    Path png = dir.resolve("matrix.png");
    Path csv = dir.resolve("matrix.csv");
    pane.matrixCanvas().export("png", png);
    pane.matrixCanvas().export("csv", csv);
    assertTrue(Files.size(png) > 1000);
    assertEquals("line,text,1,3,4,5", Files.readAllLines(csv).get(0));

    robot.interact(() -> {
      pane.queryField().setText("Someone is having a meal.");
      pane.topKSpinner().getValueFactory().setValue(2);
      pane.search();
    });
    waitIdle();
    List<String> rows = pane.resultList().getItems();
    assertEquals(2, rows.size(), rows.toString());
    assertTrue(rows.get(0).endsWith("line 1: A man is eating food."), rows.toString());

    robot.interact(() -> {
      pane.fieldA().setText(TEXTS.get(0));
      pane.fieldB().setText(TEXTS.get(1));
      pane.computeLayers();
    });
    waitIdle();
    var data = ((ChartDrawing) pane.layersCanvas().drawing()).chart().getXYPlot().getDataset();
    assertEquals(7, data.getItemCount(0), "the embeddings' output and 6 layers");
    assertEquals(SentenceEmbedding.cosine(direct.get(0), direct.get(1)), data.getYValue(0, 6), 1e-5,
        "the last layer's cosine is the embeddings'");
    org.bertworkbench.gui.Screenshots.save(robot, "sentences");
    robot.interact(() -> pane.shutdown());
  }

  private void waitIdle() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !pane.busy());
    WaitForAsyncUtils.waitForFxEvents();
  }
}
