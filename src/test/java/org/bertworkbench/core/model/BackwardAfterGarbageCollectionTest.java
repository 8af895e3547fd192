package org.bertworkbench.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.tensor.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backward pass must not read memory the JVM has freed. DJL's {@code array.div(number)} (and
 * mul, add... with a Java number) makes a scalar tensor on a direct ByteBuffer, uses it, and closes
 * it at once; autograd keeps that tensor for the backward pass (the divisor of a division), so a
 * garbage collection between forward and backward let the JVM free the scalar's memory and the
 * backward pass read whatever was there next: gradients of every parameter below the attention
 * scores became inf or NaN. In pretraining this struck when a collection fell inside a step, most
 * often the step after a checkpoint (writing one fills the heap), in a few runs of ten.
 *
 * <p>Here the collection is forced between forward and backward, and the freed memory is handed out
 * again, zero-filled; the gradients must be those of an undisturbed pass.
 */
class BackwardAfterGarbageCollectionTest {

  static BertForPreTraining model;

  @BeforeAll
  static void load() {
    model = BertForPreTraining.random(BertConfig.of(50, 32, 2, 4, 64, 40, 2), Device.cpu(), 7);
    model.weights().all().values().forEach(p -> p.setRequiresGradient(true));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void gradientsAreTheSameWhenTheHeapIsCollectedBetweenForwardAndBackward() throws Exception {
    Map<String, float[]> undisturbed = gradients(false);
    for (String name : model.weights().all().keySet()) {
      if (name.startsWith("bert.")) { // the loss reads BERT only, not the pretraining heads
        assertTrue(undisturbed.containsKey(name), name + " has a gradient");
      }
    }
    for (int round = 0; round < 3; round++) {
      Map<String, float[]> collected = gradients(true);
      for (Map.Entry<String, float[]> e : undisturbed.entrySet()) {
        float[] want = e.getValue();
        float[] got = collected.get(e.getKey());
        for (int i = 0; i < want.length; i++) {
          assertTrue(Float.isFinite(got[i]), e.getKey() + "[" + i + "] = " + got[i] + " after a collection");
          assertEquals(want[i], got[i], 1e-5 + 1e-4 * Math.abs(want[i]), e.getKey() + "[" + i + "]");
        }
      }
    }
  }

  /** Gradients of a fixed loss; when asked, collects garbage and reuses freed memory before backward. */
  private static Map<String, float[]> gradients(boolean collectGarbage) throws InterruptedException {
    Map<String, float[]> out = new LinkedHashMap<>();
    List<ByteBuffer> reused = new ArrayList<>();
    try (NDManager scope = model.newScope();
        GradientCollector gc = Engines.pytorch().newGradientCollector()) {
      BertModel.Output o = model.forward(BertModelTest.pair(scope), ForwardOptions.INFERENCE);
      NDArray loss = o.sequenceOutput().square().mean().add(o.pooledOutput().square().mean());
      if (collectGarbage) {
        for (int i = 0; i < 3; i++) {
          System.gc();
          Thread.sleep(100); // the Cleaner thread frees unreachable direct buffers
        }
        for (int i = 0; i < 20_000; i++) {
          reused.add(ByteBuffer.allocateDirect(8)); // zero-filled: a freed divisor would now read 0
        }
      }
      gc.backward(loss);
    }
    for (Map.Entry<String, NDArray> e : model.weights().all().entrySet()) {
      NDArray p = e.getValue();
      if (!p.hasGradient()) {
        continue;
      }
      try (NDArray g = p.getGradient()) {
        out.put(e.getKey(), g.toFloatArray());
        g.muli(0);
      }
    }
    assertEquals(collectGarbage ? 20_000 : 0, reused.size(), "the freed memory was handed out again");
    return out;
  }
}
