package org.bertworkbench.gui.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bertworkbench.core.job.Feed;
import org.junit.jupiter.api.Test;

/**
 * The one runner of the window's training runs, with a toy run that counts steps into a
 * {@link Feed}: pause holds it between steps, resume goes on, stop ends it with its outcome, a
 * failure reads as one line. No window, no sleeps: every wait is on the job's own state.
 */
class TrainingJobTest {

  /** Steps until stopped, reporting each to the feed and holding between steps while paused. */
  static TrainingJob<Feed<Long>, Long> counting() {
    return new TrainingJob<>("test-run", new Feed<>(), (feed, control) -> {
      long step = 0;
      while (true) {
        control.waitWhilePaused();
        if (control.isCancelled()) {
          return step;
        }
        feed.add(++step);
      }
    }, steps -> "Stopped after step " + steps);
  }

  static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited 30 s for " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  @Test
  void pauseHoldsTheRunResumeGoesOnStopEndsIt() throws Exception {
    TrainingJob<Feed<Long>, Long> job = counting();
    assertFalse(job.done());
    assertNull(job.outcome());
    job.start();
    waitFor("a first step", () -> job.monitor().newest() != null);

    job.control().pause();
    waitFor("the run to hold", () -> job.control().isHolding());
    long pausedAt = job.monitor().newest();
    List<Long> drained = new ArrayList<>(job.monitor().drain());
    assertEquals(pausedAt, drained.get(drained.size() - 1));
    assertTrue(job.control().isHolding(), "still holding");
    assertEquals(pausedAt, job.monitor().newest(), "no step while paused");
    assertTrue(job.monitor().drain().isEmpty(), "no step while paused");
    assertFalse(job.done());

    job.control().resume();
    waitFor("steps after resuming", () -> job.monitor().newest() >= pausedAt + 3);
    assertFalse(job.control().isHolding());

    job.stopAndWait(30_000);
    assertTrue(job.done());
    assertFalse(job.failed());
    long last = job.result();
    assertEquals("Stopped after step " + last, job.outcome());
    drained.addAll(job.monitor().drain());
    assertEquals(last, drained.size(), "every step reached the feed, once");
    assertEquals(last, drained.get(drained.size() - 1));
  }

  @Test
  void aFailureIsOneLineAndNoResult() throws Exception {
    TrainingJob<Feed<Long>, Long> job = new TrainingJob<>("test-fail", new Feed<>(), (feed, control) -> {
      throw new IllegalArgumentException("the corpus is empty");
    }, steps -> "never");
    job.start();
    job.stopAndWait(30_000);
    assertTrue(job.done());
    assertTrue(job.failed());
    assertNull(job.result());
    assertEquals("The run failed: the corpus is empty", job.outcome());
  }
}
