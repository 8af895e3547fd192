package org.bertworkbench.core.pretrain;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bertworkbench.core.job.Feed;

/**
 * The thread-safe bridge between a training thread and a window: the trainer reports every step
 * here; a timer on the window thread, a few times a second, takes {@link #latest()} (the newest
 * batch, guesses and counters) and {@link #drainMetrics()} (every step's figures since the last
 * drain, so charts keep every point). Nothing here blocks the trainer for long.
 */
public final class PretrainMonitor implements PretrainListener {

  private final AtomicReference<StepReport> latest = new AtomicReference<>();
  private final Feed<StepMetrics> metrics = new Feed<>();
  private final AtomicReference<String> message = new AtomicReference<>("");
  private final AtomicReference<Path> lastCheckpoint = new AtomicReference<>();

  @Override
  public void step(StepReport report) {
    metrics.add(report.metrics());
    latest.set(report);
  }

  @Override
  public void message(String text) {
    message.set(text);
  }

  @Override
  public void checkpoint(long step, Path dir) {
    lastCheckpoint.set(dir);
  }

  /** The newest step's report, or null before the first step. */
  public StepReport latest() {
    return latest.get();
  }

  /** Every step's metrics reported since the previous call, oldest first. */
  public List<StepMetrics> drainMetrics() {
    return metrics.drain();
  }

  /** The latest status line. */
  public String message() {
    return message.get();
  }

  /** The newest completed checkpoint folder, or null. */
  public Path lastCheckpoint() {
    return lastCheckpoint.get();
  }
}
