package org.bertworkbench.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layer-by-layer similarity on the sample model, against cosines computed directly from each
 * sentence's hidden states (pooled by hand at every layer); its last layer is the cosine of the two
 * sentence embeddings.
 */
class LayerSimilarityTest {

  static final String A = "the cat sat on the mat .";
  static final String B = "a dog ran";

  @TempDir
  Path dir;

  @Test
  void eachLayersCosineEqualsADirectComputationForMeanAndCls() throws Exception {
    for (String mode : List.of("mean", "cls")) {
      Path folder = SentencePoolingTest.sentenceFolder(dir.resolve(mode), mode, true, 0);
      try (LoadedBert bert = LoadedBert.open(folder.toString(), Device.cpu(), Progress.NONE)) {
        SentencePooling p = SentencePooling.of(bert);
        LayerSimilarity s = LayerSimilarity.of(bert, A, B, p, p.limit(bert), ForwardOptions.INFERENCE);
        int layers = bert.model().config().numHiddenLayers();
        assertEquals(layers + 1, s.points(), "the embeddings' output and every layer");
        double[] want = directCosines(bert, mode, ForwardOptions.INFERENCE);
        for (int l = 0; l <= layers; l++) {
          assertEquals(want[l], s.cosines()[l], 1e-6, mode + " layer " + l);
          assertEquals(1.0, SentenceEmbeddingLangchain4jTest.norm(s.pooledA()[l]), 1e-5, "normalised as said");
        }
        List<SentenceEmbedding.Embedded> e = SentenceEmbedding.embed(bert, List.of(A, B), p, p.limit(bert), 2,
            ForwardOptions.INFERENCE, Progress.NONE);
        assertEquals(SentenceEmbedding.cosine(e.get(0).vector(), e.get(1).vector()), s.cosines()[layers], 1e-5,
            "the last layer's cosine is the sentence embeddings'");
        assertEquals(bert.encode(B, null, 512).tokens(), s.tokensB());
        assertEquals(0, s.removedA() + s.removedB());
      }
    }
  }

  @Test
  void aHeadMaskReachesEveryLayerAfterIt() throws Exception {
    Path folder = SentencePoolingTest.sentenceFolder(dir.resolve("masked"), "mean", false, 0);
    try (LoadedBert bert = LoadedBert.open(folder.toString(), Device.cpu(), Progress.NONE)) {
      SentencePooling p = SentencePooling.of(bert);
      int heads = bert.model().config().numAttentionHeads();
      float[][] mask = new float[bert.model().config().numHiddenLayers()][heads];
      for (float[] row : mask) {
        Arrays.fill(row, 1f);
      }
      Arrays.fill(mask[0], 0f);
      ForwardOptions masked = ForwardOptions.INFERENCE.withHeadMask(mask);
      LayerSimilarity plain = LayerSimilarity.of(bert, A, B, p, p.limit(bert), ForwardOptions.INFERENCE);
      LayerSimilarity off = LayerSimilarity.of(bert, A, B, p, p.limit(bert), masked);
      double[] want = directCosines(bert, "mean", masked);
      assertEquals(plain.cosines()[0], off.cosines()[0], 1e-7, "the embeddings come before any head");
      assertTrue(Math.abs(plain.cosines()[1] - off.cosines()[1]) > 1e-4, "layer 0's heads are off");
      for (int l = 0; l < want.length; l++) {
        assertEquals(want[l], off.cosines()[l], 1e-6, "layer " + l);
      }
    }
  }

  /** Each sentence run alone with a trace; every layer's tokens pooled and compared by hand. */
  private static double[] directCosines(LoadedBert bert, String mode, ForwardOptions options) {
    double[][][] a = pooledByHand(bert, A, mode, options);
    double[][][] b = pooledByHand(bert, B, mode, options);
    double[] out = new double[a.length];
    for (int l = 0; l < a.length; l++) {
      double dot = 0;
      double na = 0;
      double nb = 0;
      for (int d = 0; d < a[l][0].length; d++) {
        dot += a[l][0][d] * b[l][0][d];
        na += a[l][0][d] * a[l][0][d];
        nb += b[l][0][d] * b[l][0][d];
      }
      out[l] = dot / Math.sqrt(na * nb);
    }
    return out;
  }

  /** [L + 1][1][H]: the mean of all tokens (or the first token) of each hidden state. */
  private static double[][][] pooledByHand(LoadedBert bert, String text, String mode, ForwardOptions options) {
    Encoding e = bert.encode(text, null, 512);
    try (NDManager m = bert.model().newScope()) {
      List<NDArray> states = bert.model().forward(BertInput.of(m, e.inputIds(), e.tokenTypeIds(),
          e.attentionMask()), options.withTrace(true)).trace().hiddenStates();
      int h = bert.model().config().hiddenSize();
      int t = e.length();
      double[][][] out = new double[states.size()][1][h];
      for (int l = 0; l < states.size(); l++) {
        float[] x = states.get(l).toFloatArray();
        int rows = mode.equals("cls") ? 1 : t;
        for (int i = 0; i < rows; i++) {
          for (int d = 0; d < h; d++) {
            out[l][0][d] += x[i * h + d] / (double) rows;
          }
        }
      }
      return out;
    }
  }
}
