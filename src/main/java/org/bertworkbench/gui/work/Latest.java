package org.bertworkbench.gui.work;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.bertworkbench.core.job.CancelledException;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.gui.text.Texts;

/**
 * One kind of a view's background work on its own thread, newest request wins: a new request
 * cancels the one before it, and only the newest one's result or error reaches the window (on the
 * FX thread); a result that arrives too late can be handed to a closer. Progress is forwarded to
 * properties in batches; the worker never touches the scene. Every view's long work goes through
 * this one class.
 */
public final class Latest {

  private static final Texts T = Texts.of(Latest.class);

  /**
   * Where every failed request is recorded, with its exception (at DEBUG, so that a user's console
   * stays quiet: the view shows the one-line message). Tests listen here for errors no view shows.
   */
  static final System.Logger LOG = System.getLogger(Latest.class.getName());

  /** The work, given a progress to report to and check for cancellation. */
  public interface Job<T> {
    T run(Progress progress) throws Exception;
  }

  private final ExecutorService executor;
  private final Executor deliver;
  private final DoubleProperty progress = new SimpleDoubleProperty(0);
  private final StringProperty message = new SimpleStringProperty("");
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
  private volatile Request current;

  /** Work on a daemon thread named {@code threadName}, results delivered on the FX thread. */
  public Latest(String threadName) {
    this(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    }), Platform::runLater);
  }

  /**
   * Work on {@code worker}, results, errors and progress handed to {@code deliver} (the window
   * passes {@code Platform::runLater}; a test without a window may pass queues it drains itself).
   */
  public Latest(ExecutorService worker, Executor deliver) {
    this.executor = worker;
    this.deliver = deliver;
  }

  /** Starts {@code job}; {@code onDone} or {@code onError} runs on the FX thread if still the newest. */
  public <T> void submit(Job<T> job, Consumer<T> onDone, Consumer<String> onError) {
    submit(job, onDone, onError, result -> {});
  }

  /**
   * As {@link #submit(Job, Consumer, Consumer)}; a result that arrives after its request was
   * cancelled or replaced goes to {@code onDropped} (on the FX thread), for results that hold
   * resources (a loaded model) and must be closed.
   */
  public <T> void submit(Job<T> job, Consumer<T> onDone, Consumer<String> onError, Consumer<T> onDropped) {
    Request previous = current;
    if (previous != null) {
      previous.cancelled = true;
    }
    Request request = new Request();
    current = request;
    running.set(true);
    progress.set(-1);
    message.set("");
    executor.submit(() -> {
      if (request.cancelled) {
        return;
      }
      try {
        T result = job.run(request);
        deliver.execute(() -> {
          boolean delivered = finish(request, () -> {
            message.set("");
            onDone.accept(result);
          });
          if (!delivered) {
            onDropped.accept(result);
          }
        });
      } catch (CancelledException e) {
        deliver.execute(() -> finish(request, () -> message.set(T.get("Latest.cancelled"))));
      } catch (Throwable e) {
        String text = Texts.failure(e);
        LOG.log(System.Logger.Level.DEBUG, Thread.currentThread().getName() + ": " + text, e);
        deliver.execute(() -> finish(request, () -> {
          message.set("");
          onError.accept(text);
        }));
      }
    });
  }

  /**
   * Runs {@code task} on this work's thread after everything submitted so far (a request in flight
   * is neither cancelled nor replaced): for freeing what earlier requests may still be using.
   */
  public void after(Runnable task) {
    executor.submit(task);
  }

  /** Asks the running request to stop at its next check; the view forgets it at once. */
  public void cancel() {
    Request r = current;
    if (r != null) {
      r.cancelled = true;
      current = null;
      running.set(false);
      progress.set(0);
      message.set(T.get("Latest.cancelled"));
    }
  }

  /** Runs {@code action} if {@code request} is still the newest; says whether it did. */
  private boolean finish(Request request, Runnable action) {
    if (request != current) {
      return false;
    }
    current = null;
    running.set(false);
    progress.set(0);
    action.run();
    return true;
  }

  public DoubleProperty progressProperty() {
    return progress;
  }

  public StringProperty messageProperty() {
    return message;
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  public boolean isRunning() {
    return running.get();
  }

  public void shutdown() {
    cancel();
    executor.shutdownNow();
  }

  /**
   * Forgets every request, runs {@code last} on this work's thread after what is in flight (closing
   * what the requests kept open), then ends the thread.
   */
  public void shutdownAfter(Runnable last) {
    cancel();
    executor.submit(last);
    executor.shutdown();
  }

  private final class Request implements Progress {
    volatile boolean cancelled;
    private volatile boolean pending;
    private volatile double fraction = -1;
    private volatile String text = "";

    @Override
    public void report(double f, org.bertworkbench.core.job.Message m) {
      report(f, m.in(org.bertworkbench.gui.text.Language.current().locale()));
    }

    @Override
    public void report(double f, String m) {
      fraction = f;
      text = m;
      if (!pending) {
        pending = true;
        deliver.execute(() -> {
          pending = false;
          if (this == current) {
            progress.set(fraction);
            message.set(text);
          }
        });
      }
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }
}
