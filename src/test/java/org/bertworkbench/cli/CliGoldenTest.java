package org.bertworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's command-line examples against golden outputs recorded from the code before a refactoring
 * (issue 11: behaviour unchanged). Each command runs in-process; its standard output, one JSON object a
 * line, must equal the recorded file: the same keys, strings, booleans and integers exactly, floating-point
 * numbers within a bound (op order may change the last bits), and the same exit code. Fields that are
 * measured times or memory are left out on both sides ({@link #MEASURED}); the temporary folder and the
 * home folder are written as {@code <tmp>} and {@code <home>}.
 *
 * <p>{@code -Dgolden.update=true} re-records the files under {@code src/test/resources/golden/cli/} (only
 * when the change of output is intended; say why in the commit).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliGoldenTest {

  /** Keys whose values are measured (times, rates, memory), not computed. */
  static final Pattern MEASURED =
      Pattern.compile(".*(second|_ms|millis|time|elapsed|memory|rss|peak|duration|eta|started|finished|date).*");

  /** Bound for a forward pass: |a - b| <= BOUND * (1 + |b|). */
  static final double FORWARD = 1e-5;
  /** Bound after a few training steps, where the last bits of each step's update compound. */
  static final double TRAINING = 1e-4;

  static final Path GOLDEN = Path.of("src/test/resources/golden/cli");
  static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @TempDir
  static Path tmp;

  @Test
  @Order(1)
  void models() throws IOException {
    check("models", FORWARD, "models", "--json");
  }

  @Test
  @Order(2)
  void tokenizeAPairWithItsTrace() throws IOException {
    check("tokenize-trace", FORWARD, "tokenize", "--text", "Unaffable!", "--text-b", "Yes.", "--json", "--trace");
  }

  @Test
  @Order(3)
  void fillMaskTheModelCardSentence() throws IOException {
    check("fill-mask", FORWARD, "fill-mask", "--text", "Hello I'm a [MASK] model.", "--top-k", "5", "--json");
  }

  @Test
  @Order(4)
  void inspectEveryIntermediate() throws IOException {
    check("inspect", FORWARD, "inspect", "--text", "The cat sat.", "--json");
  }

  @Test
  @Order(5)
  void fillMaskWithMaskedHeads() throws IOException {
    check("fill-mask-mask-heads", FORWARD,
        "fill-mask", "--text", "Paris is the [MASK] of France.", "--mask-heads", "0:3,11:0", "--json");
  }

  @Test
  @Order(6)
  void attentionStatisticsOverAFile() throws IOException {
    Path paragraphs = tmp.resolve("paragraphs.txt");
    Files.writeString(paragraphs, """
        The cat sat on the mat. It was warm there.
        Paris is the capital of France, and Berlin is the capital of Germany.
        She said that the book, which he had lent her, was lost.
        """);
    check("attention-stats", FORWARD, "attention-stats", "--input", paragraphs.toString(), "--json");
  }

  @Test
  @Order(7)
  void pretrainATinyModel() throws IOException {
    check("pretrain", TRAINING, "pretrain", "--corpus", "sample-data/pretrain/corpus.txt",
        "--out", tmp.resolve("runs/tiny").toString(), "--preset", "tiny", "--steps", "6", "--batch-size", "4",
        "--max-length", "32", "--log-every", "2", "--json");
  }

  @Test
  @Order(8)
  void finetuneEvaluateAndPredictAClassifier() throws IOException {
    String run = tmp.resolve("runs/sst").toString();
    check("finetune-classify", TRAINING, "finetune", "--task", "classify",
        "--train", "sample-data/finetune/classify/train.tsv", "--dev", "sample-data/finetune/classify/dev.tsv",
        "--model", "sample-tiny", "--out", run, "--epochs", "1", "--batch-size", "16",
        "--learning-rate", "3e-4", "--max-length", "32", "--seed", "7", "--json");
    check("evaluate-classify", TRAINING,
        "evaluate", "--model", run + "/model", "--data", "sample-data/finetune/classify/dev.tsv", "--json");
    check("predict-classify", TRAINING,
        "predict", "--model", run + "/model", "--text", "A gripping film.", "--json");
  }

  @Test
  @Order(9)
  void finetuneAndPredictQuestionAnswering() throws IOException {
    String run = tmp.resolve("runs/squad").toString();
    check("finetune-qa", TRAINING, "finetune", "--task", "qa",
        "--train", "sample-data/finetune/qa/train.json", "--dev", "sample-data/finetune/qa/dev.json",
        "--model", "sample-tiny", "--out", run, "--epochs", "1", "--batch-size", "16",
        "--learning-rate", "3e-4", "--max-length", "64", "--seed", "7", "--json");
    check("predict-qa", TRAINING, "predict", "--model", run + "/model",
        "--text", "Where does Zara Moreau live?",
        "--text-b", "Zara Moreau lives in Lima. She works as a pilot. She has a cat called Maple.", "--json");
  }

  @Test
  @Order(10)
  void modelsWithTheRuns() throws IOException {
    check("models-runs", FORWARD, "models", "--runs", tmp.resolve("runs").toString(), "--json");
  }

  @Test
  @Order(11)
  void lessonsInEnglish() throws IOException {
    check("lessons-en", FORWARD, "lessons", "--lang", "en", "--json");
  }

  @Test
  @Order(12)
  void lessonsInJapanese() throws IOException {
    check("lessons-ja", FORWARD, "lessons", "--lang", "ja", "--json");
  }

  // ---------------------------------------------------------------------------------------------

  static void check(String name, double bound, String... args) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BertCli.run(args, new PrintWriter(out), new PrintWriter(err));
    String actual = "exit " + code + "\n" + normalise(out.toString());
    Path file = GOLDEN.resolve(name + ".jsonl.gz");
    if (UPDATE) {
      Files.createDirectories(GOLDEN);
      try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
        o.write(actual.getBytes(StandardCharsets.UTF_8));
      }
      return;
    }
    assertTrue(Files.exists(file), "no golden file " + file + " (record with -Dgolden.update=true)");
    String expected;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> want = expected.lines().toList();
    List<String> got = actual.lines().toList();
    assertEquals(want.get(0), got.get(0), name + ": exit code; stderr: " + err);
    assertEquals(want.size(), got.size(), name + ": lines of output; stderr: " + err);
    for (int i = 1; i < want.size(); i++) {
      compare(name + " line " + i, parse(want.get(i)), parse(got.get(i)), bound);
    }
  }

  /** The temporary and home folders by name, so that a recorded output holds on any machine. */
  static String normalise(String out) {
    String tmpDir = tmp.toAbsolutePath().toString();
    String home = System.getProperty("user.home");
    return out.replace(tmpDir, "<tmp>").replace(home, "<home>");
  }

  static JsonElement parse(String line) {
    try {
      return JsonParser.parseString(line);
    } catch (RuntimeException notJson) {
      return new JsonPrimitive(line);
    }
  }

  static void compare(String where, JsonElement want, JsonElement got, double bound) {
    if (want.isJsonObject()) {
      if (!got.isJsonObject()) {
        fail(where + ": expected an object, got " + abbreviate(got));
      }
      JsonObject w = want.getAsJsonObject();
      JsonObject g = got.getAsJsonObject();
      assertEquals(computedKeys(w), computedKeys(g), where + ": keys");
      for (Map.Entry<String, JsonElement> e : w.entrySet()) {
        if (!MEASURED.matcher(e.getKey()).matches()) {
          compare(where + "." + e.getKey(), e.getValue(), g.get(e.getKey()), bound);
        }
      }
    } else if (want.isJsonArray()) {
      if (!got.isJsonArray()) {
        fail(where + ": expected an array, got " + abbreviate(got));
      }
      JsonArray w = want.getAsJsonArray();
      JsonArray g = got.getAsJsonArray();
      assertEquals(w.size(), g.size(), where + ": array length");
      for (int i = 0; i < w.size(); i++) {
        compare(where + "[" + i + "]", w.get(i), g.get(i), bound);
      }
    } else if (want.isJsonPrimitive() && want.getAsJsonPrimitive().isNumber() && isFraction(want)) {
      if (!got.isJsonPrimitive() || !got.getAsJsonPrimitive().isNumber()) {
        fail(where + ": expected a number, got " + abbreviate(got));
      }
      double w = want.getAsDouble();
      double g = got.getAsDouble();
      if (!(Math.abs(w - g) <= bound * (1 + Math.abs(w)))) {
        fail(where + ": expected " + w + ", got " + g + " (bound " + bound + ")");
      }
    } else {
      assertEquals(want, got, where);
    }
  }

  static boolean isFraction(JsonElement number) {
    String text = number.getAsJsonPrimitive().getAsString();
    return text.contains(".") || text.contains("E") || text.contains("e") || text.equals("NaN");
  }

  static List<String> computedKeys(JsonObject o) {
    List<String> keys = new ArrayList<>();
    for (String k : o.keySet()) {
      if (!MEASURED.matcher(k).matches()) {
        keys.add(k);
      }
    }
    return keys;
  }

  static String abbreviate(JsonElement e) {
    String s = String.valueOf(e);
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
