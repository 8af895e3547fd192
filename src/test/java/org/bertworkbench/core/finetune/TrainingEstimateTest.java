package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bertworkbench.core.config.BertConfig;
import org.junit.jupiter.api.Test;

/** The time estimate's arithmetic, checked by hand on BERT-Base. */
class TrainingEstimateTest {

  @Test
  void bertBaseStepFlopsByHand() {
    BertConfig base = BertConfig.base(30522);
    // Per layer: 4 H^2 + 2 H I = 4 * 768^2 + 2 * 768 * 3072 = 2,359,296 + 4,718,592 = 7,077,888 weights;
    // x 12 layers = 84,934,656 (the encoder's 85 M). A step on 32 x 128 = 4,096 tokens:
    // 6 * 84,934,656 * 4,096 = 2.0874e12, plus attention 6 * 12 * 2 * 128 * 768 * 4,096 = 5.798e10.
    double expected = 6.0 * 84_934_656 * 4096 + 6.0 * 12 * 2 * 128 * 768 * 4096;
    assertEquals(expected, TrainingEstimate.stepFlops(base, 32, 128), 1);
    // 1,000 examples, batch 32: 32 steps an epoch, 3 epochs = 96 steps; at 100 GFLOP/s measured and
    // 40% of it in training: 96 * 2.1454e12 / 4e10 = 5,149 s.
    TrainingEstimate e = TrainingEstimate.of(base, 1000, 3, 32, 128, 1e11);
    assertEquals(96, e.steps());
    assertEquals(96 * expected / 4e10, e.seconds(), 1e-6);
    assertTrue(e.seconds() > 3600 && e.seconds() < 7200, "BERT-Base on a CPU: more than an hour");
  }
}
