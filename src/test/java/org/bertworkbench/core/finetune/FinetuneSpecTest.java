package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run specification file: defaults, round trip, refusals. */
class FinetuneSpecTest {

  @TempDir
  Path dir;

  @Test
  void thePapersDefaults() {
    FinetuneSpec s = FinetuneSpec.defaults(TaskKind.PAIR, "train.tsv", "bert-base-uncased", "runs/a");
    assertEquals(3, s.epochs());
    assertEquals(32, s.batchSize());
    assertEquals(5e-5, s.learningRate());
    assertEquals(0.1, s.warmupFraction());
    assertEquals(0.01, s.weightDecay());
    assertEquals(128, s.maxLength());
    assertEquals("sentence1", s.columns().textA());
    assertEquals("sentence2", s.columns().textB());
  }

  @Test
  void savesAndLoadsEveryField() throws Exception {
    FinetuneSpec s = FinetuneSpec.defaults(TaskKind.CLASSIFY, "t.csv", "m", "o").withDev("d.csv", 0.1)
        .withColumns(new DataColumns("text", null, "y", List.of("customers", "hours"),
            DataColumns.FeatureMode.TEXT_TEMPLATE, "customers {customers}"))
        .withHyperparameters(4, 16, 2e-5).withTraining(0.06, 0.0, 256, 7, 3).withRun("gpu1", true, 50, 100)
        .withPrecision("float16");
    Path file = dir.resolve("spec.json");
    s.save(file);
    assertEquals(s, FinetuneSpec.load(file));
    assertEquals("float16", FinetuneSpec.load(file).precision());
    assertEquals("classify", JsonParser.parseString(Files.readString(file)).getAsJsonObject().get("task").getAsString());
  }

  @Test
  void aHandWrittenSpecNeedsOnlyTheEssentials() throws Exception {
    Path file = dir.resolve("spec.json");
    Files.writeString(file, "{\"task\": \"tag\", \"train\": \"t.conll\", \"model\": \"bert-base-cased\", \"out\": \"r\"}");
    FinetuneSpec s = FinetuneSpec.load(file);
    assertEquals(TaskKind.TAG, s.task());
    assertEquals(0.1, s.devFraction());
    assertEquals("auto", s.precision(), "a spec file without precision (older runs) means auto");
    Files.writeString(file, "{\"task\": \"tag\", \"train\": \"t\", \"model\": \"m\", \"out\": \"r\", \"epoch\": 3}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FinetuneSpec.load(file));
    assertTrue(e.getMessage().startsWith("spec.json: unknown key \"epoch\""), e.getMessage());
    Files.writeString(file, "{\"task\": \"tag\", \"train\": \"t\", \"model\": \"m\", \"out\": \"r\", \"learning_rate\": -1}");
    e = assertThrows(IllegalArgumentException.class, () -> FinetuneSpec.load(file));
    assertTrue(e.getMessage().contains("learning rate must be positive"), e.getMessage());
  }

  @Test
  void aGridGivesOneRunPerCombination() {
    List<FinetuneSpec> grid = FinetuneSpec.defaults(TaskKind.CLASSIFY, "t", "m", "runs/grid")
        .grid(FinetuneSpec.PAPER_LEARNING_RATES, FinetuneSpec.PAPER_BATCH_SIZES, List.of(3));
    assertEquals(6, grid.size());
    assertEquals(Path.of("runs/grid/lr5e-5-b16-e3").toString(), grid.get(0).out());
    assertEquals(2e-5, grid.get(5).learningRate());
    assertEquals(32, grid.get(5).batchSize());
  }

  @Test
  void refusesNonsense() {
    FinetuneSpec s = FinetuneSpec.defaults(TaskKind.QA, "t", "m", "o");
    assertThrows(IllegalArgumentException.class, () -> s.withHyperparameters(0, 32, 5e-5));
    assertThrows(IllegalArgumentException.class, () -> s.withTraining(0.1, 0.01, 4, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> s.withPrecision("bfloat16"));
    assertEquals("float32", s.withPrecision(" Float32 ").precision());
    assertThrows(IllegalArgumentException.class, () -> s.withColumns(new DataColumns("a", null, "l", List.of("x"),
        DataColumns.FeatureMode.CLS_CONCAT, null)));
  }
}
