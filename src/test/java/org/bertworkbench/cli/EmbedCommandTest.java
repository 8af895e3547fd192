package org.bertworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** embed on all-MiniLM-L6-v2 and bge-small-zh-v1.5 from langchain4j's jars. */
class EmbedCommandTest {

  @TempDir
  Path dir;

  @Test
  void oneObjectPerLineOfAFileEqualToEachSentenceAlone() throws Exception {
    Path input = Files.writeString(dir.resolve("sentences.txt"),
        "A man is eating food.\n\nA man is eating a piece of bread.\nThe girl is carrying a baby.\n");
    CliTest.Run r = CliTest.run("embed", "--model", "all-minilm-l6-v2", "--input", input.toString(), "--json",
        "--batch-size", "2");
    assertEquals(0, r.code(), r.err());
    List<JsonObject> docs = r.out().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    assertEquals(3, docs.size(), "the blank line is skipped");
    assertEquals(List.of(1, 3, 4), docs.stream().map(d -> d.get("line").getAsInt()).toList());
    JsonObject first = docs.get(0);
    assertEquals("[\"[CLS]\",\"a\",\"man\",\"is\",\"eating\",\"food\",\".\",\"[SEP]\"]",
        first.get("tokens").toString());
    assertEquals(384, first.getAsJsonArray("embedding").size());
    assertEquals("mean", first.get("pooling").getAsString());
    assertEquals("catalog", first.get("pooling_from").getAsString());
    assertTrue(first.get("unit_length").getAsBoolean());
    assertFalse(first.get("truncated").getAsBoolean());
    assertEquals(1.0, norm(first.getAsJsonArray("embedding")), 1e-5);

    CliTest.Run alone = CliTest.run("embed", "--model", "all-minilm-l6-v2", "--text",
        "A man is eating a piece of bread.", "--json");
    assertEquals(0, alone.code(), alone.err());
    JsonObject one = alone.json();
    assertFalse(one.has("line"), "--text has no line number");
    JsonArray a = one.getAsJsonArray("embedding");
    JsonArray b = docs.get(1).getAsJsonArray("embedding");
    for (int d = 0; d < a.size(); d++) {
      assertEquals(a.get(d).getAsDouble(), b.get(d).getAsDouble(), 1e-5, "dimension " + d);
    }
    // Related sentences lie closer than unrelated ones.
    assertTrue(dot(docs.get(0), docs.get(1)) > dot(docs.get(0), docs.get(2)) + 0.2);
  }

  @Test
  void poolingCanBeChosenAndBgePoolsItsClsToken() {
    CliTest.Run bge = CliTest.run("embed", "--model", "bge-small-zh-v1.5", "--text", "今天天气很好。", "--json");
    assertEquals(0, bge.code(), bge.err());
    assertEquals("cls", bge.json().get("pooling").getAsString());
    assertEquals(512, bge.json().getAsJsonArray("embedding").size());
    CliTest.Run mean = CliTest.run("embed", "--model", "bge-small-zh-v1.5", "--text", "今天天气很好。", "--pooling",
        "mean", "--json");
    assertEquals(0, mean.code(), mean.err());
    assertEquals("mean", mean.json().get("pooling").getAsString());
    assertEquals("option", mean.json().get("pooling_from").getAsString());
    assertTrue(mean.json().get("unit_length").getAsBoolean(), "the model's normalisation stays");
    assertTrue(dot(bge.json(), mean.json()) < 0.999, "another pooling gives another vector");

    CliTest.Run human = CliTest.run("embed", "--model", "bge-small-zh-v1.5", "--text", "今天天气很好。");
    assertEquals(0, human.code(), human.err());
    assertTrue(human.out().startsWith("9 tokens, 512 values: "), human.out());
    assertTrue(human.err().contains("pooling cls from catalog, L2-normalised"), human.err());
  }

  @Test
  void aSentenceOverMaxSeqLengthIsCutWithANotice() {
    String words = "word ".repeat(300);
    CliTest.Run r = CliTest.run("embed", "--model", "all-minilm-l6-v2", "--text", words, "--json");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.json().get("truncated").getAsBoolean());
    assertEquals(256, r.json().getAsJsonArray("tokens").size(), "sentence_bert_config.json's max_seq_length");
    assertEquals(302 - 256, r.json().get("removed_pieces").getAsInt());
    assertEquals("note: input 1 is longer than the model's limit of 256 word pieces ([CLS] and [SEP] included): "
        + "its last 46 pieces were cut off", r.err().strip());
    CliTest.Run longer = CliTest.run("embed", "--model", "all-minilm-l6-v2", "--text", words, "--max-length", "300",
        "--json");
    assertEquals(300, longer.json().getAsJsonArray("tokens").size(), "--max-length up to the position limit");
  }

  @Test
  void badInputsAreOneLineErrors() throws Exception {
    Path latin1 = Files.write(dir.resolve("latin1.txt"), "ok\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    CliTest.Run r = CliTest.run("embed", "--model", "all-minilm-l6-v2", "--input", latin1.toString(), "--json");
    CliTest.assertCleanError(r);
    assertEquals("error: " + latin1 + " line 2: not UTF-8 text", r.err().strip());
    CliTest.Run pooling = CliTest.run("embed", "--model", "all-minilm-l6-v2", "--text", "x", "--pooling", "avg");
    CliTest.assertCleanError(pooling);
    assertTrue(pooling.err().contains("--pooling takes mean, cls or max"), pooling.err());
    CliTest.Run tooLong = CliTest.run("embed", "--model", "all-minilm-l6-v2", "--text", "x", "--max-length", "9999");
    CliTest.assertCleanError(tooLong);
    assertTrue(tooLong.err().contains("the model takes 3 to 512 word pieces"), tooLong.err());
    CliTest.assertCleanError(CliTest.run("embed", "--text", "x", "--input", latin1.toString()));
  }

  private static double norm(JsonArray v) {
    double sq = 0;
    for (int i = 0; i < v.size(); i++) {
      sq += v.get(i).getAsDouble() * v.get(i).getAsDouble();
    }
    return Math.sqrt(sq);
  }

  private static double dot(JsonObject x, JsonObject y) {
    JsonArray a = x.getAsJsonArray("embedding");
    JsonArray b = y.getAsJsonArray("embedding");
    double s = 0;
    for (int i = 0; i < a.size(); i++) {
      s += a.get(i).getAsDouble() * b.get(i).getAsDouble();
    }
    return s;
  }

  @Test
  void aMaxLengthOutsideThreeToThePositionsIsRefusedAndOneInsideCuts() {
    CliTest.assertCleanError(CliTest.run("embed", "--model", "all-minilm-l6-v2", "--text", "hello", "--max-length", "2"));
    CliTest.assertCleanError(CliTest.run("embed", "--model", "all-minilm-l6-v2", "--text", "hello", "--max-length",
        "100000"));
    CliTest.Run cut = CliTest.run("embed", "--model", "all-minilm-l6-v2", "--text", "a man is eating food", "--json",
        "--max-length", "4");
    assertEquals(0, cut.code(), cut.err());
    JsonObject doc = JsonParser.parseString(cut.out().strip()).getAsJsonObject();
    assertEquals(4, doc.getAsJsonArray("tokens").size(), doc.toString());
  }
}
