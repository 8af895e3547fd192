package org.bertworkbench.core.checkpoint;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: how long opening Google's BERT-Base takes, the first time in this JVM and
 * again (served from the model cache). Printed, never asserted. That it opens correctly is
 * TfCheckpointTest's. Run:
 * {@code mvn -B -o test -Dbench.excluded=none -Dgroups=bench -Dtest=CheckpointOpenBench}
 */
@Tag("bench")
class CheckpointOpenBench {

  @Test
  void openBertBaseUncased() throws Exception {
    long start = System.nanoTime();
    Checkpoint first = CheckpointLoader.open("bert-base-uncased");
    System.out.printf("first CheckpointLoader.open(\"bert-base-uncased\"): %.0f ms (%d tensors)%n",
        (System.nanoTime() - start) / 1e6, first.tensors().size());
    start = System.nanoTime();
    Checkpoint warm = CheckpointLoader.open("bert-base-uncased");
    System.out.printf("warm CheckpointLoader.open(\"bert-base-uncased\"): %.0f ms (%d tensors)%n",
        (System.nanoTime() - start) / 1e6, warm.tensors().size());
  }
}
