package org.bertworkbench.core.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * Cosine similarities between sentence embeddings: the matrix of a list of sentences, and a semantic
 * search that ranks sentences against a query.
 */
public final class SentenceSimilarity {

  /** The most sentences in one similarity matrix (its N x N values are printed and drawn). */
  public static final int MAX_MATRIX = 2_000;

  /**
   * One search result.
   *
   * @param index the sentence's place in the list searched (from 0)
   * @param score its cosine similarity with the query
   */
  public record Hit(int index, double score) {}

  private SentenceSimilarity() {}

  /**
   * The cosine of every pair, [N][N]: symmetric, each value computed once in double precision; the
   * diagonal is 1 (0 for an all-zero vector, as {@link SentenceEmbedding#cosine} says).
   *
   * @throws BadInputException for more than {@value #MAX_MATRIX} vectors or none
   */
  public static double[][] matrix(List<float[]> vectors) {
    int n = vectors.size();
    checkMatrixSize(n);
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double c = SentenceEmbedding.cosine(vectors.get(i), vectors.get(j));
        out[i][j] = c;
        out[j][i] = c;
      }
    }
    return out;
  }

  /**
   * The {@code k} sentences most similar to {@code query}, by cosine, the highest first; equal scores
   * in list order. Fewer when the list is shorter.
   *
   * @throws BadInputException when {@code k} is less than 1
   */
  public static List<Hit> search(float[] query, List<float[]> vectors, int k) {
    checkTopK(k);
    Hit[] all = new Hit[vectors.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = new Hit(i, SentenceEmbedding.cosine(query, vectors.get(i)));
    }
    Arrays.sort(all, Comparator.comparingDouble(Hit::score).reversed().thenComparingInt(Hit::index));
    return new ArrayList<>(Arrays.asList(all).subList(0, Math.min(k, all.length)));
  }

  /**
   * Refuses a {@code k} of less than 1 (for a caller that checks before it embeds).
   *
   * @throws BadInputException when it is
   */
  public static void checkTopK(int k) {
    if (k < 1) {
      throw new BadInputException(Message.of(SentenceSimilarity.class, "SentenceSimilarity.topK", k));
    }
  }

  /**
   * Refuses a matrix of {@code n} sentences when {@code n} is 0 or more than {@value #MAX_MATRIX}.
   *
   * @throws BadInputException when it is
   */
  public static void checkMatrixSize(int n) {
    if (n == 0 || n > MAX_MATRIX) {
      throw new BadInputException(Message.of(SentenceSimilarity.class, "SentenceSimilarity.matrixSize", n,
          MAX_MATRIX));
    }
  }
}
