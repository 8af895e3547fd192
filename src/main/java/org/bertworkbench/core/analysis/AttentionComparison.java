package org.bertworkbench.core.analysis;

import java.util.List;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * The same text through two models that share a vocabulary (for example BERT-Base and a model
 * fine-tuned from it), side by side and as a difference (L = layers, N = heads, T = tokens).
 *
 * @param first the first model's capture
 * @param second the second model's capture, on the same tokens
 * @param difference [L][N][T][T] second minus first, head by head
 */
public record AttentionComparison(AttentionCapture first, AttentionCapture second, float[][][][] difference) {

  /**
   * Encodes the text with the first model's tokenizer and runs both models on it.
   *
   * @throws IllegalArgumentException when the vocabularies differ, or the models differ in layers or
   *     heads (compare aggregated maps with {@link #difference(float[][], float[][])} then)
   */
  public static AttentionComparison of(LoadedBert first, LoadedBert second, String textA, String textB,
      int maxLength, ForwardOptions options) {
    requireSameVocabulary(first.vocab(), second.vocab());
    int max = Math.min(maxLength, second.model().config().maxPositionEmbeddings());
    Encoding e = first.encode(textA, textB, max);
    return of(AttentionCapture.of(first.model(), e, options), AttentionCapture.of(second.model(), e, options));
  }

  /** The difference of two captures of the same tokens through models of the same shape. */
  public static AttentionComparison of(AttentionCapture first, AttentionCapture second) {
    if (!first.tokens().equals(second.tokens())) {
      throw new IllegalArgumentException("the two inputs have different tokens ("
          + first.length() + " vs " + second.length() + "): the models must see the same text, tokenized the same way");
    }
    if (first.layers() != second.layers() || first.heads() != second.heads()) {
      throw new IllegalArgumentException("the models differ in shape (" + first.layers() + " layers x "
          + first.heads() + " heads vs " + second.layers() + " x " + second.heads()
          + "): compare their mean-over-heads or rollout maps instead");
    }
    float[][][][] diff = new float[first.layers()][first.heads()][][];
    for (int l = 0; l < diff.length; l++) {
      for (int h = 0; h < diff[l].length; h++) {
        diff[l][h] = difference(first.attentions()[l][h], second.attentions()[l][h]);
      }
    }
    return new AttentionComparison(first, second, diff);
  }

  /** [T][T] second minus first, for any two maps of the same size (aggregated maps included). */
  public static float[][] difference(float[][] first, float[][] second) {
    if (first.length != second.length || first[0].length != second[0].length) {
      throw new IllegalArgumentException("maps of " + first.length + " x " + first[0].length + " and "
          + second.length + " x " + second[0].length + " tokens cannot be compared");
    }
    float[][] out = new float[first.length][first[0].length];
    for (int i = 0; i < out.length; i++) {
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] = second[i][j] - first[i][j];
      }
    }
    return out;
  }

  /** Refuses two vocabularies that are not the same tokens with the same ids, saying where they part. */
  public static void requireSameVocabulary(Vocab first, Vocab second) {
    List<String> a = first.tokens();
    List<String> b = second.tokens();
    if (a.equals(b)) {
      return;
    }
    int i = 0;
    while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
      i++;
    }
    Message where = i < a.size() && i < b.size()
        ? Message.of(AttentionComparison.class, "AttentionComparison.idDiffers", i, a.get(i), b.get(i))
        : Message.of(AttentionComparison.class, "AttentionComparison.sizeDiffers", a.size(), b.size());
    throw new BadInputException(Message.of(AttentionComparison.class, "AttentionComparison.vocabularies", where));
  }
}
