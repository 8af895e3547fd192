package org.bertworkbench.core.train;

import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * Dynamic loss scaling for float16 training (Micikevicius et al. 2018; PyTorch's {@code GradScaler}
 * does the same): the loss is multiplied by a scale S before backward so that small gradients do
 * not underflow in float16, and the optimiser divides S out. When a step's gradients overflow
 * (infinite or NaN), the step is skipped and S halves; after {@value #GROWTH_INTERVAL} good steps
 * in a row S doubles. S never goes below 1 nor grows beyond {@value #MAX_GROWTH}.
 */
public final class LossScale {

  /** The usual first scale, 2^16. */
  public static final float DEFAULT_INITIAL = 65536f;
  /** Good steps in a row before the scale doubles. */
  public static final int GROWTH_INTERVAL = 2000;
  /** The scale does not grow beyond 2^24 (a larger start is kept until the first overflow). */
  public static final float MAX_GROWTH = 16777216f;

  private float scale;
  private int goodSteps;

  /** Starts at {@code initial} (at least 1, finite). */
  public LossScale(float initial) {
    restore(initial, 0);
  }

  /** Sets the state saved in a checkpoint. */
  void restore(float scale, int goodSteps) {
    if (!(scale >= 1) || Float.isInfinite(scale)) {
      throw new BadInputException(Message.of(LossScale.class, "scaleRange", scale));
    }
    if (goodSteps < 0 || goodSteps >= GROWTH_INTERVAL) {
      throw new BadInputException(Message.of(LossScale.class, "goodSteps", GROWTH_INTERVAL, goodSteps));
    }
    this.scale = scale;
    this.goodSteps = goodSteps;
  }

  /** The scale S the next loss is multiplied by. */
  public float value() {
    return scale;
  }

  /** Good steps since the last change of S. */
  public int goodSteps() {
    return goodSteps;
  }

  /** The gradients overflowed: S halves (not below 1), the count starts again. */
  void overflowed() {
    scale = Math.max(1f, scale / 2);
    goodSteps = 0;
  }

  /** The gradients were finite: one more good step; S doubles after {@value #GROWTH_INTERVAL}. */
  void succeeded() {
    goodSteps++;
    if (goodSteps == GROWTH_INTERVAL) {
      goodSteps = 0;
      if (scale * 2 <= MAX_GROWTH) {
        scale *= 2;
      }
    }
  }

  @Override
  public String toString() {
    return "loss scale " + scale + " (" + goodSteps + " good steps)";
  }
}
