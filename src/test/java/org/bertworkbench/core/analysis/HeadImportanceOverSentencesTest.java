package org.bertworkbench.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ranking heads over a set of sentences (what the GUI does for a text file or the sample inputs):
 * the score over the set is the mean over every [MASK] (or token) of the set, that is the
 * per-sentence scores weighted by their [MASK]s (tokens), with the sentences padded into batches.
 * Hidden states on the tiny model pretrained here (10 sentences: two batches of different lengths);
 * KL at [MASK]s on a small model with random weights (the sample model's predictions hardly depend on
 * context, so its KLs are float32 noise, about 1e-8; BERT-Base would take 580 passes).
 */
class HeadImportanceOverSentencesTest {

  static LoadedBert tiny;
  static BertForPreTraining random;

  static final List<String> SENTENCES = List.of(
      "The bread was [MASK] in the morning.",
      "Bees carry [MASK] from flower to flower, and the hive grows.",
      "The river ran past the [MASK].",
      "A [MASK] rose over the hills while the [MASK] slept.",
      "People printed books.",
      "The castle had a tall [MASK] and a deep moat around it.",
      "The [MASK] erupted.",
      "Computers follow [MASK].",
      "The moon pulls the sea, and the [MASK] rise and fall twice a day.",
      "We [MASK] the bread.");

  @BeforeAll
  static void load() throws Exception {
    tiny = LoadedBert.open("sample-data/pretrain/tiny-model", Device.cpu(), Progress.NONE);
    // Weights drawn 15 times wider than BERT's 0.02, so that the predictions depend on the context.
    BertConfig t = TinyModelTest.TINY;
    BertConfig sharp = new BertConfig(t.vocabSize(), t.hiddenSize(), t.numHiddenLayers(), t.numAttentionHeads(),
        t.intermediateSize(), t.hiddenAct(), t.hiddenDropoutProb(), t.attentionProbsDropoutProb(),
        t.maxPositionEmbeddings(), t.typeVocabSize(), 0.3, t.layerNormEps(), t.padTokenId());
    random = BertForPreTraining.random(sharp, Device.cpu(), 11);
  }

  @AfterAll
  static void close() {
    tiny.close();
    random.close();
  }

  @Test
  void theSetScoreIsTheMeanOverEveryMaskOfEverySentence() {
    // Nine sentences of different lengths (two batches, padded), one with two [MASK]s.
    List<Encoding> sentences = new ArrayList<>();
    for (int k = 0; k < 9; k++) {
      int[] words = new int[3 + k % 5];
      for (int i = 0; i < words.length; i++) {
        words[i] = 10 + (7 * k + 3 * i) % 40;
      }
      words[k % words.length] = MASK;
      if (k == 4) {
        words[words.length - 1] = MASK;
      }
      sentences.add(sentence(words));
    }
    check(random, sentences, HeadImportance.Measure.KL_AT_MASKS, 10);
  }

  @Test
  void hiddenStateScoresAreTheMeanOverEveryRealToken() {
    List<Encoding> sentences = SENTENCES.stream().map(s -> tiny.encode(s, null, 64)).toList();
    check(tiny.model(), sentences, HeadImportance.Measure.HIDDEN_STATES,
        sentences.stream().mapToLong(e -> e.length()).sum());
  }

  static final int MASK = 4;

  /** [CLS] words [SEP] for the random model's vocabulary of 50 (2 = [CLS], 3 = [SEP], 4 = [MASK]). */
  static Encoding sentence(int... words) {
    int t = words.length + 2;
    int[] ids = new int[t];
    List<String> tokens = new ArrayList<>();
    int[] wordIds = new int[t];
    ids[0] = 2;
    tokens.add("[CLS]");
    wordIds[0] = -1;
    for (int i = 0; i < words.length; i++) {
      ids[i + 1] = words[i];
      tokens.add(words[i] == MASK ? "[MASK]" : "w" + words[i]);
      wordIds[i + 1] = i;
    }
    ids[t - 1] = 3;
    tokens.add("[SEP]");
    wordIds[t - 1] = -1;
    int[] none = new int[t];
    java.util.Arrays.fill(none, -1);
    int[] mask = new int[t];
    java.util.Arrays.fill(mask, 1);
    return new Encoding(tokens, ids, new int[t], mask, none, none, wordIds, false, 0);
  }

  private static void check(BertForPreTraining model, List<Encoding> used, HeadImportance.Measure measure,
      long expectedUnits) {
    HeadImportance set = HeadImportance.rank(model, used, measure, ForwardOptions.INFERENCE, Progress.NONE);
    int layers = set.scores().length;
    int heads = set.scores()[0].length;
    double[][] weighted = new double[layers][heads];
    long units = 0;
    for (Encoding e : used) {
      HeadImportance one = HeadImportance.rank(model, List.of(e), measure, ForwardOptions.INFERENCE,
          Progress.NONE);
      units += one.units();
      for (int l = 0; l < layers; l++) {
        for (int h = 0; h < heads; h++) {
          weighted[l][h] += one.scores()[l][h] * one.units();
        }
      }
    }
    assertEquals(units, set.units());
    assertEquals(expectedUnits, set.units());
    assertEquals(used.size(), set.sentences());
    for (int l = 0; l < layers; l++) {
      for (int h = 0; h < heads; h++) {
        double expected = weighted[l][h] / units;
        assertTrue(expected > 1e-4, "head " + l + ":" + h + " changes next to nothing: " + expected);
        assertEquals(expected, set.scores()[l][h], 1e-3 * expected, "head " + l + ":" + h);
      }
    }
  }
}
