package org.bertworkbench.gui.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.job.CancelledException;
import org.junit.jupiter.api.Test;

/** {@link Latest} without a window: both its threads are queues this test runs itself. */
class LatestTest {

  private final ManualExecutor worker = new ManualExecutor();
  private final ManualExecutor fx = new ManualExecutor();
  private final Latest latest = new Latest(worker, fx);
  private final List<String> done = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private final List<String> closed = new ArrayList<>();

  private void submit(String result) {
    latest.submit(p -> result, done::add, errors::add, closed::add);
  }

  @Test
  void aResultReachesTheWindowAndTheWorkStops() {
    submit("a");
    assertTrue(latest.isRunning());
    ManualExecutor.drain(worker, fx);
    assertEquals(List.of("a"), done);
    assertFalse(latest.isRunning());
    assertEquals(List.of(), closed);
  }

  @Test
  void theNewestRequestWinsAndAnOlderOneNeverStarts() {
    submit("first");
    submit("second");
    ManualExecutor.drain(worker, fx);
    assertEquals(List.of("second"), done, "the first was replaced before it ran");
    assertEquals(List.of(), closed, "it never ran, so there was nothing to close");
  }

  @Test
  void aResultThatArrivesTooLateGoesToTheCloser() {
    submit("old");
    worker.runNext(); // "old" computed; its delivery waits in the FX queue
    submit("new");
    ManualExecutor.drain(worker, fx);
    assertEquals(List.of("new"), done);
    assertEquals(List.of("old"), closed);
  }

  @Test
  void cancelForgetsTheRequestAndClosesItsLateResult() {
    submit("x");
    worker.runNext();
    latest.cancel();
    assertFalse(latest.isRunning());
    assertEquals("Cancelled", latest.messageProperty().get());
    fx.runAll();
    assertEquals(List.of(), done);
    assertEquals(List.of("x"), closed);
  }

  @Test
  void aJobThatSeesCancelStopsWithCancelled() {
    latest.<String>submit(p -> {
      latest.cancel(); // the user presses Cancel while the job runs
      if (p.isCancelled()) {
        throw new CancelledException();
      }
      return "never";
    }, done::add, errors::add, closed::add);
    ManualExecutor.drain(worker, fx);
    assertEquals(List.of(), done);
    assertEquals(List.of(), errors);
    assertEquals("Cancelled", latest.messageProperty().get());
  }

  @Test
  void anErrorReachesTheWindowAsOneLine() {
    latest.<String>submit(p -> {
      throw new IllegalStateException("no model loaded");
    }, done::add, errors::add);
    ManualExecutor.drain(worker, fx);
    assertEquals(1, errors.size());
    assertTrue(errors.get(0).contains("no model loaded"), errors.get(0));
    assertFalse(errors.get(0).contains("\n"), "no stack trace: " + errors.get(0));
    assertFalse(latest.isRunning());
  }

  @Test
  void anOlderErrorIsDropped() {
    latest.<String>submit(p -> {
      throw new IllegalStateException("old failure");
    }, done::add, errors::add);
    worker.runNext();
    submit("fine");
    ManualExecutor.drain(worker, fx);
    assertEquals(List.of(), errors);
    assertEquals(List.of("fine"), done);
  }

  @Test
  void progressIsForwardedInBatchesOnlyForTheNewest() {
    latest.<String>submit(p -> {
      p.report(0.25, "a quarter");
      p.report(0.5, "half");
      return "r";
    }, done::add, errors::add);
    worker.runNext();
    assertEquals(2, fx.queued(), "one progress batch for two reports, then the result");
    fx.runNext();
    assertEquals(0.5, latest.progressProperty().get());
    assertEquals("half", latest.messageProperty().get());
    fx.runAll();
    assertEquals(List.of("r"), done);
    assertEquals(0, latest.progressProperty().get());
  }
}
