package org.bertworkbench.core.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.Vocab;
import org.junit.jupiter.api.Test;

/** A learned WordPiece vocabulary covers its corpus. */
class WordPieceLearnerTest {

  private static final Corpus CORPUS = CorpusReader.fromText("generated", TestCorpus.text(30, 5)
      + "Caf\u00e9s serve na\u00efve tourists, unwillingly.\nPrices rose!\n", CorpusReader.Format.BERT);

  @Test
  void specialsFirstThenCharactersThenMerges() {
    List<String> v = WordPieceLearner.learn(CORPUS, 150, true);
    assertEquals(Vocab.SPECIAL_TOKENS, v.subList(0, 5));
    assertEquals(150, v.size());
    assertTrue(v.contains("##e") && v.contains("t"), "characters, with ## continuations");
    assertTrue(v.contains("the"), "the most frequent word is a piece");
    assertEquals(v, WordPieceLearner.learn(CORPUS, 150, true), "deterministic");
  }

  @Test
  void tokenizesItsCorpusWithFewUnknowns() {
    Vocab v = Vocab.of(WordPieceLearner.learn(CORPUS, 200, true));
    BertTokenizer t = new BertTokenizer(v, true);
    long pieces = 0;
    long unknown = 0;
    long words = 0;
    for (String s : CORPUS.sentences()) {
      List<String> p = t.tokenize(s);
      pieces += p.size();
      unknown += p.stream().filter(Vocab.UNK::equals).count();
      words += s.split("\\s+").length;
    }
    assertEquals(0, unknown, "every character is in the alphabet");
    assertTrue(pieces < 2.0 * words, pieces + " pieces for " + words + " words");
  }
}
