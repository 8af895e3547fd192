package org.bertworkbench.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.bertworkbench.BundleChecks;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The similarity matrix and the search, on vectors made by hand and on the sample model's sentence
 * embeddings, against cosines computed directly.
 */
class SentenceSimilarityTest {

  @TempDir
  Path dir;

  @Test
  void theMatrixOfHandMadeVectorsHoldsTheirCosines() {
    List<float[]> v = List.of(new float[] {1, 0}, new float[] {1, 1}, new float[] {0, -2}, new float[] {0, 0});
    double[][] m = SentenceSimilarity.matrix(v);
    double r = 1 / Math.sqrt(2);
    double[][] want = {{1, r, 0, 0}, {r, 1, -r, 0}, {0, -r, 1, 0}, {0, 0, 0, 0}};
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(want[i][j], m[i][j], 1e-12, i + "," + j);
      }
    }
  }

  @Test
  void searchRanksByScoreThenByPlaceAndStopsAtTheList() {
    float[] q = {1, 0};
    List<float[]> v = List.of(new float[] {0, 1}, new float[] {2, 2}, new float[] {3, 0}, new float[] {1, 1},
        new float[] {-1, 0});
    List<SentenceSimilarity.Hit> top = SentenceSimilarity.search(q, v, 3);
    assertEquals(List.of(2, 1, 3), top.stream().map(SentenceSimilarity.Hit::index).toList(),
        "1 first, then the two equal scores in list order");
    assertEquals(1.0, top.get(0).score(), 1e-12);
    assertEquals(1 / Math.sqrt(2), top.get(1).score(), 1e-7);
    assertEquals(top.get(1).score(), top.get(2).score(), 0);
    List<SentenceSimilarity.Hit> all = SentenceSimilarity.search(q, v, 50);
    assertEquals(List.of(2, 1, 3, 0, 4), all.stream().map(SentenceSimilarity.Hit::index).toList());
    assertEquals(-1.0, all.get(4).score(), 1e-12);

    BadInputException k = assertThrows(BadInputException.class, () -> SentenceSimilarity.search(q, v, 0));
    assertEquals("--top-k must be at least 1, got 0", k.getMessage());
    assertTrue(BundleChecks.JAPANESE.matcher(k.message(Locale.JAPANESE)).find());
    BadInputException none = assertThrows(BadInputException.class, () -> SentenceSimilarity.matrix(List.of()));
    assertEquals("a similarity matrix takes 1 to 2000 sentences, got 0", none.getMessage());
    assertThrows(BadInputException.class, () -> SentenceSimilarity.checkMatrixSize(SentenceSimilarity.MAX_MATRIX + 1));
  }

  @Test
  void onTheSampleModelMatrixAndSearchAgreeWithCosinesOfDirectVectors() throws Exception {
    Path folder = SentencePoolingTest.sentenceFolder(dir.resolve("mean"), "mean", true, 0);
    try (LoadedBert bert = LoadedBert.open(folder.toString(), Device.cpu(), Progress.NONE)) {
      SentencePooling p = SentencePooling.of(bert);
      List<String> texts = SentencePoolingTest.SENTENCES;
      List<float[]> got = SentenceEmbedding.embed(bert, texts, p, p.limit(bert), 2, ForwardOptions.INFERENCE,
          Progress.NONE).stream().map(SentenceEmbedding.Embedded::vector).toList();
      List<float[]> direct = new ArrayList<>();
      for (String t : texts) {
        direct.add(SentencePoolingTest.direct(bert, t, 512, "mean", true));
      }
      double[][] m = SentenceSimilarity.matrix(got);
      for (int i = 0; i < texts.size(); i++) {
        for (int j = 0; j < texts.size(); j++) {
          assertEquals(dot(direct.get(i), direct.get(j)), m[i][j], 1e-5, "unit vectors: the cosine is the dot");
        }
      }
      float[] query = SentencePoolingTest.direct(bert, "the cat sat", 512, "mean", true);
      List<SentenceSimilarity.Hit> hits = SentenceSimilarity.search(query, got, 3);
      List<Integer> want = new ArrayList<>(List.of(0, 1, 2, 3));
      want.sort(Comparator.comparingDouble(i -> -dot(query, direct.get(i))));
      assertEquals(want.subList(0, 3), hits.stream().map(SentenceSimilarity.Hit::index).toList());
      for (SentenceSimilarity.Hit h : hits) {
        assertEquals(dot(query, direct.get(h.index())), h.score(), 1e-5);
      }
    }
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }
}
