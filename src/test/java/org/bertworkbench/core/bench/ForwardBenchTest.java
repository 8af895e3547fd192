package org.bertworkbench.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.junit.jupiter.api.Test;

/**
 * What the README's memory paragraph says {@code bench --leak-passes} relies on: after a traced pass no
 * array stays attached to the model's manager (every pass runs in its own NDManager, closed after); the
 * packed weights the first pass makes are the only arrays that join it.
 */
class ForwardBenchTest {

  @Test
  void tracedPassesLeaveNoArrayInTheModelsManager() throws Exception {
    try (LoadedBert loaded = LoadedBert.open("sample-tiny", Device.cpu(), Progress.NONE)) {
      NDManager weights = loaded.model().weights().manager();
      int unpacked = weights.getManagedArrays().size();
      ForwardBench.memoryOverPasses(loaded.model(), 16, 1, 1); // the first pass packs the weights, once
      int before = weights.getManagedArrays().size();
      assertEquals(unpacked + 2 * 12, before, "the packed encoder's 12 arrays a layer join the weights");
      List<ForwardBench.MemorySample> samples = ForwardBench.memoryOverPasses(loaded.model(), 16, 4, 2);
      assertEquals(2, samples.size(), "a sample every 2 of 4 passes");
      assertEquals(4, samples.get(1).pass());
      assertEquals(before, weights.getManagedArrays().size(), "arrays left in the model's manager after 4 passes");
    }
  }
}
