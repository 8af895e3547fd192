package org.bertworkbench.core.finetune;

import java.util.Arrays;
import java.util.Random;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.train.Seeds;

/**
 * Which training rows each step sees: every epoch a fresh shuffle of all rows, a pure function of
 * (seed, epoch), cut into batches (the last one of an epoch may be smaller). A resumed run
 * therefore sees the batches an uninterrupted one saw.
 */
final class DataOrder {

  /** Salt that separates shuffle seeds from other seeds of the run. */
  static final long SHUFFLE = 3;

  private final int rows;
  private final int batchSize;
  private final long seed;
  private int cachedEpoch = -1;
  private int[] cachedOrder;

  DataOrder(int rows, int batchSize, long seed) {
    if (rows < 1) {
      throw new BadInputException(Message.of(DataOrder.class, "DataOrder.noRows"));
    }
    this.rows = rows;
    this.batchSize = batchSize;
    this.seed = seed;
  }

  int stepsPerEpoch() {
    return (rows + batchSize - 1) / batchSize;
  }

  /** The 0-based epoch of a 1-based step. */
  int epochOf(long step) {
    return (int) ((step - 1) / stepsPerEpoch());
  }

  /** Row indices of step {@code step} (1-based). */
  int[] batch(long step) {
    int epoch = epochOf(step);
    int position = (int) ((step - 1) % stepsPerEpoch());
    int[] order = order(epoch);
    int from = position * batchSize;
    return Arrays.copyOfRange(order, from, Math.min(rows, from + batchSize));
  }

  private int[] order(int epoch) {
    if (epoch != cachedEpoch) {
      int[] order = new int[rows];
      Arrays.setAll(order, i -> i);
      Random random = new Random(Seeds.mix(seed, SHUFFLE, epoch));
      for (int i = rows - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      cachedOrder = order;
      cachedEpoch = epoch;
    }
    return cachedOrder;
  }
}
