package org.bertworkbench.cli;

import static org.bertworkbench.cli.CliTest.assertCleanError;
import static org.bertworkbench.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bertworkbench.cli.CliTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attention-stats}, in-process against Google's BERT-Base. */
class AttentionStatsCliTest {

  static final List<String> STATS = List.of("entropy", "to_cls", "to_sep", "to_punct", "to_self", "to_prev", "to_next");

  static void assertShape(JsonObject j) {
    assertEquals(List.of("layers", "heads", "stats"), List.copyOf(j.keySet()));
    assertEquals(12, j.get("layers").getAsInt());
    assertEquals(12, j.get("heads").getAsInt());
    JsonObject stats = j.getAsJsonObject("stats");
    assertEquals(STATS, List.copyOf(stats.keySet()));
    for (String key : STATS) {
      JsonArray layers = stats.getAsJsonArray(key);
      assertEquals(12, layers.size(), key);
      for (int l = 0; l < 12; l++) {
        JsonArray heads = layers.get(l).getAsJsonArray();
        assertEquals(12, heads.size(), key);
        for (int h = 0; h < 12; h++) {
          double v = heads.get(h).getAsDouble();
          assertTrue(v >= 0 && (key.equals("entropy") || v <= 1 + 1e-6), key + " " + l + "-" + h + " = " + v);
        }
      }
    }
  }

  @Test
  void onePairGivesEveryStatisticAsLayersByHeads() {
    Run r = run("attention-stats", "--text", "The cat sat on the mat.", "--text-b", "It was happy.", "--json");
    assertEquals(0, r.code(), r.err());
    assertEquals(1, r.out().lines().count());
    assertShape(r.json());
  }

  @Test
  void aFileIsPooledIntoOneObjectAndMaskingAHeadZeroesIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("in.txt");
    Files.writeString(file, "The sky is blue.\nA question?\tAn answer.\n");
    Run r = run("attention-stats", "--input", file.toString(), "--json", "--mask-heads", "3:5");
    assertEquals(0, r.code(), r.err());
    assertEquals(1, r.out().lines().count());
    JsonObject j = r.json();
    assertShape(j);
    JsonObject stats = j.getAsJsonObject("stats");
    assertEquals(0, stats.getAsJsonArray("to_self").get(3).getAsJsonArray().get(5).getAsDouble(), 0);
    assertNotEquals(0, stats.getAsJsonArray("to_self").get(3).getAsJsonArray().get(4).getAsDouble());
  }

  @Test
  void batchSizeChangesNothingButSpeedAndProgressGoesToStandardError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("in.txt");
    Files.writeString(file, "Hi.\nThe old city by the river had a market every morning, and people came from far"
        + " away to sell bread, music and stories.\nA question?\tAn answer.\nYes.\n");
    Run one = run("attention-stats", "--input", file.toString(), "--json", "--batch-size", "1");
    Run batched = run("attention-stats", "--input", file.toString(), "--json", "--batch-size", "4", "--progress");
    assertEquals(0, one.code(), one.err());
    assertEquals(0, batched.code(), batched.err());
    assertEquals("", one.err());
    assertTrue(batched.err().contains("attention-stats: 4 / 4 sentences"), batched.err());
    JsonObject a = one.json().getAsJsonObject("stats");
    JsonObject b = batched.json().getAsJsonObject("stats");
    for (String key : STATS) {
      for (int l = 0; l < 12; l++) {
        for (int h = 0; h < 12; h++) {
          assertEquals(a.getAsJsonArray(key).get(l).getAsJsonArray().get(h).getAsDouble(),
              b.getAsJsonArray(key).get(l).getAsJsonArray().get(h).getAsDouble(), 1e-5, key + " " + l + "-" + h);
        }
      }
    }
    assertCleanError(run("attention-stats", "--input", file.toString(), "--batch-size", "0"));
  }

  @Test
  void bfloat16StatisticsStayCloseToFloat32(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("in.txt");
    Files.writeString(file, "The sky is blue.\nA question?\tAn answer.\n");
    Run wide = run("attention-stats", "--input", file.toString(), "--json");
    Run narrow = run("attention-stats", "--input", file.toString(), "--json", "--precision", "bfloat16");
    assertEquals(0, wide.code(), wide.err());
    if (narrow.code() != 0) { // a CPU without bfloat16: one clean line that says so
      assertCleanError(narrow);
      assertTrue(narrow.err().contains("bfloat16"), narrow.err());
      return;
    }
    JsonArray a = wide.json().getAsJsonObject("stats").getAsJsonArray("entropy");
    JsonArray b = narrow.json().getAsJsonObject("stats").getAsJsonArray("entropy");
    double max = 0;
    double diff = 0;
    for (int l = 0; l < a.size(); l++) {
      for (int h = 0; h < a.get(l).getAsJsonArray().size(); h++) {
        double x = a.get(l).getAsJsonArray().get(h).getAsDouble();
        double y = b.get(l).getAsJsonArray().get(h).getAsDouble();
        max = Math.max(max, Math.abs(x));
        diff = Math.max(diff, Math.abs(x - y));
      }
    }
    assertTrue(diff > 0 && diff < 0.05 * max, "entropies differ by " + diff + " (largest " + max + ")");
    assertCleanError(run("attention-stats", "--text", "x", "--json", "--precision", "fp8"));
  }

  @Test
  void badArgumentsGiveOneCleanLine(@TempDir Path dir) {
    assertCleanError(run("attention-stats", "--text", "x", "--mask-heads", "0:12", "--json"));
    assertCleanError(run("attention-stats", "--input", dir.resolve("missing.txt").toString(), "--json"));
    assertCleanError(run("attention-stats", "--json"));
  }
}
