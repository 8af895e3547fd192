package org.bertworkbench.core.finetune;

/**
 * One input row for the model, made from an example by {@link TaskEncoder}: the word pieces and
 * what the head is trained to give for them. A QA example with a long paragraph, or a long tagging
 * sentence, makes several rows (windows); {@link #example} says which example each came from.
 * Arrays are not copied: read-only.
 *
 * @param example index of the example in its list
 * @param inputIds (T) vocabulary ids, [CLS] first, unpadded
 * @param tokenTypeIds (T) 0 for the first text, 1 for the second
 * @param features standardised numeric features appended to the pooled [CLS] vector; empty if none
 * @param classLabel classification: the gold class index, or -1 when unknown (predicting)
 * @param tokenLabels tagging: (T) the gold tag index at each word's first piece, -1 elsewhere
 *     ([CLS], [SEP], "##" pieces) and when unknown; null for other tasks
 * @param wordIds tagging: (T) the word (index into the example's words) whose first piece this is,
 *     -1 elsewhere; null for other tasks
 * @param answerStart QA: the token where the gold answer starts in this window, -1 if none
 * @param answerEnd QA: the token where it ends (inclusive), -1 if none
 * @param charStarts QA: (T) each paragraph token's first character in the paragraph, -1 for the
 *     question and special tokens (these positions are outside the softmax); null for other tasks
 * @param charEnds QA: (T) just past each paragraph token's last character, -1 elsewhere
 */
public record EncodedInput(int example, int[] inputIds, int[] tokenTypeIds, float[] features, int classLabel,
    int[] tokenLabels, int[] wordIds, int answerStart, int answerEnd, int[] charStarts, int[] charEnds) {

  /** Tokens in the row. */
  public int length() {
    return inputIds.length;
  }
}
