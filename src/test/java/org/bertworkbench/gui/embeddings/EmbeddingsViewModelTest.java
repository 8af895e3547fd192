package org.bertworkbench.gui.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.shell.TinyModel;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.work.Latest;
import org.bertworkbench.gui.work.ManualExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Embeddings view-model without a window, on the tiny sample model (hidden 128, 512
 * positions): every background runner on queues this test runs itself.
 */
class EmbeddingsViewModelTest {

  static LoadedBert tiny;
  static WorkbenchViewModel.Analysis pair;
  static WorkbenchViewModel.Analysis single;

  private final ManualExecutor worker = new ManualExecutor();
  private final ManualExecutor fx = new ManualExecutor();
  private LoadedBert loaded = tiny;
  private final EmbeddingsViewModel model = new EmbeddingsViewModel(() -> loaded, name -> new Latest(worker, fx));
  private final List<String> events = new ArrayList<>();

  @BeforeAll
  static void open() throws Exception {
    tiny = TinyModel.open();
    pair = TinyModel.analyse(tiny, "the bread was warm.", "she ate it.");
    single = TinyModel.analyse(tiny, "the cat sat.", null);
  }

  @AfterAll
  static void close() {
    tiny.close();
  }

  EmbeddingsViewModelTest() {
    model.setListeners(() -> events.add("cleared"), () -> events.add("prepared"), () -> events.add("selected"),
        () -> events.add("nearest " + model.nearest().status().split(" ")[0]), () -> events.add("positions"));
  }

  private long count(String event) {
    return events.stream().filter(event::equals).count();
  }

  @Test
  void anInputIsPreparedInTheBackgroundThenTheSecondTokensNeighboursAreSearched() {
    assertEquals("sum = token + segment + position: (no input yet)", model.sumCheckProperty().get());
    model.show(pair, 800, 600);
    assertEquals("sum = token + segment + position: checking…", model.sumCheckProperty().get());
    assertNull(model.prepared(), "still in the background");
    assertTrue(model.busy());

    ManualExecutor.drain(worker, fx);
    assertFalse(model.busy());
    int t = pair.inspection().embeddingSum().length;
    assertEquals(t, model.tokens().size());
    assertTrue(model.sumCheckProperty().get().startsWith("sum = token + segment + position: max difference "),
        model.sumCheckProperty().get());
    assertTrue(model.layerNormCheckProperty().get().startsWith("LayerNorm(sum) = input of layer 0: max difference "));
    assertEquals(1, model.selected(), "the first token after [CLS]");
    assertEquals(List.of("prepared", "nearest searching", "positions", "nearest all"), events);
    assertEquals(EmbeddingsViewModel.NEIGHBOURS, model.neighbourTokens().size());
    assertTrue(model.nearest().done());
    assertEquals(model.tokens().get(1), model.nearest().token());
    assertFalse(model.neighbourTokens().contains(model.tokens().get(1)), "the token itself is left out");
    assertEquals(512, model.positionMap().length);
    assertEquals(1.0, model.positionMap()[7][7], 1e-5);

    // The numbers behind the pictures: one row per token; lengths, then 5 x 128 values.
    Table strips = model.stripsTable();
    assertEquals(8 + 5 * 128, strips.header().size());
    assertEquals(t, strips.rows().size());
    assertEquals(List.of(2, model.tokens().get(2)), strips.rows().get(2).subList(0, 2));
    Table norms = model.normsTable();
    assertEquals(model.prepared().norms()[3][4], norms.rows().get(3).get(6));
    assertEquals(128, EmbeddingsViewModel.segmentsTable(model.prepared().segments()).rows().size());
    assertEquals(513, EmbeddingsViewModel.positionsTable(model.positionMap()).header().size());
  }

  @Test
  void selectingATokenSearchesItsNeighboursAndTheNewestSelectionWins() {
    model.show(pair, 800, 600);
    ManualExecutor.drain(worker, fx);
    events.clear();
    assertFalse(model.select(1), "already selected");
    assertFalse(model.select(-1));
    assertFalse(model.select(model.tokens().size()));
    assertTrue(events.isEmpty(), events.toString());

    assertTrue(model.select(2));
    assertTrue(model.select(3));
    assertEquals(3, model.selected());
    assertTrue(model.infoProperty().get().startsWith("Selected 3 " + model.tokens().get(3) + ":"),
        model.infoProperty().get());
    assertEquals("searching 1744 tokens…", model.nearest().status());
    ManualExecutor.drain(worker, fx);
    assertEquals(model.tokens().get(3), model.nearest().token());
    assertEquals(1, count("nearest all"), "only the newest selection's neighbours land: " + events);
    assertEquals(2, count("selected"));
  }

  @Test
  void theNewestInputWinsAndAnOlderResultNeverLands() {
    model.show(pair, 800, 600);
    worker.runNext(); // the pair is prepared; its delivery waits
    model.show(single, 800, 600);
    ManualExecutor.drain(worker, fx);
    assertSame(single, model.prepared().analysis());
    assertEquals(1, count("prepared"), events.toString());
    assertEquals(1, count("positions"), "one map per model, not per input");
    assertTrue(model.sumCheckProperty().get().contains("(" + single.inspection().embeddingSum().length
        + " tokens × 128 values)"), model.sumCheckProperty().get());
  }

  @Test
  void noInputOrNoModelCancelsAndClears() {
    model.show(pair, 800, 600);
    model.show(null, 800, 600);
    assertEquals("sum = token + segment + position: (no input yet)", model.sumCheckProperty().get());
    ManualExecutor.drain(worker, fx);
    assertNull(model.prepared(), "the cancelled input's result never lands");
    assertEquals(0, count("prepared"));
    assertEquals(1, count("cleared"));
    assertNotNull(model.positionMap(), "the map is the model's, not the input's: kept");

    model.show(pair, 800, 600);
    ManualExecutor.drain(worker, fx);
    loaded = null;
    model.show(pair, 800, 600);
    assertNull(model.prepared());
    assertEquals(List.of(), model.tokens());
    assertFalse(model.busy());
  }
}
