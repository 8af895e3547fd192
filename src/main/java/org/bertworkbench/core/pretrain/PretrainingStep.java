package org.bertworkbench.core.pretrain;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.core.train.AdamWeightDecay;

/**
 * One optimiser step of pretraining, the unit {@link Pretrainer} repeats and {@code bench --pretrain}
 * times: forward, masked-LM + next-sentence loss, backward ({@link PretrainingLoss}), then one
 * {@link AdamWeightDecay} update with gradient clipping. Every temporary lives in a scope closed
 * before it returns.
 */
public final class PretrainingStep {

  /**
   * @param outcome the losses, accuracies and guesses of the pass
   * @param gradientNorm the global gradient norm before clipping
   */
  public record Result(StepOutcome outcome, float gradientNorm) {}

  private final BertForPreTraining model;
  private final AdamWeightDecay optimizer;
  private final int padId;

  public PretrainingStep(BertForPreTraining model, AdamWeightDecay optimizer, int padId) {
    this.model = model;
    this.optimizer = optimizer;
    this.padId = padId;
  }

  /** Trains on {@code batch} at {@code learningRate}; {@code dropoutSeed} seeds the engine's dropout. */
  public Result run(List<TrainingInstance> batch, double learningRate, long dropoutSeed) {
    Engines.pytorch().setRandomSeed((int) dropoutSeed);
    try (NDManager scope = model.newScope()) {
      StepOutcome outcome = PretrainingLoss.forwardBackward(model, scope, batch, padId);
      float norm = optimizer.step(scope, learningRate);
      return new Result(outcome, norm);
    }
  }
}
