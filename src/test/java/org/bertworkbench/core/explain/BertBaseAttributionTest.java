package org.bertworkbench.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Optional;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our attributions on the real BERT-Base against an independent PyTorch computation of the same
 * specification in float64 ({@code src/test/python/attribution_check.py}, on the checkpoint saved
 * as a Hugging Face folder): integrated gradients, gradient × input and occlusion, each part of
 * each token within 1% of the largest attribution. The input is the paper's sentence pair, so that
 * the segment part is not zero. Skipped, saying why, without a Python that has torch.
 */
class BertBaseAttributionTest {

  static final String A = "the man went to the [MASK] store .";
  static final String B = "he bought a gallon of milk .";
  static final int STEPS = 50;
  static final String[] PARTS = {"token", "segment", "position", "total"};

  @TempDir
  static Path dir;
  static LoadedBert bert;
  static Path folder;

  @BeforeAll
  static void open() throws Exception {
    bert = LoadedBert.open("bert-base-uncased", Device.cpu(), Progress.NONE);
  }

  @AfterAll
  static void close() {
    bert.close();
  }

  @Test
  void integratedGradientsGradXInputAndOcclusionEqualPyTorchInFloat64() throws Exception {
    Optional<TorchAttributionCheck> found = TorchAttributionCheck.find();
    TorchAttributionCheck check = TorchAttributionCheck.orSkip(found);
    folder = dir.resolve("bert-base");
    bert.save(folder);
    Encoding e = bert.encode(A, B, 512);
    JsonObject reference = check.run(folder, TorchAttributionCheck.request(e, bert.vocab(), "mlm", STEPS,
        "integrated-gradients", "grad-x-input", "occlusion"));
    try (Attributor a = Explain.attributor(bert, A, B, Target.MLM, ForwardOptions.INFERENCE)) {
      JsonObject target = reference.getAsJsonObject("target");
      assertEquals(target.get("position").getAsInt(), a.explained().position());
      assertEquals(target.get("token_id").getAsInt(), a.explained().id(), "the same top-1 token is explained");
      assertEquals(reference.get("f").getAsDouble(), a.f(), 1e-4);
      assertEquals(reference.get("f_baseline").getAsDouble(), a.fBaseline(), 1e-4);
      JsonObject methods = reference.getAsJsonObject("methods");
      Attribution ig = a.integratedGradients(STEPS, Progress.NONE);
      compare("integrated gradients", ig, methods.getAsJsonObject("integrated-gradients"));
      JsonObject completeness = methods.getAsJsonObject("integrated-gradients").getAsJsonObject("completeness");
      double scale = largest(ig.total());
      assertEquals(completeness.get("sum").getAsDouble(), ig.completeness().sum(), 0.01 * scale * ig.total().length);
      assertEquals(completeness.get("error").getAsDouble(), ig.completeness().error(),
          0.01 * scale * ig.total().length);
      assertTrue(max(ig.segment()) > 0.001 * scale, "sentence B's segment part carries something");
      compare("gradient x input", a.gradientTimesInput(), methods.getAsJsonObject("grad-x-input"));
      compare("occlusion", a.occlusion(Progress.NONE), methods.getAsJsonObject("occlusion"));
    }
  }

  @Test
  void theCompletenessErrorShrinksAsTheStepsGrowOnBertBase() {
    try (Attributor a = Explain.attributor(bert, "paris is the [MASK] of france .", null, Target.MLM,
        ForwardOptions.INFERENCE)) {
      double[] errors = new double[3];
      int[] steps = {5, 25, 125};
      for (int i = 0; i < steps.length; i++) {
        errors[i] = Math.abs(a.integratedGradients(steps[i], Progress.NONE).completeness().error());
      }
      assertTrue(errors[1] < errors[0] && errors[2] < errors[1],
          "|error| at 5, 25, 125 steps: " + java.util.Arrays.toString(errors));
    }
  }

  /**
   * Every part of every token within 1% of the largest attribution (any part's or total) of that
   * method in the reference. Not of the totals alone: gradient × input's totals are all about 0,
   * because LayerNorm makes f blind to the scale of each token's summed embedding (x · ∂f/∂x = 0
   * for a function of degree 0), so only the split over the parts says anything.
   */
  private static void compare(String what, Attribution ours, JsonObject theirs) {
    double largest = 0;
    for (String p : PARTS) {
      if (!theirs.get(p).isJsonNull()) {
        largest = Math.max(largest, largest(TorchAttributionCheck.doubles(theirs.getAsJsonArray(p))));
      }
    }
    double tolerance = 0.01 * largest;
    double[][] mine = {ours.token(), ours.segment(), ours.position(), ours.total()};
    for (int p = 0; p < PARTS.length; p++) {
      if (mine[p] == null) {
        assertTrue(theirs.get(PARTS[p]).isJsonNull(), what + ": " + PARTS[p] + " is null in both");
        continue;
      }
      double[] ref = TorchAttributionCheck.doubles(theirs.getAsJsonArray(PARTS[p]));
      assertEquals(ref.length, mine[p].length, what + ": tokens");
      for (int t = 0; t < ref.length; t++) {
        assertEquals(ref[t], mine[p][t], tolerance, what + ": " + PARTS[p] + " of token " + t);
      }
    }
  }

  private static double largest(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  private static double max(double[] v) {
    return v == null ? 0 : largest(v);
  }
}
