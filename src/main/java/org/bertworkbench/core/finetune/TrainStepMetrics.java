package org.bertworkbench.core.finetune;

import com.google.gson.JsonObject;

/**
 * One training row of {@code metrics.jsonl} ({@code "kind": "train"}): the figures of one
 * optimiser step, with the progress a run monitor shows.
 *
 * @param step 1-based
 * @param totalSteps the run's steps (epochs x steps per epoch)
 * @param epoch fractional epochs done after this step (1.0 = one pass over the training set)
 * @param loss the batch's mean loss
 * @param accuracy the batch's share of right guesses (classes; tags at first pieces; QA: start and
 *     end both right)
 * @param learningRate the rate this step used
 * @param examplesPerSecond rows of the batch / wall time of the step
 * @param elapsedSeconds wall time of the training so far in this process (resumed runs count from the resume)
 * @param etaSeconds estimated time to the end, from the recent steps' pace
 * @param lossScale mixed precision: the loss scale this step's loss was multiplied by; 0 in float32
 * @param skipped mixed precision: the gradients overflowed in float16 and the update was skipped
 */
public record TrainStepMetrics(long step, long totalSteps, double epoch, double loss, double accuracy, double learningRate,
    double examplesPerSecond, double elapsedSeconds, double etaSeconds, double lossScale, boolean skipped) {

  public static final String KIND = "train";

  /** Fraction of the run done. */
  public double fraction() {
    return (double) step / totalSteps;
  }

  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("step", step);
    o.addProperty("kind", KIND);
    o.addProperty("epoch", epoch);
    o.addProperty("loss", loss);
    o.addProperty("accuracy", accuracy);
    o.addProperty("learning_rate", learningRate);
    o.addProperty("examples_per_second", examplesPerSecond);
    o.addProperty("total_steps", totalSteps);
    if (lossScale > 0) {
      o.addProperty("loss_scale", lossScale);
      o.addProperty("skipped", skipped);
    }
    return o;
  }

  /** A row of metrics.jsonl back (elapsed time and ETA are not stored). */
  public static TrainStepMetrics fromJson(JsonObject o) {
    return new TrainStepMetrics(o.get("step").getAsLong(), o.get("total_steps").getAsLong(), o.get("epoch").getAsDouble(),
        o.get("loss").getAsDouble(), o.get("accuracy").getAsDouble(), o.get("learning_rate").getAsDouble(),
        o.get("examples_per_second").getAsDouble(), Double.NaN, Double.NaN,
        o.has("loss_scale") ? o.get("loss_scale").getAsDouble() : 0,
        o.has("skipped") && o.get("skipped").getAsBoolean());
  }
}
