package org.bertworkbench.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.bertworkbench.core.checkpoint.SampleModel;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PyTorch attribution reference ({@link TorchAttributionCheck}) itself: its self-test passes, and
 * on the sample model saved as a Hugging Face folder it answers a fill-mask target in the documented
 * shape, with a completeness error that shrinks from 10 to 200 steps. Skipped without a Python that
 * has torch.
 */
class TorchAttributionCheckTest {

  static final String[] METHODS = {"integrated-gradients", "grad-x-input", "occlusion"};
  static final String[] PARTS = {"token", "segment", "position", "total"};

  @TempDir
  static Path dir;
  static Optional<TorchAttributionCheck> found;
  static Path folder;
  static Encoding encoding;
  static Vocab vocab;
  TorchAttributionCheck check;

  @BeforeAll
  static void saveSample() throws Exception {
    found = TorchAttributionCheck.find();
    if (found.isEmpty()) {
      return;
    }
    folder = dir.resolve("sample");
    try (LoadedBert bert = LoadedBert.open(SampleModel.NAME, Device.cpu(), Progress.NONE)) {
      bert.save(folder);
      encoding = bert.encode("the capital of france is [MASK] .", null, 32);
      vocab = bert.vocab();
    }
  }

  @BeforeEach
  void needsTorch() {
    check = TorchAttributionCheck.orSkip(found);
  }

  @Test
  void selfTestPasses() throws IOException {
    JsonObject out = check.selfTest();
    assertEquals("passed", out.get("self_test").getAsString(), out.toString());
  }

  @Test
  void fillMaskAnswerHasTheDocumentedShapeAndConverges() throws IOException {
    int tokens = encoding.length();
    int mask = encoding.tokens().indexOf(Vocab.MASK);
    assertTrue(mask > 0, encoding.tokens().toString());
    JsonObject coarse = check.run(folder, TorchAttributionCheck.request(encoding, vocab, "mlm", 10, METHODS));
    JsonObject fine = check.run(folder, TorchAttributionCheck.request(encoding, vocab, "mlm", 200,
        "integrated-gradients"));

    double f = coarse.get("f").getAsDouble();
    JsonObject target = coarse.getAsJsonObject("target");
    assertEquals("mlm", target.get("kind").getAsString());
    assertEquals(mask, target.get("position").getAsInt());
    int token = target.get("token_id").getAsInt();
    assertTrue(token >= 0 && token < vocab.size(), target.toString());
    assertEquals(f, target.get("probability").getAsDouble());
    assertTrue(f > 0 && f < 1, "a probability: " + f);
    assertEquals(f, fine.get("f").getAsDouble(), 1e-15, "f does not depend on the steps");
    assertEquals(10, coarse.get("steps").getAsInt());

    JsonObject methods = coarse.getAsJsonObject("methods");
    for (String m : METHODS) {
      JsonObject r = methods.getAsJsonObject(m);
      for (String p : PARTS) {
        boolean nullPart = m.equals("occlusion") && (p.equals("segment") || p.equals("position"));
        assertEquals(nullPart, r.get(p).isJsonNull(), m + " " + p);
        if (!nullPart) {
          assertEquals(tokens, r.getAsJsonArray(p).size(), m + " " + p);
        }
      }
      assertEquals(!m.equals("integrated-gradients"), r.get("completeness").isJsonNull(), m);
    }

    JsonObject ig = methods.getAsJsonObject("integrated-gradients");
    // One sentence (segment 0 everywhere = the baseline) and position 0 its own baseline: no attribution there.
    assertTrue(Arrays.stream(TorchAttributionCheck.doubles(ig.getAsJsonArray("segment"))).allMatch(v -> v == 0));
    assertEquals(0.0, ig.getAsJsonArray("position").get(0).getAsDouble());
    double sum = Arrays.stream(TorchAttributionCheck.doubles(ig.getAsJsonArray("total"))).sum();
    JsonObject c = ig.getAsJsonObject("completeness");
    assertEquals(sum, c.get("sum").getAsDouble(), 1e-12);
    assertEquals(f - coarse.get("f_baseline").getAsDouble(), c.get("difference").getAsDouble(), 1e-15);
    assertEquals(c.get("sum").getAsDouble() - c.get("difference").getAsDouble(), c.get("error").getAsDouble(), 1e-15);
    double coarseError = Math.abs(c.get("error").getAsDouble());
    double fineError = Math.abs(fine.getAsJsonObject("methods").getAsJsonObject("integrated-gradients")
        .getAsJsonObject("completeness").get("error").getAsDouble());
    assertTrue(fineError < coarseError, "completeness error at 200 steps " + fineError + ", at 10 " + coarseError);
  }

  @Test
  void aBadRequestFailsWithItsReason() {
    JsonObject in = TorchAttributionCheck.request(encoding, vocab, "class:1", 10, METHODS);
    IOException e = assertThrows(IOException.class, () -> check.run(folder, in));
    assertTrue(e.getMessage().contains("has targets mlm, nsp only"), e.getMessage());
  }
}
