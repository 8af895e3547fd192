package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Accuracy, per-class scores, macro-F1 and the confusion matrix on a hand-computed case. */
class ClassificationMetricsTest {

  // gold a a a b b c, predicted a a b b c c
  private static final List<String> GOLD = List.of("a", "a", "a", "b", "b", "c");
  private static final List<String> PRED = List.of("a", "a", "b", "b", "c", "c");

  @Test
  void handComputed() {
    ClassificationMetrics m = ClassificationMetrics.ofNames(List.of("a", "b", "c"), GOLD, PRED);
    assertEquals(4.0 / 6, m.accuracy(), 1e-12);
    assertArrayEquals(new int[] {2, 1, 0}, m.confusion()[0]);
    assertArrayEquals(new int[] {0, 1, 1}, m.confusion()[1]);
    assertArrayEquals(new int[] {0, 0, 1}, m.confusion()[2]);
    // a: p 2/2, r 2/3, f1 0.8; b: p 1/2, r 1/2, f1 0.5; c: p 1/2, r 1, f1 2/3
    assertScore(m.perClass().get(0), "a", 1, 2.0 / 3, 0.8, 3);
    assertScore(m.perClass().get(1), "b", 0.5, 0.5, 0.5, 2);
    assertScore(m.perClass().get(2), "c", 0.5, 1, 2.0 / 3, 1);
    assertEquals((0.8 + 0.5 + 2.0 / 3) / 3, m.macroF1(), 1e-12);
    assertEquals(6, m.examples());
  }

  @Test
  void aLabelThatOccursNowhereLeavesMacroF1Alone() {
    ClassificationMetrics m = ClassificationMetrics.ofNames(List.of("a", "b", "c", "d"), GOLD, PRED);
    assertEquals((0.8 + 0.5 + 2.0 / 3) / 3, m.macroF1(), 1e-12);
    assertScore(m.perClass().get(3), "d", 0, 0, 0, 0);
  }

  @Test
  void aClassNeverPredictedHasPrecisionZero() {
    ClassificationMetrics m = ClassificationMetrics.of(List.of("x", "y"), new int[] {0, 1, 1}, new int[] {0, 0, 0});
    assertScore(m.perClass().get(1), "y", 0, 0, 0, 2);
    // x: p 1/3, r 1, f1 0.5; y counts (it is in gold): macro (0.5 + 0) / 2
    assertEquals(0.25, m.macroF1(), 1e-12);
  }

  @Test
  void refusesMismatchedOrUnknown() {
    assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.of(List.of("a"), new int[1], new int[2]));
    assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.ofNames(List.of("a"), List.of("a"),
        List.of("z")));
  }

  private static void assertScore(ClassificationMetrics.ClassScore s, String label, double p, double r, double f1,
      int support) {
    assertEquals(label, s.label());
    assertEquals(p, s.precision(), 1e-12, label + " precision");
    assertEquals(r, s.recall(), 1e-12, label + " recall");
    assertEquals(f1, s.f1(), 1e-12, label + " f1");
    assertEquals(support, s.support(), label + " support");
  }
}
