package org.bertworkbench.core.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.List;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tensor.Engines;

/**
 * One forward and backward pass of BERT's pretraining loss, as {@code run_pretraining.py}: the mean
 * masked-LM cross-entropy over the batch's selected positions plus the mean next-sentence
 * cross-entropy. The batch is padded to its longest instance (padding is masked out of attention
 * and never selected, so the result equals padding to the maximum length, with less arithmetic).
 *
 * <p>Shapes: B = batch, T = tokens, H = hidden, V = vocabulary, M = selected positions in the batch.
 */
final class PretrainingLoss {

  private PretrainingLoss() {}

  /** Forward, loss and backward; gradients are left on the parameters. */
  static StepOutcome forwardBackward(BertForPreTraining model, NDManager scope, List<TrainingInstance> batch,
      int padId) {
    try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
      return pass(model, scope, batch, padId, ForwardOptions.TRAINING, gc);
    }
  }

  /** The same losses without dropout and without backward, to evaluate a model. */
  static StepOutcome evaluate(BertForPreTraining model, NDManager scope, List<TrainingInstance> batch, int padId) {
    return pass(model, scope, batch, padId, ForwardOptions.INFERENCE, null);
  }

  private static StepOutcome pass(BertForPreTraining model, NDManager scope, List<TrainingInstance> batch,
      int padId, ForwardOptions options, GradientCollector gc) {
    int b = batch.size();
    int t = batch.stream().mapToInt(TrainingInstance::length).max().orElseThrow();
    int[][] ids = new int[b][t];
    int[][] types = new int[b][t];
    int[][] mask = new int[b][t];
    int m = batch.stream().mapToInt(in -> in.maskedPositions().length).sum();
    long[] flatPositions = new long[m];
    long[] labels = new long[m];
    long[] nspLabels = new long[b];
    int k = 0;
    for (int i = 0; i < b; i++) {
      TrainingInstance in = batch.get(i);
      Arrays.fill(ids[i], padId);
      System.arraycopy(in.tokens(), 0, ids[i], 0, in.length());
      System.arraycopy(in.segmentIds(), 0, types[i], 0, in.length());
      Arrays.fill(mask[i], 0, in.length(), 1);
      for (int j = 0; j < in.maskedPositions().length; j++) {
        flatPositions[k] = (long) i * t + in.maskedPositions()[j];
        labels[k++] = in.maskedLabels()[j];
      }
      nspLabels[i] = in.randomNext() ? 1 : 0; // 0 = IsNext, Google's convention
    }
    BertForPreTraining.PreTrainingOutput out =
        model.forward(BertInput.of(scope, ids, types, mask), options, flatPositions);
    NDArray mlmLogProbs = out.mlmLogits().logSoftmax(1); // (M, V)
    NDArray mlmLabels = scope.create(labels).reshape(m, 1); // (M, 1)
    NDArray mlmLoss = mlmLogProbs.gather(mlmLabels, 1).mean().neg();
    NDArray nspLogProbs = out.nspLogits().logSoftmax(1); // (B, 2)
    NDArray nspTruth = scope.create(nspLabels).reshape(b, 1); // (B, 1)
    NDArray nspLoss = nspLogProbs.gather(nspTruth, 1).mean().neg();
    if (gc != null) {
      gc.backward(mlmLoss.add(nspLoss));
    }

    NDArray guesses = mlmLogProbs.argMax(1); // (M)
    NDArray guessProbs = mlmLogProbs.max(new int[] {1}).exp(); // (M)
    NDArray mlmRight = guesses.eq(mlmLabels.reshape(m)).toType(DataType.FLOAT32, false);
    NDArray nspRight = nspLogProbs.argMax(1).eq(nspTruth.reshape(b)).toType(DataType.FLOAT32, false);
    NDArray isNext = nspLogProbs.get(":, 0").exp(); // (B)
    return new StepOutcome(mlmLoss.getFloat(), nspLoss.getFloat(), mlmRight.mean().getFloat(),
        nspRight.mean().getFloat(), guesses.toLongArray(), guessProbs.toFloatArray(), isNext.toFloatArray());
  }
}
