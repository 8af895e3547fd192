package org.bertworkbench.core.bench;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.checkpoint.Checkpoint;
import org.bertworkbench.core.finetune.EncodedInput;
import org.bertworkbench.core.finetune.FinetuneModel;
import org.bertworkbench.core.finetune.FinetuneTiming;
import org.bertworkbench.core.finetune.HeadConfig;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.core.tensor.Engines;

/**
 * Fine-tuning speed: examples per second of a full training step (forward, backward, AdamWeightDecay
 * update) of sequence classification at a given length and batch, next to the forward-only rate
 * of the same batch. Medians after a warm-up step; nothing here asserts a time.
 */
public final class FinetuneBench {

  private FinetuneBench() {}

  /**
   * @return {@code tokens}, {@code batch}, {@code train_step_seconds}, {@code train_examples_per_second},
   *     {@code forward_backward_seconds} and {@code optimizer_update_seconds} (the step's two parts),
   *     {@code forward_seconds}, {@code forward_examples_per_second}, {@code train_to_forward_time}
   */
  public static Map<String, Object> measure(Checkpoint base, int tokens, int batch, int steps) {
    HeadConfig head = new HeadConfig(TaskKind.CLASSIFY, List.of("a", "b"), null, null, null, null, null,
        Math.min(512, Math.max(8, tokens)), base.name());
    List<EncodedInput> rows = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      int[] ids = ForwardBench.randomIds(base.config().vocabSize(), tokens, 17 + i);
      rows.add(new EncodedInput(i, ids, new int[tokens], new float[0], i % 2, null, null, -1, -1, null, null));
    }
    double[] train = new double[steps];
    double[] backward = new double[steps];
    double[] update = new double[steps];
    double[] forward = new double[steps];
    try (FinetuneModel model = FinetuneModel.create(base, head, Device.cpu(), 1);
        FinetuneTiming timing = new FinetuneTiming(model)) {
      timing.trainStep(rows);
      timing.forward(rows);
      for (int s = 0; s < steps; s++) {
        FinetuneTiming.StepSeconds step = timing.trainStep(rows);
        train[s] = step.total();
        backward[s] = step.forwardBackward();
        update[s] = step.update();
        forward[s] = timing.forward(rows);
      }
    }
    double t = ForwardBench.median(train);
    double f = ForwardBench.median(forward);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tokens", tokens);
    out.put("batch", batch);
    out.put("steps_timed", steps);
    out.put("train_step_seconds", round(t, 3));
    out.put("train_examples_per_second", round(batch / t, 2));
    out.put("forward_backward_seconds", round(ForwardBench.median(backward), 3));
    out.put("optimizer_update_seconds", round(ForwardBench.median(update), 3));
    out.put("forward_seconds", round(f, 3));
    out.put("forward_examples_per_second", round(batch / f, 2));
    out.put("train_to_forward_time", round(t / f, 2));
    out.put("train_steps_seconds_all", Arrays.stream(train).map(x -> round(x, 3)).toArray());
    return out;
  }

  private static double round(double v, int digits) {
    double p = Math.pow(10, digits);
    return Math.round(v * p) / p;
  }
}
