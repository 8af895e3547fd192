package org.bertworkbench.core.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.train.OptimizerSettings;
import org.bertworkbench.core.train.TrainingControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on a thread other than the engine's, while the garbage collector runs all the time (as
 * it does in a window): the same losses as a quiet run, never NaN. Guards two bugs: grad mode left
 * on in a new thread, and autograd reading a scalar DJL had freed (div(Number) in attention).
 */
class TrainingUnderGcTest {

  @TempDir
  Path dir;

  List<Double> losses(Path corpus, String out, boolean gc) throws Exception {
    PretrainParams p = PretrainParams.defaults(corpus.toString(), dir.resolve(out).toString(), "tiny", 120, 3, 8, 64, 5)
        .withOptimizer(OptimizerSettings.paper(3).withLearningRate(1e-3).withWarmupSteps(1)).withCheckpoints(3, 0);
    List<Double> seen = new ArrayList<>();
    Exception[] failure = new Exception[1];
    Thread trainer = new Thread(() -> {
      try {
        Pretrainer.run(p, false, r -> seen.add(r.metrics().loss()), new TrainingControl());
      } catch (Exception e) {
        failure[0] = e;
      }
    });
    Thread collector = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        System.gc();
        try {
          Thread.sleep(3);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    collector.setDaemon(true);
    if (gc) {
      collector.start();
    }
    trainer.start();
    trainer.join();
    collector.interrupt();
    if (failure[0] != null) {
      throw failure[0];
    }
    return seen;
  }

  @Test
  void sameLossesWhileTheCollectorRuns() throws Exception {
    Path corpus = TestCorpus.write(dir, 40, 11);
    List<Double> quiet = losses(corpus, "quiet", false);
    List<Double> busy = losses(corpus, "busy", true);
    assertEquals(3, busy.size());
    for (int i = 0; i < quiet.size(); i++) {
      assertEquals(quiet.get(i), busy.get(i), 1e-5, "step " + (i + 1));
    }
  }
}
