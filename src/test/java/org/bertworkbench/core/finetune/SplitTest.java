package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bertworkbench.core.job.Message;
import org.junit.jupiter.api.Test;

/** The seeded train/dev split: deterministic, stratified, disjoint, file order kept. */
class SplitTest {

  private static Dataset classification(int a, int b, int c) {
    List<Example> ex = new ArrayList<>();
    int line = 2;
    for (int[] spec : new int[][] {{a, 'a'}, {b, 'b'}, {c, 'c'}}) {
      for (int i = 0; i < spec[0]; i++) {
        ex.add(new TextExample(line++, "text " + line, null, String.valueOf((char) spec[1]), null));
      }
    }
    ex.sort((x, y) -> Integer.compare(x.line() % 7, y.line() % 7)); // interleave labels
    return new Dataset(TaskKind.CLASSIFY, Path.of("d.tsv"), ex, List.of("a", "b", "c"),
        List.of(new BadRow(1, Message.verbatim("x"))));
  }

  private static List<Integer> lines(Dataset d) {
    return d.examples().stream().map(Example::line).toList();
  }

  @Test
  void stratifiedAndDisjoint() {
    Dataset d = classification(10, 5, 1);
    Split s = Split.of(d, 0.2, 42);
    assertEquals(java.util.Map.of("a", 2, "b", 1, "c", 0), s.dev().classBalance());
    assertEquals(java.util.Map.of("a", 8, "b", 4, "c", 1), s.train().classBalance());
    Set<Integer> all = new HashSet<>(lines(s.train()));
    all.addAll(lines(s.dev()));
    assertEquals(16, all.size());
    assertEquals(List.of(new BadRow(1, Message.verbatim("x"))), s.train().badRows());
    assertTrue(s.dev().badRows().isEmpty());
    assertEquals(d.labels(), s.dev().labels());
  }

  @Test
  void keepsFileOrder() {
    Dataset d = classification(30, 30, 30);
    Split s = Split.of(d, 0.3, 1);
    List<Integer> order = lines(d);
    for (Dataset part : List.of(s.train(), s.dev())) {
      List<Integer> l = lines(part);
      for (int i = 1; i < l.size(); i++) {
        assertTrue(order.indexOf(l.get(i - 1)) < order.indexOf(l.get(i)));
      }
    }
  }

  @Test
  void deterministicPerSeed() {
    Dataset d = classification(40, 40, 40);
    assertEquals(lines(Split.of(d, 0.25, 7).dev()), lines(Split.of(d, 0.25, 7).dev()));
    assertNotEquals(lines(Split.of(d, 0.25, 7).dev()), lines(Split.of(d, 0.25, 8).dev()));
    // pinned: Random and Collections.shuffle are specified, so this holds on every JVM
    assertEquals(List.of(35, 77, 112, 22, 29), lines(Split.of(d, 0.25, 7).dev()).subList(0, 5));
  }

  @Test
  void questionsOnOneParagraphStayTogether() {
    List<Example> ex = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String ctx = "paragraph " + (i / 4) + " about Bob.";
      ex.add(new QaExample(i + 1, "q" + i, "Who?", ctx, List.of(new QaAnswer("Bob", ctx.indexOf("Bob")))));
    }
    Dataset d = new Dataset(TaskKind.QA, Path.of("q.json"), ex, List.of(), List.of());
    Split s = Split.of(d, 0.2, 3);
    assertEquals(8, s.dev().examples().size());
    Set<String> devContexts = new HashSet<>();
    s.dev().examples().forEach(e -> devContexts.add(((QaExample) e).context()));
    s.train().examples().forEach(e -> assertTrue(!devContexts.contains(((QaExample) e).context())));
  }

  @Test
  void tagging() {
    List<Example> ex = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ex.add(new TagExample(i * 3 + 1, List.of("w"), List.of("O")));
    }
    Split s = Split.of(new Dataset(TaskKind.TAG, Path.of("t.conll"), ex, List.of("O"), List.of()), 0.1, 5);
    assertEquals(5, s.dev().examples().size());
    assertEquals(45, s.train().examples().size());
  }

  @Test
  void refusals() {
    Dataset d = classification(3, 3, 0);
    assertThrows(IllegalArgumentException.class, () -> Split.of(d, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> Split.of(d, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> Split.of(classification(1, 0, 0), 0.5, 1));
    assertThrows(IllegalArgumentException.class, () -> Split.of(classification(1, 1, 1), 0.5, 1),
        "no label has two examples");
  }
}
