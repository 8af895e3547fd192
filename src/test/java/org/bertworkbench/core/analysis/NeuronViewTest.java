package org.bertworkbench.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The neuron view on a capture made by hand. */
class NeuronViewTest {

  static AttentionCapture capture(boolean causal) {
    float[][][][] attention = {{{{0.33f, 0.67f}, {0.5f, 0.5f}}}};
    float[][][][] queries = {{{{1, 2}, {0, 0}}}};
    float[][][][] keys = {{{{1, 0}, {0, 1}}}};
    return new AttentionCapture(List.of("[CLS]", "[SEP]"), new int[2], new int[] {-1, -1}, causal, attention,
        queries, keys, new float[][][] {{{1, 1}}}, new float[][][][] {{{{1}}, {{1}}}});
  }

  @Test
  void productsScoresAndSoftmax() {
    NeuronView v = NeuronView.of(capture(false), 0, 0, 0);
    assertArrayEquals(new float[] {1, 2}, v.queryVector());
    assertArrayEquals(new float[] {1, 0}, v.products()[0]);
    assertArrayEquals(new float[] {0, 2}, v.products()[1]);
    // q.k / sqrt(2): 1/sqrt2, 2/sqrt2; softmax: 1 / (1 + e^(1/sqrt2)) and the rest
    double s0 = 1 / Math.sqrt(2);
    assertArrayEquals(new double[] {s0, 2 * s0}, v.scores(), 1e-12);
    double p0 = 1 / (1 + Math.exp(s0));
    assertArrayEquals(new double[] {p0, 1 - p0}, v.softmax(), 1e-12);
    assertArrayEquals(new float[] {0.33f, 0.67f}, v.attention());
  }

  @Test
  void causalHidesTheKeysAfterTheQuery() {
    NeuronView v = NeuronView.of(capture(true), 0, 0, 0);
    assertArrayEquals(new double[] {1, 0}, v.softmax(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> NeuronView.of(capture(false), 0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> NeuronView.of(capture(false), 0, 0, 2));
  }
}
