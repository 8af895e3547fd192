package org.bertworkbench.gui.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The Hidden states view-model without a window, on the tiny sample model (2 layers, hidden 128):
 * the map's background runner on queues this test runs itself.
 */
class LayersViewModelTest {

  static LoadedBert tiny;
  static WorkbenchViewModel.Analysis pair;
  static WorkbenchViewModel.Analysis single;

  private final ManualExecutor worker = new ManualExecutor();
  private final ManualExecutor fx = new ManualExecutor();
  private LoadedBert loaded = tiny;
  private final LayersViewModel model = new LayersViewModel(() -> loaded, name -> new Latest(worker, fx));
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

  LayersViewModelTest() {
    model.setListeners(() -> events.add("cleared"), () -> events.add("shown"), () -> events.add("trajectory"),
        () -> events.add("map"));
  }

  private long count(String event) {
    return events.stream().filter(event::equals).count();
  }

  @Test
  void anInputIsTracedWhenAskedAndMappedInTheBackground() {
    model.show(pair);
    assertEquals(List.of("shown"), events);
    assertEquals(1, model.selected(), "the first token after [CLS]");
    assertEquals(3, model.layers(), "the embeddings and 2 layers");
    assertNull(model.trajectory(), "traced in the pane's next turn");
    assertNull(model.projection(), "mapped in the background");
    assertTrue(model.busy());

    model.trace();
    float[][][] hidden = pair.inspection().hiddenStates();
    assertArrayEquals(hidden[2][1], model.trajectory().vectors()[2]);
    assertEquals(1.0, model.trajectory().cosineToInput()[0], 1e-6);
    assertEquals(1.0, model.trajectory().cosineToFinal()[2], 1e-6);

    ManualExecutor.drain(worker, fx);
    assertFalse(model.busy());
    assertEquals(3, model.projections().size());
    assertEquals(List.of("shown", "trajectory", "map"), events);
    assertSame(model.projections().get(2), model.projection(), "layer 12 asked for: the tiny model's last");
    model.setLayer(0);
    assertSame(model.projections().get(0), model.projection());
    assertEquals(hidden[0].length, model.projection().scores().length);

    Table strips = LayersViewModel.trajectoryTable(model.trajectory());
    assertEquals(4 + 128, strips.header().size());
    assertEquals(3, strips.rows().size());
    assertEquals(3, LayersViewModel.cosinesTable(model.trajectory()).rows().size());
    Table map = LayersViewModel.mapTable(pair.encoding().tokens().subList(0, hidden[0].length),
        pair.encoding().tokenTypeIds(), model.projection());
    assertEquals(List.of(7, "she", 1), map.rows().get(7).subList(0, 3));
  }

  @Test
  void selectingATokenTracesItOnce() {
    model.show(pair);
    assertTrue(model.select(1), "no trajectory yet: traced even though already selected");
    assertFalse(model.select(1), "traced already");
    assertFalse(model.select(-1));
    assertFalse(model.select(model.tokenCount()));
    assertTrue(model.select(4));
    assertEquals(4, model.selected());
    assertArrayEquals(pair.inspection().hiddenStates()[1][4], model.trajectory().vectors()[1]);
    assertEquals(2, count("trajectory"));
    assertTrue(model.describe(0, -1).startsWith("\"warm\" at embeddings: length "), model.describe(0, -1));
  }

  @Test
  void theNewestInputWinsAndAnOlderMapNeverLands() {
    model.show(pair);
    worker.runNext(); // the pair is mapped; its delivery waits
    model.show(single);
    ManualExecutor.drain(worker, fx);
    assertEquals(single.inspection().hiddenStates()[0].length, model.projection().scores().length);
    assertEquals(1, count("map"), events.toString());
  }

  @Test
  void noInputOrNoModelCancelsAndClears() {
    model.show(pair);
    model.show(null);
    ManualExecutor.drain(worker, fx);
    assertNull(model.projections(), "the cancelled input's map never lands");
    assertEquals(List.of("shown", "cleared"), events);
    assertFalse(model.busy());
    assertFalse(model.select(1), "nothing to select");

    loaded = null;
    model.show(pair);
    assertNull(model.trajectory());
    assertFalse(model.busy(), "no model: nothing computed");
  }
}
