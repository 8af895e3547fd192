package org.bertworkbench.core.pretrain;

/**
 * One pretraining example as google-research/bert {@code create_pretraining_data.py} makes it:
 * {@code [CLS] A [SEP] B [SEP]}, unpadded (L = its length).
 *
 * @param tokens (L) model input ids after masking
 * @param original (L) ids before masking
 * @param segmentIds (L) 0 for [CLS], A and the first [SEP]; 1 for B and the last [SEP]
 * @param decisions (L) what masking did at each position
 * @param randomNext true when B is a random segment of another document (NSP label 1, NotNext)
 * @param maskedPositions positions selected for prediction, ascending
 * @param maskedLabels the original ids at those positions
 */
public record TrainingInstance(int[] tokens, int[] original, int[] segmentIds, MaskDecision[] decisions,
    boolean randomNext, int[] maskedPositions, int[] maskedLabels) {

  public int length() {
    return tokens.length;
  }

  /** True when B really follows A in its document (NSP label 0, IsNext). */
  public boolean isNext() {
    return !randomNext;
  }
}
