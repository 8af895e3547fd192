package org.bertworkbench.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bertworkbench.core.analysis.HeadStatistics.Metric;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The corpus jobs give in batches what they give one input at a time (issue 16): sentences of 1 to
 * 120 words, so that a batch pads short inputs by many tokens; statistics, vectors and head scores
 * within 1e-5, the same tokens. On the bundled sample-tiny model, and attention statistics on
 * BERT-Base with a few sentences.
 */
class BatchedCorpusJobsTest {

  static final double EPS = 1e-5;

  static LoadedBert tiny;

  static List<String> corpus(int n, long seed) {
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int words = i % 5 == 0 ? 1 + random.nextInt(3) : i % 5 == 1 ? 60 + random.nextInt(60) : 3 + random.nextInt(20);
      StringBuilder s = new StringBuilder();
      for (int w = 0; w < words; w++) {
        String[] vocabulary = EmbedThroughputBench.WORDS;
        s.append(w == 0 ? "" : " ").append(vocabulary[random.nextInt(vocabulary.length)]);
        if (random.nextInt(9) == 0) {
          s.append(',');
        }
      }
      lines.add(s.append('.').toString());
    }
    return lines;
  }

  static List<Encoding> encode(LoadedBert bert, List<String> lines, int maxLength) {
    List<Encoding> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      // every fourth input a pair, so that token types and a second [SEP] are batched too
      out.add(bert.encode(lines.get(i), i % 4 == 3 ? lines.get(i - 1) : null, maxLength));
    }
    return out;
  }

  @BeforeAll
  static void load() throws Exception {
    tiny = LoadedBert.open("sample-tiny", Device.cpu(), Progress.NONE);
  }

  @AfterAll
  static void close() {
    tiny.close();
  }

  static void assertSameStatistics(HeadStatistics one, HeadStatistics batched) {
    assertEquals(one.inputs(), batched.inputs());
    assertEquals(one.tokens(), batched.tokens());
    for (Metric m : Metric.values()) {
      for (int l = 0; l < one.layers(); l++) {
        assertArrayEquals(one.of(m)[l], batched.of(m)[l], EPS, m.key() + " layer " + l);
      }
    }
  }

  @Test
  void attentionStatisticsInBatchesEqualBatchOne() {
    List<Encoding> inputs = encode(tiny, corpus(45, 16), 200);
    HeadStatistics one = HeadStatistics.compute(tiny.model(), inputs, ForwardOptions.INFERENCE, 1, Progress.NONE);
    for (int batch : new int[] {7, 32}) {
      assertSameStatistics(one, HeadStatistics.compute(tiny.model(), inputs, ForwardOptions.INFERENCE, batch,
          Progress.NONE));
    }
    // the longest input is several times the shortest: padding was there to leak in
    int shortest = inputs.stream().mapToInt(Encoding::length).min().orElseThrow();
    int longest = inputs.stream().mapToInt(Encoding::length).max().orElseThrow();
    assertEquals(true, longest > 10 * shortest, shortest + " and " + longest + " tokens");
  }

  @Test
  void attentionStatisticsInBatchesEqualBatchOneWithAHeadMasked() {
    List<Encoding> inputs = encode(tiny, corpus(12, 3), 200);
    float[][] mask = new float[tiny.model().config().numHiddenLayers()][tiny.model().config().numAttentionHeads()];
    for (float[] row : mask) {
      java.util.Arrays.fill(row, 1);
    }
    mask[0][1] = 0;
    ForwardOptions masked = ForwardOptions.INFERENCE.withHeadMask(mask);
    assertSameStatistics(HeadStatistics.compute(tiny.model(), inputs, masked, 1, Progress.NONE),
        HeadStatistics.compute(tiny.model(), inputs, masked, 5, Progress.NONE));
  }

  @Test
  void embeddingsInBatchesEqualBatchOne() {
    List<String> texts = corpus(40, 5);
    SentencePooling pooling = SentencePooling.of(tiny);
    int limit = pooling.limit(tiny);
    List<SentenceEmbedding.Embedded> one = SentenceEmbedding.embed(tiny, texts, pooling, limit, 1,
        ForwardOptions.INFERENCE, Progress.NONE);
    List<SentenceEmbedding.Embedded> batched = SentenceEmbedding.embed(tiny, texts, pooling, limit, 16,
        ForwardOptions.INFERENCE, Progress.NONE);
    for (int i = 0; i < texts.size(); i++) {
      assertEquals(one.get(i).tokens(), batched.get(i).tokens(), "sentence " + i);
      assertArrayEquals(one.get(i).vector(), batched.get(i).vector(), (float) EPS, "sentence " + i);
    }
  }

  @Test
  void headRankingInBatchesEqualsBatchOne() {
    List<String> lines = new ArrayList<>(corpus(14, 21));
    for (int i = 0; i < lines.size(); i += 2) {
      lines.set(i, "the [MASK] " + lines.get(i)); // a [MASK] in every other sentence, for the KL
    }
    List<Encoding> inputs = encode(tiny, lines, 200);
    for (HeadImportance.Measure m : List.of(HeadImportance.Measure.HIDDEN_STATES,
        HeadImportance.Measure.KL_AT_MASKS)) {
      HeadImportance one = HeadImportance.rank(tiny.model(), inputs, m, ForwardOptions.INFERENCE, 1, Progress.NONE);
      HeadImportance batched = HeadImportance.rank(tiny.model(), inputs, m, ForwardOptions.INFERENCE, 6,
          Progress.NONE);
      assertEquals(one.units(), batched.units(), m.key());
      for (int l = 0; l < one.scores().length; l++) {
        assertArrayEquals(one.scores()[l], batched.scores()[l], EPS, m.key() + " layer " + l);
      }
    }
  }

  @Test
  void attentionStatisticsOnBertBaseInBatchesEqualBatchOne() throws Exception {
    try (LoadedBert bert = LoadedBert.open("bert-base-uncased", Device.cpu(), Progress.NONE)) {
      List<Encoding> inputs = encode(bert, corpus(6, 9), 128);
      HeadStatistics one = HeadStatistics.compute(bert.model(), inputs, ForwardOptions.INFERENCE, 1, Progress.NONE);
      assertSameStatistics(one, HeadStatistics.compute(bert.model(), inputs, ForwardOptions.INFERENCE, 6,
          Progress.NONE));
    }
  }
}
