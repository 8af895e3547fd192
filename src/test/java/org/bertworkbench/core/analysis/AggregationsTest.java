package org.bertworkbench.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Every aggregation against tiny examples worked out on paper (in the comments). */
class AggregationsTest {

  static final float EPS = 1e-6f;

  static void assertMatrix(float[][] expected, float[][] actual, float eps) {
    assertEquals(expected.length, actual.length, "rows");
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], eps, "row " + i);
    }
  }

  @Test
  void meanOverHeadsAndOverLayers() {
    float[][][] layer0 = {{{1, 0}, {0, 1}}, {{0, 1}, {1, 0}}};
    float[][][] layer1 = {{{1, 0}, {1, 0}}, {{1, 0}, {0, 1}}};
    assertMatrix(new float[][] {{0.5f, 0.5f}, {0.5f, 0.5f}}, Aggregations.meanOverHeads(layer0), EPS);
    float[][][] perLayer = Aggregations.meanOverHeads(new float[][][][] {layer0, layer1});
    assertMatrix(new float[][] {{1, 0}, {0.5f, 0.5f}}, perLayer[1], EPS);
    // ((.5 .5)(.5 .5) + (1 0)(.5 .5)) / 2
    assertMatrix(new float[][] {{0.75f, 0.25f}, {0.5f, 0.5f}}, Aggregations.meanOverLayers(perLayer), EPS);
  }

  @Test
  void rolloutAddsTheResidualRenormalisesAndMultipliesInOrder() {
    float[][] a0 = {{1, 0}, {0.5f, 0.5f}};
    float[][] a1 = {{0.5f, 0.5f}, {0.5f, 0.5f}};
    // Â0 = norm(A0 + I) = norm((2 0)(.5 1.5)) = (1 0)(.25 .75)
    // Â1 = norm((1.5 .5)(.5 1.5)) = (.75 .25)(.25 .75)
    // R1 = Â1 Â0 = (.75 + .0625, .1875)(.25 + .1875, .5625) = (.8125 .1875)(.4375 .5625)
    float[][][] r = Aggregations.rollout(new float[][][] {a0, a1});
    assertMatrix(new float[][] {{1, 0}, {0.25f, 0.75f}}, r[0], EPS);
    assertMatrix(new float[][] {{0.8125f, 0.1875f}, {0.4375f, 0.5625f}}, r[1], EPS);
  }

  @Test
  void rolloutOrderMatters() {
    float[][] a0 = {{1, 0}, {0.5f, 0.5f}};
    float[][] a1 = {{0, 1}, {0, 1}};
    // Â0 = (1 0)(.25 .75); Â1 = norm((1 1)(0 2)) = (.5 .5)(0 1)
    // Â1 Â0 = (.5 + .125, .375)(.25, .75); the reverse order would give (.5 .5)(.125 .875)
    float[][][] r = Aggregations.rollout(new float[][][] {a0, a1});
    assertMatrix(new float[][] {{0.625f, 0.375f}, {0.25f, 0.75f}}, r[1], EPS);
  }

  @Test
  void rolloutOfAMaskedLayerIsTheIdentity() {
    float[][] zero = {{0, 0}, {0, 0}};
    float[][][] r = Aggregations.rollout(new float[][][] {zero});
    assertMatrix(new float[][] {{1, 0}, {0, 1}}, r[0], EPS);
  }

  @Test
  void normWeightedPerHeadAndPerLayer() {
    // Two heads, two tokens, hidden 2. Transformed values f_h(x_j):
    //   f0(x0) = (3, 4) |5|, f0(x1) = (0, 1) |1|, f1(x0) = (0, 2) |2|, f1(x1) = (1, 0) |1|
    float[][][] alpha = {{{0.5f, 0.5f}, {1, 0}}, {{0, 1}, {0.5f, 0.5f}}};
    float[][] norms = {{5, 1}, {2, 1}};
    float[][][] heads = NormWeighted.perHead(alpha, norms);
    assertMatrix(new float[][] {{2.5f, 0.5f}, {5, 0}}, heads[0], EPS);
    assertMatrix(new float[][] {{0, 1}, {1, 0.5f}}, heads[1], EPS);
    // Gram per token: x0 (25 8)(8 4), x1 (1 0)(0 1)
    float[][][] gram = {{{25, 8}, {8, 4}}, {{1, 0}, {0, 1}}};
    // (0,0): .5(3,4) + 0 = (1.5, 2) -> 2.5; (0,1): .5(0,1) + (1,0) -> sqrt(1.25)
    // (1,0): (3,4) + .5(0,2) = (3, 5) -> sqrt(34); (1,1): 0 + .5(1,0) -> .5
    float[][] layer = NormWeighted.perLayer(alpha, gram);
    assertMatrix(new float[][] {{2.5f, (float) Math.sqrt(1.25)}, {(float) Math.sqrt(34), 0.5f}}, layer, 1e-5f);
  }

  @Test
  void differenceIsSecondMinusFirstAndRefusesOtherSizes() {
    float[][] a = {{0.5f, 0.5f}, {1, 0}};
    float[][] b = {{0.25f, 0.75f}, {1, 0}};
    assertMatrix(new float[][] {{-0.25f, 0.25f}, {0, 0}}, AttentionComparison.difference(a, b), EPS);
    assertThrows(IllegalArgumentException.class, () -> AttentionComparison.difference(a, new float[][] {{1}}));
  }
}
