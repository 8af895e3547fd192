package org.bertworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bertworkbench.core.pretrain.TestCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pretrain command in-process: JSON lines, the run directory, one-line errors. */
class PretrainCommandTest {

  @TempDir
  Path dir;

  @Test
  void jsonLinesAndARunDirectory() throws Exception {
    Path corpus = TestCorpus.write(dir, 12, 2);
    Path out = dir.resolve("run");
    CliTest.Run r = CliTest.run("pretrain", "--corpus", corpus.toString(), "--out", out.toString(), "--vocab-size",
        "100", "--steps", "3", "--batch-size", "2", "--max-length", "32", "--dump-batches", "1", "--json",
        "--log-every", "1");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(3, lines.size());
    for (int i = 0; i < 3; i++) {
      JsonObject o = JsonParser.parseString(lines.get(i)).getAsJsonObject();
      assertEquals(i + 1, o.get("step").getAsInt());
      for (String key : List.of("loss", "mlm_loss", "nsp_loss", "mlm_accuracy", "nsp_accuracy", "learning_rate",
          "tokens_per_second")) {
        assertTrue(o.has(key), key);
      }
    }
    for (String f : List.of("run.json", "vocab.txt", "metrics.jsonl", "batches.jsonl",
        "checkpoints/step-3/model.safetensors", "checkpoints/step-3/config.json", "checkpoints/step-3/vocab.txt",
        "checkpoints/step-3/optimizer.safetensors", "checkpoints/step-3/trainer_state.json")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    List<String> batch = Files.readAllLines(out.resolve("batches.jsonl"));
    assertEquals(2, batch.size());
    JsonObject first = JsonParser.parseString(batch.get(0)).getAsJsonObject();
    assertEquals(1, first.get("step").getAsInt());
    assertEquals(first.getAsJsonArray("tokens").size(), first.getAsJsonArray("decisions").size());
    assertEquals(first.getAsJsonArray("tokens").size(), first.getAsJsonArray("original").size());
    assertTrue(first.has("is_next"));
  }

  @Test
  void aSingleDocumentIsOneLineOfError() throws Exception {
    Path corpus = dir.resolve("one.txt");
    Files.writeString(corpus, "Only one document.\nWith two sentences.\n");
    CliTest.Run r = CliTest.run("pretrain", "--corpus", corpus.toString(), "--out", dir.resolve("x").toString());
    CliTest.assertCleanError(r);
    assertTrue(r.err().contains("only one document"), r.err());
  }

  @Test
  void vocabAndVocabSizeExcludeEachOther() throws Exception {
    Path corpus = TestCorpus.write(dir, 4, 2);
    CliTest.Run r = CliTest.run("pretrain", "--corpus", corpus.toString(), "--out", dir.resolve("y").toString(),
        "--vocab", "bert-base-uncased", "--vocab-size", "100");
    CliTest.assertCleanError(r);
  }
}
