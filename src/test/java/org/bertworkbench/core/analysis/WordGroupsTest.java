package org.bertworkbench.core.analysis;

import static org.bertworkbench.core.analysis.AggregationsTest.assertMatrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;
import org.junit.jupiter.api.Test;

/** Merging "##" pieces into words: sum over attended pieces, mean over attending pieces. */
class WordGroupsTest {

  @Test
  void mergesAHandMadeMatrix() {
    WordGroups g = WordGroups.of(List.of("[CLS]", "un", "##want", "[SEP]"), new int[] {-1, 0, 0, -1});
    assertEquals(List.of("[CLS]", "unwant", "[SEP]"), g.words());
    assertArrayEquals(new int[] {0, 1, 1, 2}, g.wordOf());
    float[][] a = {
        {0.1f, 0.2f, 0.3f, 0.4f},
        {0.0f, 0.5f, 0.5f, 0.0f},
        {0.2f, 0.2f, 0.2f, 0.4f},
        {0.25f, 0.25f, 0.25f, 0.25f}};
    // [CLS]:  (.1, .2 + .3, .4)
    // unwant: mean of (0, 1, 0) and (.2, .4, .4) = (.1, .7, .2)
    // [SEP]:  (.25, .5, .25)
    float[][] expected = {{0.1f, 0.5f, 0.4f}, {0.1f, 0.7f, 0.2f}, {0.25f, 0.5f, 0.25f}};
    assertMatrix(expected, g.merge(a), 1e-6f);
    float[][][][] all = g.merge(new float[][][][] {{a, a}});
    assertMatrix(expected, all[0][1], 1e-6f);
  }

  @Test
  void wordsOfARealEncodingWithPunctuationAPairAndPadding() {
    Vocab vocab = Vocab.of(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
        "un", "##want", "##ed", "runn", "##ing", "!", "yes"));
    Encoding e = new BertTokenizer(vocab, true).encode("unwanted running!", "yes", 12, true);
    assertEquals(List.of("[CLS]", "un", "##want", "##ed", "runn", "##ing", "!", "[SEP]", "yes", "[SEP]",
        "[PAD]", "[PAD]"), e.tokens());
    WordGroups g = WordGroups.of(e);
    assertEquals(List.of("[CLS]", "unwanted", "running", "!", "[SEP]", "yes", "[SEP]"), g.words());
    assertArrayEquals(new int[] {4, 5}, g.pieces()[2]);
    assertEquals(10, g.wordOf().length);
  }
}
