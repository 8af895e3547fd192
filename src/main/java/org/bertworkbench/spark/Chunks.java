package org.bertworkbench.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A partition's lines run a chunk at a time: the next chunk is read and run only when the rows of
 * the one before have been taken, so a task holds one chunk's inputs and results, never its whole
 * partition's.
 */
final class Chunks {

  /** What runs one chunk. */
  @FunctionalInterface
  interface Run<I, O> {
    List<O> apply(List<I> chunk) throws Exception;
  }

  private Chunks() {}

  static <I, O> Iterator<O> map(Iterator<I> in, int size, Run<I, O> run) {
    return new Iterator<>() {
      private Iterator<O> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && in.hasNext()) {
          List<I> chunk = new ArrayList<>(size);
          while (chunk.size() < size && in.hasNext()) {
            chunk.add(in.next());
          }
          try {
            current = run.apply(chunk).iterator();
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
        }
        return current.hasNext();
      }

      @Override
      public O next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }
}
