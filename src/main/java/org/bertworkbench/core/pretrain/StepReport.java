package org.bertworkbench.core.pretrain;

/**
 * What the trainer reports after each step.
 *
 * @param metrics the step's figures (one metrics.jsonl row)
 * @param batch the batch with the model's guesses
 * @param counters masking totals so far
 * @param gradientNorm the global gradient norm before clipping
 */
public record StepReport(StepMetrics metrics, BatchView batch, MaskingCounters counters, double gradientNorm) {}
