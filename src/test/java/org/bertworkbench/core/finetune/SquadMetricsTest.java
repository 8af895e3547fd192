package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SQuAD v1.1 exact match and F1, against hand-computed values and the official script's edge cases. */
class SquadMetricsTest {

  @Test
  void normalisation() {
    assertEquals("quick brown fox", SquadMetrics.normalize("The Quick, brown  fox!"));
    assertEquals("theory of anthem", SquadMetrics.normalize("the theory of an anthem"), "articles only as words");
    assertEquals("", SquadMetrics.normalize("  A  an THE  "));
    assertEquals("us", SquadMetrics.normalize("U.S."));
    assertEquals("dont", SquadMetrics.normalize("don't"));
    assertEquals("stateoftheart", SquadMetrics.normalize("state-of-the-art"),
        "punctuation goes before articles, so this 'the' is no longer a word");
    assertEquals("“quoted” café", SquadMetrics.normalize("“Quoted” Café"), "only ASCII punctuation is removed");
    assertEquals("eiffel tower", SquadMetrics.normalize("Eiffel\u00a0\tTower\n"), "str.split() whitespace");
    assertEquals("1 2 3", SquadMetrics.normalize("1, 2, a 3."));
  }

  @Test
  void exactMatchAndF1() {
    assertEquals(1, SquadMetrics.exactMatch("the Eiffel Tower", "Eiffel Tower."));
    assertEquals(0, SquadMetrics.exactMatch("Eiffel Tower in Paris", "the Eiffel Tower"));
    assertEquals(2.0 / 3, SquadMetrics.f1("Eiffel Tower in Paris", "the Eiffel Tower"), 1e-12);
    // bag of words: "x x y" vs "x y y" share one x and one y: p = r = 2/3
    assertEquals(2.0 / 3, SquadMetrics.f1("x x y", "x y y"), 1e-12);
    assertEquals(0, SquadMetrics.f1("Denver", "Carolina Panthers"));
  }

  @Test
  void v11EdgeCaseAnswersThatNormaliseToNothing() {
    assertEquals(1, SquadMetrics.exactMatch("the", ""));
    assertEquals(0, SquadMetrics.f1("the", ""), "v1.1 gives F1 0 when no word is shared, even both empty");
    assertEquals(0, SquadMetrics.f1("", "Broncos"));
  }

  @Test
  void bestGoldAnswerAndMeans() {
    List<String> golds = List.of("Denver Broncos", "The Denver Broncos", "Broncos");
    assertEquals(1, SquadMetrics.maxExactMatch("Broncos", golds));
    assertEquals(1, SquadMetrics.maxF1("broncos!", golds));
    // pred "Denver" vs "Denver Broncos": p 1, r 1/2, f1 2/3 (best of 2/3, 2/3, 0)
    assertEquals(2.0 / 3, SquadMetrics.maxF1("Denver", golds), 1e-12);
    SquadMetrics m = SquadMetrics.of(List.of("Broncos", "Denver", "Santa Clara"),
        List.of(golds, golds, List.of("Levi's Stadium")));
    assertEquals(1.0 / 3, m.exactMatch(), 1e-12);
    assertEquals((1 + 2.0 / 3 + 0) / 3, m.f1(), 1e-12);
    assertEquals(3, m.examples());
  }
}
