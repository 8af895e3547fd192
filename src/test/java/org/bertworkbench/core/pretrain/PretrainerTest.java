package org.bertworkbench.core.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.run.JsonLines;
import org.bertworkbench.core.train.OptimizerSettings;
import org.bertworkbench.core.train.TrainingControl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop on the tiny preset: losses fall, runs save and resume exactly. */
class PretrainerTest {

  @TempDir
  static Path dir;
  static Path corpus;

  @BeforeAll
  static void corpus() throws Exception {
    corpus = TestCorpus.write(dir, 40, 11);
  }

  static PretrainParams params(String out, long steps) {
    return PretrainParams.defaults(corpus.toString(), dir.resolve(out).toString(), "tiny", 120, steps, 8, 64, 5)
        .withOptimizer(OptimizerSettings.paper(steps).withLearningRate(1e-3).withWarmupSteps(3));
  }

  @Test
  void lossesFallOnTheTinyPreset() throws Exception {
    List<StepMetrics> seen = new ArrayList<>();
    Pretrainer.run(params("falls", 40).withCheckpoints(40, 0), false, r -> seen.add(r.metrics()),
        new TrainingControl());
    assertEquals(40, seen.size());
    double mlmFirst = seen.subList(0, 8).stream().mapToDouble(StepMetrics::mlmLoss).average().orElseThrow();
    double mlmLast = seen.subList(32, 40).stream().mapToDouble(StepMetrics::mlmLoss).average().orElseThrow();
    double first = seen.subList(0, 8).stream().mapToDouble(StepMetrics::loss).average().orElseThrow();
    double last = seen.subList(32, 40).stream().mapToDouble(StepMetrics::loss).average().orElseThrow();
    assertTrue(mlmLast < mlmFirst - 0.25, "MLM loss " + mlmFirst + " -> " + mlmLast);
    assertTrue(last < first, "loss " + first + " -> " + last);
    Path run = dir.resolve("falls");
    assertEquals(40, JsonLines.read(run.resolve(PretrainRun.METRICS)).size());
    JsonObject record = new PretrainRun(run).record();
    assertEquals(64, record.getAsJsonObject("corpus").get("sha256").getAsString().length());
    assertNotNull(record.getAsJsonObject("versions").get("pytorch"));
    assertEquals(params("falls", 40).withCheckpoints(40, 0), new PretrainRun(run).params());
    // The checkpoint is a Hugging Face folder the loader opens.
    assertEquals(120, CheckpointLoader.open(run.resolve("checkpoints/step-40").toString()).config().vocabSize());
  }

  @Test
  void trainsOnAFreshThreadWhereAutogradRecordingStartsOn() throws Exception {
    // PyTorch's recording switch is per thread and on by default; the GUI trains on its own thread.
    Throwable[] failure = new Throwable[1];
    List<StepMetrics> seen = new ArrayList<>();
    Thread worker = new Thread(() -> {
      try {
        org.bertworkbench.core.tensor.Engines.pytorch();
        ai.djl.pytorch.jni.JniUtils.setGradMode(true);
        Pretrainer.run(params("thread", 3).withCheckpoints(3, 0), false, r -> seen.add(r.metrics()),
            new TrainingControl());
      } catch (Throwable e) {
        failure[0] = e;
      }
    });
    worker.start();
    worker.join();
    if (failure[0] != null) {
      throw new AssertionError("training on a new thread failed: " + failure[0].getMessage(), failure[0]);
    }
    assertEquals(3, seen.size());
  }

  @Test
  void stopAndResumeEqualsAnUninterruptedRun() throws Exception {
    List<StepMetrics> straight = new ArrayList<>();
    Pretrainer.run(params("straight", 12).withCheckpoints(5, 12), false, r -> straight.add(r.metrics()),
        new TrainingControl());

    TrainingControl control = new TrainingControl();
    PretrainMonitor monitor = new PretrainMonitor();
    List<StepMetrics> resumed = new ArrayList<>();
    PretrainListener stopAt7 = r -> {
      monitor.step(r);
      resumed.add(r.metrics());
      if (r.metrics().step() == 7) {
        control.stop();
      }
    };
    Pretrainer.Result first = Pretrainer.run(params("resumed", 12).withCheckpoints(5, 12), false, stopAt7, control);
    assertTrue(first.stopped());
    assertEquals(7, first.lastStep());
    assertTrue(Files.isDirectory(dir.resolve("resumed/checkpoints/step-7")), "a stop writes a checkpoint");
    assertEquals(7, monitor.drainMetrics().size());
    assertEquals(7, monitor.latest().batch().step());
    assertTrue(monitor.drainMetrics().isEmpty());

    // Resume with nothing but the directory: the run's record supplies the rest.
    Pretrainer.Result second = Pretrainer.run(params("resumed", 1), true, r -> resumed.add(r.metrics()),
        new TrainingControl());
    assertEquals(8, second.firstStep());
    assertEquals(12, second.lastStep());
    assertEquals(12, resumed.size());
    for (int i = 0; i < 12; i++) {
      assertEquals(straight.get(i).loss(), resumed.get(i).loss(), 1e-5, "step " + (i + 1));
      assertEquals(straight.get(i).learningRate(), resumed.get(i).learningRate(), 1e-12);
    }
    assertEquals(Files.readAllLines(dir.resolve("straight/batches.jsonl")),
        Files.readAllLines(dir.resolve("resumed/batches.jsonl")));
    List<JsonObject> rows = JsonLines.read(dir.resolve("resumed/metrics.jsonl"));
    assertEquals(12, rows.size());
    for (int i = 0; i < 12; i++) {
      assertEquals(i + 1, rows.get(i).get("step").getAsInt());
    }
  }

  @Test
  void refusesToOverwriteARun() throws Exception {
    Pretrainer.run(params("twice", 2).withCheckpoints(2, 0), false, PretrainListener.NONE, new TrainingControl());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Pretrainer.run(params("twice", 2), false, PretrainListener.NONE, new TrainingControl()));
    assertTrue(e.getMessage().contains("--resume"), e.getMessage());
  }

  @Test
  void googleLearningRateSchedule() {
    OptimizerSettings o = OptimizerSettings.paper(1000).withLearningRate(1e-4);
    assertEquals(10, o.warmupSteps());
    assertEquals(0, o.learningRateAt(1, 1000), 1e-15);
    assertEquals(0.5e-4, o.learningRateAt(6, 1000), 1e-15);
    assertEquals(1e-4 * (1 - 10 / 1000.0), o.learningRateAt(11, 1000), 1e-15);
    assertEquals(1e-4 * (1 - 999 / 1000.0), o.learningRateAt(1000, 1000), 1e-15);
  }
}
