package org.bertworkbench.core.pretrain;

import com.google.gson.JsonObject;

/**
 * One row of {@code metrics.jsonl}: the figures of one optimiser step.
 *
 * @param step 1-based
 * @param loss mlmLoss + nspLoss, what was minimised
 * @param mlmLoss mean cross-entropy over the batch's selected positions
 * @param nspLoss mean cross-entropy of the next-sentence judgements
 * @param mlmAccuracy fraction of selected positions whose top guess is the original token
 * @param nspAccuracy fraction of pairs judged right
 * @param learningRate the rate this step used
 * @param tokensPerSecond real (unpadded) tokens of the batch / wall time of the step
 */
public record StepMetrics(long step, double loss, double mlmLoss, double nspLoss, double mlmAccuracy,
    double nspAccuracy, double learningRate, double tokensPerSecond) {

  /** The JSON object of metrics.jsonl, keys as the issue names them. */
  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("step", step);
    o.addProperty("loss", loss);
    o.addProperty("mlm_loss", mlmLoss);
    o.addProperty("nsp_loss", nspLoss);
    o.addProperty("mlm_accuracy", mlmAccuracy);
    o.addProperty("nsp_accuracy", nspAccuracy);
    o.addProperty("learning_rate", learningRate);
    o.addProperty("tokens_per_second", tokensPerSecond);
    return o;
  }
}
