package org.bertworkbench.gui.work;

import org.bertworkbench.core.train.TrainingControl;
import org.bertworkbench.gui.text.Texts;

/**
 * One training run (pretraining, fine-tuning) on its own thread: it reports to a monitor that the
 * window's timer drains, and obeys a {@link TrainingControl} (pause, resume, stop). The thread
 * never touches the scene; how the run ended is read by the timer from {@link #outcome()} once
 * {@link #done()}. Unlike {@link Latest}, a new request does not replace a run: a run is stopped
 * only when asked.
 *
 * @param <M> the monitor the run reports to
 * @param <R> what the run returns
 */
public final class TrainingJob<M, R> {

  private static final Texts T = Texts.of(TrainingJob.class);

  /** The run: reports to {@code monitor}, obeys {@code control}, returns its result. */
  @FunctionalInterface
  public interface Work<M, R> {
    R run(M monitor, TrainingControl control) throws Exception;
  }

  /** How a finished run is told to the user. */
  @FunctionalInterface
  public interface Outcome<R> {
    String describe(R result);
  }

  private final M monitor;
  private final TrainingControl control = new TrainingControl();
  private final Thread thread;
  private volatile R result;
  private volatile String outcome;
  private volatile boolean failed;

  /**
   * @param threadName the worker thread's name
   * @param monitor what the run reports to
   * @param work the run
   * @param outcome the line for a run that returned (a failure reads "The run failed: why")
   */
  public TrainingJob(String threadName, M monitor, Work<M, R> work, Outcome<R> outcome) {
    this.monitor = monitor;
    thread = new Thread(() -> {
      try {
        R r = work.run(monitor, control);
        result = r;
        this.outcome = outcome.describe(r);
      } catch (Throwable e) {
        failed = true;
        this.outcome = T.format("TrainingJob.failed", Texts.failure(e));
      }
    }, threadName);
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  public M monitor() {
    return monitor;
  }

  public TrainingControl control() {
    return control;
  }

  /** True once the thread has ended (the outcome is then set). */
  public boolean done() {
    return outcome != null && !thread.isAlive();
  }

  /** How the run ended, or null while it runs. */
  public String outcome() {
    return outcome;
  }

  /** True when the run ended with an error. */
  public boolean failed() {
    return failed;
  }

  /** What the run returned, or null while it runs or when it failed. */
  public R result() {
    return result;
  }

  /** Asks the run to stop and waits for it at most {@code millis} (window closing, tests). */
  public void stopAndWait(long millis) {
    control.stop();
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
