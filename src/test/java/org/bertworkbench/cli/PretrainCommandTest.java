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

  @Test
  void previewCountsACorpusWithoutTraining() throws Exception {
    Path corpus = dir.resolve("c.txt");
    Files.writeString(corpus, "The cat sat.\nIt purred.\n\nShips sail.\nThe wind blew hard.\nThey came home.\n");
    CliTest.Run r = CliTest.run("pretrain", "--corpus", corpus.toString(), "--preview", "--first", "3", "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject o = r.json();
    assertEquals("bert", o.get("format").getAsString());
    assertEquals(2, o.get("documents").getAsInt());
    assertEquals(5, o.get("sentences").getAsInt());
    assertEquals(14, o.get("words").getAsInt());
    assertEquals(67, o.get("characters").getAsInt());
    assertEquals(List.of("The cat sat.", "It purred.", "Ships sail."),
        o.getAsJsonArray("first_sentences").asList().stream().map(e -> e.getAsString()).toList());
    assertTrue(Files.notExists(dir.resolve("run")), "a preview writes nothing");

    CliTest.Run text = CliTest.run("pretrain", "--corpus", corpus.toString(), "--preview");
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().contains("2 documents, 5 sentences, 14 words, 67 characters"), text.out());
    assertTrue(text.out().contains("one sentence per line"), text.out());
    assertTrue(text.out().contains("5  They came home."), text.out());
  }

  @Test
  void previewOfProseSaysItWasCutIntoSentences() throws Exception {
    Path corpus = dir.resolve("prose.txt");
    Files.writeString(corpus, "The cat sat. It purred. Then it slept.\n\nShips sail. The wind blew hard.\n");
    JsonObject o = CliTest.run("pretrain", "--corpus", corpus.toString(), "--preview", "--json").json();
    assertEquals("prose", o.get("format").getAsString());
    assertEquals(5, o.get("sentences").getAsInt());
  }

  @Test
  void previewRefusesBadCorporaInOneLine() throws Exception {
    Path binary = dir.resolve("binary.txt");
    Files.write(binary, new byte[] {'a', 0, 1, 2, '\n'});
    Path latin1 = dir.resolve("latin1.txt");
    Files.write(latin1, "caf\u00e9\n\nna\u00efve\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Path empty = dir.resolve("empty.txt");
    Files.writeString(empty, "\n\n  \n");
    Path single = dir.resolve("single.txt");
    Files.writeString(single, "Only one document.\nWith two sentences.\n");
    String[][] cases = {{binary.toString(), "binary"}, {latin1.toString(), "not UTF-8"},
        {empty.toString(), "empty"}, {single.toString(), "only one document"},
        {dir.resolve("missing.txt").toString(), "not found"}};
    for (String[] c : cases) {
      CliTest.Run r = CliTest.run("pretrain", "--corpus", c[0], "--preview");
      CliTest.assertCleanError(r);
      assertTrue(r.err().contains(c[1]), c[1] + ": " + r.err());
      assertTrue(r.out().isEmpty(), r.out());
    }
  }

  @Test
  void trainingWithoutOutSaysWhatIsMissing() throws Exception {
    Path corpus = TestCorpus.write(dir, 4, 2);
    CliTest.Run r = CliTest.run("pretrain", "--corpus", corpus.toString());
    CliTest.assertCleanError(r);
    assertTrue(r.err().contains("--out"), r.err());
  }

  @Test
  void evaluateScoresACheckpointReproducibly() throws Exception {
    Path corpus = TestCorpus.write(dir, 12, 2);
    Path out = dir.resolve("run");
    assertEquals(0, CliTest.run("pretrain", "--corpus", corpus.toString(), "--out", out.toString(), "--vocab-size",
        "100", "--steps", "2", "--batch-size", "2", "--max-length", "32").code());
    String model = out.resolve("checkpoints/step-2").toString();
    String[] args = {"pretrain", "--evaluate", model, "--corpus", corpus.toString(), "--max-length", "32",
        "--batch-size", "4", "--batches", "3", "--seed", "777", "--json"};
    CliTest.Run r = CliTest.run(args);
    assertEquals(0, r.code(), r.err());
    JsonObject o = r.json();
    assertEquals(12, o.get("instances").getAsInt());
    assertTrue(o.get("predictions").getAsInt() >= 12, o.toString());
    for (String key : List.of("mlm_accuracy", "nsp_accuracy")) {
      double v = o.get(key).getAsDouble();
      assertTrue(v >= 0 && v <= 1, key + " " + v);
    }
    assertTrue(o.get("mlm_loss").getAsDouble() > 0 && o.get("nsp_loss").getAsDouble() > 0, o.toString());
    assertEquals(o, CliTest.run(args).json(), "no dropout, same seed: the same figures");
    CliTest.Run missing = CliTest.run("pretrain", "--evaluate", dir.resolve("nothing").toString(), "--corpus",
        corpus.toString());
    CliTest.assertCleanError(missing);
  }
}
