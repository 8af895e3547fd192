package org.bertworkbench.core.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.Vocab;
import org.junit.jupiter.api.Test;

/** Instances and masking follow create_pretraining_data.py: 15%, 80/10/10, 50/50 NSP, no specials. */
class InstanceMakerTest {

  private static final Vocab VOCAB = Vocab.of(TestCorpus.vocabulary());
  private static final TokenizedCorpus CORPUS = TokenizedCorpus.of(
      CorpusReader.fromText("generated", TestCorpus.text(40, 3), CorpusReader.Format.BERT),
      new BertTokenizer(VOCAB, true));

  @Test
  void maskingStatisticsOverManyBatches() {
    BatchSource data = new BatchSource(CORPUS, InstanceRecipe.paper(128), 1, 32, 1000);
    MaskingCounters c = MaskingCounters.ZERO;
    long tokens = 0;
    for (long step = 1; step <= 100; step++) {
      List<TrainingInstance> batch = data.batch(step);
      c = c.plus(batch);
      for (TrainingInstance in : batch) {
        tokens += in.length();
        assertTrue(in.length() <= 128);
        assertTrue(in.maskedPositions().length <= 20, "at most 20 per 128");
        for (int p : in.maskedPositions()) {
          int original = in.original()[p];
          assertTrue(original != VOCAB.clsId() && original != VOCAB.sepId() && original != VOCAB.padId(),
              "a special token was selected");
        }
        assertEquals(Math.min(20, Math.max(1, (int) Math.rint(in.length() * 0.15))), in.maskedPositions().length);
      }
    }
    // 15% of all tokens ([CLS]/[SEP] included in the count, as Google's num_to_predict).
    double selectedOfAll = (double) c.selected() / tokens;
    assertEquals(0.15, selectedOfAll, 0.01, "selected");
    double sd = Math.sqrt(0.1 * 0.9 / c.selected());
    assertEquals(0.8, c.maskFraction(), 4 * Math.sqrt(0.16 / c.selected()), "[MASK]");
    assertEquals(0.1, c.randomFraction(), 4 * sd, "random");
    assertEquals(0.1, c.keptFraction(), 4 * sd, "kept");
  }

  @Test
  void nextSentencePairsAreHalfRandom() {
    BatchSource data = new BatchSource(CORPUS, InstanceRecipe.paper(128), 2, 50, 1000);
    int random = 0;
    int n = 0;
    for (long step = 1; step <= 80; step++) {
      for (TrainingInstance in : data.batch(step)) {
        random += in.randomNext() ? 1 : 0;
        n++;
      }
    }
    // Google forces a random B when the chunk has one sentence (rare here): a small upward bias.
    assertEquals(0.5, (double) random / n, 0.03, "NotNext fraction over " + n);
  }

  @Test
  void layoutIsClsASepBSep() {
    BatchSource data = new BatchSource(CORPUS, InstanceRecipe.paper(64), 3, 16, 10);
    for (TrainingInstance in : data.batch(1)) {
      int n = in.length();
      assertEquals(VOCAB.clsId(), in.original()[0]);
      assertEquals(VOCAB.sepId(), in.original()[n - 1]);
      int lengthA = 0;
      while (in.segmentIds()[lengthA] == 0) {
        lengthA++;
      }
      assertEquals(VOCAB.sepId(), in.original()[lengthA - 1]);
      assertTrue(lengthA >= 3 && lengthA < n - 1, "A and B are not empty");
      for (int i = 0; i < n; i++) {
        MaskDecision d = in.decisions()[i];
        if (d == MaskDecision.NONE || d == MaskDecision.KEEP) {
          assertEquals(in.original()[i], in.tokens()[i]);
        } else if (d == MaskDecision.MASK) {
          assertEquals(VOCAB.maskId(), in.tokens()[i]);
        }
      }
    }
  }

  @Test
  void aBatchIsAPureFunctionOfSeedAndStep() {
    BatchSource a = new BatchSource(CORPUS, InstanceRecipe.paper(128), 9, 8, 100);
    BatchSource b = new BatchSource(CORPUS, InstanceRecipe.paper(128), 9, 8, 100);
    b.batch(1);
    b.batch(2);
    List<TrainingInstance> x = a.batch(7);
    List<TrainingInstance> y = b.batch(7);
    for (int i = 0; i < x.size(); i++) {
      assertArrayEquals(x.get(i).tokens(), y.get(i).tokens());
      assertArrayEquals(x.get(i).maskedPositions(), y.get(i).maskedPositions());
      assertEquals(x.get(i).randomNext(), y.get(i).randomNext());
    }
  }

  @Test
  void wholeWordMaskingTakesEveryPieceOfAWord() {
    Vocab v = Vocab.of(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##want", "##ed", "run",
        "##ning", "a", "b", "."));
    String doc = "unwanted running a b unwanted .\nrunning unwanted b a running .\n\na b running unwanted .\n"
        + "unwanted a running b .\n";
    TokenizedCorpus corpus = TokenizedCorpus.of(CorpusReader.fromText("t", doc, CorpusReader.Format.BERT),
        new BertTokenizer(v, true));
    BatchSource data = new BatchSource(corpus, new InstanceRecipe(32, 512, 0, 0.1, 0.15, 20, true), 4, 16, 10);
    for (long step = 1; step <= 20; step++) {
      for (TrainingInstance in : data.batch(step)) {
        for (int i = 1; i < in.length(); i++) {
          if (v.token(in.original()[i]).startsWith("##")) {
            assertEquals(in.decisions()[i] == MaskDecision.NONE, in.decisions()[i - 1] == MaskDecision.NONE,
                "a word is selected whole");
          }
        }
      }
    }
  }

  @Test
  void theLongPhaseOfThePaperSchedule() {
    InstanceRecipe r = new InstanceRecipe(128, 512, 0.1, 0.1, 0.15, 20, false);
    assertEquals(128, r.lengthAt(900, 1000));
    assertEquals(512, r.lengthAt(901, 1000));
    assertEquals(80, r.maxPredictions(512));
    assertEquals(20, r.maxPredictions(128));
  }
}
