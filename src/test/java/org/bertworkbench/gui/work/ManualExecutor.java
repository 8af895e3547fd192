package org.bertworkbench.gui.work;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An executor that only queues: a test runs the queued tasks itself, one by one or all, on its own
 * thread, so background work and its delivery happen in an order the test chooses (no timing).
 */
public final class ManualExecutor extends AbstractExecutorService {

  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private boolean shutdown;

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
  }

  /** Runs the oldest queued task; says whether there was one. */
  public boolean runNext() {
    Runnable task = tasks.poll();
    if (task == null) {
      return false;
    }
    task.run();
    return true;
  }

  /** Runs queued tasks (and those they queue) until none is left; says how many ran. */
  public int runAll() {
    int n = 0;
    while (runNext()) {
      n++;
    }
    return n;
  }

  public int queued() {
    return tasks.size();
  }

  /** A worker and a delivery queue as a test window would have them: run both until both are empty. */
  public static void drain(ManualExecutor worker, ManualExecutor deliver) {
    while (worker.runAll() + deliver.runAll() > 0) {
      // keep going: a delivered result may submit new work
    }
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> left = List.copyOf(tasks);
    tasks.clear();
    return left;
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown && tasks.isEmpty();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }
}
