package org.bertworkbench.core.finetune;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bertworkbench.core.job.Feed;

/**
 * The thread-safe bridge between a fine-tuning thread and a window: the run reports here; a timer
 * on the window thread, a few times a second, drains every step and every evaluation since its
 * last visit (charts keep every point) and reads the latest progress and status line.
 */
public final class FinetuneMonitor implements FinetuneListener {

  private final Feed<TrainStep> steps = new Feed<>();
  private final Feed<DevEvaluation> evaluations = new Feed<>();
  private final AtomicReference<String> message = new AtomicReference<>("");
  private final AtomicReference<Path> lastCheckpoint = new AtomicReference<>();

  @Override
  public void step(TrainStep step) {
    steps.add(step);
  }

  @Override
  public void evaluation(DevEvaluation evaluation) {
    evaluations.add(evaluation);
  }

  @Override
  public void message(String text) {
    message.set(text);
  }

  @Override
  public void checkpoint(long step, Path dir) {
    lastCheckpoint.set(dir);
  }

  /** Every step reported since the previous call, oldest first. */
  public List<TrainStep> drainSteps() {
    return steps.drain();
  }

  /** Every dev evaluation reported since the previous call, oldest first. */
  public List<DevEvaluation> drainEvaluations() {
    return evaluations.drain();
  }

  /** The newest step (progress, ETA), or null before the first. */
  public TrainStep latest() {
    return steps.newest();
  }

  /** The newest dev evaluation, or null before the first. */
  public DevEvaluation latestEvaluation() {
    return evaluations.newest();
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
