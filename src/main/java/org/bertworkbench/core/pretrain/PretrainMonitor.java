package org.bertworkbench.core.pretrain;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bertworkbench.core.job.Feed;
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

  @Override
  public void step(StepReport report) {
    metrics.add(report.metrics());
    latest.set(report);
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
