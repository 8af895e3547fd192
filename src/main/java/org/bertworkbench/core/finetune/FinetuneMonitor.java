package org.bertworkbench.core.finetune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The thread-safe bridge between a fine-tuning thread and a window: the run reports here; a timer
 * on the window thread, a few times a second, drains every step and every evaluation since its
 * last visit (charts keep every point) and reads the latest progress and status line.
 */
public final class FinetuneMonitor implements FinetuneListener {

  private final ConcurrentLinkedQueue<TrainStep> steps = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<DevEvaluation> evaluations = new ConcurrentLinkedQueue<>();
  private final AtomicReference<TrainStep> latest = new AtomicReference<>();
  private final AtomicReference<DevEvaluation> latestEvaluation = new AtomicReference<>();
  private final AtomicReference<String> message = new AtomicReference<>("");
  private final AtomicReference<Path> lastCheckpoint = new AtomicReference<>();

  @Override
  public void step(TrainStep step) {
    steps.add(step);
    latest.set(step);
  }

  @Override
  public void evaluation(DevEvaluation evaluation) {
    evaluations.add(evaluation);
    latestEvaluation.set(evaluation);
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
    return drain(steps);
  }

  /** Every dev evaluation reported since the previous call, oldest first. */
  public List<DevEvaluation> drainEvaluations() {
    return drain(evaluations);
  }

  /** The newest step (progress, ETA), or null before the first. */
  public TrainStep latest() {
    return latest.get();
  }

  /** The newest dev evaluation, or null before the first. */
  public DevEvaluation latestEvaluation() {
    return latestEvaluation.get();
  }

  /** The latest status line. */
  public String message() {
    return message.get();
  }

  /** The newest completed checkpoint folder, or null. */
  public Path lastCheckpoint() {
    return lastCheckpoint.get();
  }

  private static <T> List<T> drain(ConcurrentLinkedQueue<T> queue) {
    List<T> out = new ArrayList<>();
    T item;
    while ((item = queue.poll()) != null) {
      out.add(item);
    }
    return out;
  }
}
