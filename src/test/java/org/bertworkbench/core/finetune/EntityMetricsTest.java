package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bertworkbench.core.finetune.EntityMetrics.Span;
import org.junit.jupiter.api.Test;

/** Entity spans read as conlleval reads them, and entity-level scores on hand-computed cases. */
class EntityMetricsTest {

  private static List<Span> spans(String tags) {
    return EntityMetrics.spans(List.of(tags.split(" ")));
  }

  @Test
  void bioSpans() {
    assertEquals(List.of(new Span("PER", 0, 2), new Span("LOC", 3, 4)), spans("B-PER I-PER O B-LOC"));
    assertEquals(List.of(new Span("PER", 0, 1), new Span("PER", 1, 2)), spans("B-PER B-PER"));
  }

  @Test
  void conllevalStartsAnEntityAtIAfterOOrAnotherType() {
    assertEquals(List.of(new Span("PER", 1, 3)), spans("O I-PER I-PER O"));
    assertEquals(List.of(new Span("PER", 0, 1), new Span("LOC", 1, 2)), spans("B-PER I-LOC"));
    assertEquals(List.of(new Span("ORG", 0, 2)), spans("I-ORG I-ORG"), "IOB1 as CoNLL-2003 wrote it");
  }

  @Test
  void iobesAndPlainTags() {
    assertEquals(List.of(new Span("LOC", 0, 1), new Span("PER", 1, 3)), spans("S-LOC B-PER E-PER O"));
    assertEquals(List.of(), spans("NN VBZ DT NN"));
  }

  @Test
  void scores() {
    List<List<String>> gold = List.of(
        List.of("B-PER", "I-PER", "O", "B-LOC"),
        List.of("B-ORG", "I-ORG", "I-ORG"));
    List<List<String>> pred = List.of(
        List.of("B-PER", "I-PER", "O", "B-ORG"),   // PER right, LOC missed, ORG spurious
        List.of("B-ORG", "I-ORG", "O"));           // ORG with the wrong end
    EntityMetrics m = EntityMetrics.of(gold, pred);
    assertEquals(3, m.goldEntities());
    assertEquals(3, m.predictedEntities());
    assertEquals(1, m.correctEntities());
    assertEquals(1.0 / 3, m.precision(), 1e-12);
    assertEquals(1.0 / 3, m.recall(), 1e-12);
    assertEquals(1.0 / 3, m.f1(), 1e-12);
    assertEquals(5.0 / 7, m.tokenAccuracy(), 1e-12);
    assertEquals(new EntityMetrics.TypeScore(1, 1, 1, 1, 1, 1), m.perType().get("PER"));
    assertEquals(new EntityMetrics.TypeScore(0, 0, 0, 1, 0, 0), m.perType().get("LOC"));
    assertEquals(new EntityMetrics.TypeScore(0, 0, 0, 1, 2, 0), m.perType().get("ORG"));
    assertEquals(List.of("LOC", "ORG", "PER"), List.copyOf(m.perType().keySet()));
  }

  @Test
  void sloppyPredictionsAreScoredAsConllevalWould() {
    // gold B-PER I-PER; predicted "I-PER I-PER" is the same entity under conlleval's reading
    EntityMetrics m = EntityMetrics.of(List.of(List.of("B-PER", "I-PER")), List.of(List.of("I-PER", "I-PER")));
    assertEquals(1, m.f1(), 1e-12);
    assertEquals(0.5, m.tokenAccuracy(), 1e-12);
  }

  @Test
  void nothingPredicted() {
    EntityMetrics m = EntityMetrics.of(List.of(List.of("B-PER")), List.of(List.of("O")));
    assertEquals(0, m.precision());
    assertEquals(0, m.recall());
    assertEquals(0, m.f1());
  }
}
