package org.bertworkbench.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bertworkbench.cli.BertCli;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.finetune.FineTunedFolders;
import org.bertworkbench.core.finetune.FinetuneModel;
import org.bertworkbench.core.finetune.HeadConfig;
import org.bertworkbench.core.finetune.TaskKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark jobs in local mode (local[2]) on the bundled sample-tiny model against the
 * single-machine commands on the same files (issue 16): attention-stats prints the same JSON (every
 * statistic within 1e-6, reduced over several partitions), embed's and predict's Parquet, read back
 * with Spark, hold the single-machine vectors (within 1e-6) and labels; bad lines of each kind are
 * skipped, counted and listed with their file and line, or stop the job with --fail-on-bad-lines.
 */
class SparkJobsTest {

  /** Sentences of 1 to 40 words and pairs, so that batches pad and partitions differ in length. */
  static final List<String> CORPUS = corpus();

  static List<String> corpus() {
    String[] words = "the sea sun sand rain over while and stay cat dog sat on mat , . ! ?".split(" ");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 36; i++) {
      StringBuilder a = new StringBuilder();
      for (int w = 0; w <= (i * 7) % 40; w++) {
        a.append(w == 0 ? "" : " ").append(words[(i * 3 + w * 5) % words.length]);
      }
      if (i % 4 == 1) {
        a.append('\t').append(words[i % words.length]).append(" and the ").append(words[(i + 5) % words.length]);
      }
      lines.add(a.toString());
    }
    return lines;
  }

  @BeforeAll
  static void quietSpark() {
    SparkMain.quiet();
  }

  record Run(int code, String out, String err) {
    JsonObject json() {
      return JsonParser.parseString(out.lines().reduce((a, b) -> b).orElseThrow()).getAsJsonObject();
    }
  }

  static Run spark(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SparkCli.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  static Run single(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BertCli.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  static void assertCleanError(Run r, String says) {
    assertEquals(1, r.code(), r.out() + r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertTrue(r.err().startsWith("error: ") && r.err().contains(says), r.err());
  }

  static double[] flat(JsonArray a) {
    List<Double> out = new ArrayList<>();
    a.forEach(row -> row.getAsJsonArray().forEach(v -> out.add(v.getAsDouble())));
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Every statistic of two attention-stats documents equal within 1e-6, the same shape and keys. */
  static void assertSameStatistics(JsonObject expected, JsonObject actual) {
    assertEquals(expected.get("layers"), actual.get("layers"));
    assertEquals(expected.get("heads"), actual.get("heads"));
    JsonObject e = expected.getAsJsonObject("stats");
    JsonObject a = actual.getAsJsonObject("stats");
    assertEquals(e.keySet(), a.keySet());
    for (String k : e.keySet()) {
      assertArrayEquals(flat(e.getAsJsonArray(k)), flat(a.getAsJsonArray(k)), 1e-6, k);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void attentionStatsOverPartitionsPrintTheSingleMachineJson(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("corpus.txt");
    Files.write(input, CORPUS);
    Run one = single("attention-stats", "--model", "sample-tiny", "--input", input.toString(), "--json");
    Run spread = spark("attention-stats", "--master", "local[2]", "--model", "sample-tiny", "--input",
        input.toString(), "--json", "--partitions", "3", "--batch-size", "5", "--output", dir.resolve("out").toString());
    assertEquals(0, one.code(), one.err());
    assertEquals(0, spread.code(), spread.err());
    JsonObject s = spread.json();
    assertEquals(0, s.get("bad_lines").getAsInt());
    assertEquals(List.of("layers", "heads", "stats", "bad_lines"), List.copyOf(s.keySet()));
    assertSameStatistics(one.json(), s);
    // A known model shipped as a cluster would get it: the driver writes it as a folder, addFile sends it.
    Run shipped = spark("attention-stats", "--master", "local[2]", "--model", "sample-tiny", "--input",
        input.toString(), "--json", "--ship-model", "yes");
    assertEquals(0, shipped.code(), shipped.err());
    assertSameStatistics(one.json(), shipped.json());
    // The same document in OUTPUT/attention-stats.json; a second run refuses the existing folder.
    assertEquals(spread.out().strip(), Files.readString(dir.resolve("out/attention-stats.json")).strip());
    assertCleanError(spark("attention-stats", "--master", "local[1]", "--model", "sample-tiny", "--input",
        input.toString(), "--output", dir.resolve("out").toString()), "already exists");
  }

  @Test
  void badLinesOfEachKindAreSkippedCountedAndListedWithFileAndLine(@TempDir Path dir) throws Exception {
    List<String> good = CORPUS.subList(0, 12).stream().map(l -> l.contains("\t") ? l : l + "\tand the sea").toList();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Long> badAt = new ArrayList<>();
    long line = 0;
    for (int i = 0; i < good.size(); i++) {
      bytes.write(utf8(good.get(i) + "\n"));
      line++;
      if (i == 2) { // a Latin-1 é: Spark's textFile would read U+FFFD and go on
        bytes.write(utf8("caf"));
        bytes.write(0xE9);
        bytes.write(utf8("\tthe sea\n"));
        badAt.add(++line);
      } else if (i == 5) { // over --max-line-bytes 200
        bytes.write(utf8("the sea ".repeat(30) + "\tthe sun\n"));
        badAt.add(++line);
      } else if (i == 8) { // no TAB where --pairs needs two columns
        bytes.write(utf8("only one column here\n"));
        badAt.add(++line);
      } else if (i == 9) {
        bytes.write(utf8("\n")); // blank: neither an input nor bad
        line++;
      }
    }
    Path input = dir.resolve("mixed.txt");
    Files.write(input, bytes.toByteArray());
    Path clean = dir.resolve("clean.txt");
    Files.write(clean, good);

    Path listing = dir.resolve("bad");
    Run r = spark("attention-stats", "--master", "local[2]", "--model", "sample-tiny", "--input", input.toString(),
        "--json", "--pairs", "--max-line-bytes", "200", "--bad-lines", listing.toString(), "--partitions", "2");
    assertEquals(0, r.code(), r.err());
    assertEquals(3, r.json().get("bad_lines").getAsInt());
    // The statistics are those of the good lines alone, as the single-machine command gives them.
    assertSameStatistics(single("attention-stats", "--model", "sample-tiny", "--input", clean.toString(), "--json")
        .json(), r.json());

    List<JsonObject> listed = new ArrayList<>();
    try (Stream<Path> files = Files.list(listing)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        Files.readAllLines(f).forEach(l -> listed.add(JsonParser.parseString(l).getAsJsonObject()));
      }
    }
    assertEquals(3, listed.size(), listed.toString());
    assertEquals(List.of("not_utf8", "too_long", "missing_column"),
        listed.stream().map(o -> o.get("problem").getAsString()).toList());
    assertEquals(badAt, listed.stream().map(o -> o.get("line").getAsLong()).toList(), "the true line numbers");
    listed.forEach(o -> assertEquals(input.toString(), o.get("file").getAsString()));
    assertTrue(listed.get(1).get("message").getAsString().contains("--max-line-bytes is 200"), listed.toString());
    // Standard error sums them up and names each.
    assertTrue(r.err().contains("skipped 3 bad lines (1 not UTF-8, 1 too long, 1 missing a column); listed in "
        + listing), r.err());
    assertTrue(r.err().contains(input + ":" + badAt.get(0) + ": not UTF-8 text"), r.err());
    assertTrue(r.err().contains(input + ":" + badAt.get(2) + ": no TAB"), r.err());

    // --fail-on-bad-lines stops the job instead: one line, the first bad line, exit 1.
    Run failed = spark("attention-stats", "--master", "local[2]", "--model", "sample-tiny", "--input",
        input.toString(), "--json", "--pairs", "--max-line-bytes", "200", "--fail-on-bad-lines");
    assertCleanError(failed, "3 bad lines in the input, the first " + input + " line " + badAt.get(0)
        + ": not UTF-8 text; --fail-on-bad-lines stops the job");
    assertEquals("", failed.out());
  }

  @Test
  void embedWritesParquetWithTheSingleMachineVectors(@TempDir Path dir) throws Exception {
    List<String> lines = CORPUS.stream().map(l -> l.replace('\t', ' ')).toList();
    Path a = dir.resolve("a.txt");
    Path b = dir.resolve("b.txt");
    Files.write(a, lines.subList(0, 20));
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    for (String l : lines.subList(20, lines.size())) {
      second.write(utf8(l + "\n"));
    }
    second.write(new byte[] {'b', 'a', 'd', ' ', (byte) 0xC3, '\n'}); // a cut two-byte sequence
    Files.write(b, second.toByteArray());
    Path out = dir.resolve("vectors");
    Run r = spark("embed", "--master", "local[2]", "--model", "sample-tiny", "--input", a + "," + b, "--output",
        out.toString(), "--partitions", "3");
    assertEquals(0, r.code(), r.err());
    assertEquals(lines.size(), r.json().get("rows").getAsInt());
    assertEquals(1, r.json().get("bad_lines").getAsInt());
    assertEquals("mean", r.json().get("pooling").getAsString());
    assertTrue(Files.isDirectory(out.resolve("_bad-lines")), "bad lines listed beside the Parquet files");

    Map<String, float[]> expected = new HashMap<>();
    for (Path file : List.of(a, b)) {
      Run one = single("embed", "--model", "sample-tiny", "--input", file.toString(), "--json");
      assertEquals(file == b ? 1 : 0, one.code(), one.err()); // the single-machine command refuses the bad byte
      if (file == a) {
        one.out().lines().forEach(l -> {
          JsonObject o = JsonParser.parseString(l).getAsJsonObject();
          JsonArray v = o.getAsJsonArray("embedding");
          float[] f = new float[v.size()];
          for (int i = 0; i < f.length; i++) {
            f[i] = v.get(i).getAsFloat();
          }
          expected.put(a + ":" + o.get("line").getAsInt(), f);
        });
      }
    }
    Path bClean = dir.resolve("b-clean.txt");
    Files.write(bClean, lines.subList(20, lines.size()));
    single("embed", "--model", "sample-tiny", "--input", bClean.toString(), "--json").out().lines().forEach(l -> {
      JsonObject o = JsonParser.parseString(l).getAsJsonObject();
      JsonArray v = o.getAsJsonArray("embedding");
      float[] f = new float[v.size()];
      for (int i = 0; i < f.length; i++) {
        f[i] = v.get(i).getAsFloat();
      }
      expected.put(b + ":" + o.get("line").getAsInt(), f);
    });

    List<Row> rows = readParquet(out);
    assertEquals(lines.size(), rows.size());
    for (Row row : rows) {
      String key = row.getString(row.fieldIndex("file")) + ":" + row.getLong(row.fieldIndex("line"));
      float[] want = expected.get(key);
      assertTrue(want != null, key);
      List<Float> got = row.getList(row.fieldIndex("embedding"));
      assertEquals(want.length, got.size());
      for (int d = 0; d < want.length; d++) {
        assertEquals(want[d], got.get(d), 1e-6, key + " value " + d);
      }
      String text = row.getString(row.fieldIndex("text"));
      int n = (int) row.getLong(row.fieldIndex("line"));
      assertEquals(lines.get(key.startsWith(a.toString()) ? n - 1 : 20 + n - 1), text, key);
    }
  }

  @Test
  void predictWritesParquetWithTheSingleMachineLabelsAndAPairModelNeedsTwoColumns(@TempDir Path dir)
      throws Exception {
    Path model = FineTunedFolders.classifier(dir.resolve("classifier"));
    Path input = dir.resolve("in.txt");
    List<String> lines = CORPUS.stream().map(l -> l.replace('\t', ' ')).toList();
    Files.write(input, lines);
    Path out = dir.resolve("predicted");
    // --ship-model yes: the folder goes through SparkContext.addFile and SparkFiles.get, as on a cluster.
    Run r = spark("predict", "--master", "local[2]", "--model", model.toString(), "--input", input.toString(),
        "--output", out.toString(), "--ship-model", "yes", "--partitions", "2", "--batch-size", "7");
    assertEquals(0, r.code(), r.err());
    assertEquals("classify", r.json().get("task").getAsString());
    Run one = single("predict", "--model", model.toString(), "--input", input.toString(), "--json");
    assertEquals(0, one.code(), one.err());
    List<JsonObject> expected = one.out().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    List<Row> rows = readParquet(out);
    assertEquals(lines.size(), rows.size());
    int labelsSeen = 0;
    for (Row row : rows) {
      int n = (int) row.getLong(row.fieldIndex("line"));
      JsonObject want = expected.get(n - 1);
      assertEquals(want.get("text").getAsString(), row.getString(row.fieldIndex("text")));
      assertEquals(want.get("label").getAsString(), row.getString(row.fieldIndex("label")), "line " + n);
      Map<String, Double> probabilities = row.getJavaMap(row.fieldIndex("probabilities"));
      for (String label : want.getAsJsonObject("probabilities").keySet()) {
        assertEquals(want.getAsJsonObject("probabilities").get(label).getAsDouble(), probabilities.get(label), 1e-6);
      }
      labelsSeen += want.get("label").getAsString().equals("pos") ? 1 : 0;
    }
    assertNotEquals(-1, labelsSeen);

    // A pair model: a line without the TAB is bad, listed in OUTPUT/_bad-lines.
    Path pair = dir.resolve("pair");
    HeadConfig head = new HeadConfig(TaskKind.PAIR, List.of("no", "yes"), null, null, null, null, null, 32,
        FineTunedFolders.TINY.toString());
    try (FinetuneModel m = FinetuneModel.create(CheckpointLoader.open(FineTunedFolders.TINY.toString()), head,
        Device.cpu(), 1)) {
      m.save(pair);
    }
    Path pairs = dir.resolve("pairs.txt");
    Files.write(pairs, List.of("the sea\tthe sun", "no second column", "rain\tsand and sea"));
    Path pairOut = dir.resolve("pair-out");
    Run p = spark("predict", "--master", "local[2]", "--model", pair.toString(), "--input", pairs.toString(),
        "--output", pairOut.toString());
    assertEquals(0, p.code(), p.err());
    assertEquals(2, p.json().get("rows").getAsInt());
    assertEquals(1, p.json().get("bad_lines").getAsInt());
    assertTrue(p.err().contains(pairs + ":2: no TAB"), p.err());
    List<Row> pairRows = readParquet(pairOut);
    assertEquals(List.of(1L, 3L), pairRows.stream().map(x -> x.getLong(x.fieldIndex("line"))).sorted().toList());
    assertEquals("sand and sea", pairRows.stream().filter(x -> x.getLong(x.fieldIndex("line")) == 3).findFirst()
        .orElseThrow().getString(3));
  }

  @Test
  void badArgumentsAreOneLineRefusals(@TempDir Path dir) throws IOException {
    assertCleanError(spark("attention-stats", "--master", "local[1]", "--model", "sample-tiny", "--input",
        dir.resolve("missing.txt").toString()), "no such file");
    Path empty = dir.resolve("blank.txt");
    Files.write(empty, List.of("", "  "));
    assertCleanError(spark("embed", "--master", "local[1]", "--model", "sample-tiny", "--input", empty.toString(),
        "--output", dir.resolve("o").toString()), "no input lines");
    assertCleanError(spark("attention-stats", "--master", "local[1]", "--model", dir.resolve("nowhere").toString(),
        "--input", empty.toString()), "nowhere");
  }

  /** The Parquet folder's rows, read by Spark itself. */
  static List<Row> readParquet(Path dir) {
    SparkSession spark = SparkSession.builder().master("local[1]").appName("read-back")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    try {
      return spark.read().parquet(dir.toString()).collectAsList();
    } finally {
      spark.stop();
    }
  }
}
