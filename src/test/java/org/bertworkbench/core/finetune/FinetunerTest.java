package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.bertworkbench.core.device.DevicePlan;
import org.bertworkbench.core.pretrain.TrainingControl;
import org.bertworkbench.core.run.JsonLines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop on generated data with the tiny sample model, in memory. */
class FinetunerTest {

  @TempDir
  static Path dir;
  static GeneratedTasks tasks;
  static Path base;

  @BeforeAll
  static void data() throws Exception {
    tasks = new GeneratedTasks();
    base = GeneratedTasks.randomModel(dir.resolve("base"), 0.1, 5);
  }

  static FinetuneSpec spec(TaskKind task, String out, int epochs, double lr) {
    return FinetuneSpec.defaults(task, "generated", base.toString(), dir.resolve(out).toString())
        .withHyperparameters(epochs, 16, lr).withDev("generated-dev", 0);
  }

  static Finetuner.Result train(FinetuneSpec spec, List<Example> train, List<Example> dev) throws Exception {
    FinetuneData data = FinetuneData.of(GeneratedTasks.dataset(spec.task(), train), GeneratedTasks.dataset(spec.task(), dev));
    return Finetuner.run(spec, data, false, DevicePlan.cpu(), FinetuneListener.NONE, new TrainingControl());
  }

  @Test
  void eachTaskLearnsItsGeneratedData() throws Exception {
    for (TaskKind task : TaskKind.values()) {
      long start = System.nanoTime();
      List<Example> train = switch (task) {
        case CLASSIFY -> tasks.classify(400, 1);
        case PAIR -> tasks.pair(600, 1);
        case TAG -> tasks.tag(300, 1);
        case QA -> tasks.qa(400, 1);
      };
      List<Example> dev = switch (task) {
        case CLASSIFY -> tasks.classify(100, 2);
        case PAIR -> tasks.pair(100, 2);
        case TAG -> tasks.tag(60, 2);
        case QA -> tasks.qa(100, 2);
      };
      Finetuner.Result r = train(spec(task, "learns-" + task.cliName(), 3, 1e-3), train, dev);
      System.out.println(task + " " + r.lastEvaluation() + " loss " + r.last().loss() + " in "
          + (System.nanoTime() - start) / 1e9 + " s");
      assertEquals(r.totalSteps(), JsonLines.read(r.dir().resolve(FinetuneRun.METRICS)).stream()
          .filter(o -> o.get("kind").getAsString().equals("train")).count());
    }
  }
}
