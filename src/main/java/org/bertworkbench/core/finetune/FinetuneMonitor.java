package org.bertworkbench.core.finetune;

import java.util.List;
import java.util.Locale;
import org.bertworkbench.core.job.Feed;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.RunStatus;

/**
 * The thread-safe bridge between a fine-tuning thread and a window: the run reports here; a timer
 * on the window thread, a few times a second, drains every step and every evaluation since its
 * last visit (charts keep every point) and reads the latest progress and status line.
 */
public final class FinetuneMonitor extends RunStatus implements FinetuneListener {

  private final Feed<TrainStepMetrics> steps = new Feed<>();
  private final Feed<DevEvaluation> evaluations = new Feed<>();
  private volatile Message said;

  @Override
  public void message(String text) {
    said = null;
    super.message(text);
  }

  @Override
  public void message(Message text) {
    said = text;
    super.message(text.english());
  }

  /** The latest status line in {@code locale}'s language (as it came when it was told as text). */
  public String message(Locale locale) {
    Message m = said;
    String text = message();
    return m != null && m.english().equals(text) ? m.in(locale) : text;
  }

  @Override
  public void step(TrainStepMetrics step) {
    steps.add(step);
  }

  @Override
  public void evaluation(DevEvaluation evaluation) {
    evaluations.add(evaluation);
  }

  /** Every step reported since the previous call, oldest first. */
  public List<TrainStepMetrics> drainSteps() {
    return steps.drain();
  }

  /** Every dev evaluation reported since the previous call, oldest first. */
  public List<DevEvaluation> drainEvaluations() {
    return evaluations.drain();
  }

  /** The newest step (progress, ETA), or null before the first. */
  public TrainStepMetrics latest() {
    return steps.newest();
  }

  /** The newest dev evaluation, or null before the first. */
  public DevEvaluation latestEvaluation() {
    return evaluations.newest();
  }
}
