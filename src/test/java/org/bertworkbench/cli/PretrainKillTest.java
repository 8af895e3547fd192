package org.bertworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bertworkbench.core.pretrain.TestCorpus;
import org.bertworkbench.core.run.JsonLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a run, then --resume: every step's metrics exactly once, and the steps
 * after the resume see the batches and reach the losses of an uninterrupted run with the same seed.
 */
class PretrainKillTest {

  private static final int STEPS = 60;

  @TempDir
  Path dir;

  @Test
  void resumeAfterKillMinus9EqualsAnUninterruptedRun() throws Exception {
    Path corpus = TestCorpus.write(dir, 30, 1);
    Path killed = dir.resolve("killed");
    Path straight = dir.resolve("straight");

    Process child = ChildJvm.start(args(corpus, killed), dir.resolve("child.log"));
    int rowsAtKill = waitForCheckpointAndMore(child, killed);
    child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no clean-up
    child.waitFor(30, TimeUnit.SECONDS);

    CliTest.Run resumed = CliTest.run("pretrain", "--out", killed.toString(), "--resume", "--json", "--log-every", "1");
    assertEquals(0, resumed.code(), resumed.err());
    CliTest.Run uninterrupted = CliTest.run(args(corpus, straight));
    assertEquals(0, uninterrupted.code(), uninterrupted.err());

    List<JsonObject> a = JsonLines.read(killed.resolve("metrics.jsonl"));
    List<JsonObject> b = JsonLines.read(straight.resolve("metrics.jsonl"));
    assertEquals(STEPS, a.size(), "every step exactly once (killed after " + rowsAtKill + " rows)");
    for (int i = 0; i < STEPS; i++) {
      assertEquals(i + 1, a.get(i).get("step").getAsInt());
      assertEquals(b.get(i).get("loss").getAsDouble(), a.get(i).get("loss").getAsDouble(), 1e-4, "loss at step " + (i + 1));
      assertEquals(b.get(i).get("learning_rate").getAsDouble(), a.get(i).get("learning_rate").getAsDouble(), 1e-12);
    }
    assertEquals(Files.readAllLines(straight.resolve("batches.jsonl")), Files.readAllLines(killed.resolve("batches.jsonl")),
        "the same batches, in the same order");
  }

  private static String[] args(Path corpus, Path out) {
    return new String[] {"pretrain", "--corpus", corpus.toString(), "--out", out.toString(), "--vocab-size", "100",
        "--steps", Integer.toString(STEPS), "--batch-size", "4", "--max-length", "32", "--checkpoint-every", "10",
        "--dump-batches", Integer.toString(STEPS), "--seed", "3", "--learning-rate", "5e-4", "--json", "--log-every", "1"};
  }

  /** Waits until the child has a complete checkpoint and at least 5 steps past it; returns the rows seen. */
  private static int waitForCheckpointAndMore(Process child, Path run) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
    while (System.nanoTime() < deadline) {
      if (!child.isAlive()) {
        fail("the child ended before it could be killed (exit " + child.exitValue() + ")");
      }
      int rows = JsonLines.read(run.resolve("metrics.jsonl")).size();
      if (Files.isDirectory(run.resolve("checkpoints/step-10")) && rows >= 15) {
        assertTrue(rows < STEPS);
        return rows;
      }
      Thread.sleep(20);
    }
    child.destroyForcibly();
    fail("no checkpoint within the time limit");
    return 0;
  }
}
