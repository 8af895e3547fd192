package org.bertworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.checkpoint.SampleModel;
import org.bertworkbench.core.finetune.FinetuneModel;
import org.bertworkbench.core.finetune.HeadConfig;
import org.bertworkbench.core.finetune.TaskKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attribute}: the JSON the issue specifies, deletion curves, rank correlations, a fine-tuned head, refusals. */
class AttributeCommandTest {

  static final String TEXT = "the cat sat on the [MASK] .";

  @TempDir
  Path dir;

  @Test
  void integratedGradientsPrintTheSpecifiedJson() {
    CliTest.Run r = CliTest.run("attribute", "--model", SampleModel.NAME, "--text", TEXT, "--steps", "20", "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject o = r.json();
    int tokens = o.getAsJsonArray("tokens").size();
    assertEquals(10, tokens, o.toString());
    JsonObject target = o.getAsJsonObject("target");
    assertEquals(7, target.get("position").getAsInt(), "the first [MASK]");
    assertTrue(target.has("token") && target.get("probability").getAsDouble() > 0);
    JsonObject parts = o.getAsJsonObject("attributions");
    for (String p : List.of("token", "segment", "position", "total")) {
      assertEquals(tokens, parts.getAsJsonArray(p).size(), p);
    }
    JsonObject c = o.getAsJsonObject("completeness");
    assertEquals(c.get("sum").getAsDouble() - c.get("difference").getAsDouble(), c.get("error").getAsDouble(), 1e-9);
    double sum = 0;
    for (var v : parts.getAsJsonArray("total")) {
      sum += v.getAsDouble();
    }
    assertEquals(sum, c.get("sum").getAsDouble(), 1e-9);
  }

  @Test
  void occlusionHasNoSegmentOrPositionPartAndFaithfulnessAddsEveryCurve() {
    CliTest.Run r = CliTest.run("attribute", "--model", SampleModel.NAME, "--text", TEXT, "--method", "occlusion",
        "--faithfulness", "--steps", "8", "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject o = r.json();
    assertTrue(o.getAsJsonObject("attributions").get("segment").isJsonNull());
    assertTrue(!o.has("completeness"), "completeness is integrated gradients' only");
    JsonObject deletion = o.getAsJsonObject("deletion");
    for (String m : List.of("integrated-gradients", "grad-x-input", "occlusion", "attention", "rollout", "random")) {
      JsonObject curve = deletion.getAsJsonObject(m);
      assertEquals(8, curve.getAsJsonArray("points").size(), m + ": f before and after each of 7 deletions (not"
          + " [CLS], [MASK], [SEP])");
      assertEquals(o.getAsJsonObject("target").get("probability").getAsDouble(),
          curve.getAsJsonArray("points").get(0).getAsDouble(), 1e-6, m);
    }
  }

  @Test
  void overAFileTheMethodsAreRankCorrelated() throws Exception {
    Path file = dir.resolve("inputs.txt");
    Files.writeString(file, "the cat sat on the [MASK] .\na dog ran to the [MASK] of the park .\n");
    CliTest.Run r = CliTest.run("attribute", "--model", SampleModel.NAME, "--input", file.toString(), "--faithfulness",
        "--steps", "4", "--json");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(3, lines.size(), r.out());
    JsonObject last = JsonParser.parseString(lines.get(2)).getAsJsonObject();
    assertEquals(10, last.getAsJsonArray("rank_correlation").size(), "every pair of five methods");
  }

  @Test
  void aFineTunedClassifiersClassIsExplained() throws Exception {
    Path folder = dir.resolve("classifier");
    HeadConfig head = new HeadConfig(TaskKind.CLASSIFY, List.of("neg", "pos"), null, null, null, null, null, 64, null);
    try (FinetuneModel m = FinetuneModel.create(CheckpointLoader.open(SampleModel.NAME), head, Device.cpu(), 5)) {
      m.save(folder);
    }
    CliTest.Run r = CliTest.run("attribute", "--model", folder.toString(), "--target", "class:1", "--text",
        "the cat sat on the mat .", "--steps", "10", "--json");
    assertEquals(0, r.code(), r.err());
    assertEquals("pos", r.json().getAsJsonObject("target").get("token").getAsString());
    CliTest.Run wrong = CliTest.run("attribute", "--model", folder.toString(), "--target", "start:2", "--text", "x");
    CliTest.assertCleanError(wrong);
    assertTrue(wrong.err().contains("this model offers class:K"), wrong.err());
  }

  @Test
  void badInputGetsOneLineEach() {
    CliTest.Run steps = CliTest.run("attribute", "--model", SampleModel.NAME, "--text", TEXT, "--steps", "0");
    CliTest.assertCleanError(steps);
    assertTrue(steps.err().contains("--steps must be 1 or more"), steps.err());
    CliTest.Run noMask = CliTest.run("attribute", "--model", SampleModel.NAME, "--text", "the cat sat .");
    CliTest.assertCleanError(noMask);
    assertTrue(noMask.err().contains("no [MASK]"), noMask.err());
    CliTest.Run token = CliTest.run("attribute", "--model", SampleModel.NAME, "--text", TEXT, "--target-token",
        "zzzqqq");
    CliTest.assertCleanError(token);
    assertTrue(token.err().contains("not one token of the vocabulary"), token.err());
    CliTest.Run target = CliTest.run("attribute", "--model", SampleModel.NAME, "--text", TEXT, "--target", "klass:1");
    CliTest.assertCleanError(target);
  }
}
