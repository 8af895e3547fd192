package org.bertworkbench.core.train;

import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * BERT's optimiser and schedule (google-research/bert {@code optimization.py} and the paper).
 *
 * @param learningRate peak learning rate (1e-4)
 * @param warmupSteps linear warm-up steps (the paper: 10,000 of 1,000,000, i.e. 1%)
 * @param weightDecay decoupled weight decay rate (0.01), not applied to LayerNorm or biases
 * @param beta1 (0.9)
 * @param beta2 (0.999)
 * @param epsilon (1e-6)
 * @param clipNorm global gradient norm clip (1.0)
 */
public record OptimizerSettings(double learningRate, long warmupSteps, double weightDecay, double beta1,
    double beta2, double epsilon, double clipNorm) {

  /** The paper's settings, warm-up over 1% of {@code steps} (10,000 of the paper's 1M). */
  public static OptimizerSettings paper(long steps) {
    return new OptimizerSettings(1e-4, Math.max(1, steps / 100), 0.01, 0.9, 0.999, 1e-6, 1.0);
  }

  /**
   * Checks the numbers; throws a {@link BadInputException} (an {@link IllegalArgumentException})
   * saying which is wrong, as a wizard's or an option's value may be.
   */
  public OptimizerSettings {
    if (!(learningRate > 0)) {
      throw new BadInputException(Message.of(OptimizerSettings.class, "learningRate", learningRate));
    }
    if (warmupSteps < 0) {
      throw new BadInputException(Message.of(OptimizerSettings.class, "warmup", warmupSteps));
    }
    if (weightDecay < 0 || beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || !(epsilon > 0) || !(clipNorm > 0)) {
      throw new BadInputException(Message.of(OptimizerSettings.class, "outOfRange"));
    }
  }

  public OptimizerSettings withLearningRate(double lr) {
    return new OptimizerSettings(lr, warmupSteps, weightDecay, beta1, beta2, epsilon, clipNorm);
  }

  public OptimizerSettings withWarmupSteps(long w) {
    return new OptimizerSettings(learningRate, w, weightDecay, beta1, beta2, epsilon, clipNorm);
  }

  /**
   * The learning rate of step {@code step} (1-based) of {@code steps}, as {@code optimization.py}:
   * with {@code g = step - 1} (TensorFlow's global step before the update), a polynomial (linear)
   * decay {@code lr * (1 - g / steps)} to 0, replaced during warm-up ({@code g < warmup}) by
   * {@code lr * g / warmup}. So the first update has rate 0, as in Google's code.
   */
  public double learningRateAt(long step, long steps) {
    long g = step - 1;
    if (g < warmupSteps) {
      return learningRate * g / warmupSteps;
    }
    return learningRate * Math.max(0, 1 - (double) Math.min(g, steps) / steps);
  }
}
