package org.bertworkbench.core.analysis;

import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.tokenize.Encoding;

/**
 * The sub-word / word toggle: which word pieces make up each word, and attention merged to words
 * (T = pieces, W = words). Consecutive pieces with the same word id ({@link Encoding#wordIds()})
 * form one word ("un ##want ##ed" -> "unwanted"); [CLS], [SEP] and any other piece without a word
 * (word id -1) stay words of their own.
 *
 * <p>Merging follows Clark et al. 2019: attention <em>to</em> a word is the sum over its pieces
 * (columns), attention <em>from</em> a word the mean over its pieces (rows), so every merged row
 * still sums to what a piece's row sums to.
 *
 * @param words [W] each word's text: its pieces glued, "##" dropped
 * @param pieces [W][] the pieces (token indices) of each word, in order
 * @param wordOf [T] the word each piece belongs to
 */
public record WordGroups(List<String> words, int[][] pieces, int[] wordOf) {

  /** The words of an encoding's real tokens (padding left out). */
  public static WordGroups of(Encoding encoding) {
    int t = Inspection.realLength(encoding.attentionMask());
    return of(encoding.tokens().subList(0, t), encoding.wordIds());
  }

  /**
   * @param tokens [T] the pieces
   * @param wordIds at least T word ids, -1 for a piece that belongs to no word
   */
  public static WordGroups of(List<String> tokens, int[] wordIds) {
    int t = tokens.size();
    List<String> words = new ArrayList<>();
    List<int[]> pieces = new ArrayList<>();
    int[] wordOf = new int[t];
    int start = 0;
    while (start < t) {
      int end = start + 1;
      while (wordIds[start] >= 0 && end < t && wordIds[end] == wordIds[start]) {
        end++;
      }
      StringBuilder text = new StringBuilder(tokens.get(start));
      int[] members = new int[end - start];
      for (int i = start; i < end; i++) {
        members[i - start] = i;
        wordOf[i] = words.size();
        if (i > start) {
          String piece = tokens.get(i);
          text.append(piece.startsWith("##") ? piece.substring(2) : piece);
        }
      }
      words.add(text.toString());
      pieces.add(members);
      start = end;
    }
    return new WordGroups(List.copyOf(words), pieces.toArray(new int[0][]), wordOf);
  }

  /** W, the number of words. */
  public int size() {
    return words.size();
  }

  /** [T][T] -> [W][W]: sum over the attended word's pieces, mean over the attending word's pieces. */
  public float[][] merge(float[][] attention) {
    int w = size();
    float[][] out = new float[w][w];
    for (int row = 0; row < w; row++) {
      int[] from = pieces[row];
      for (int q : from) {
        for (int k = 0; k < attention[q].length; k++) {
          out[row][wordOf[k]] += attention[q][k];
        }
      }
      for (int col = 0; col < w; col++) {
        out[row][col] /= from.length;
      }
    }
    return out;
  }

  /** [N][T][T] -> [N][W][W], each head merged. */
  public float[][][] merge(float[][][] heads) {
    float[][][] out = new float[heads.length][][];
    for (int h = 0; h < heads.length; h++) {
      out[h] = merge(heads[h]);
    }
    return out;
  }

  /** [L][N][T][T] -> [L][N][W][W]. */
  public float[][][][] merge(float[][][][] layers) {
    float[][][][] out = new float[layers.length][][][];
    for (int l = 0; l < layers.length; l++) {
      out[l] = merge(layers[l]);
    }
    return out;
  }
}
