package org.bertworkbench.core.finetune;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.core.train.AdamWeightDecay;
import org.bertworkbench.core.train.OptimizerSettings;

/**
 * Times the two halves of fine-tuning on one batch, as the trainer runs them: a training step
 * (forward, loss, backward, optimiser update) and a forward pass without gradients. For benchmarks.
 */
public final class FinetuneTiming implements AutoCloseable {

  private final FinetuneModel model;
  private final AdamWeightDecay optimizer;
  private final int padId;

  public FinetuneTiming(FinetuneModel model) {
    this.model = model;
    this.optimizer = new AdamWeightDecay(model.trainableParameters(0), new OptimizerSettings(2e-5, 0, 0.01, 0.9,
        0.999, 1e-6, 1.0), model.weights().manager());
    this.padId = model.tokenizer().vocab().padId();
  }

  /**
   * Seconds of one training step's two parts.
   *
   * @param forwardBackward forward with gradients recorded, loss and backward (gradients read)
   * @param update the optimiser's clipping and update of every weight
   */
  public record StepSeconds(double forwardBackward, double update) {

    public double total() {
      return forwardBackward + update;
    }
  }

  /** One training step on the rows (weights change), timed in its two parts. */
  public StepSeconds trainStep(List<EncodedInput> rows) {
    try (NDManager scope = model.newScope()) {
      long start = System.nanoTime();
      FinetuneLoss.forwardBackward(model, scope, rows, FinetuneLoss.items(model.head().task(), rows), padId);
      long backwardDone = System.nanoTime();
      optimizer.step(scope, 2e-5);
      long end = System.nanoTime();
      return new StepSeconds((backwardDone - start) / 1e9, (end - backwardDone) / 1e9);
    }
  }

  /** Seconds of one forward pass over the rows, gradients off, results read back. */
  public double forward(List<EncodedInput> rows) {
    Engines.disableGradientRecording();
    long start = System.nanoTime();
    try (NDManager scope = model.newScope()) {
      model.logits(Batch.of(scope, rows, padId, model.dataType()), false).toFloatArray();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  @Override
  public void close() {
    optimizer.close();
  }
}
