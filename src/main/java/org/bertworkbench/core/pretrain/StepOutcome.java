package org.bertworkbench.core.pretrain;

/**
 * What one forward and backward pass of the pretraining loss produced, copied out of the engine.
 * Shapes: B = batch, M = selected positions in the batch.
 *
 * @param mlmLoss mean masked-LM cross-entropy over the selected positions
 * @param nspLoss mean next-sentence cross-entropy
 * @param mlmAccuracy fraction of selected positions whose top guess is the original token
 * @param nspAccuracy fraction of pairs judged right
 * @param guesses (M) top prediction at each selected position, batch order then position order
 * @param guessProbabilities (M) its probability
 * @param isNextProbabilities (B) the model's P(IsNext)
 */
public record StepOutcome(double mlmLoss, double nspLoss, double mlmAccuracy, double nspAccuracy,
    long[] guesses, float[] guessProbabilities, float[] isNextProbabilities) {}
