package org.bertworkbench.core.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Items a worker thread reports and a window thread collects: the window drains every item since
 * its last visit (charts keep every point) and can read the newest one at any time. Adding never
 * blocks the worker.
 *
 * @param <T> an immutable item
 */
public final class Feed<T> {

  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicReference<T> newest = new AtomicReference<>();

  /** Called by the worker. */
  public void add(T item) {
    queue.add(item);
    newest.set(item);
  }

  /** Every item added since the previous call, oldest first. */
  public List<T> drain() {
    List<T> out = new ArrayList<>();
    T item;
    while ((item = queue.poll()) != null) {
      out.add(item);
    }
    return out;
  }

  /** The newest item added, or null before the first. */
  public T newest() {
    return newest.get();
  }
}
