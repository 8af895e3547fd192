package org.bertworkbench.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Vocab;
import org.junit.jupiter.api.Test;

/** Two models on the same tokens: the difference map, and clear refusals. */
class AttentionComparisonTest {

  @Test
  void differenceOfTwoTinyModelsIsHeadByHead() {
    try (BertForPreTraining a = BertForPreTraining.random(TinyModelTest.TINY, Device.cpu(), 7);
        BertForPreTraining b = BertForPreTraining.random(TinyModelTest.TINY, Device.cpu(), 8)) {
      AttentionCapture ca = AttentionCapture.of(a, TinyModelTest.encoding(), ForwardOptions.INFERENCE);
      AttentionCapture cb = AttentionCapture.of(b, TinyModelTest.encoding(), ForwardOptions.INFERENCE);
      AttentionComparison same = AttentionComparison.of(ca, ca);
      AttentionComparison diff = AttentionComparison.of(ca, cb);
      float sumAbs = 0;
      for (int l = 0; l < 2; l++) {
        for (int h = 0; h < 4; h++) {
          for (int i = 0; i < ca.length(); i++) {
            for (int j = 0; j < ca.length(); j++) {
              assertEquals(0f, same.difference()[l][h][i][j]);
              assertEquals(cb.attentions()[l][h][i][j] - ca.attentions()[l][h][i][j], diff.difference()[l][h][i][j]);
              sumAbs += Math.abs(diff.difference()[l][h][i][j]);
            }
          }
        }
      }
      assertTrue(sumAbs > 0);
    }
  }

  @Test
  void modelsOfAnotherShapeOrOtherTokensAreRefused() {
    try (BertForPreTraining a = BertForPreTraining.random(TinyModelTest.TINY, Device.cpu(), 7);
        BertForPreTraining wide = BertForPreTraining.random(BertConfig.of(50, 32, 2, 2, 64, 40, 2), Device.cpu(), 7)) {
      AttentionCapture ca = AttentionCapture.of(a, TinyModelTest.encoding(), ForwardOptions.INFERENCE);
      AttentionCapture cw = AttentionCapture.of(wide, TinyModelTest.encoding(), ForwardOptions.INFERENCE);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttentionComparison.of(ca, cw));
      assertTrue(e.getMessage().contains("2 layers x 4 heads vs 2 x 2"), e.getMessage());
      // Aggregated maps still compare.
      AttentionComparison.difference(Aggregations.meanOverHeads(ca.attentions()[1]),
          Aggregations.meanOverHeads(cw.attentions()[1]));
    }
  }

  @Test
  void differentVocabulariesAreRefusedSayingWhere() {
    Vocab a = Vocab.of(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "cat"));
    Vocab b = Vocab.of(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "Cat"));
    AttentionComparison.requireSameVocabulary(a, Vocab.of(a.tokens()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AttentionComparison.requireSameVocabulary(a, b));
    assertEquals("the two models have different vocabularies (id 5 is \"cat\" in one and \"Cat\" in the other):"
        + " attention can only be compared between models that share one", e.getMessage());
  }
}
