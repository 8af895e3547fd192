package org.bertworkbench.core.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.bertworkbench.core.tensor.Engines;

/**
 * The fine-tuning losses, each a cross-entropy as the paper's section 4 and Hugging Face's heads:
 * <ul>
 *   <li>classification: over the classes, one per input;</li>
 *   <li>tagging: over the tags, at each word's first piece only ({@code [CLS]}, {@code [SEP]},
 *       {@code ##} pieces and padding carry no label);</li>
 *   <li>QA: the mean of the start and the end cross-entropies, each a softmax over the paragraph's
 *       positions.</li>
 * </ul>
 * A batch may be cut into shards (one per device): each shard's loss is its <em>sum</em> over
 * labelled items divided by the whole batch's count, so the shards' gradients add up to the
 * gradient of the batch mean exactly. Shapes: B = rows, T = tokens, C = labels.
 */
final class FinetuneLoss {

  /**
   * A shard's outcome, copied out of the engine.
   *
   * @param loss this shard's share of the batch's mean loss
   * @param correct labelled items whose top guess was right (QA: start and end both right)
   * @param items labelled items in the shard
   */
  record Outcome(double loss, long correct, long items) {

    Outcome plus(Outcome o) {
      return new Outcome(loss + o.loss, correct + o.correct, items + o.items);
    }
  }

  private FinetuneLoss() {}

  /** Labelled items in some rows: rows (classification, QA) or labelled first pieces (tagging). */
  static long items(TaskKind task, List<EncodedInput> rows) {
    if (task != TaskKind.TAG) {
      return rows.size();
    }
    long n = 0;
    for (EncodedInput r : rows) {
      for (int label : r.tokenLabels()) {
        n += label >= 0 ? 1 : 0;
      }
    }
    return n;
  }

  /**
   * Forward, loss and backward of one shard; the gradients are left on the model's parameters
   * (added to what is already there).
   *
   * @param batchItems labelled items in the whole batch (the mean's denominator)
   */
  static Outcome forwardBackward(FinetuneModel model, NDManager scope, List<EncodedInput> rows, long batchItems,
      int padId) {
    return forwardBackward(model, scope, rows, batchItems, padId, 1f);
  }

  /**
   * As {@link #forwardBackward(FinetuneModel, NDManager, List, long, int)}, the loss multiplied by
   * {@code lossScale} before backward (mixed precision: the gradients left are scaled by it, so
   * that small ones do not vanish in float16; the optimiser divides it out). The outcome's loss is
   * unscaled.
   */
  static Outcome forwardBackward(FinetuneModel model, NDManager scope, List<EncodedInput> rows, long batchItems,
      int padId, float lossScale) {
    Batch batch = Batch.of(scope, rows, padId, model.dataType());
    TaskKind task = model.head().task();
    try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
      NDArray logits = model.logits(batch, true);
      NDArray[] sumAndRight = task.isClassification() ? classification(scope, logits, rows)
          : task == TaskKind.TAG ? tagging(scope, logits, rows) : span(scope, logits, batch);
      // Divide by an array of this scope, never by a Number (see BertAttention: a temporary scalar
      // freed before backward corrupts the gradients).
      double denominator = task == TaskKind.QA ? 2.0 * batchItems : batchItems;
      NDArray loss = sumAndRight[0].div(scope.create((float) denominator));
      // The scale as an array of this scope too, for the same reason.
      gc.backward(lossScale == 1f ? loss : loss.mul(scope.create(lossScale)));
      return new Outcome(loss.getFloat(), (long) sumAndRight[1].getFloat(), items(task, rows));
    }
  }

  /** (B, C) logits -> {-sum log p(gold), right guesses}. */
  private static NDArray[] classification(NDManager scope, NDArray logits, List<EncodedInput> rows) {
    int b = rows.size();
    long[] gold = new long[b];
    for (int i = 0; i < b; i++) {
      gold[i] = rows.get(i).classLabel();
    }
    NDArray truth = scope.create(gold).reshape(b, 1); // (B, 1)
    NDArray logProbs = logits.logSoftmax(1); // (B, C)
    NDArray lossSum = logProbs.gather(truth, 1).sum().neg();
    NDArray right = logProbs.argMax(1).eq(truth.reshape(b)).toType(DataType.FLOAT32, false).sum();
    return new NDArray[] {lossSum, right};
  }

  /** (B, T, C) logits -> {-sum over labelled first pieces of log p(gold), right guesses there}. */
  private static NDArray[] tagging(NDManager scope, NDArray logits, List<EncodedInput> rows) {
    int b = rows.size();
    int t = (int) logits.getShape().get(1);
    long[] gold = new long[b * t];
    float[] weight = new float[b * t];
    for (int i = 0; i < b; i++) {
      int[] labels = rows.get(i).tokenLabels();
      for (int k = 0; k < labels.length; k++) {
        if (labels[k] >= 0) {
          gold[i * t + k] = labels[k];
          weight[i * t + k] = 1f;
        }
      }
    }
    NDArray truth = scope.create(gold, new Shape(b, t, 1)); // (B, T, 1), 0 where unlabelled
    NDArray labelled = scope.create(weight, new Shape(b, t)); // (B, T), 1 at labelled pieces
    NDArray logProbs = logits.logSoftmax(2); // (B, T, C)
    NDArray picked = logProbs.gather(truth, 2).reshape(b, t); // (B, T)
    NDArray lossSum = picked.mul(labelled).sum().neg();
    NDArray hit = logProbs.argMax(2).eq(truth.reshape(b, t)).toType(DataType.FLOAT32, false); // (B, T)
    return new NDArray[] {lossSum, hit.mul(labelled).sum()};
  }

  /** (B, T, 2) logits -> {-sum of log p(start) + log p(end) over the paragraph, rows with both right}. */
  private static NDArray[] span(NDManager scope, NDArray logits, Batch batch) {
    int b = batch.size();
    long[] starts = new long[b];
    long[] ends = new long[b];
    for (int i = 0; i < b; i++) {
      EncodedInput r = batch.rows().get(i);
      if (r.answerStart() < 0) {
        throw new IllegalStateException("a QA training row without its answer");
      }
      starts[i] = r.answerStart();
      ends[i] = r.answerEnd();
    }
    NDArray startTruth = scope.create(starts).reshape(b, 1); // (B, 1)
    NDArray endTruth = scope.create(ends).reshape(b, 1);
    NDArray startLogProbs = logits.get(":, :, 0").add(batch.paragraphBias()).logSoftmax(1); // (B, T)
    NDArray endLogProbs = logits.get(":, :, 1").add(batch.paragraphBias()).logSoftmax(1); // (B, T)
    NDArray lossSum = startLogProbs.gather(startTruth, 1).sum().add(endLogProbs.gather(endTruth, 1).sum()).neg();
    NDArray startRight = startLogProbs.argMax(1).eq(startTruth.reshape(b));
    NDArray endRight = endLogProbs.argMax(1).eq(endTruth.reshape(b));
    NDArray both = startRight.logicalAnd(endRight).toType(DataType.FLOAT32, false).sum();
    return new NDArray[] {lossSum, both};
  }
}
