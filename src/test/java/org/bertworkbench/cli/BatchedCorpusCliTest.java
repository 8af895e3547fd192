package org.bertworkbench.cli;

import static org.bertworkbench.cli.CliTest.assertCleanError;
import static org.bertworkbench.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bertworkbench.cli.CliTest.Run;
import org.bertworkbench.core.finetune.FineTunedFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict}, {@code evaluate} and {@code embed} over a file at {@code --batch-size 1} and
 * batched print the same lines (labels the same, numbers within 1e-5); {@code --progress} writes its
 * line on standard error only (issue 16).
 */
class BatchedCorpusCliTest {

  static final List<String> LINES = List.of("the sea",
      "the sun on the sand and the rain over the sea while the sea and the sun and the sand and the rain stay",
      "rain", "the sun on the sand", "sea sun", "the rain and the sea and the sun");

  static double[] numbers(JsonObject o, String key) {
    JsonObject probabilities = o.getAsJsonObject(key);
    return probabilities.keySet().stream().mapToDouble(k -> probabilities.get(k).getAsDouble()).toArray();
  }

  @Test
  void predictAndEvaluateInBatchesPrintWhatBatchOnePrints(@TempDir Path dir) throws Exception {
    Path model = FineTunedFolders.classifier(dir.resolve("model"));
    Path input = dir.resolve("in.txt");
    Files.write(input, LINES);
    Run one = run("predict", "--model", model.toString(), "--input", input.toString(), "--json", "--batch-size", "1");
    Run batched = run("predict", "--model", model.toString(), "--input", input.toString(), "--json",
        "--batch-size", "4", "--progress");
    assertEquals(0, one.code(), one.err());
    assertEquals(0, batched.code(), batched.err());
    assertEquals("", one.err());
    assertTrue(batched.err().contains("predict: 6 / 6 inputs"), batched.err());
    List<String> a = one.out().lines().toList();
    List<String> b = batched.out().lines().toList();
    assertEquals(LINES.size(), a.size());
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      JsonObject x = JsonParser.parseString(a.get(i)).getAsJsonObject();
      JsonObject y = JsonParser.parseString(b.get(i)).getAsJsonObject();
      assertEquals(x.get("label"), y.get("label"), "line " + i);
      assertEquals(x.get("text"), y.get("text"), "line " + i);
      assertArrayEquals(numbers(x, "probabilities"), numbers(y, "probabilities"), 1e-5, "line " + i);
    }

    Path data = dir.resolve("dev.tsv");
    StringBuilder tsv = new StringBuilder("sentence\tlabel\n");
    for (int i = 0; i < LINES.size(); i++) {
      tsv.append(LINES.get(i)).append('\t').append(i % 2 == 0 ? "neg" : "pos").append('\n');
    }
    Files.writeString(data, tsv);
    Run e1 = run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json", "--batch-size", "1");
    Run e4 = run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json", "--batch-size", "5");
    assertEquals(0, e1.code(), e1.err());
    assertEquals(e1.out(), e4.out());
    assertCleanError(run("predict", "--model", model.toString(), "--input", input.toString(), "--batch-size", "0"));
  }

  @Test
  void embedInBatchesPrintsWhatBatchOnePrints(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("in.txt");
    Files.write(input, LINES);
    Run one = run("embed", "--model", "sample-tiny", "--input", input.toString(), "--json", "--batch-size", "1");
    Run batched = run("embed", "--model", "sample-tiny", "--input", input.toString(), "--json", "--batch-size", "3",
        "--progress");
    assertEquals(0, one.code(), one.err());
    assertEquals(0, batched.code(), batched.err());
    assertTrue(batched.err().contains("embed: 6 / 6 sentences"), batched.err());
    List<String> a = one.out().lines().toList();
    List<String> b = batched.out().lines().toList();
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      JsonObject x = JsonParser.parseString(a.get(i)).getAsJsonObject();
      JsonObject y = JsonParser.parseString(b.get(i)).getAsJsonObject();
      assertEquals(x.get("tokens"), y.get("tokens"), "line " + i);
      double[] u = x.getAsJsonArray("embedding").asList().stream().mapToDouble(v -> v.getAsDouble()).toArray();
      double[] v = y.getAsJsonArray("embedding").asList().stream().mapToDouble(w -> w.getAsDouble()).toArray();
      assertArrayEquals(u, v, 1e-5, "line " + i);
    }
  }
}
