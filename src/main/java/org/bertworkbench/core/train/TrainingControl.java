package org.bertworkbench.core.train;

import org.bertworkbench.core.job.Progress;

/**
 * Pause, resume and stop a run from another thread (a window's buttons). The trainer looks between
 * steps: a pause waits there; a stop ends the run after writing a checkpoint of the last step, so
 * that {@code --resume} can go on. Also a {@link Progress}: the latest status line is kept.
 */
public final class TrainingControl implements Progress {

  private boolean paused;
  private boolean holding;
  private volatile boolean stopped;
  private volatile String status = "";
  private volatile double fraction = -1;

  /** Asks the run to wait after the current step. */
  public synchronized void pause() {
    paused = true;
  }

  /** Lets a paused run go on. */
  public synchronized void resume() {
    paused = false;
    notifyAll();
  }

  /** Asks the run to stop after the current step (it writes a checkpoint first). */
  public synchronized void stop() {
    stopped = true;
    notifyAll();
  }

  public synchronized boolean isPaused() {
    return paused;
  }

  @Override
  public boolean isCancelled() {
    return stopped;
  }

  /** Blocks the training thread while paused; returns at once on resume or stop. */
  public synchronized void awaitIfPaused() throws InterruptedException {
    try {
      while (paused && !stopped) {
        holding = true;
        wait();
      }
    } finally {
      holding = false;
    }
  }

  /** True while the training thread waits here, paused: no step runs until a resume or a stop. */
  public synchronized boolean isHolding() {
    return holding;
  }

  /**
   * For the training thread between steps: waits while paused; an interrupt while waiting counts
   * as a stop.
   */
  public void waitWhilePaused() {
    try {
      awaitIfPaused();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
    }
  }

  @Override
  public void report(double fraction, String message) {
    this.fraction = fraction;
    this.status = message;
  }

  /** The latest status line. */
  public String status() {
    return status;
  }

  /** The latest fraction done, or negative when unknown. */
  public double fraction() {
    return fraction;
  }
}
