package org.bertworkbench.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedding geometry of Google's BERT-Base; the times of its large products are EmbeddingGeometryBench's. */
class EmbeddingGeometryBertBaseTest {

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
  void positionMapIsSymmetricAndNeighboursAreAlike() {
    float[][] cos = EmbeddingGeometry.positionCosineMap(bert.model());
    assertEquals(512, cos.length);
    assertEquals(512, cos[0].length);
    double near = 0;
    double far = 0;
    for (int i = 0; i < 512; i++) {
      assertEquals(1, cos[i][i], 1e-5);
      for (int j = 0; j < i; j++) {
        assertEquals(cos[i][j], cos[j][i], 1e-5);
      }
      if (i + 1 < 512) {
        near += cos[i][i + 1];
      }
      if (i + 200 < 512) {
        far += cos[i][i + 200];
      }
    }
    near /= 511;
    far /= 312;
    System.out.printf("mean cosine of neighbouring positions %.3f, 200 apart %.3f%n", near, far);
    assertTrue(near > 0.5, "neighbouring positions are alike: " + near);
    assertTrue(far < near / 2, "distant positions much less alike: " + far);
  }

  @Test
  void nearestTokensToKing() {
    Vocab vocab = bert.vocab();
    int king = vocab.id("king");
    float[] query = bert.model().weights().all().get(EmbeddingGeometry.WORD).get(king).toFloatArray();
    List<EmbeddingGeometry.Neighbour> near =
        EmbeddingGeometry.nearestTokens(bert.model(), vocab, query, 10, i -> i == king);
    System.out.println("king -> " + near);
    List<String> tokens = near.stream().map(EmbeddingGeometry.Neighbour::token).toList();
    assertEquals(10, tokens.size());
    assertTrue(tokens.contains("queen") || tokens.contains("kings"), tokens.toString());
  }

  @Test
  void hiddenStatePcaOf512Tokens() {
    Encoding e = bert.encode("word ".repeat(600), null, 512);
    Inspection x = Inspection.of(bert.model(), e, ForwardOptions.TRACE);
    assertEquals(512, x.hiddenStates()[0].length);
    try (NDManager scope = bert.model().newScope()) {
      List<Pca> layers = HiddenStateTrajectory.projections(scope, x.hiddenStates(), Progress.NONE);
      assertEquals(13, layers.size());
      assertEquals(512, layers.get(12).scores().length);
    }
    EmbeddingGeometry.Check check = EmbeddingGeometry.check(bert.model(), x);
    System.out.println("check over 512 tokens: " + check);
    assertEquals(0.0, check.sumMaxDifference());
    assertTrue(check.layerNormMaxDifference() < 1e-4);
  }
}
