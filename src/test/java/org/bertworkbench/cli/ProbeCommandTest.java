package org.bertworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code probe}: layer probes on the sample part-of-speech files, as JSON and as a table; its refusals. */
class ProbeCommandTest {

  static final String TRAIN = "sample-data/probe/train.conll";
  static final String DEV = "sample-data/probe/dev.conll";

  @TempDir
  Path dir;

  @Test
  void jsonOnBertBaseHasOneObjectWithEveryLayer() {
    CliTest.Run r = CliTest.run("probe", "--train", TRAIN, "--dev", DEV, "--json");
    assertEquals(0, r.code(), r.err());
    assertEquals(1, r.out().lines().count());
    JsonObject j = r.json();
    assertEquals(List.of("model", "train_words", "dev_words", "tags", "majority_tag", "majority_baseline", "layers",
        "notes"), List.copyOf(j.keySet()));
    assertEquals("bert-base-uncased", j.get("model").getAsString());
    assertEquals(1473, j.get("train_words").getAsInt());
    assertEquals(427, j.get("dev_words").getAsInt());
    assertEquals(15, j.getAsJsonArray("tags").size());
    assertEquals("NOUN", j.getAsJsonArray("tags").get(0).getAsString());
    double baseline = j.get("majority_baseline").getAsDouble();
    assertEquals(86 / 427.0, baseline, 1e-12);
    JsonArray layers = j.getAsJsonArray("layers");
    assertEquals(13, layers.size());
    for (int l = 0; l < 13; l++) {
      JsonObject o = layers.get(l).getAsJsonObject();
      assertEquals(List.of("layer", "accuracy", "control_accuracy", "selectivity"), List.copyOf(o.keySet()));
      assertEquals(l, o.get("layer").getAsInt());
      assertEquals(o.get("accuracy").getAsDouble() - o.get("control_accuracy").getAsDouble(),
          o.get("selectivity").getAsDouble(), 1e-12);
      if (l >= 4 && l <= 8) {
        assertTrue(o.get("accuracy").getAsDouble() > baseline + 0.5, o.toString());
        assertTrue(o.get("selectivity").getAsDouble() > 0.1, o.toString());
      }
    }
    assertEquals(0, j.getAsJsonArray("notes").size());
  }

  @Test
  void aTableWithoutJsonAndNotesOnStandardError() throws Exception {
    Path dev = Files.writeString(dir.resolve("dev.conll"), "the\tDET\ncat\tNOUN\nslept\tVERB\nsoundly\tSYM\n");
    CliTest.Run r = CliTest.run("probe", "--model", "sample-tiny", "--train", TRAIN, "--dev", dev.toString(),
        "--seed", "3");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).startsWith("sample-tiny: 1473 train words, 3 dev words, 15 tags; majority tag NOUN: 0.333"),
        lines.get(0));
    assertEquals("layer  accuracy  control  selectivity", lines.get(1));
    assertEquals(2 + 1 + 2, lines.size(), "the sample's embeddings and its two layers: " + r.out());
    assertTrue(lines.get(2).matches("\\s+0\\s+[01]\\.\\d{3}\\s+[01]\\.\\d{3}\\s+-?[01]\\.\\d{3}"), lines.get(2));
    assertEquals("note: 1 dev words have tags the train file does not use (SYM): they are not scored",
        r.err().strip());
  }

  @Test
  void aOneTagFileAndAMissingOptionAreOneLineEach() throws Exception {
    Path one = Files.writeString(dir.resolve("one.conll"), "a\tX\nb\tX\n");
    CliTest.Run r = CliTest.run("probe", "--model", "sample-tiny", "--train", one.toString(), "--dev", DEV);
    CliTest.assertCleanError(r);
    assertEquals("error: one.conll: has only one tag, X: a probe needs at least two", r.err().strip());
    CliTest.Run usage = CliTest.run("probe", "--train", TRAIN);
    assertEquals(2, usage.code());
    CliTest.assertCleanError(usage);
  }
}
