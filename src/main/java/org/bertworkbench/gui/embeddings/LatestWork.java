package org.bertworkbench.gui.embeddings;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.bertworkbench.core.job.UserMessages;

/**
 * One kind of a view's further work (a map, a neighbour search) on its own background thread,
 * newest request wins: a request waiting behind a newer one is skipped, and only the newest
 * request's result reaches the FX thread.
 */
public final class LatestWork {

  private final ExecutorService executor;
  private final AtomicLong newest = new AtomicLong();
  private final AtomicInteger pending = new AtomicInteger();

  public LatestWork(String threadName) {
    executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code job} in the background; {@code onDone} / {@code onError} run on the FX thread if it is still the newest. */
  public <T> void submit(Callable<T> job, Consumer<T> onDone, Consumer<String> onError) {
    long id = newest.incrementAndGet();
    pending.incrementAndGet();
    executor.submit(() -> {
      if (newest.get() != id) {
        pending.decrementAndGet();
        return;
      }
      Runnable deliver;
      try {
        T result = job.call();
        deliver = () -> onDone.accept(result);
      } catch (Throwable e) {
        String text = UserMessages.of(e);
        deliver = () -> onError.accept(text);
      }
      Runnable d = deliver;
      Platform.runLater(() -> {
        try {
          if (newest.get() == id) {
            d.run();
          }
        } finally {
          pending.decrementAndGet();
        }
      });
    });
  }

  /** Forgets every request made so far: none of their results will be delivered. */
  public void cancel() {
    newest.incrementAndGet();
  }

  /** True while a request has not yet been delivered or skipped. */
  public boolean busy() {
    return pending.get() > 0;
  }
}
