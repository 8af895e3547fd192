package org.bertworkbench.core.analysis;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test, on Google's BERT-Base: the times of the embedding views' large products
 * (the 512x512 position cosine map, the nearest of 30,522 tokens, PCA of 512 tokens at 13 layers,
 * the sum and LayerNorm check), the first two after a warm-up. Printed, never asserted: machines vary. Their
 * results are EmbeddingGeometryBertBaseTest's. Run:
 * {@code mvn -B -o test -Dbench.excluded=none -Dgroups=bench -Dtest=EmbeddingGeometryBench}
 */
@Tag("bench")
class EmbeddingGeometryBench {

  static LoadedBert bert;

  @BeforeAll
  static void load() throws Exception {
    bert = LoadedBert.open("bert-base-uncased", Device.cpu(), Progress.NONE);
  }

  @AfterAll
  static void close() {
    bert.close();
  }

  @Test
  void positionCosineMap() {
    EmbeddingGeometry.positionCosineMap(bert.model()); // warm-up
    long start = System.nanoTime();
    EmbeddingGeometry.positionCosineMap(bert.model());
    System.out.printf("position cosine map 512x512: %.1f ms%n", (System.nanoTime() - start) / 1e6);
  }

  @Test
  void nearestTokens() {
    Vocab vocab = bert.vocab();
    int king = vocab.id("king");
    float[] query = bert.model().weights().all().get(EmbeddingGeometry.WORD).get(king).toFloatArray();
    EmbeddingGeometry.nearestTokens(bert.model(), vocab, query, 10, i -> i == king); // warm-up
    long start = System.nanoTime();
    EmbeddingGeometry.nearestTokens(bert.model(), vocab, query, 10, i -> i == king);
    System.out.printf("nearest of 30,522 tokens: %.1f ms%n", (System.nanoTime() - start) / 1e6);
  }

  @Test
  void pcaAndCheckOf512Tokens() {
    Encoding e = bert.encode("word ".repeat(600), null, 512);
    Inspection x = Inspection.of(bert.model(), e, ForwardOptions.TRACE);
    try (NDManager scope = bert.model().newScope()) {
      long start = System.nanoTime();
      HiddenStateTrajectory.projections(scope, x.hiddenStates(), Progress.NONE);
      System.out.printf("PCA of 512 tokens at 13 layers: %.1f ms%n", (System.nanoTime() - start) / 1e6);
    }
    long start = System.nanoTime();
    EmbeddingGeometry.check(bert.model(), x);
    System.out.printf("check over 512 tokens: %.1f ms%n", (System.nanoTime() - start) / 1e6);
  }
}
