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
      AttentionComparison diff = AttentionComparison.of(ca, cb);
      float sumAbs = 0;
      for (int l = 0; l < 2; l++) {
        for (int h = 0; h < 4; h++) {
          for (int i = 0; i < ca.length(); i++) {
            for (int j = 0; j < ca.length(); j++) {
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
  void switchingOneHeadOffShowsAsThatHeadsOwnNegativeAndChangesOnlyLaterLayers() {
    // The same model with head 1 of layer 0 switched off: that head's probabilities become 0, so its
    // difference is minus its own map; the other heads of layer 0 see the same input and do not
    // change at all; layer 1 sees a changed input, so its maps move.
    float[][] off = {{1, 0, 1, 1}, {1, 1, 1, 1}};
    try (BertForPreTraining a = BertForPreTraining.random(TinyModelTest.TINY, Device.cpu(), 7)) {
      AttentionCapture all = AttentionCapture.of(a, TinyModelTest.encoding(), ForwardOptions.INFERENCE);
      AttentionCapture masked =
          AttentionCapture.of(a, TinyModelTest.encoding(), ForwardOptions.INFERENCE.withHeadMask(off));
      float[][][][] d = AttentionComparison.of(all, masked).difference();
      float laterLayer = 0;
      for (int i = 0; i < all.length(); i++) {
        for (int j = 0; j < all.length(); j++) {
          assertEquals(-all.attentions()[0][1][i][j], d[0][1][i][j], 0f);
          for (int h : new int[] {0, 2, 3}) {
            assertEquals(0f, d[0][h][i][j], 0f, "layer 0 head " + h);
          }
          laterLayer += Math.abs(d[1][0][i][j]);
        }
      }
      assertTrue(laterLayer > 1e-4, "layer 1 changes: " + laterLayer);
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
      // Aggregated maps still compare: the mean over heads of each, second minus first.
      float[][] first = Aggregations.meanOverHeads(ca.attentions()[1]);
      float[][] second = Aggregations.meanOverHeads(cw.attentions()[1]);
      float[][] d = AttentionComparison.difference(first, second);
      float byHand = (cw.attentions()[1][0][1][2] + cw.attentions()[1][1][1][2]) / 2
          - (ca.attentions()[1][0][1][2] + ca.attentions()[1][1][1][2] + ca.attentions()[1][2][1][2]
              + ca.attentions()[1][3][1][2]) / 4;
      assertEquals(byHand, d[1][2], 1e-6f);
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
