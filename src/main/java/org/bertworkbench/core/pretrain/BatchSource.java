package org.bertworkbench.core.pretrain;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bertworkbench.core.train.Seeds;

/**
 * The training data in order: the batch of step N (1-based) is made from seeds derived from
 * (run seed, N, position in batch) alone, so it never depends on what ran before. Resuming at any
 * step gives the batches an uninterrupted run gives.
 */
public final class BatchSource {

  /** Salt that separates data seeds from the dropout seeds of the same step. */
  static final long DATA = 1;

  private final InstanceMaker maker;
  private final InstanceRecipe recipe;
  private final long seed;
  private final int batchSize;
  private final long steps;

  public BatchSource(TokenizedCorpus corpus, InstanceRecipe recipe, long seed, int batchSize, long steps) {
    this.maker = new InstanceMaker(corpus, recipe);
    this.recipe = recipe;
    this.seed = seed;
    this.batchSize = batchSize;
    this.steps = steps;
  }

  /** The instances of step {@code step} (1-based). */
  public List<TrainingInstance> batch(long step) {
    int length = recipe.lengthAt(step, steps);
    List<TrainingInstance> out = new ArrayList<>(batchSize);
    for (int b = 0; b < batchSize; b++) {
      out.add(maker.make(new Random(Seeds.mix(seed, DATA, step, b)), length));
    }
    return out;
  }
}
