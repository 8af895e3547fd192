package org.bertworkbench.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FeedTest {

  @Test
  void drainsEveryItemOnceInOrderWhileTheWorkerKeepsAdding() throws Exception {
    Feed<Integer> feed = new Feed<>();
    assertNull(feed.newest());
    Thread worker = new Thread(() -> IntStream.range(0, 100_000).forEach(feed::add));
    worker.start();
    List<Integer> seen = new ArrayList<>();
    while (worker.isAlive()) {
      seen.addAll(feed.drain());
    }
    worker.join();
    seen.addAll(feed.drain());
    assertEquals(IntStream.range(0, 100_000).boxed().toList(), seen);
    assertEquals(99_999, feed.newest());
    assertEquals(List.of(), feed.drain());
  }
}
