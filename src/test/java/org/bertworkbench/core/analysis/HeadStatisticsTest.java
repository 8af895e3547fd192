package org.bertworkbench.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bertworkbench.core.analysis.HeadStatistics.Metric;
import org.bertworkbench.core.analysis.HeadStatistics.Row;
import org.junit.jupiter.api.Test;

/** Clark et al.'s statistics on attention matrices made by hand. */
class HeadStatisticsTest {

  static final double EPS = 1e-9;

  /** Input 1: [CLS] hi , [SEP] [PAD]; head 0 looks at the previous token, head 1 spreads evenly. */
  static final List<String> TOKENS_1 = List.of("[CLS]", "hi", ",", "[SEP]", "[PAD]");
  static final int[] MASK_1 = {1, 1, 1, 1, 0};
  static final float[][][][] ATTENTION_1 = {{
      {{1, 0, 0, 0, 0}, {1, 0, 0, 0, 0}, {0, 1, 0, 0, 0}, {0, 0, 1, 0, 0}, {0, 0, 0, 0, 1}},
      {{.25f, .25f, .25f, .25f, 0}, {.25f, .25f, .25f, .25f, 0}, {.25f, .25f, .25f, .25f, 0},
          {.25f, .25f, .25f, .25f, 0}, {0, 0, 0, 0, 1}}}};

  /** Input 2: [CLS] x [SEP]; head 0 looks at [SEP], head 1 at [CLS]. */
  static final List<String> TOKENS_2 = List.of("[CLS]", "x", "[SEP]");
  static final float[][][][] ATTENTION_2 = {{
      {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}},
      {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}}}};

  @Test
  void oneInputPaddingRowExcluded() {
    HeadStatistics.Accumulator acc = new HeadStatistics.Accumulator();
    acc.add(ATTENTION_1, TOKENS_1, MASK_1);
    HeadStatistics s = acc.result();
    assertEquals(4, s.tokens());
    Row prev = s.row(0, 0);
    assertEquals(0, prev.entropy(), EPS);
    assertEquals(2 / 4.0, prev.toCls(), EPS); // rows 0 and 1
    assertEquals(0, prev.toSep(), EPS);
    assertEquals(1 / 4.0, prev.toPunct(), EPS); // [SEP] -> ","
    assertEquals(1 / 4.0, prev.toSelf(), EPS); // [CLS] -> [CLS]
    assertEquals(1, prev.toPrev(), EPS); // rows 1, 2, 3 all to their previous token
    assertEquals(0, prev.toNext(), EPS);
    Row even = s.row(0, 1);
    assertEquals(Math.log(4), even.entropy(), 1e-6);
    for (Metric m : List.of(Metric.TO_CLS, Metric.TO_SEP, Metric.TO_PUNCT, Metric.TO_SELF, Metric.TO_PREV,
        Metric.TO_NEXT)) {
      assertEquals(0.25, even.value(m), 1e-7, m.key());
    }
  }

  @Test
  void pooledOverInputsEveryTokenCountsOnce() {
    HeadStatistics.Accumulator acc = new HeadStatistics.Accumulator();
    acc.add(ATTENTION_1, TOKENS_1, MASK_1);
    acc.add(ATTENTION_2, TOKENS_2, null);
    HeadStatistics s = acc.result();
    assertEquals(2, s.inputs());
    assertEquals(7, s.tokens());
    double[][] toSep = s.of(Metric.TO_SEP);
    assertEquals(3 / 7.0, toSep[0][0], EPS);
    assertEquals(2 / 7.0, s.of(Metric.TO_SELF)[0][0], EPS); // [CLS] -> [CLS] in 1, [SEP] -> [SEP] in 2
    assertEquals(2 / 7.0, s.of(Metric.TO_CLS)[0][0], EPS);
    // previous: 3 of 3 in input 1, 0 of 2 in input 2; next: 0 of 3, then x -> [SEP] 1 of 2
    assertEquals(3 / 5.0, s.of(Metric.TO_PREV)[0][0], EPS);
    assertEquals(1 / 5.0, s.of(Metric.TO_NEXT)[0][0], EPS);
    assertEquals(4 * Math.log(4) / 7, s.of(Metric.ENTROPY)[0][1], 1e-6);
    assertEquals((1 + 3) / 7.0, s.of(Metric.TO_CLS)[0][1], 1e-7);
  }

  @Test
  void rowsSortByAnyMetric() {
    HeadStatistics s = HeadStatistics.of(ATTENTION_2, TOKENS_2);
    List<Row> rows = s.rows();
    assertEquals(2, rows.size());
    Row top = rows.stream().max(Row.by(Metric.TO_CLS)).orElseThrow();
    assertEquals(1, top.head());
    assertEquals(1.0, top.toCls(), EPS);
    assertEquals(List.of("entropy", "to_cls", "to_sep", "to_punct", "to_self", "to_prev", "to_next"),
        s.values().keySet().stream().map(Metric::key).toList());
  }

  @Test
  void punctuationIsWhatTheTokenizerSplitsOff() {
    for (String p : List.of(".", ",", "!", "?", "'", "\"", "(", "-", "\u2014", "\u00bf", "$")) {
      assertTrue(HeadStatistics.isPunctuation(p), p);
    }
    for (String w : List.of("a", "##s", "[SEP]", "[CLS]", "3", "")) {
      assertFalse(HeadStatistics.isPunctuation(w), w);
    }
  }
}
