package org.bertworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bertworkbench.core.finetune.FinetuneRun;
import org.bertworkbench.core.finetune.GeneratedTasks;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.core.run.JsonLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a fine-tuning run, then --resume: every step's row and every dev row
 * exactly once, and the same losses as an uninterrupted run with the same seed.
 */
class FinetuneKillTest {

  @TempDir
  Path dir;

  @Test
  void resumeAfterKillMinus9EqualsAnUninterruptedRun() throws Exception {
    GeneratedTasks tasks = new GeneratedTasks();
    Path base = GeneratedTasks.randomModel(dir.resolve("base"), 0.1, 5);
    Path train = GeneratedTasks.write(dir.resolve("train.tsv"), TaskKind.CLASSIFY, tasks.classify(160, 1));
    Path dev = GeneratedTasks.write(dir.resolve("dev.tsv"), TaskKind.CLASSIFY, tasks.classify(20, 2));
    Path killed = dir.resolve("killed");
    Path straight = dir.resolve("straight");

    Process child = ChildJvm.start(args(train, dev, base, killed), dir.resolve("child.log"));
    int rowsAtKill = waitForCheckpointAndMore(child, killed);
    child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no clean-up
    child.waitFor(30, TimeUnit.SECONDS);
    assertEquals(FinetuneRun.State.INTERRUPTED, new FinetuneRun(killed).status().state());

    CliTest.Run resumed = CliTest.run("finetune", "--out", killed.toString(), "--resume", "--json");
    assertEquals(0, resumed.code(), resumed.err());
    CliTest.Run uninterrupted = CliTest.run(args(train, dev, base, straight));
    assertEquals(0, uninterrupted.code(), uninterrupted.err());

    List<JsonObject> a = JsonLines.read(killed.resolve(FinetuneRun.METRICS));
    List<JsonObject> b = JsonLines.read(straight.resolve(FinetuneRun.METRICS));
    assertEquals(b.size(), a.size(), "every row exactly once (killed after " + rowsAtKill + " rows)");
    for (int i = 0; i < b.size(); i++) {
      assertEquals(b.get(i).get("step").getAsLong(), a.get(i).get("step").getAsLong(), "row " + i);
      assertEquals(b.get(i).get("kind").getAsString(), a.get(i).get("kind").getAsString(), "row " + i);
      String metric = a.get(i).has("loss") ? "loss" : "accuracy";
      assertEquals(b.get(i).get(metric).getAsDouble(), a.get(i).get(metric).getAsDouble(), 1e-4, metric + " in row " + i);
    }
    assertEquals(FinetuneRun.State.FINISHED, new FinetuneRun(killed).status().state());
    assertTrue(Files.isRegularFile(killed.resolve("model/model.safetensors")));
  }

  private static String[] args(Path train, Path dev, Path base, Path out) {
    return new String[] {"finetune", "--task", "classify", "--train", train.toString(), "--dev", dev.toString(),
        "--model", base.toString(), "--out", out.toString(), "--epochs", "3", "--batch-size", "8",
        "--learning-rate", "1e-3", "--seed", "9", "--eval-every", "10", "--checkpoint-every", "10", "--json"};
  }

  /** Waits until the child has a complete checkpoint and at least 5 train rows past it; returns the rows seen. */
  private static int waitForCheckpointAndMore(Process child, Path run) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (System.nanoTime() < deadline) {
      if (!child.isAlive()) {
        fail("the child ended before it could be killed (exit " + child.exitValue() + ")");
      }
      List<JsonObject> rows = JsonLines.read(run.resolve(FinetuneRun.METRICS));
      if (Files.isDirectory(run.resolve("checkpoints/step-20")) && rows.size() >= 27) {
        assertTrue(rows.get(rows.size() - 1).get("step").getAsLong() < 60);
        return rows.size();
      }
      Thread.sleep(20);
    }
    child.destroyForcibly();
    fail("no checkpoint within the time limit");
    return 0;
  }
}
