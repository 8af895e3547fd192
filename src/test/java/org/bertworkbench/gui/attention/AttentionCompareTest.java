package org.bertworkbench.gui.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;


import ai.djl.Device;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.bertworkbench.core.analysis.AttentionCapture;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.gui.Screenshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Comparing two models in the attention view, headless, on real models: BERT-Base against the tiny
 * sample model (other vocabulary: refused), against BERT-Base pretrained one step more here (same
 * shape: side by side, difference map, every head's difference), and against a 2-layer model with
 * BERT-Base's vocabulary (other shape: one map of each).
 */
@ExtendWith(ApplicationExtension.class)
class AttentionCompareTest {

  static final String TEXT = "The cat sat on the mat because it was tired.";

  @TempDir
  static Path models;
  static Path continued;
  static Path small;

  AttentionWindow window;
  AttentionPane pane;

  @BeforeAll
  static void makeModels() {
    continued = ComparedModels.bertBaseOneStepMore(models);
    small = ComparedModels.smallWithBertVocabulary(models);
  }

  @Start
  void start(Stage stage) {
    window = new AttentionWindow(stage);
    pane = window.pane;
  }

  /** Frees the second model (the window's own is the harness's to keep). */
  @AfterEach
  void shutdown(FxRobot robot) {
    robot.interact(pane::shutdown);
  }

  private ModelComparison openCompare(FxRobot robot) throws Exception {
    window.loadAndType(robot, "bert-base-uncased", TEXT, "");
    robot.interact(() -> pane.select("Compare models"));
    window.waitIdle();
    return pane.comparison();
  }

  private void compareWith(FxRobot robot, ModelComparison c, Path model) throws Exception {
    robot.interact(() -> pane.compareWith(model.toString()));
    window.waitIdle();
    AttentionWindow.waitUntil(60, () -> c.viewModel().pair() != null && c.viewModel().secondModel() != null
        && c.viewModel().secondModel().location().toAbsolutePath().equals(model.toAbsolutePath()));
    window.waitIdle();
  }

  @Test
  void sameShapeSideBySideDifferenceAndEveryHead(FxRobot robot, @TempDir Path out) throws Exception {
    ModelComparison c = openCompare(robot);

    // The tiny sample model has its own vocabulary: refused before it loads, saying why; nothing loaded.
    robot.interact(() -> pane.compareWith("sample-data/pretrain/tiny-model"));
    window.waitIdle();
    assertNull(c.viewModel().secondModel());
    assertTrue(c.viewModel().info().startsWith("sample-data/pretrain/tiny-model: another vocabulary (1,744 word pieces,"
        + " bert-base-uncased has 30,522)"), c.viewModel().info());
    // The list says so before the user picks: bert-base-cased (28,996 word pieces) is offered greyed, with the reason.
    assertTrue(c.viewModel().incompatibility("bert-base-cased").startsWith("another vocabulary (28,996"));
    Screenshots.save(robot, "attention-compare-refused");

    compareWith(robot, c, continued);
    assertTrue(c.viewModel().pair().sameShape());
    assertTrue(c.viewModel().info().contains("same shape, head by head"), c.viewModel().info());

    // Layer 9 head 3 of both models: the window's own numbers, and the second model's computed here.
    robot.interact(() -> pane.focus(9, 3));
    window.waitIdle();
    ComparisonDrawing d = (ComparisonDrawing) c.pairCanvas().drawing();
    float[][] first = window.vm.analysisProperty().get().inspection().attentions()[9][3];
    Encoding e = window.vm.analysisProperty().get().encoding();
    float[][] second;
    try (LoadedBert other = LoadedBert.open(continued.toString(), Device.cpu(), Progress.NONE)) {
      second = AttentionCapture.attentions(other.model(), e, ForwardOptions.INFERENCE)[9][3];
    }
    double largest = 0;
    for (int i = 0; i < first.length; i++) {
      for (int j = 0; j < first.length; j++) {
        assertEquals(first[i][j], d.first().map()[i][j], 1e-6);
        assertEquals(second[i][j], d.second().map()[i][j], 1e-6);
        assertEquals(d.second().map()[i][j] - d.first().map()[i][j], d.difference()[i][j], 1e-7);
        largest = Math.max(largest, Math.abs(d.difference()[i][j]));
      }
    }
    assertTrue(largest > 1e-4, "one optimiser step should move attention: " + largest);
    assertTrue(d.first().title().startsWith("bert-base-uncased · layer 9 head 3"), d.first().title());
    assertTrue(d.second().title().contains("layer 9 head 3"), d.second().title());

    // Hover: the three values of one cell.
    robot.interact(() -> c.pairCanvas().redraw());
    Point2D p = find(d, 2, 2, 6, c.pairCanvas().getWidth(), c.pairCanvas().getHeight());
    robot.moveTo(AttentionWindow.screen(c.pairCanvas(), p.getX(), p.getY()));
    WaitForAsyncUtils.waitForFxEvents();
    ComparisonDrawing hovered = (ComparisonDrawing) c.pairCanvas().drawing();
    assertEquals(String.format("cat (2) → mat (6): first %.4f · second %.4f · difference %+.4f", first[2][6],
        second[2][6], d.difference()[2][6]), hovered.hoverText());
    Screenshots.save(robot, "attention-compare-side-by-side");

    // Exports of the comparison: PNG, SVG, CSV rows, JSON with the three matrices.
    int t = first.length;
    c.pairCanvas().export("png", out.resolve("pair.png"));
    BufferedImage png = ImageIO.read(out.resolve("pair.png").toFile());
    assertTrue(png.getWidth() >= 1400);
    c.pairCanvas().export("svg", out.resolve("pair.svg"));
    assertTrue(Files.readString(out.resolve("pair.svg")).contains("<svg"));
    c.pairCanvas().export("csv", out.resolve("pair.csv"));
    assertEquals(t * t + 1, Files.readAllLines(out.resolve("pair.csv")).size());
    c.pairCanvas().export("json", out.resolve("pair.json"));
    JsonObject json = JsonParser.parseString(Files.readString(out.resolve("pair.json"))).getAsJsonObject();
    assertEquals("bert-base-uncased", json.getAsJsonObject("first").get("model").getAsString());
    assertEquals(first[4][1], cell(json.getAsJsonObject("first").getAsJsonArray("values"), 4, 1));
    assertEquals(d.difference()[4][1], cell(json.getAsJsonArray("difference"), 4, 1));
    assertEquals(e.tokens().get(2), json.getAsJsonArray("rows").get(2).getAsString());

    // Mean over heads compares the models' layer means.
    robot.interact(() -> robot.lookup("#aggregationChoice").<javafx.scene.control.ComboBox<Aggregation>>query().setValue(Aggregation.MEAN_OVER_HEADS));
    window.waitIdle();
    ComparisonDrawing mean = (ComparisonDrawing) c.pairCanvas().drawing();
    assertEquals(c.viewModel().pair().first().meanOverHeads()[9][0][0], mean.first().map()[0][0], 1e-7);
    robot.interact(() -> robot.lookup("#aggregationChoice").<javafx.scene.control.ComboBox<Aggregation>>query().setValue(Aggregation.SINGLE_HEAD));
    window.waitIdle();

    // Every head: 144 thumbnails of differences; the JSON holds each head's mean |difference|.
    robot.interact(() -> c.showEveryHead(true));
    window.waitIdle();
    AttentionWindow.waitUntil(30, () -> c.gridCanvas().drawing() instanceof ModelViewDrawing && c.viewModel().grid() != null);
    ModelViewDrawing grid = (ModelViewDrawing) c.gridCanvas().drawing();
    assertEquals(144, grid.cells().size());
    Comparison.Grid g = c.viewModel().grid();
    double sum = 0;
    for (float[] row : g.difference()[9][3]) {
      for (float v : row) {
        sum += Math.abs(v);
      }
    }
    assertEquals(sum / (t * t), g.meanAbs()[9][3], 1e-9);
    Screenshots.save(robot, "attention-compare-every-head");
    c.gridCanvas().export("json", out.resolve("grid.json"));
    JsonObject gj = JsonParser.parseString(Files.readString(out.resolve("grid.json"))).getAsJsonObject();
    assertEquals(12, gj.get("layers").getAsInt());
    assertEquals(g.meanAbs()[9][3], gj.getAsJsonArray("mean_abs_difference").get(9).getAsJsonArray().get(3)
        .getAsDouble(), 1e-12);
    assertEquals(g.difference()[2][7][3][4], gj.getAsJsonArray("difference").get(2).getAsJsonArray().get(7)
        .getAsJsonArray().get(3).getAsJsonArray().get(4).getAsFloat());
    c.gridCanvas().export("csv", out.resolve("grid.csv"));
    assertEquals(145, Files.readAllLines(out.resolve("grid.csv")).size());

    // A click on layer 2 head 7 opens it side by side.
    ModelViewDrawing.Cell cell = grid.cells().stream().filter(k -> k.layer() == 2 && k.head() == 7).findFirst().get();
    robot.clickOn(AttentionWindow.screen(c.gridCanvas(), cell.box().getCenterX(), cell.box().getCenterY()));
    window.waitIdle();
    assertEquals(2, pane.viewModel().layer());
    assertEquals(7, pane.viewModel().focusHead());
    assertTrue(c.pairCanvas().isVisible());
    ComparisonDrawing opened = (ComparisonDrawing) c.pairCanvas().drawing();
    assertEquals(g.difference()[2][7][3][4], opened.difference()[3][4], 1e-7);

    // Left-to-right applies to both models.
    robot.clickOn("#causalCheck");
    window.waitIdle();
    AttentionWindow.waitUntil(30, () -> c.viewModel().pair() != null && c.viewModel().pair().causal());
    window.waitIdle();
    ComparisonDrawing causal = (ComparisonDrawing) c.pairCanvas().drawing();
    assertEquals(0f, causal.second().map()[1][5]);
    assertEquals(0f, causal.first().map()[1][5]);
    robot.clickOn("#causalCheck");
    window.waitIdle();

    // Typing new text recomputes both.
    robot.interact(() -> window.vm.textAProperty().set("Birds fly south in winter."));
    AttentionWindow.waitUntil(60, () -> c.viewModel().pair() != null
        && c.viewModel().pair().analysis().textA().equals("Birds fly south in winter."));
    window.waitIdle();
    assertEquals(window.vm.analysisProperty().get().encoding().tokens().size(),
        ((ComparisonDrawing) c.pairCanvas().drawing()).labels().size());
  }

  @Test
  void anotherShapeComparesOneChosenMapOfEachAndLoadingCancels(FxRobot robot) throws Exception {
    ModelComparison c = openCompare(robot);
    compareWith(robot, c, small);
    assertFalse(c.viewModel().pair().sameShape());
    assertTrue(c.viewModel().info().contains("shapes differ"), c.viewModel().info());
    assertTrue(c.secondLayerChoice().isVisible());
    assertEquals(List.of(0, 1), c.secondLayerChoice().getItems());
    robot.interact(() -> {
      pane.focus(11, 4);
      c.secondLayerChoice().setValue(1);
      c.secondHeadChoice().setValue(0);
    });
    window.waitIdle();
    ComparisonDrawing d = (ComparisonDrawing) c.pairCanvas().drawing();
    assertSame(c.viewModel().pair().second().attentions()[1][0], d.second().map());
    assertSame(c.viewModel().pair().first().attentions()[11][4], d.first().map());
    assertTrue(d.second().title().endsWith("layer 1 head 0"), d.second().title());
    Screenshots.save(robot, "attention-compare-other-shape");

    // No grid of differences between 12 x 12 and 2 x 2 heads: said so.
    robot.interact(() -> c.showEveryHead(true));
    window.waitIdle();
    assertNull(c.gridCanvas().drawing());
    assertTrue(c.viewModel().info().startsWith("The grid needs the same layers and heads (12 × 12 vs 2 × 2)"), c.viewModel().info());
    robot.interact(() -> c.showEveryHead(false));

    // Loading another model can be cancelled; the loaded one stays.
    LoadedBert before = c.viewModel().secondModel();
    robot.interact(() -> {
      pane.compareWith(continued.toString());
      assertTrue(robot.lookup("#compareCancel").queryButton().isVisible());
      robot.lookup("#compareCancel").queryButton().fire();
    });
    window.waitIdle();
    assertSame(before, c.viewModel().secondModel());
    assertEquals("Loading cancelled.", c.viewModel().info());
  }

  private static float cell(JsonArray matrix, int i, int j) {
    return matrix.get(i).getAsJsonArray().get(j).getAsFloat();
  }

  /** A point of cell (row, column) of panel {@code panel}, found through the drawing's own hit test. */
  private static Point2D find(ComparisonDrawing d, int panel, int row, int column, double w, double h) {
    for (double y = 0; y < h; y += 1) {
      for (double x = 0; x < w; x += 1) {
        int[] at = d.cellAt(x, y);
        if (at != null && at[0] == panel && at[1] == row && at[2] == column) {
          return new Point2D(x + 1, y + 1);
        }
      }
    }
    assertNotNull(null, "cell " + row + "," + column + " not drawn");
    return null;
  }
}
