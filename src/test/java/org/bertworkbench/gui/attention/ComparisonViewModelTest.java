package org.bertworkbench.gui.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.gui.shell.TinyModel;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.work.Latest;
import org.bertworkbench.gui.work.ManualExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Compare models" view-model without a window: the tiny sample model against itself loaded
 * again (same weights: every difference 0), against a copy cut to one layer (other shape) and
 * against a copy with two vocabulary lines swapped (refused); every background runner on queues
 * this test runs itself.
 */
class ComparisonViewModelTest {

  @TempDir
  static Path dir;
  static Path oneLayer;
  static Path otherVocabulary;
  static LoadedBert tiny;
  static WorkbenchViewModel.Analysis first;
  static WorkbenchViewModel.Analysis second;

  private final ManualExecutor worker = new ManualExecutor();
  private final ManualExecutor fx = new ManualExecutor();
  private LoadedBert main = tiny;
  private WorkbenchViewModel.Analysis input = first;
  private ComparisonViewModel.Settings settings =
      new ComparisonViewModel.Settings(1, 1, Aggregation.SINGLE_HEAD, false, false);
  private final ComparisonViewModel model = new ComparisonViewModel(() -> main, () -> input, () -> settings,
      name -> new Latest(worker, fx));
  private final List<String> events = new ArrayList<>();

  @BeforeAll
  static void open() throws Exception {
    tiny = TinyModel.open();
    first = TinyModel.analyse(tiny, "the bread was warm.", null);
    second = TinyModel.analyse(tiny, "she ate it.", null);
    oneLayer = copy("one-layer");
    Path config = oneLayer.resolve("config.json");
    Files.writeString(config, Files.readString(config).replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 1"));
    otherVocabulary = copy("other-vocabulary");
    List<String> vocab = new ArrayList<>(Files.readAllLines(otherVocabulary.resolve("vocab.txt")));
    vocab.set(200, vocab.set(201, vocab.get(200)));
    Files.write(otherVocabulary.resolve("vocab.txt"), vocab);
  }

  private static Path copy(String name) throws Exception {
    Path to = Files.createDirectories(dir.resolve(name));
    try (var files = Files.list(Path.of(TinyModel.PATH))) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }

  @AfterAll
  static void close() {
    tiny.close();
  }

  ComparisonViewModelTest() {
    model.setListeners(() -> events.add("choice " + model.choice()), () -> events.add("second shape"),
        () -> events.add("mode"), () -> events.add("pair drawing"), () -> events.add("grid"));
  }

  /** Frees the second model. */
  @AfterEach
  void shutdown() {
    model.shutdown();
    ManualExecutor.drain(worker, fx);
  }

  private void loadAndDrain(Path path) {
    model.load(path.toString());
    ManualExecutor.drain(worker, fx);
  }

  private long count(String event) {
    return events.stream().filter(event::equals).count();
  }

  @Test
  void aModelOfAnotherVocabularySizeIsRefusedBeforeItLoadsSayingWhy() {
    String why = model.incompatibility("bert-base-cased");
    assertNotNull(why, "the cased model has 28,996 word pieces, the tiny one 1,744");
    assertTrue(why.startsWith("another vocabulary (28,996 word pieces, sample-tiny has 1,744)")
        || why.startsWith("another vocabulary (28,996 word pieces, tiny-model has 1,744)"), why);
    assertNull(model.incompatibility(TinyModel.PATH), "the same model's folder may be compared");
    assertNull(model.incompatibility(otherVocabulary.toString()), "same size: loading checks the tokens themselves");
    model.load("bert-base-cased");
    assertFalse(model.busy(), "nothing is loaded");
    assertTrue(model.info().startsWith("bert-base-cased: another vocabulary"), model.info());
  }

  @Test
  void theSecondModelNeedsAWindowModel() {
    main = null;
    model.load(TinyModel.PATH);
    assertEquals("Load a model in the window first: the second one is compared with it.", model.info());
    assertFalse(model.busy());
  }

  @Test
  void theSameModelTwiceDiffersByNothingSideBySideAndInEveryHead() {
    model.load(TinyModel.PATH);
    assertEquals("Loading " + TinyModel.PATH + "…", model.info());
    assertEquals(List.of("choice " + TinyModel.PATH), events);
    assertTrue(model.busy());
    ManualExecutor.drain(worker, fx);
    assertFalse(model.busy());
    assertNotSame(tiny, model.secondModel());
    assertEquals(TinyModel.PATH, model.secondChoice());

    // Loading compares at once: both models on the window's input, the map the controls select.
    Comparison.Pair p = model.pair();
    assertSame(first, p.analysis());
    assertTrue(p.sameShape());
    assertTrue(model.info().contains("same shape, head by head"), model.info());
    ComparisonDrawing d = model.pairDrawing();
    assertEquals(first.encoding().tokens(), d.labels());
    assertTrue(d.first().title().endsWith("layer 1 head 1"), d.first().title());
    assertEquals(first.inspection().attentions()[1][1][2][3], d.first().map()[2][3], 1e-6);
    for (float[] row : d.difference()) {
      for (float v : row) {
        assertEquals(0f, v, 1e-6);
      }
    }

    // The pointer over a cell: the drawing tells its values.
    model.hover(d, new int[] {2, 1, 3});
    assertEquals(1, model.pairDrawing().hoverRow());
    assertEquals(3, model.pairDrawing().hoverColumn());

    // Every head: computed in the background, each head's mean |difference| 0.
    model.setEveryHead(true);
    assertEquals("Computing every head's difference…", model.info());
    assertNull(model.gridDrawing());
    ManualExecutor.drain(worker, fx);
    Comparison.Grid g = model.gridDrawing();
    assertNotNull(g);
    assertEquals(0.0, g.meanAbs()[1][0], 1e-9);
    assertTrue(ComparisonViewModel.gridTitle(g).startsWith("Second − first, every head"));
    model.setEveryHead(false);
    assertFalse(model.everyHead());
    assertTrue(events.contains("grid") && events.contains("mode"), events.toString());
  }

  @Test
  void aNewInputIsComparedOnlyWhileTheViewShowsAndTheNewestInputWins() {
    loadAndDrain(Path.of(TinyModel.PATH));
    input = second;
    model.inputChanged();
    assertFalse(model.busy(), "the view is not shown: nothing rerun");
    assertSame(first, model.pair().analysis());

    events.clear();
    model.setActive(true);
    worker.runNext(); // the second input's pair is computed; its delivery waits
    input = first;
    model.refresh();
    ManualExecutor.drain(worker, fx);
    assertSame(first, model.pair().analysis());
    assertEquals(1, count("second shape"), "only the newest input's pair lands: " + events);

    model.refresh();
    assertFalse(model.busy(), "nothing changed: nothing rerun");
    settings = new ComparisonViewModel.Settings(1, 1, Aggregation.SINGLE_HEAD, false, true);
    model.refresh();
    assertTrue(model.busy(), "left-to-right reruns both models");
    ManualExecutor.drain(worker, fx);
    assertTrue(model.pair().causal());
    assertEquals(0f, model.pairDrawing().second().map()[1][4]);
  }

  @Test
  void anotherShapeComparesTheSecondModelsChosenMapAndHasNoGrid() {
    loadAndDrain(oneLayer);
    Comparison.Pair p = model.pair();
    assertFalse(p.sameShape());
    assertEquals(1, model.secondLayers());
    assertEquals(2, model.secondHeads());
    assertEquals(0, model.secondLayer(), "layer 1 asked for: the second model's last");
    assertEquals(1, model.secondHead());
    assertTrue(model.pairDrawing().second().title().endsWith("layer 0 head 1"), model.pairDrawing().second().title());
    model.setSecondHead(0);
    assertTrue(model.pairDrawing().second().title().endsWith("layer 0 head 0"), model.pairDrawing().second().title());
    assertSame(p.second().attentions()[0][0], model.pairDrawing().second().map());

    model.setEveryHead(true);
    assertNull(model.gridDrawing());
    assertTrue(model.info().startsWith("The grid needs the same layers and heads (2 × 2 vs 1 × 2)"), model.info());
  }

  @Test
  void anotherVocabularyIsRefusedAndACancelledLoadKeepsTheModelBefore() {
    loadAndDrain(Path.of(TinyModel.PATH));
    LoadedBert before = model.secondModel();
    loadAndDrain(otherVocabulary);
    assertTrue(model.info().startsWith("Cannot compare with " + otherVocabulary + ": the two models have different"
        + " vocabularies"), model.info());
    assertSame(before, model.secondModel());
    assertEquals(TinyModel.PATH, model.choice(), "the choice goes back to the model loaded");

    model.load(oneLayer.toString());
    worker.runNext(); // loaded; its delivery waits
    model.cancelLoad();
    assertEquals("Loading cancelled.", model.info());
    assertFalse(model.busy());
    ManualExecutor.drain(worker, fx);
    assertSame(before, model.secondModel(), "the late model never lands");
    assertEquals(TinyModel.PATH, model.choice());
  }
}
