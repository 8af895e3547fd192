package org.bertworkbench.core.pretrain;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.tensor.Engines;

/**
 * How well a model does the two pretraining tasks on a corpus: instances made exactly as for
 * training (masks and sentence pairs drawn from a seed, see {@link BatchSource}), run without
 * dropout and without any update. With another seed than the training run's, the masks and pairs
 * are new even on the training corpus; the text is not held out unless the corpus is.
 */
public final class PretrainEvaluation {

  /**
   * The figures over all evaluated instances.
   *
   * @param predictions masked-LM positions scored
   * @param mlmLoss mean cross-entropy over those positions
   * @param mlmAccuracy fraction whose top guess is the original token
   * @param nspLoss mean next-sentence cross-entropy
   * @param nspAccuracy fraction of pairs judged right (half are real next segments)
   */
  public record Figures(long instances, long predictions, double mlmLoss, double mlmAccuracy, double nspLoss,
      double nspAccuracy) {}

  private PretrainEvaluation() {}

  /** Evaluates {@code batches} batches of {@code batchSize} instances made with {@code seed}. */
  public static Figures evaluate(LoadedBert loaded, Corpus corpus, InstanceRecipe recipe, long seed, int batches,
      int batchSize, Progress progress) {
    if (batches < 1 || batchSize < 1) {
      throw new BadInputException(Message.of(PretrainEvaluation.class, "PretrainEvaluation.atLeastOne"));
    }
    Engines.disableGradientRecording();
    TokenizedCorpus tokens = TokenizedCorpus.of(corpus, loaded.tokenizer());
    BatchSource source = new BatchSource(tokens, recipe, seed, batchSize, batches);
    long instances = 0;
    long predictions = 0;
    double mlmLoss = 0;
    double mlmRight = 0;
    double nspLoss = 0;
    double nspRight = 0;
    for (int step = 1; step <= batches; step++) {
      progress.checkCancelled();
      List<TrainingInstance> batch = source.batch(step);
      int m = batch.stream().mapToInt(in -> in.maskedPositions().length).sum();
      StepOutcome o;
      try (NDManager scope = loaded.model().newScope()) {
        o = PretrainingLoss.evaluate(loaded.model(), scope, batch, loaded.vocab().padId());
      }
      mlmLoss += o.mlmLoss() * m;
      mlmRight += o.mlmAccuracy() * m;
      nspLoss += o.nspLoss() * batch.size();
      nspRight += o.nspAccuracy() * batch.size();
      predictions += m;
      instances += batch.size();
      progress.report((double) step / batches, Message.of(PretrainEvaluation.class, "progress.batch", step, batches));
    }
    return new Figures(instances, predictions, mlmLoss / predictions, mlmRight / predictions, nspLoss / instances,
        nspRight / instances);
  }
}
