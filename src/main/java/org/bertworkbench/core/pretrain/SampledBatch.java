package org.bertworkbench.core.pretrain;

import java.util.List;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * A batch the sampler drew, shown before (or without) training: what masking chose for each
 * position and which pairs are real, with the counts over the batch. A lesson's check hands it to
 * the pretraining view, so the class sees the very batch whose percentages the check printed.
 *
 * @param view every position, with no model guesses ({@link BatchView.Position#guess()} null,
 *     probabilities NaN) and step 0
 * @param counters the batch's masking counts
 */
public record SampledBatch(BatchView view, MaskingCounters counters) {

  /** {@code batch} as people read it, its tokens spelled by {@code vocab}. */
  public static SampledBatch of(List<TrainingInstance> batch, Vocab vocab) {
    return new SampledBatch(BatchRecords.sampled(batch, vocab), MaskingCounters.ZERO.plus(batch));
  }

  /** True for a batch no model has seen (a sampled one): there are no guesses to draw. */
  public static boolean unguessed(BatchView view) {
    return view.step() == 0;
  }
}
