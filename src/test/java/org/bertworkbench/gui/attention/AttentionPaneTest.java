package org.bertworkbench.gui.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.geometry.Point2D;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.analysis.HeadStatistics;
import org.bertworkbench.core.analysis.NeuronView;
import org.bertworkbench.gui.Screenshots;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The attention explorer driven headless on Google's BERT-Base: every view, statistics, masking. */
@ExtendWith(ApplicationExtension.class)
class AttentionPaneTest {

  AttentionWindow window;
  WorkbenchViewModel vm;
  AttentionPane pane;

  @Start
  void start(Stage stage) {
    window = new AttentionWindow(stage);
    vm = window.vm;
    pane = window.pane;
  }

  void loadAndType(FxRobot robot, String a, String b) throws Exception {
    window.loadAndType(robot, "bert-base-uncased", a, b);
  }

  void waitIdle() throws Exception {
    window.waitIdle();
  }

  static void waitUntil(int seconds, BooleanSupplier condition) throws Exception {
    AttentionWindow.waitUntil(seconds, condition);
  }

  static Point2D screen(javafx.scene.Node node, double x, double y) {
    return AttentionWindow.screen(node, x, y);
  }

  static void screenshot(FxRobot robot, String name) {
    Screenshots.save(robot, name);
  }

  @Test
  void theHeadTicksAndTheOpenHeadAreOneSelection(FxRobot robot) throws Exception {
    loadAndType(robot, "The cat sat on the mat.", "It was tired.");
    robot.clickOn("#onlyOpenHead");
    assertEquals(0, pane.viewModel().focusHead());
    assertEquals(1, shownCount(), "only the open head");

    robot.clickOn("#headCheck4"); // a second head in the head view: head 0 stays open
    assertEquals(0, pane.viewModel().focusHead());
    assertEquals(2, shownCount());
    robot.clickOn("#headCheck0"); // the open head hidden: the matrix follows to the head still shown
    assertEquals(4, pane.viewModel().focusHead());
    assertEquals(4, robot.lookup("#headChoice").<javafx.scene.control.ComboBox<Integer>>query().getValue());
    robot.interact(() -> pane.select("Matrix"));
    waitIdle();
    assertTrue(((MatrixDrawing) pane.matrixCanvas().drawing()).title().endsWith("head 4"),
        ((MatrixDrawing) pane.matrixCanvas().drawing()).title());

    robot.interact(() -> pane.select("Head view"));
    robot.clickOn("#headCheck4"); // the last shown head cannot go: the views would show nothing and another head
    assertTrue(robot.lookup("#headCheck4").<javafx.scene.control.CheckBox>query().isSelected());
    assertEquals(1, shownCount());

    robot.interact(() -> robot.lookup("#headChoice").<javafx.scene.control.ComboBox<Integer>>query().setValue(7));
    assertTrue(robot.lookup("#headCheck7").<javafx.scene.control.CheckBox>query().isSelected(),
        "the head opened in the matrix view is ticked in the head view");
    assertTrue(pane.viewModel().shownHeads()[7]);
    HeadViewDrawing head = (HeadViewDrawing) pane.headCanvas().drawing();
    assertTrue(head.linesDrawn() > 0);
  }

  int shownCount() {
    int n = 0;
    for (boolean b : pane.viewModel().shownHeads()) {
      n += b ? 1 : 0;
    }
    return n;
  }

  @Test
  void headModelMatrixAndNeuronViews(FxRobot robot, @TempDir Path dir) throws Exception {
    loadAndType(robot, "The unaffable cat sat on the mat.", "It was tired.");
    List<String> tokens = vm.analysisProperty().get().encoding().tokens();
    assertEquals(List.of("[CLS]", "the", "una", "##ffa", "##ble", "cat", "sat", "on", "the", "mat", ".", "[SEP]",
        "it", "was", "tired", ".", "[SEP]"), tokens);

    // Head view: every head of layer 0, lines drawn; hovering "cat" keeps only its lines.
    HeadViewDrawing head = (HeadViewDrawing) pane.headCanvas().drawing();
    assertEquals(tokens, head.maps().labels());
    int allLines = head.linesDrawn();
    assertTrue(allLines > tokens.size(), "lines: " + allLines);
    screenshot(robot, "attention-head-view");
    robot.moveTo(screen(pane.headCanvas(), head.leftX() - 20, head.rowY(5)));
    WaitForAsyncUtils.waitForFxEvents();
    HeadViewDrawing hovered = (HeadViewDrawing) pane.headCanvas().drawing();
    assertEquals(0, hovered.hoverSide());
    assertEquals(5, hovered.hoverIndex());
    assertTrue(hovered.linesDrawn() > 0 && hovered.linesDrawn() <= 12 * tokens.size(), "" + hovered.linesDrawn());
    assertTrue(hovered.linesDrawn() < allLines);
    screenshot(robot, "attention-head-view-hover");
    robot.moveTo(screen(pane.headCanvas(), 5, 5));

    // Sentence filter A -> B: only lines from sentence A's tokens to sentence B's.
    robot.interact(() -> robot.lookup("#sentenceFilter").<javafx.scene.control.ComboBox<SentenceFilter>>query().setValue(SentenceFilter.A_TO_B));
    HeadViewDrawing filtered = (HeadViewDrawing) pane.headCanvas().drawing();
    assertTrue(filtered.linesDrawn() < allLines);
    var rows = AttentionTables.headTable(filtered.maps(), pane.viewModel().shownHeads(), 0).rows();
    assertFalse(rows.isEmpty());
    robot.interact(() -> robot.lookup("#sentenceFilter").<javafx.scene.control.ComboBox<SentenceFilter>>query().setValue(SentenceFilter.ALL));

    // Words: "una ##ffa ##ble" becomes "unaffable" in every view.
    robot.clickOn("#wordsCheck");
    waitIdle();
    List<String> words = pane.viewModel().maps().labels();
    assertEquals(tokens.size() - 2, words.size());
    assertTrue(words.contains("unaffable"), words.toString());
    screenshot(robot, "attention-head-view-words");
    robot.clickOn("#wordsCheck");
    waitIdle();

    // Model view: 144 thumbnails; clicking layer 3 head 5 opens it in the head and matrix views.
    robot.interact(() -> pane.select("Model view"));
    waitIdle();
    ModelViewDrawing model = (ModelViewDrawing) pane.modelCanvas().drawing();
    assertEquals(144, model.cells().size());
    screenshot(robot, "attention-model-view");
    ModelViewDrawing.Cell cell = model.cells().stream().filter(c -> c.layer() == 3 && c.head() == 5).findFirst().get();
    robot.clickOn(screen(pane.modelCanvas(), cell.box().getCenterX(), cell.box().getCenterY()));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(3, pane.viewModel().layer());
    assertEquals(5, pane.viewModel().focusHead());
    boolean[] shown = pane.viewModel().shownHeads();
    for (int h = 0; h < 12; h++) {
      assertEquals(h == 5, shown[h], "head " + h);
    }
    HeadViewDrawing opened = (HeadViewDrawing) pane.headCanvas().drawing();
    assertEquals(3, opened.maps().layer());
    assertTrue(pane.headCanvas().isVisible());
    screenshot(robot, "attention-head-view-l3h5");

    // Matrix: the open head's map, hovering a cell shows its value.
    robot.interact(() -> pane.select("Matrix"));
    WaitForAsyncUtils.waitForFxEvents();
    MatrixDrawing matrix = (MatrixDrawing) pane.matrixCanvas().drawing();
    float[][] expected = vm.analysisProperty().get().inspection().attentions()[3][5];
    assertEquals(expected[2][5], matrix.map()[2][5]);
    robot.interact(() -> pane.matrixCanvas().redraw());
    int[] target = {5, 1};
    Point2D p = null;
    for (double y = 0; y < pane.matrixCanvas().getHeight() && p == null; y += 2) {
      for (double x = 0; x < pane.matrixCanvas().getWidth(); x += 2) {
        int[] at = matrix.cellAt(x, y);
        if (at != null && at[0] == target[0] && at[1] == target[1]) {
          p = new Point2D(x + 1, y + 1);
          break;
        }
      }
    }
    assertNotNull(p);
    robot.moveTo(screen(pane.matrixCanvas(), p.getX(), p.getY()));
    WaitForAsyncUtils.waitForFxEvents();
    MatrixDrawing hoveredMatrix = (MatrixDrawing) pane.matrixCanvas().drawing();
    assertTrue(hoveredMatrix.hoverText().startsWith("cat (5) → the (1): "), hoveredMatrix.hoverText());
    assertTrue(hoveredMatrix.hoverText().endsWith(String.format("%.4f", expected[5][1])), hoveredMatrix.hoverText());
    screenshot(robot, "attention-matrix");
    // Its data as JSON: the matrix under its labels, the numbers the model gave.
    Path json = dir.resolve("matrix.json");
    pane.matrixCanvas().export("json", json);
    JsonObject m = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    assertEquals(3, m.get("layer").getAsInt());
    assertEquals(5, m.get("head").getAsInt());
    assertEquals("cat", m.getAsJsonArray("rows").get(5).getAsString());
    assertEquals(expected[5][1], m.getAsJsonArray("values").get(5).getAsJsonArray().get(1).getAsFloat());
    // The log colour scale: same numbers, but a small weight gets a stronger colour than on the linear scale.
    MatrixDrawing linear = (MatrixDrawing) pane.matrixCanvas().drawing();
    robot.clickOn("#logCheck");
    waitIdle();
    MatrixDrawing logScale = (MatrixDrawing) pane.matrixCanvas().drawing();
    assertTrue(logScale != linear, "the click redrew the matrix");
    assertTrue(logScale.map() == linear.map(), "the same weights, only the colours change");
    float max = 0;
    for (float[] row : expected) {
      for (float v : row) {
        max = Math.max(max, v);
      }
    }
    int si = 0;
    int sj = 0;
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        if (Math.abs(expected[i][j] / max - 0.01) < Math.abs(expected[si][sj] / max - 0.01)) {
          si = i; // the weight nearest 1% of the largest
          sj = j;
        }
      }
    }
    // Linear: weight / max (about 0.01); log: (log10(weight / max) + 4) / 4 (about 0.5).
    assertEquals(expected[si][sj] / max, linear.scaled(expected[si][sj]), 1e-6);
    assertTrue(logScale.scaled(expected[si][sj]) > linear.scaled(expected[si][sj]) + 0.3,
        logScale.scaled(expected[si][sj]) + " vs " + linear.scaled(expected[si][sj]));
    assertTrue(logScale.image().getRGB(sj, si) != linear.image().getRGB(sj, si), "the smallest weight's cell is recoloured");
    screenshot(robot, "attention-matrix-log");

    // Aggregations: rollout and mean over heads are one map each, in the same views.
    robot.interact(() -> robot.lookup("#aggregationChoice").<javafx.scene.control.ComboBox<Aggregation>>query().setValue(Aggregation.ROLLOUT));
    waitIdle();
    assertEquals(1, pane.viewModel().maps().maps().length);
    float sum = 0;
    for (float v : pane.viewModel().maps().maps()[0][4]) {
      sum += v;
    }
    assertEquals(1f, sum, 1e-3f);
    screenshot(robot, "attention-matrix-rollout");
    robot.interact(() -> robot.lookup("#aggregationChoice").<javafx.scene.control.ComboBox<Aggregation>>query().setValue(Aggregation.NORM_WEIGHTED));
    waitIdle();
    assertNotNull(pane.viewModel().data().capture());
    assertEquals(12, pane.viewModel().maps().maps().length);
    robot.interact(() -> robot.lookup("#aggregationChoice").<javafx.scene.control.ComboBox<Aggregation>>query().setValue(Aggregation.SINGLE_HEAD));
    waitIdle();

    // Neuron view: q, k, q*k, scores and softmax of layer 3 head 5 for the query "cat".
    robot.interact(() -> pane.select("Head view"));
    HeadViewDrawing again = (HeadViewDrawing) pane.headCanvas().drawing();
    robot.clickOn(screen(pane.headCanvas(), again.leftX() - 20, again.rowY(5)));
    robot.interact(() -> pane.select("Neuron view"));
    waitIdle();
    waitUntil(30, () -> pane.neuronCanvas().drawing() instanceof NeuronDrawing);
    NeuronView nv = ((NeuronDrawing) pane.neuronCanvas().drawing()).view();
    assertEquals(3, nv.layer());
    assertEquals(5, nv.head());
    assertEquals(5, nv.query());
    double total = 0;
    for (int j = 0; j < nv.softmax().length; j++) {
      total += nv.softmax()[j];
      assertEquals(nv.attention()[j], nv.softmax()[j], 1e-4);
    }
    assertEquals(1, total, 1e-5);
    screenshot(robot, "attention-neuron-view");
  }

  @Test
  void statisticsTableSortsAndAveragesACorpusFile(FxRobot robot, @TempDir Path dir) throws Exception {
    String text = "The committee met on Tuesday to discuss the budget. After a long debate, the members agreed "
        + "to raise the funding for public libraries. Several residents, however, complained that the meeting "
        + "had been announced too late.";
    loadAndType(robot, text, "");
    robot.interact(() -> pane.select("Head statistics"));
    waitIdle();
    waitUntil(30, () -> pane.statsTable().getItems().size() == 144);
    TableView<HeadStatistics.Row> table = pane.statsTable();
    @SuppressWarnings("unchecked")
    TableColumn<HeadStatistics.Row, ?> toSep = table.getColumns().stream()
        .filter(c -> "col-to_sep".equals(c.getId())).findFirst().get();
    robot.interact(() -> {
      toSep.setSortType(TableColumn.SortType.DESCENDING);
      table.getSortOrder().setAll(List.of(toSep));
    });
    WaitForAsyncUtils.waitForFxEvents();
    HeadStatistics.Row first = table.getItems().get(0);
    assertTrue(first.layer() >= 3 && first.layer() <= 9, "most [SEP] in layer " + first.layer());
    assertTrue(first.toSep() > 0.5, "" + first.toSep());
    assertEquals(144, ((LayerHeadHeatmaps) pane.statsCanvas().drawing()).cells().size() / 7);
    screenshot(robot, "attention-head-statistics");
    // JSON in the command line's shape: {"layers", "heads", "stats": {"to_sep": [12][12], ...}}.
    Path json = dir.resolve("stats.json");
    pane.statsCanvas().export("json", json);
    JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    assertEquals(12, o.get("layers").getAsInt());
    assertEquals(12, o.get("heads").getAsInt());
    assertEquals(first.toSep(), o.getAsJsonObject("stats").getAsJsonArray("to_sep").get(first.layer())
        .getAsJsonArray().get(first.head()).getAsDouble(), 1e-12);
    assertEquals(HeadStatistics.Metric.values().length, o.getAsJsonObject("stats").size());

    Path corpus = dir.resolve("corpus.txt");
    Files.writeString(corpus, "The cat sat on the mat.\nA dog barked twice.\tThen it slept.\n\nBirds fly south.\n");
    robot.interact(() -> pane.viewModel().corpusStatistics(corpus.toFile()));
    waitIdle();
    assertEquals(3, pane.viewModel().statistics().inputs());
    assertTrue(robot.lookup("#statsSource").queryLabeled().getText().contains("corpus.txt (3 inputs"));
    assertEquals(144, table.getItems().size());
  }

  @Test
  void maskingHeadsChangesTheFillMaskPredictionsShown(FxRobot robot) throws Exception {
    loadAndType(robot, "Hello I'm a [MASK] model.", "");
    List<FillMask.MaskPredictions> before = vm.analysisProperty().get().masks();
    assertEquals("fashion", before.get(0).predictions().get(0).token());

    // Ctrl+click in the model view switches a head off.
    robot.interact(() -> pane.select("Model view"));
    WaitForAsyncUtils.waitForFxEvents();
    ModelViewDrawing model = (ModelViewDrawing) pane.modelCanvas().drawing();
    ModelViewDrawing.Cell cell = model.cells().stream().filter(c -> c.layer() == 11 && c.head() == 0).findFirst().get();
    robot.press(KeyCode.CONTROL);
    robot.clickOn(screen(pane.modelCanvas(), cell.box().getCenterX(), cell.box().getCenterY()));
    robot.release(KeyCode.CONTROL);
    waitIdle();
    assertTrue(pane.viewModel().masked(11, 0));
    assertEquals(1, pane.viewModel().data().maskedHeads());
    float[] off = pane.viewModel().data().attentions()[11][0][3];
    for (float v : off) {
      assertEquals(0f, v);
    }
    List<FillMask.MaskPredictions> one = pane.viewModel().afterMasks();
    assertNotEquals(before.get(0).predictions().get(0).score(), one.get(0).predictions().get(0).score());
    screenshot(robot, "attention-model-view-masked");

    // Every head of the last two layers off: the guesses shown change.
    robot.interact(() -> {
      pane.select("Head masking");
      for (int l = 10; l < 12; l++) {
        for (int h = 0; h < 12; h++) {
          if (!pane.viewModel().masked(l, h)) {
            pane.viewModel().toggleMask(l, h);
          }
        }
      }
    });
    waitIdle();
    FillMaskComparison shown = (FillMaskComparison) pane.fillCompareCanvas().drawing();
    List<String> beforeTokens = shown.before().get(0).predictions().stream().map(FillMask.Prediction::token).toList();
    List<String> afterTokens = shown.after().get(0).predictions().stream().map(FillMask.Prediction::token).toList();
    assertEquals(List.of("fashion", "role", "new", "super", "fine"), beforeTokens);
    assertNotEquals(beforeTokens, afterTokens);
    screenshot(robot, "attention-head-masking");

    // Switching every head on again gives the same predictions as before.
    robot.clickOn("#clearMasks");
    waitIdle();
    assertEquals(before, pane.viewModel().afterMasks());

    // Left-to-right: no token attends to a later one, predictions are recomputed.
    robot.clickOn("#causalCheck");
    waitIdle();
    assertTrue(pane.viewModel().data().causal());
    float[][] m = pane.viewModel().data().attentions()[4][2];
    for (int i = 0; i < m.length; i++) {
      for (int j = i + 1; j < m.length; j++) {
        assertEquals(0f, m[i][j], 1e-7f);
      }
    }
    assertNotEquals(before, pane.viewModel().afterMasks());
    screenshot(robot, "attention-head-masking-causal");
    robot.clickOn("#causalCheck");
    waitIdle();

    // Rank heads on this input: 144 scores, shown as a heatmap and a table.
    robot.clickOn("#rankHeads");
    waitUntil(600, () -> pane.ranking() != null);
    waitIdle();
    assertEquals(144, pane.ranking().ranking().size());
    assertTrue(pane.ranking().ranking().get(0).score() > 0);
    assertEquals(144, pane.rankTable().getItems().size());
    screenshot(robot, "attention-head-ranking");
  }
}
