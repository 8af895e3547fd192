package org.bertworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bertworkbench.core.finetune.FinetuneRun;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.bertworkbench.core.finetune.GeneratedTasks;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.core.run.JsonLines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * finetune, evaluate and predict through the command line, in-process: each task family learns its
 * generated data (dev scores far above chance), the saved model scores the same when reloaded, and
 * bad data gives its report instead of a crash.
 */
class FinetuneCommandTest {

  @TempDir
  static Path dir;
  static GeneratedTasks tasks;
  static Path base;

  @BeforeAll
  static void setUp() throws Exception {
    tasks = new GeneratedTasks();
    base = GeneratedTasks.randomModel(dir.resolve("base"), 0.1, 5);
  }

  /** Fine-tunes on generated files and returns the final "done" object; checks metrics.jsonl and evaluate. */
  private static JsonObject fineTune(TaskKind task, int trainSize, int devSize, int batch, String headline,
      double atLeast) throws Exception {
    Path train = GeneratedTasks.write(dir.resolve(task.cliName() + "/train" + extension(task)), task,
        generate(task, trainSize, 1));
    Path dev = GeneratedTasks.write(dir.resolve(task.cliName() + "/dev" + extension(task)), task,
        generate(task, devSize, 2));
    Path run = dir.resolve("run-" + task.cliName());
    CliTest.Run r = CliTest.run("finetune", "--task", task.cliName(), "--train", train.toString(), "--dev",
        dev.toString(), "--model", base.toString(), "--out", run.toString(), "--epochs", "3", "--batch-size",
        Integer.toString(batch), "--learning-rate", "1e-3", "--seed", "3", "--json", "--log-every", "10");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    JsonObject done = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
    double score = done.getAsJsonObject("dev").get(headline).getAsDouble();
    assertTrue(score >= atLeast, task + " dev " + headline + " " + score + " (wanted at least " + atLeast + ")");

    FinetuneRun.Metrics metrics = new FinetuneRun(run).metrics();
    long steps = done.get("steps").getAsLong();
    assertEquals(steps, metrics.steps().size(), "one train row per step");
    assertEquals(3, metrics.evaluations().size(), "one dev row per epoch");
    assertEquals(FinetuneRun.State.FINISHED, new FinetuneRun(run).status().state());
    assertEquals(devSize, JsonLines.read(run.resolve(FinetuneRun.DEV_PREDICTIONS)).size());

    CliTest.Run eval = CliTest.run("evaluate", "--model", run.resolve("model").toString(), "--data", dev.toString(),
        "--json");
    assertEquals(0, eval.code(), eval.err());
    JsonObject e = eval.json();
    assertEquals(task == TaskKind.PAIR ? "pair" : task.cliName(), e.get("task").getAsString());
    assertEquals(devSize, e.get("examples").getAsInt());
    assertEquals(score, e.get(headline).getAsDouble(), 1e-9, "the reloaded model scores as the trained one did");
    return done;
  }

  private static String extension(TaskKind task) {
    return task.isClassification() ? ".tsv" : task == TaskKind.TAG ? ".conll" : ".json";
  }

  private static List<org.bertworkbench.core.finetune.Example> generate(TaskKind task, int n, long seed) {
    return switch (task) {
      case CLASSIFY -> tasks.classify(n, seed);
      case PAIR -> tasks.pair(n, seed);
      case TAG -> tasks.tag(n, seed);
      case QA -> tasks.qa(n, seed);
    };
  }

  @Test
  void classifyLearnsAndPredicts() throws Exception {
    fineTune(TaskKind.CLASSIFY, 400, 100, 16, "accuracy", 0.85);
    Path model = dir.resolve("run-classify/model");
    JsonObject config = JsonParser.parseString(Files.readString(model.resolve("config.json"))).getAsJsonObject();
    assertEquals("BertForSequenceClassification", config.getAsJsonArray("architectures").get(0).getAsString());
    assertEquals(2, config.getAsJsonObject("id2label").size());
    String sentence = String.join(" ", tasks.filler.subList(0, 3)) + " " + tasks.groupA.get(0);
    CliTest.Run p = CliTest.run("predict", "--model", model.toString(), "--text", sentence, "--json");
    assertEquals(0, p.code(), p.err());
    JsonObject o = p.json();
    assertEquals("alpha", o.get("label").getAsString());
    double sum = o.getAsJsonObject("probabilities").entrySet().stream().mapToDouble(x -> x.getValue().getAsDouble()).sum();
    assertEquals(1.0, sum, 1e-5);
    // The folder also opens as a plain model everywhere models open, and the model list finds it.
    CliTest.Run tokens = CliTest.run("inspect", "--model", model.toString(), "--text", sentence, "--json");
    assertEquals(0, tokens.code(), tokens.err());
    CliTest.Run models = CliTest.run("models", "--runs", dir.toString(), "--json");
    assertEquals(0, models.code(), models.err());
    JsonObject listed = null;
    for (var m : models.json().getAsJsonArray("local")) {
      if (m.getAsJsonObject().get("name").getAsString().equals("run-classify")) {
        listed = m.getAsJsonObject();
      }
    }
    assertEquals("BertForSequenceClassification", listed.get("architecture").getAsString());
    assertEquals("classify", listed.get("task").getAsString());
  }

  @Test
  void pairLearnsFromBothSentences() throws Exception {
    // One sentence alone gets at most 83% (see GeneratedTasks.pair).
    fineTune(TaskKind.PAIR, 600, 100, 16, "accuracy", 0.9);
  }

  @Test
  void tagLearnsEntities() throws Exception {
    fineTune(TaskKind.TAG, 400, 60, 16, "f1", 0.6);
    CliTest.Run p = CliTest.run("predict", "--model", dir.resolve("run-tag/model").toString(), "--text",
        tasks.filler.get(0) + " " + tasks.people.get(0) + " " + tasks.filler.get(1), "--json");
    assertEquals(0, p.code(), p.err());
    JsonArray tags = p.json().getAsJsonArray("tags");
    assertEquals(3, tags.size());
    assertEquals(3, p.json().getAsJsonArray("tokens").size());
  }

  @Test
  void qaLearnsToPointAtTheAnswer() throws Exception {
    // Chance: about 1 in 12 start positions times 1 in 12 ends.
    fineTune(TaskKind.QA, 400, 100, 16, "exact_match", 0.3);
    String context = tasks.filler.get(0) + " " + tasks.answersP.get(0) + " " + tasks.filler.get(1) + " "
        + tasks.answersQ.get(0) + " " + tasks.filler.get(2);
    CliTest.Run p = CliTest.run("predict", "--model", dir.resolve("run-qa/model").toString(), "--text",
        tasks.filler.get(3) + " " + tasks.askQ + " " + tasks.filler.get(4), "--text-b", context, "--json");
    assertEquals(0, p.code(), p.err());
    JsonObject o = p.json();
    String answer = o.get("answer").getAsString();
    assertEquals(answer, context.substring(o.get("start").getAsInt(), o.get("end").getAsInt()));
    assertTrue(o.get("score").getAsDouble() > 0 && o.get("score").getAsDouble() <= 1);
  }

  @Test
  void badRowsGiveTheirReportNotACrash() throws Exception {
    Path bad = Path.of("sample-data/finetune/bad/classify-bad-rows.tsv");
    CliTest.Run r = CliTest.run("finetune", "--task", "classify", "--train", bad.toString(), "--model",
        base.toString(), "--out", dir.resolve("bad-run").toString(), "--json");
    CliTest.assertCleanError(r);
    assertTrue(r.err().contains("bad row"), r.err());
    assertTrue(r.err().contains("--skip-bad-rows"), r.err());
    JsonObject report = r.json();
    JsonArray rows = report.getAsJsonArray("bad_rows");
    assertTrue(rows.size() >= 3, report.toString());
    assertEquals(3, rows.get(0).getAsJsonObject().get("line").getAsInt());
    assertTrue(rows.get(0).getAsJsonObject().get("problem").getAsString().contains("missing column"));
    assertFalse(Files.exists(dir.resolve("bad-run")), "nothing is left behind");

    CliTest.Run qa = CliTest.run("finetune", "--task", "qa", "--train", "sample-data/finetune/bad/qa-bad-answers.json",
        "--model", base.toString(), "--out", dir.resolve("bad-qa").toString(), "--json");
    CliTest.assertCleanError(qa);
    assertTrue(qa.json().getAsJsonArray("bad_rows").size() >= 4, qa.out());

    for (String refused : List.of("latin1.tsv", "no-header.tsv")) {
      CliTest.Run x = CliTest.run("finetune", "--task", "classify", "--train", "sample-data/finetune/bad/" + refused,
          "--model", base.toString(), "--out", dir.resolve("bad-" + refused).toString());
      CliTest.assertCleanError(x);
    }
  }

  @Test
  void aSpecFileRunsAndCommandLineOptionsOverrideIt() throws Exception {
    Path train = GeneratedTasks.write(dir.resolve("spec/train.tsv"), TaskKind.CLASSIFY, tasks.classify(60, 5));
    Path run = dir.resolve("spec-run");
    FinetuneSpec s = FinetuneSpec.defaults(TaskKind.CLASSIFY, train.toString(), base.toString(), run.toString())
        .withHyperparameters(3, 16, 1e-3);
    Path file = dir.resolve("spec.json");
    s.save(file);
    CliTest.Run r = CliTest.run("finetune", "--spec", file.toString(), "--epochs", "1", "--json");
    assertEquals(0, r.code(), r.err());
    FinetuneSpec saved = new FinetuneRun(run).spec();
    assertEquals(1, saved.epochs());
    assertEquals(16, saved.batchSize());
    assertEquals(s.withHyperparameters(1, 16, 1e-3), saved);
    CliTest.Run again = CliTest.run("finetune", "--spec", file.toString());
    CliTest.assertCleanError(again);
    assertTrue(again.err().contains("--resume"), again.err());
  }

  @Test
  void precisionIsChosenOnTheCommandLineAndRecorded() throws Exception {
    Path train = GeneratedTasks.write(dir.resolve("precision/train.tsv"), TaskKind.CLASSIFY, tasks.classify(40, 6));
    Path run = dir.resolve("run-float16");
    CliTest.Run r = CliTest.run("finetune", "--task", "classify", "--train", train.toString(), "--model",
        base.toString(), "--out", run.toString(), "--epochs", "1", "--batch-size", "16", "--max-length", "32",
        "--precision", "float16", "--json");
    assertEquals(0, r.code(), r.err());
    assertEquals("float16", new FinetuneRun(run).spec().precision());
    JsonObject devices = new FinetuneRun(run).record().getAsJsonObject("devices");
    assertEquals("float16", devices.get("precision").getAsString());
    assertTrue(devices.get("precision_note").getAsString().contains("for checking only"), devices.toString());
    String metrics = Files.readString(run.resolve(FinetuneRun.METRICS));
    assertTrue(metrics.contains("\"loss_scale\"") && metrics.contains("\"skipped\""), "rows carry loss_scale and skipped");
    CliTest.Run bad = CliTest.run("finetune", "--task", "classify", "--train", train.toString(), "--model",
        base.toString(), "--out", dir.resolve("run-bfloat16").toString(), "--precision", "bfloat16");
    CliTest.assertCleanError(bad);
    assertTrue(bad.err().contains("use auto, float32 or float16"), bad.err());
  }
}
