package org.bertworkbench.core.pretrain;

import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * How training instances are cut and masked; the defaults are google-research/bert's
 * ({@code create_pretraining_data.py} flags and the paper).
 *
 * @param maxLength sequence length in word pieces, [CLS] and [SEP]s included (128)
 * @param longLength the length of the paper's long phase (512)
 * @param longFraction the fraction of steps, at the end of training, at {@code longLength}: the
 *     paper's schedule is 0.1 (90% of steps at 128, then 10% at 512); 0 never uses it
 * @param shortSeqProb probability of a shorter target length, to reduce the mismatch with
 *     fine-tuning on short inputs (0.1)
 * @param maskedLmProb fraction of tokens selected for masked-LM (0.15)
 * @param maxPredictionsPer128 most selected tokens per 128 positions of sequence length (20, so 80
 *     at 512: Google's max_predictions_per_seq)
 * @param wholeWordMasking select all pieces of a word together (Google's do_whole_word_mask)
 */
public record InstanceRecipe(int maxLength, int longLength, double longFraction, double shortSeqProb,
    double maskedLmProb, int maxPredictionsPer128, boolean wholeWordMasking) {

  /** BERT's recipe at the given length. */
  public static InstanceRecipe paper(int maxLength) {
    return new InstanceRecipe(maxLength, 512, 0, 0.1, 0.15, 20, false);
  }

  /** Checks the numbers; throws {@link BadInputException} saying which is wrong. */
  public InstanceRecipe {
    if (maxLength < 8) {
      throw new BadInputException(Message.of(InstanceRecipe.class, "InstanceRecipe.maxLength", maxLength));
    }
    if (longFraction < 0 || longFraction >= 1) {
      throw new BadInputException(Message.of(InstanceRecipe.class, "InstanceRecipe.longFraction", longFraction));
    }
    if (longFraction > 0 && longLength < maxLength) {
      throw new BadInputException(Message.of(InstanceRecipe.class, "InstanceRecipe.longLength", longLength, maxLength));
    }
    if (shortSeqProb < 0 || shortSeqProb > 1 || maskedLmProb <= 0 || maskedLmProb >= 1) {
      throw new BadInputException(Message.of(InstanceRecipe.class, "InstanceRecipe.probabilities"));
    }
    if (maxPredictionsPer128 < 1) {
      throw new BadInputException(Message.of(InstanceRecipe.class, "InstanceRecipe.maxPredictions"));
    }
  }

  /** The sequence length of step {@code step} (1-based) of {@code steps}. */
  public int lengthAt(long step, long steps) {
    return longFraction > 0 && step > Math.round(steps * (1 - longFraction)) ? longLength : maxLength;
  }

  /** The longest sequence any step uses. */
  public int longestLength() {
    return longFraction > 0 ? longLength : maxLength;
  }

  /** Google's max_predictions_per_seq for sequences of {@code length}: 20 per 128 positions. */
  public int maxPredictions(int length) {
    return Math.max(1, (int) Math.rint(maxPredictionsPer128 * length / 128.0));
  }
}
