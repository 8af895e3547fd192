package org.bertworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * search and similarity on all-MiniLM-L6-v2, against cosines computed here from the vectors that
 * embed prints for the same sentences.
 */
class SentenceSearchCliTest {

  static final String FILE = "A man is eating food.\n\nA man is eating a piece of bread.\nThe girl is carrying a baby.\n"
      + "A man is riding a horse.\nA woman is playing violin.\n";
  static final String QUERY = "Someone is having a meal.";

  @TempDir
  Path dir;

  @Test
  void searchRanksTheFileByCosineWithTheQuery() throws Exception {
    Path input = Files.writeString(dir.resolve("sentences.txt"), FILE);
    List<double[]> vectors = embedded(CliTest.run("embed", "--input", input.toString(), "--json"));
    double[] q = embedded(CliTest.run("embed", "--text", QUERY, "--json")).get(0);
    List<Integer> lines = List.of(1, 3, 4, 5, 6);
    List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4));
    order.sort(Comparator.comparingDouble(i -> -cosine(q, vectors.get(i))));

    CliTest.Run r = CliTest.run("search", "--query", QUERY, "--input", input.toString(), "--top-k", "3", "--json",
        "--batch-size", "2");
    assertEquals(0, r.code(), r.err());
    JsonObject doc = r.json();
    assertEquals(QUERY, doc.get("query").getAsString());
    assertEquals(5, doc.get("searched").getAsInt());
    JsonArray results = doc.getAsJsonArray("results");
    assertEquals(3, results.size());
    for (int k = 0; k < 3; k++) {
      JsonObject hit = results.get(k).getAsJsonObject();
      int i = order.get(k);
      assertEquals(lines.get(i), hit.get("line").getAsInt(), "rank " + k);
      assertEquals(FILE.lines().filter(l -> !l.isBlank()).toList().get(i), hit.get("text").getAsString());
      assertEquals(cosine(q, vectors.get(i)), hit.get("score").getAsDouble(), 1e-5);
    }
    assertTrue(results.get(0).getAsJsonObject().get("text").getAsString().contains("eating"),
        "a meal is closest to eating: " + results);

    CliTest.Run all = CliTest.run("search", "--query", QUERY, "--input", input.toString(), "--top-k", "50", "--json");
    assertEquals(5, all.json().getAsJsonArray("results").size(), "k stops at the file's sentences");
    CliTest.Run human = CliTest.run("search", "--query", QUERY, "--input", input.toString(), "--top-k", "1");
    assertEquals(0, human.code(), human.err());
    assertTrue(human.out().strip().matches("0\\.\\d{4}  line " + lines.get(order.get(0)) + ": .*"), human.out());
  }

  @Test
  void searchRefusesInOneLine() throws Exception {
    Path input = Files.writeString(dir.resolve("sentences.txt"), FILE);
    Path blank = Files.writeString(dir.resolve("blank.txt"), "\n  \n");
    CliTest.Run k = CliTest.run("search", "--query", QUERY, "--input", input.toString(), "--top-k", "0");
    CliTest.assertCleanError(k);
    assertEquals("error: --top-k must be at least 1, got 0", k.err().strip());
    CliTest.Run empty = CliTest.run("search", "--query", QUERY, "--input", blank.toString());
    CliTest.assertCleanError(empty);
    assertEquals("error: " + blank + ": no input lines", empty.err().strip());
    CliTest.Run noQuery = CliTest.run("search", "--query", " ", "--input", input.toString());
    CliTest.assertCleanError(noQuery);
    assertTrue(noQuery.err().contains("--query: the sentence is empty"), noQuery.err());
    CliTest.assertCleanError(CliTest.run("search", "--input", input.toString()));
  }

  @Test
  void theMatrixOfAFileHoldsTheCosinesOfItsEmbeddings() throws Exception {
    Path input = Files.writeString(dir.resolve("sentences.txt"), FILE);
    List<double[]> vectors = embedded(CliTest.run("embed", "--input", input.toString(), "--json"));
    CliTest.Run r = CliTest.run("similarity", "--input", input.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject doc = r.json();
    assertEquals("[1,3,4,5,6]", doc.get("lines").toString());
    assertEquals("A man is eating food.", doc.getAsJsonArray("sentences").get(0).getAsString());
    JsonArray m = doc.getAsJsonArray("matrix");
    assertEquals(5, m.size());
    for (int i = 0; i < 5; i++) {
      JsonArray row = m.get(i).getAsJsonArray();
      assertEquals(5, row.size());
      for (int j = 0; j < 5; j++) {
        assertEquals(cosine(vectors.get(i), vectors.get(j)), row.get(j).getAsDouble(), 1e-5, i + "," + j);
      }
    }
    assertTrue(doc.get("unit_length").getAsBoolean());

    CliTest.Run human = CliTest.run("similarity", "--input", input.toString());
    assertEquals(0, human.code(), human.err());
    List<String> rows = human.out().lines().toList();
    assertEquals(6, rows.size(), human.out());
    assertTrue(rows.get(1).startsWith("1       1.000 "), rows.get(1));
  }

  @Test
  void layerByLayerTheLastLayerIsTheEmbeddingsCosine() {
    String a = "A man is eating food.";
    String b = "A man is eating a piece of bread.";
    CliTest.Run pair = CliTest.run("similarity", "--text", a, "--text-b", b, "--json");
    assertEquals(0, pair.code(), pair.err());
    double direct = cosine(embedded(CliTest.run("embed", "--text", a, "--json")).get(0),
        embedded(CliTest.run("embed", "--text", b, "--json")).get(0));
    assertEquals(direct, pair.json().get("cosine").getAsDouble(), 1e-5);

    CliTest.Run r = CliTest.run("similarity", "--text", a, "--text-b", b, "--layers", "--json");
    assertEquals(0, r.code(), r.err());
    JsonArray layers = r.json().getAsJsonArray("layers");
    assertEquals(7, layers.size(), "the embeddings' output and 6 layers");
    for (int l = 0; l < layers.size(); l++) {
      assertEquals(l, layers.get(l).getAsJsonObject().get("layer").getAsInt());
    }
    assertEquals(direct, layers.get(6).getAsJsonObject().get("cosine").getAsDouble(), 1e-5);
    assertEquals(direct, r.json().get("cosine").getAsDouble(), 1e-5);
    assertEquals("mean", r.json().get("pooling").getAsString());

    CliTest.Run cls = CliTest.run("similarity", "--text", a, "--text-b", b, "--layers", "--pooling", "cls",
        "--json");
    assertEquals(0, cls.code(), cls.err());
    assertTrue(Math.abs(cls.json().get("cosine").getAsDouble() - direct) > 1e-3, "another pooling, another cosine");

    CliTest.Run layersOfAFile = CliTest.run("similarity", "--input", "x.txt", "--layers");
    CliTest.assertCleanError(layersOfAFile);
    assertTrue(layersOfAFile.err().contains("--layers compares two sentences"), layersOfAFile.err());
    CliTest.assertCleanError(CliTest.run("similarity", "--text", a));
  }

  /** The "embedding" of each JSON line. */
  private static List<double[]> embedded(CliTest.Run r) {
    assertEquals(0, r.code(), r.err());
    List<double[]> out = new ArrayList<>();
    for (String line : r.out().lines().toList()) {
      JsonArray v = JsonParser.parseString(line).getAsJsonObject().getAsJsonArray("embedding");
      double[] d = new double[v.size()];
      int i = 0;
      for (JsonElement e : v) {
        d[i++] = e.getAsDouble();
      }
      out.add(d);
    }
    return out;
  }

  private static double cosine(double[] a, double[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
