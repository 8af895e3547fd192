package org.bertworkbench.core.pretrain;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.bertworkbench.core.job.Feed;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.RunStatus;

/**
 * The thread-safe bridge between a training thread and a window: the trainer reports every step
 * here; a timer on the window thread, a few times a second, takes {@link #latest()} (the newest
 * batch, guesses and counters) and {@link #drainMetrics()} (every step's figures since the last
 * drain, so charts keep every point). Nothing here blocks the trainer for long.
 */
public final class PretrainMonitor extends RunStatus implements PretrainListener {

  private final AtomicReference<StepReport> latest = new AtomicReference<>();
  private final Feed<StepMetrics> metrics = new Feed<>();
  private final AtomicReference<Message> said = new AtomicReference<>();

  @Override
  public void step(StepReport report) {
    metrics.add(report.metrics());
    latest.set(report);
  }

  /** Keeps the status line to say it in the window's language ({@link #message(Locale)}). */
  @Override
  public void message(Message text) {
    super.message(text.english());
    said.set(text);
  }

  /** A status line in words that are not ours to translate. */
  @Override
  public void message(String text) {
    said.set(null);
    super.message(text);
  }

  /** The latest status line in {@code locale}'s language; "" before the first. */
  public String message(Locale locale) {
    Message m = said.get();
    return m == null ? message() : m.in(locale);
  }

  /** The newest step's report, or null before the first step. */
  public StepReport latest() {
    return latest.get();
  }

  /** Every step's metrics reported since the previous call, oldest first. */
  public List<StepMetrics> drainMetrics() {
    return metrics.drain();
  }
}
