package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.Vocab;
import org.junit.jupiter.api.Test;

/** How examples become rows, on a hand-made vocabulary. */
class TaskEncoderTest {

  static final Vocab VOCAB = Vocab.of(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##want", "##ed",
      "runn", "##ing", "the", "cat", "sat", "on", "mat", "who", "where", "is", ",", "paris", "price", "1", "2", "."));
  static final BertTokenizer TOKENIZER = new BertTokenizer(VOCAB, true);

  static HeadConfig head(TaskKind task, List<String> labels, int maxLength) {
    return new HeadConfig(task, labels, null, null, null, null, null, maxLength, null);
  }

  @Test
  void tagsSitOnEachWordsFirstPieceOnly() {
    TaskEncoder enc = new TaskEncoder(TOKENIZER, head(TaskKind.TAG, List.of("O", "B-X"), 32));
    EncodedInput row = enc.encode(List.of(new TagExample(1, List.of("unwanted", "running", "cat"),
        List.of("B-X", "O", "B-X"))), true).inputs().get(0);
    // [CLS] un ##want ##ed runn ##ing cat [SEP]
    assertArrayEquals(new int[] {2, 5, 6, 7, 8, 9, 11, 3}, row.inputIds());
    assertArrayEquals(new int[] {-1, 1, -1, -1, 0, -1, 1, -1}, row.tokenLabels());
    assertArrayEquals(new int[] {-1, 0, -1, -1, 1, -1, 2, -1}, row.wordIds());
  }

  @Test
  void aLongSentenceIsSplitIntoRowsAtWordBoundaries() {
    TaskEncoder enc = new TaskEncoder(TOKENIZER, head(TaskKind.TAG, List.of("O", "B-X"), 8));
    List<String> words = List.of("unwanted", "running", "cat", "sat", "on", "the", "mat");
    TaskEncoder.Encoded e = enc.encode(List.of(new TagExample(1, words, List.of("O", "O", "B-X", "O", "O", "O", "B-X"))),
        true);
    assertEquals(1, e.truncated());
    int labelled = 0;
    for (EncodedInput r : e.inputs()) {
      assertTrue(r.length() <= 8);
      for (int l : r.tokenLabels()) {
        labelled += l >= 0 ? 1 : 0;
      }
    }
    assertEquals(words.size(), labelled, "every word labelled exactly once");
  }

  @Test
  void qaMapsTheAnswerToItsPiecesAndWindowsALongParagraph() {
    String context = "the cat sat on the mat , the cat sat on the mat , paris is where the cat sat .";
    int start = context.indexOf("paris");
    QaExample q = new QaExample(1, "q", "where is the cat", context, List.of(new QaAnswer("paris", start)));
    TaskEncoder wide = new TaskEncoder(TOKENIZER, head(TaskKind.QA, List.of(), 64));
    EncodedInput one = wide.encode(List.of(q), true).inputs().get(0);
    assertEquals("paris", context.substring(one.charStarts()[one.answerStart()], one.charEnds()[one.answerEnd()]));
    assertEquals(1, one.tokenTypeIds()[one.answerStart()]);

    TaskEncoder narrow = new TaskEncoder(TOKENIZER, head(TaskKind.QA, List.of(), 16));
    TaskEncoder.Encoded all = narrow.encode(List.of(q), false);
    assertTrue(all.inputs().size() > 2, "several windows");
    TaskEncoder.Encoded training = narrow.encode(List.of(q), true);
    assertTrue(training.inputs().size() < all.inputs().size(), "training keeps only windows holding the answer");
    for (EncodedInput r : training.inputs()) {
      assertEquals("paris", context.substring(r.charStarts()[r.answerStart()], r.charEnds()[r.answerEnd()]));
    }
  }

  /** The README's "each a softmax over the paragraph's positions only": the batch's bias hides the rest. */
  @Test
  void qaScoresArePenalisedEverywhereButOnTheParagraph() {
    String context = "the cat sat on the mat";
    QaExample q = new QaExample(1, "q", "where is the cat", context, List.of(new QaAnswer("mat", context.indexOf("mat"))));
    QaExample shorter = new QaExample(2, "q", "who", "paris", List.of(new QaAnswer("paris", 0)));
    List<EncodedInput> rows = new TaskEncoder(TOKENIZER, head(TaskKind.QA, List.of(), 32))
        .encode(List.of(q, shorter), true).inputs();
    try (ai.djl.ndarray.NDManager scope = ai.djl.ndarray.NDManager.newBaseManager()) {
      Batch batch = Batch.of(scope, rows, VOCAB.padId());
      float[] bias = batch.paragraphBias().toFloatArray();
      int t = batch.length();
      for (int i = 0; i < rows.size(); i++) {
        EncodedInput r = rows.get(i);
        for (int k = 0; k < t; k++) {
          // [CLS] question [SEP] paragraph [SEP] padding: the paragraph is segment B without its [SEP].
          boolean paragraph = k < r.length() && r.tokenTypeIds()[k] == 1 && r.inputIds()[k] != 3;
          assertEquals(paragraph ? 0f : Batch.OUTSIDE, bias[i * t + k], "row " + i + ", position " + k);
        }
      }
    }
  }

  @Test
  void aQuestionWhoseAnswerFitsNoWindowIsSkippedAndCounted() {
    // An answer of more pieces than a window holds.
    String context = "the cat sat on the mat the cat sat on the mat";
    QaExample q = new QaExample(1, "q", "who", context, List.of(new QaAnswer(context, 0)));
    TaskEncoder.Encoded e = new TaskEncoder(TOKENIZER, head(TaskKind.QA, List.of(), 10)).encode(List.of(q), true);
    assertEquals(0, e.inputs().size());
    assertEquals(1, e.answersOutside());
    assertTrue(e.notes(TaskKind.QA).get(e.notes(TaskKind.QA).size() - 1).contains("skipped"));
  }

  @Test
  void featuresAreStandardisedOrWrittenIntoTheText() {
    HeadConfig concat = new HeadConfig(TaskKind.CLASSIFY, List.of("a", "b"), DataColumns.FeatureMode.CLS_CONCAT,
        List.of("price"), new double[] {10}, new double[] {4}, null, 32, null);
    EncodedInput row = new TaskEncoder(TOKENIZER, concat).encode(List.of(new TextExample(2, "the cat", null, "b",
        new double[] {18})), true).inputs().get(0);
    assertArrayEquals(new float[] {2f}, row.features());
    assertEquals(1, row.classLabel());
    HeadConfig template = new HeadConfig(TaskKind.CLASSIFY, List.of("a", "b"), DataColumns.FeatureMode.TEXT_TEMPLATE,
        List.of("price"), null, null, "price {price}", 32, null);
    EncodedInput t = new TaskEncoder(TOKENIZER, template).encode(List.of(new TextExample(2, "the cat", null, "a",
        new double[] {12})), true).inputs().get(0);
    // [CLS] the cat [SEP] price 1 ##? -> "12" is not in the vocabulary as one piece: [UNK]
    assertEquals(1, t.tokenTypeIds()[t.length() - 1]);
    assertEquals(VOCAB.id("price"), t.inputIds()[4]);
  }

  @Test
  void anUnknownLabelIsRefusedForTrainingButNotForScoring() {
    TaskEncoder enc = new TaskEncoder(TOKENIZER, head(TaskKind.CLASSIFY, List.of("a", "b"), 32));
    List<Example> ex = List.of(new TextExample(7, "the cat", null, "c", null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> enc.encode(ex, true));
    assertTrue(e.getMessage().startsWith("line 7: unknown label 'c'"), e.getMessage());
    assertEquals(-1, enc.encode(ex, false).inputs().get(0).classLabel());
  }
}
