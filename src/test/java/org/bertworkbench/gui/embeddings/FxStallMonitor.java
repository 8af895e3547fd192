package org.bertworkbench.gui.embeddings;

import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Measures how long the FX thread is blocked: every 5 ms a background thread posts a tiny task
 * and records how late it ran. The largest delay bounds the longest FX-thread task (plus noise
 * from garbage collection and the scheduler on a busy machine).
 */
public final class FxStallMonitor implements AutoCloseable {

  private final AtomicLong maxNanos = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  public FxStallMonitor() {
    thread = new Thread(() -> {
      while (running) {
        long posted = System.nanoTime();
        Platform.runLater(() -> maxNanos.accumulateAndGet(System.nanoTime() - posted, Math::max));
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "fx-stall-monitor");
    thread.setDaemon(true);
    thread.start();
  }

  /** The longest delay seen so far, in milliseconds. */
  public double maxMillis() {
    return maxNanos.get() / 1e6;
  }

  public void reset() {
    maxNanos.set(0);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
