package org.bertworkbench.gui.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.analysis.Inspection;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.TracedEncoding;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.work.Latest;
import org.bertworkbench.gui.work.ManualExecutor;
import org.junit.jupiter.api.Test;

/**
 * The attention view-model without a window and without a model: hand-made attention (2 layers x
 * 2 heads), every background runner on queues this test runs itself.
 */
class AttentionViewModelTest {

  private final ManualExecutor worker = new ManualExecutor();
  private final ManualExecutor fx = new ManualExecutor();
  private final AttentionViewModel model = new AttentionViewModel(() -> null, () -> 128,
      name -> new Latest(worker, fx));
  private final List<String> events = new ArrayList<>();

  AttentionViewModelTest() {
    model.setListeners(() -> events.add("shape"), () -> events.add("redraw"), () -> events.add("thumbnails"),
        () -> events.add("statistics"));
  }

  /** An input of {@code t} tokens whose every head attends uniformly (weight 1/t each). */
  static WorkbenchViewModel.Analysis analysis(int t) {
    List<String> tokens = new ArrayList<>();
    tokens.add("[CLS]");
    for (int i = 1; i < t - 1; i++) {
      tokens.add("w" + i);
    }
    tokens.add("[SEP]");
    int[] zeros = new int[t];
    int[] ones = new int[t];
    int[] words = new int[t];
    for (int i = 0; i < t; i++) {
      ones[i] = 1;
      words[i] = i == 0 || i == t - 1 ? -1 : i - 1;
    }
    float[][][][] attn = new float[2][2][t][t];
    for (float[][][] layer : attn) {
      for (float[][] head : layer) {
        for (float[] row : head) {
          java.util.Arrays.fill(row, 1f / t);
        }
      }
    }
    Encoding e = new Encoding(tokens, zeros, zeros, ones, zeros, zeros, words, false, 0);
    Inspection inspection = new Inspection(null, null, null, null, null, attn, null);
    return new WorkbenchViewModel.Analysis("text", "", new TracedEncoding(e, null), inspection, List.of());
  }

  @Test
  void anInputGivesMapsAtOnceAndStatisticsAndThumbnailsInTheBackground() {
    model.show(analysis(4));
    assertEquals("shape", events.get(0), "the controls learn 2 layers x 2 heads first");
    assertArrayEquals(new boolean[] {true, true}, model.shownHeads());
    assertEquals(4, model.data().length());
    assertEquals(0, model.maps().layer());
    assertEquals(0.25f, model.maps().mapOf(0)[1][2], 1e-6);
    assertNull(model.statistics(), "still in the background");
    assertTrue(model.busy());

    ManualExecutor.drain(worker, fx);
    assertFalse(model.busy());
    assertNotNull(model.statistics());
    assertTrue(model.statisticsSource().startsWith("this input (4 tokens"), model.statisticsSource());
    assertNotNull(model.thumbnails());
    assertTrue(events.contains("thumbnails") && events.contains("statistics"), events.toString());
  }

  @Test
  void theNewestInputWinsAndAnOlderResultNeverLands() {
    model.show(analysis(4));
    worker.runNext(); // the first input's thumbnails are made; their delivery waits
    worker.runNext(); // and its statistics
    model.show(analysis(6));
    ManualExecutor.drain(worker, fx);
    assertEquals(6, model.data().length());
    assertTrue(model.statisticsSource().startsWith("this input (6 tokens"), model.statisticsSource());
    assertEquals(1, events.stream().filter("statistics"::equals).count(), "only the second input's statistics");
    assertEquals(1, events.stream().filter("thumbnails"::equals).count(), "only the second input's thumbnails");
  }

  @Test
  void layerAggregationAndFocus() {
    model.show(analysis(4));
    model.setLayer(1);
    assertEquals(1, model.maps().layer());
    model.setAggregation(Aggregation.MEAN_OVER_HEADS);
    ManualExecutor.drain(worker, fx);
    assertEquals(Aggregation.MEAN_OVER_HEADS, model.maps().aggregation());
    model.focus(0, 1);
    assertEquals(Aggregation.SINGLE_HEAD, model.aggregation(), "a head, not an aggregate");
    assertEquals(0, model.layer());
    assertEquals(1, model.focusHead());
    model.setShown(0, false);
    assertArrayEquals(new boolean[] {false, true}, model.shownHeads());
  }

  @Test
  void maskingAHeadChangesTheModelsOptions() {
    model.show(analysis(4));
    assertNull(model.options().headMask(), "every head on");
    model.toggleMask(1, 0);
    assertTrue(model.masked(1, 0));
    assertEquals(1, model.maskedCount());
    assertArrayEquals(new float[] {0, 1}, model.options().headMask()[1]);
    assertArrayEquals(new float[] {1, 1}, model.options().headMask()[0]);
    model.clearMasks();
    assertFalse(model.masked(1, 0));
    assertNull(model.options().headMask());
  }

  @Test
  void corpusStatisticsNeedAModelAndLongWorkCanBeCancelled() {
    model.corpusStatistics(new File("corpus.txt"));
    assertEquals("Load a model first.", model.statusProperty().get());
    model.longWork().submit(p -> "slow", r -> events.add("long done"), model::error);
    assertTrue(model.busy());
    model.longWork().cancel();
    assertFalse(model.busy());
    ManualExecutor.drain(worker, fx);
    assertFalse(events.contains("long done"), "a cancelled request's result never lands");
  }
}
