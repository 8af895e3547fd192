package org.bertworkbench.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hewitt and Liang's control task: one fixed tag per word type, drawn from the train tag distribution. */
class ControlTaskTest {

  @Test
  void aWordTypeAlwaysGetsOneTagWhateverItsContextAndTheSameOnAnotherRun() {
    ControlTask c = new ControlTask(42, new int[] {5, 3, 2});
    ControlTask again = new ControlTask(42, new int[] {5, 3, 2});
    for (String w : List.of("run", "book", "light", "that", "The", "the", "never-seen-in-training")) {
      int t = c.tag(w);
      assertTrue(t >= 0 && t < 3);
      assertEquals(t, c.tag(new String(w.toCharArray())), w + ": a function of the form only");
      assertEquals(t, again.tag(w), w + ": a new task with the same seed and counts says the same");
    }
    // Pinned: the mapping must not change between versions, or probes stop being comparable.
    assertEquals(List.of(0, 0, 2, 2, 0), List.of("run", "book", "light", "that", "the").stream().map(c::tag).toList());
  }

  @Test
  void tagsFollowTheTrainDistributionAndAnotherSeedDrawsOthers() {
    int[] counts = {60, 30, 10, 0};
    ControlTask c = new ControlTask(1, counts);
    ControlTask other = new ControlTask(2, counts);
    int[] drawn = new int[4];
    int differ = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      String w = "w" + i;
      drawn[c.tag(w)]++;
      differ += c.tag(w) != other.tag(w) ? 1 : 0;
    }
    assertEquals(0, drawn[3], "a tag no train word has is never drawn");
    assertEquals(0.6, drawn[0] / (double) n, 0.02);
    assertEquals(0.3, drawn[1] / (double) n, 0.02);
    assertEquals(0.1, drawn[2] / (double) n, 0.02);
    // Two independent draws agree with probability 0.36 + 0.09 + 0.01 = 0.46.
    assertEquals(0.54, differ / (double) n, 0.02);
  }

  @Test
  void ofTakesTheCountsInTagOrderAndRefusesNoCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("VERB", 1);
    counts.put("NOUN", 3);
    ControlTask c = ControlTask.of(9, List.of("NOUN", "VERB", "ADJ"), counts);
    List<Integer> tags = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      tags.add(c.tag("x" + i));
    }
    assertEquals(0.75, tags.stream().filter(t -> t == 0).count() / 4000.0, 0.03);
    assertTrue(tags.stream().noneMatch(t -> t == 2));
    assertThrows(IllegalArgumentException.class, () -> new ControlTask(1, new int[] {0, 0}));
    assertNotEquals(new ControlTask(1, new int[] {1}).uniform("a"), new ControlTask(1, new int[] {1}).uniform("b"));
  }
}
