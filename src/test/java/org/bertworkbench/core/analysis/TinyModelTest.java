package org.bertworkbench.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.CancelledException;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.BertTrace;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Head masking, the traced vectors and the analyses on a 2-layer, hidden-32, 4-head model with
 * random weights, checked against the layer computed by hand from its weights (T = tokens, H =
 * hidden, N = heads, D = head size, I = intermediate).
 */
class TinyModelTest {

  static final BertConfig TINY = BertConfig.of(50, 32, 2, 4, 64, 40, 2);
  static BertForPreTraining model;
  static Map<String, float[]> w;

  static final int[] IDS = {2, 10, 11, 4, 12, 3, 20, 21, 3};
  static final int[] TYPES = {0, 0, 0, 0, 0, 0, 1, 1, 1};
  static final List<String> TOKENS = List.of("[CLS]", "a", "b", "[MASK]", ".", "[SEP]", "c", "d", "[SEP]");

  @BeforeAll
  static void load() {
    model = BertForPreTraining.random(TINY, Device.cpu(), 7);
    w = new java.util.HashMap<>();
    model.weights().all().forEach((name, array) -> w.put(name, array.toFloatArray()));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  static Encoding encoding() {
    int t = IDS.length;
    int[] minus = new int[t];
    java.util.Arrays.fill(minus, -1);
    int[] mask = new int[t];
    java.util.Arrays.fill(mask, 1);
    return new Encoding(TOKENS, IDS, TYPES, mask, minus, minus, new int[] {-1, 0, 1, 2, 3, -1, 4, 5, -1}, false, 0);
  }

  /** Hidden states [layers + 1][T][H] of one pass with the trace. */
  static float[][][] hiddenStates(ForwardOptions options) {
    try (NDManager m = model.newScope()) {
      BertInput input = BertInput.of(m, IDS, TYPES, encoding().attentionMask());
      BertTrace trace = model.forward(input, options.withTrace(true)).trace();
      float[][][] out = new float[trace.hiddenStates().size()][][];
      for (int l = 0; l < out.length; l++) {
        out[l] = NdArrays.matrix(trace.hiddenStates().get(l).get(0));
      }
      return out;
    }
  }

  @Test
  void maskingAHeadIsZeroingItsContextVector() {
    for (int layer = 0; layer < 2; layer++) {
      for (int head = 0; head < 4; head++) {
        float[][] mask = {{1, 1, 1, 1}, {1, 1, 1, 1}};
        mask[layer][head] = 0;
        float[][][] masked = hiddenStates(ForwardOptions.INFERENCE.withHeadMask(mask));
        float[][] byHand = HandLayer.forward(w, TINY, layer, masked[layer], head);
        assertClose(byHand, masked[layer + 1], 2e-5, "layer " + layer + " head " + head);
      }
    }
  }

  @Test
  void theHandLayerIsTheModelsLayerAndMaskingNoHeadChangesNothing() {
    float[][][] plain = hiddenStates(ForwardOptions.INFERENCE);
    float[][][] ones = hiddenStates(ForwardOptions.INFERENCE.withHeadMask(new float[][] {{1, 1, 1, 1}, {1, 1, 1, 1}}));
    for (int l = 0; l < 2; l++) {
      assertClose(HandLayer.forward(w, TINY, l, plain[l], -1), plain[l + 1], 2e-5, "layer " + l);
      for (int i = 0; i < plain[l + 1].length; i++) {
        assertArrayEquals(plain[l + 1][i], ones[l + 1][i], 0f);
      }
    }
    float[][][] one = hiddenStates(ForwardOptions.INFERENCE.withHeadMask(new float[][] {{1, 1, 1, 1}, {1, 0, 1, 1}}));
    assertNotEquals(plain[2][0][0], one[2][0][0]);
  }

  @Test
  void captureHoldsTheHeadsQueriesKeysAndTransformedValues() {
    AttentionCapture c = AttentionCapture.of(model, encoding(), ForwardOptions.INFERENCE);
    float[][][] hidden = hiddenStates(ForwardOptions.INFERENCE);
    int d = TINY.headSize();
    for (int l = 0; l < 2; l++) {
      String p = "bert.encoder.layer." + l + ".attention.";
      float[][] q = HandLayer.linear(hidden[l], w.get(p + "self.query.weight"), w.get(p + "self.query.bias"), 32);
      float[][] k = HandLayer.linear(hidden[l], w.get(p + "self.key.weight"), w.get(p + "self.key.bias"), 32);
      float[][] v = HandLayer.linear(hidden[l], w.get(p + "self.value.weight"), w.get(p + "self.value.bias"), 32);
      float[] wo = w.get(p + "output.dense.weight");
      for (int h = 0; h < 4; h++) {
        for (int j = 0; j < IDS.length; j++) {
          for (int x = 0; x < d; x++) {
            assertEquals(q[j][h * d + x], c.queries()[l][h][j][x], 1e-5);
            assertEquals(k[j][h * d + x], c.keys()[l][h][j][x], 1e-5);
          }
          // f_h(x_j) = sum_d v[j][h*D + d] W_O[o][h*D + d]
          double[] f = new double[32];
          for (int o = 0; o < 32; o++) {
            for (int x = 0; x < d; x++) {
              f[o] += v[j][h * d + x] * wo[o * 32 + h * d + x];
            }
          }
          assertEquals(norm(f), c.valueNorms()[l][h][j], 1e-5);
        }
      }
      // The layer-level norm from the Gram matrix equals the norm of the summed vectors.
      float[][] layer = NormWeighted.perLayer(c, l);
      int i = 3;
      int j = 6;
      double[] sum = new double[32];
      for (int h = 0; h < 4; h++) {
        for (int o = 0; o < 32; o++) {
          for (int x = 0; x < d; x++) {
            sum[o] += c.attentions()[l][h][i][j] * v[j][h * d + x] * wo[o * 32 + h * d + x];
          }
        }
      }
      assertEquals(norm(sum), layer[i][j], 1e-5);
      NeuronView nv = NeuronView.of(c, l, 2, i);
      for (int x = 0; x < IDS.length; x++) {
        assertEquals(nv.attention()[x], nv.softmax()[x], 1e-5);
      }
    }
  }

  @Test
  void statisticsOfTheModelEqualTheStatisticsOfItsCapture() {
    Encoding e = encoding();
    AttentionCapture capture = AttentionCapture.of(model, e, ForwardOptions.INFERENCE);
    HeadStatistics direct = HeadStatistics.of(capture.attentions(), TOKENS);
    List<Double> seen = new ArrayList<>();
    Progress progress = new Progress() {
      @Override
      public void report(double fraction, String message) {
        seen.add(fraction);
      }

      @Override
      public boolean isCancelled() {
        return false;
      }
    };
    // progress after each batch: each input at batch 1, both at once in the default batch
    HeadStatistics.compute(model, List.of(e, e), ForwardOptions.INFERENCE, 1, progress);
    assertEquals(List.of(0.5, 1.0), seen);
    seen.clear();
    HeadStatistics twice = HeadStatistics.compute(model, List.of(e, e), ForwardOptions.INFERENCE, progress);
    assertEquals(List.of(1.0), seen);
    assertEquals(2 * IDS.length, twice.tokens());
    for (HeadStatistics.Metric m : HeadStatistics.Metric.values()) {
      for (int l = 0; l < 2; l++) {
        assertArrayEquals(direct.of(m)[l], twice.of(m)[l], 1e-6, m.key());
      }
    }
  }

  @Test
  void headImportanceIsTheKlOfEachHeadAloneAndANoHeadMaskScoresZero() {
    Encoding e = encoding();
    HeadImportance r = HeadImportance.rank(model, List.of(e, e), HeadImportance.Measure.KL_AT_MASKS,
        ForwardOptions.INFERENCE.withHeadMask(new float[][] {{0, 1, 1, 1}, {1, 1, 1, 1}}), Progress.NONE);
    assertEquals(2, r.units());
    assertEquals(0, r.scores()[0][0], 0);
    // Head 1-2 by hand: the MLM distribution at [MASK] (position 3) with and without it.
    float[][] base = {{0, 1, 1, 1}, {1, 1, 1, 1}};
    float[][] off = {{0, 1, 1, 1}, {1, 1, 0, 1}};
    double kl = kl(maskProbs(base), maskProbs(off));
    assertEquals(kl, r.scores()[1][2], 1e-5);
    assertTrue(kl > 0);
    for (int k = 1; k < r.ranking().size(); k++) {
      assertTrue(r.ranking().get(k - 1).score() >= r.ranking().get(k).score());
    }
    HeadImportance hidden = HeadImportance.rank(model, List.of(e), HeadImportance.Measure.HIDDEN_STATES,
        ForwardOptions.INFERENCE, Progress.NONE);
    assertEquals(IDS.length, hidden.units());
    assertTrue(hidden.ranking().get(0).score() > 0);
  }

  @Test
  void headImportanceRefusesSentencesWithoutAMaskAndStopsWhenCancelled() {
    int t = 3;
    Encoding plain = new Encoding(List.of("[CLS]", "a", "[SEP]"), new int[] {2, 10, 3}, new int[t],
        new int[] {1, 1, 1}, new int[t], new int[t], new int[] {-1, 0, -1}, false, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HeadImportance.rank(model,
        List.of(plain), HeadImportance.Measure.KL_AT_MASKS, ForwardOptions.INFERENCE, Progress.NONE));
    assertTrue(e.getMessage().contains("[MASK]"), e.getMessage());
    Progress cancelled = new Progress() {
      @Override
      public void report(double fraction, String message) {}

      @Override
      public boolean isCancelled() {
        return true;
      }
    };
    assertThrows(CancelledException.class, () -> HeadImportance.rank(model, List.of(encoding()),
        HeadImportance.Measure.TOTAL_VARIATION_AT_MASKS, ForwardOptions.INFERENCE, cancelled));
    assertThrows(CancelledException.class, () -> HeadStatistics.compute(model, List.of(encoding()),
        ForwardOptions.INFERENCE, cancelled));
  }

  /** Softmax over the vocabulary at the [MASK] (position 3), in doubles. */
  static double[] maskProbs(float[][] headMask) {
    try (NDManager m = model.newScope()) {
      BertInput input = BertInput.of(m, IDS, TYPES, encoding().attentionMask());
      var seq = model.forward(input, ForwardOptions.INFERENCE.withHeadMask(headMask)).sequenceOutput().get(0);
      float[] logits = model.mlmLogitsAt(seq, new long[] {3}).toFloatArray();
      double max = Double.NEGATIVE_INFINITY;
      for (float x : logits) {
        max = Math.max(max, x);
      }
      double[] p = new double[logits.length];
      double sum = 0;
      for (int i = 0; i < p.length; i++) {
        p[i] = Math.exp(logits[i] - max);
        sum += p[i];
      }
      for (int i = 0; i < p.length; i++) {
        p[i] /= sum;
      }
      return p;
    }
  }

  static double kl(double[] p, double[] q) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += p[i] * Math.log(p[i] / q[i]);
    }
    return s;
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  static void assertClose(float[][] expected, float[][] actual, double eps, String what) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        assertEquals(expected[i][j], actual[i][j], eps, what + " [" + i + "][" + j + "]");
      }
    }
  }
}
