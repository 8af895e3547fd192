package org.bertworkbench.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.bertworkbench.core.tensor.Engines;
import org.junit.jupiter.api.Test;

/**
 * The in-place, sliced update equals google-research/bert's AdamWeightDecayOptimizer written out
 * plainly in doubles: global-norm clipping, no bias correction, decoupled decay except for biases.
 */
class AdamWeightDecayTest {

  /** A weight bigger than one slice (so it is updated in views) and a small bias. */
  static final int BIG = (int) AdamWeightDecay.SLICE + 37;
  static final int SMALL = 11;

  @Test
  void slicedInPlaceUpdateEqualsThePlainFormula() {
    OptimizerSettings settings = new OptimizerSettings(1e-2, 0, 0.01, 0.9, 0.999, 1e-6, 1.0);
    Random random = new Random(3);
    double[][] p = {values(random, BIG, 0.5), values(random, SMALL, 0.5)};
    double[][] m = {new double[BIG], new double[SMALL]};
    double[][] v = {new double[BIG], new double[SMALL]};
    boolean[] decays = {true, false};
    try (NDManager manager = Engines.newManager(Device.cpu())) {
      Map<String, NDArray> params = new LinkedHashMap<>();
      params.put("layer.dense.weight", manager.create(floats(p[0]), new Shape(BIG)));
      params.put("layer.dense.bias", manager.create(floats(p[1]), new Shape(SMALL)));
      try (AdamWeightDecay optimizer = new AdamWeightDecay(params, settings, manager)) {
        // Step 1: gradients with a global norm far above 1 (clipped); step 2: small (not clipped).
        for (double gradScale : new double[] {0.05, 1e-5}) {
          double[][] g = {values(random, BIG, gradScale), values(random, SMALL, gradScale)};
          float norm;
          try (NDManager scope = manager.newSubManager()) {
            try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
              NDArray loss = params.get("layer.dense.weight").mul(scope.create(floats(g[0]), new Shape(BIG))).sum()
                  .add(params.get("layer.dense.bias").mul(scope.create(floats(g[1]), new Shape(SMALL))).sum());
              gc.backward(loss); // d loss / d p = g
            }
            norm = optimizer.step(scope, settings.learningRate());
          }
          double expectedNorm = reference(p, g, m, v, decays, settings);
          assertEquals(expectedNorm, norm, expectedNorm * 1e-4); // float32 sums over a million values
          for (NDArray a : params.values()) {
            assertEquals(0f, a.getGradient().abs().max().getFloat(), "gradients zeroed after the step");
          }
          assertClose(p[0], params.get("layer.dense.weight").toFloatArray());
          assertClose(p[1], params.get("layer.dense.bias").toFloatArray());
        }
      }
    }
  }

  /** One step of optimization.py in doubles; returns the global norm before clipping. */
  static double reference(double[][] p, double[][] g, double[][] m, double[][] v, boolean[] decays,
      OptimizerSettings s) {
    double sum = 0;
    for (double[] gi : g) {
      for (double x : gi) {
        sum += x * x;
      }
    }
    double norm = Math.sqrt(sum);
    double clip = s.clipNorm() / Math.max(norm, s.clipNorm());
    for (int k = 0; k < p.length; k++) {
      for (int i = 0; i < p[k].length; i++) {
        double gi = g[k][i] * clip;
        m[k][i] = s.beta1() * m[k][i] + (1 - s.beta1()) * gi;
        v[k][i] = s.beta2() * v[k][i] + (1 - s.beta2()) * gi * gi;
        double u = m[k][i] / (Math.sqrt(v[k][i]) + s.epsilon());
        if (decays[k]) {
          u += s.weightDecay() * p[k][i];
        }
        p[k][i] -= s.learningRate() * u;
      }
    }
    return norm;
  }

  static void assertClose(double[] expected, float[] actual) {
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
    }
    assertTrue(worst < 2e-6, "largest difference from the plain formula " + worst);
  }

  static double[] values(Random random, int n, double scale) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = (float) (random.nextGaussian() * scale);
    }
    return d;
  }

  static float[] floats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  @Test
  void weightDecaySkipsLayerNormAndBiases() {
    assertTrue(AdamWeightDecay.usesWeightDecay("bert.encoder.layer.0.attention.self.query.weight"));
    assertTrue(AdamWeightDecay.usesWeightDecay("bert.embeddings.word_embeddings.weight"));
    assertFalse(AdamWeightDecay.usesWeightDecay("bert.encoder.layer.0.output.LayerNorm.weight"));
    assertFalse(AdamWeightDecay.usesWeightDecay("bert.encoder.layer.0.output.dense.bias"));
    assertFalse(AdamWeightDecay.usesWeightDecay("cls.predictions.bias"));
  }
}
