package org.bertworkbench.gui.work;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@link Latest} for work that needs no closer (a map, a neighbour search, a file preview): newest
 * request wins, only its result reaches the FX thread. Most of it reports no progress; work over a
 * file can ({@link #submitReporting}), read from {@link #latest()}'s properties.
 */
public final class LatestWork {

  private final Latest latest;

  public LatestWork(String threadName) {
    latest = new Latest(threadName);
  }

  /** Over {@code latest} (a test passes one whose executors it runs itself). */
  public LatestWork(Latest latest) {
    this.latest = latest;
  }

  /** Runs {@code job} in the background; {@code onDone} / {@code onError} run on the FX thread if it is still the newest. */
  public <T> void submit(Callable<T> job, Consumer<T> onDone, Consumer<String> onError) {
    latest.submit(progress -> job.call(), onDone, onError);
  }

  /** As {@link #submit}, for work that reports its progress to the {@link Latest} it runs on. */
  public <T> void submitReporting(Latest.Job<T> job, Consumer<T> onDone, Consumer<String> onError) {
    latest.submit(job, onDone, onError);
  }

  /** The runner underneath: its progress, message and running properties. */
  public Latest latest() {
    return latest;
  }

  /** Forgets every request made so far: none of their results will be delivered. */
  public void cancel() {
    latest.cancel();
  }

  /** True while the newest request has not yet been delivered. */
  public boolean busy() {
    return latest.isRunning();
  }
}
