package org.bertworkbench.core.analysis;

import org.bertworkbench.core.job.Message;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.job.Progress;

/**
 * One token's vector through the layers, and the tokens' 2-D maps layer by layer.
 *
 * <p>Shapes: L = layers, T = tokens, H = hidden; layer 0 is the embeddings' output (the first
 * encoder layer's input), layer L the last encoder layer's output.
 *
 * @param token the token's position
 * @param vectors [L + 1][H] the token's hidden state after each layer
 * @param cosineToInput [L + 1] cosine of each layer's vector with layer 0
 * @param cosineToFinal [L + 1] cosine of each layer's vector with layer L
 * @param norms [L + 1] the vector's length after each layer
 */
public record HiddenStateTrajectory(int token, float[][] vectors, double[] cosineToInput,
    double[] cosineToFinal, double[] norms) {

  /** The trajectory of the token at {@code token} in hidden states [L + 1][T][H]. */
  public static HiddenStateTrajectory of(float[][][] hiddenStates, int token) {
    int layers = hiddenStates.length;
    float[][] vectors = new float[layers][];
    for (int l = 0; l < layers; l++) {
      vectors[l] = hiddenStates[l][token];
    }
    double[] toInput = new double[layers];
    double[] toFinal = new double[layers];
    double[] norms = new double[layers];
    for (int l = 0; l < layers; l++) {
      toInput[l] = EmbeddingGeometry.cosine(vectors[l], vectors[0]);
      toFinal[l] = EmbeddingGeometry.cosine(vectors[l], vectors[layers - 1]);
      norms[l] = EmbeddingGeometry.norm(vectors[l]);
    }
    return new HiddenStateTrajectory(token, vectors, toInput, toFinal, norms);
  }

  /**
   * A 2-D PCA of all tokens at every layer, [L + 1]; the Gram matrices (T x T per layer) are one
   * batched product on the engine in {@code scope}. Each layer's axes are turned to agree with the
   * layer before (scores positively correlated), so that a layer slider moves points rather than
   * mirroring them.
   */
  public static List<Pca> projections(NDManager scope, float[][][] hiddenStates, Progress progress) {
    int layers = hiddenStates.length;
    int t = hiddenStates[0].length;
    int h = hiddenStates[0][0].length;
    float[] flat = new float[layers * t * h];
    for (int l = 0; l < layers; l++) {
      for (int i = 0; i < t; i++) {
        System.arraycopy(hiddenStates[l][i], 0, flat, (l * t + i) * h, h);
      }
    }
    NDArray x = scope.create(flat, new Shape(layers, t, h)); // (L+1, T, H)
    NDArray xc = x.sub(x.mean(new int[] {1}, true)); // (L+1, T, H)
    float[] g = xc.matMul(xc.transpose(0, 2, 1)).toFloatArray(); // (L+1, T, T)
    List<Pca> out = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      progress.checkCancelled();
      double[][] gram = new double[t][t];
      for (int i = 0; i < t; i++) {
        for (int j = 0; j < t; j++) {
          gram[i][j] = g[(l * t + i) * t + j];
        }
      }
      out.add(Pca.fromGram(hiddenStates[l], gram, 2));
      progress.report((l + 1.0) / layers, Message.of(HiddenStateTrajectory.class, "progress.pca", l));
    }
    return aligned(out);
  }

  /** As {@link #projections(NDManager, float[][][], Progress)}, all in Java (for small inputs and tests). */
  public static List<Pca> projections(float[][][] hiddenStates) {
    List<Pca> out = new ArrayList<>();
    for (float[][] layer : hiddenStates) {
      out.add(Pca.fit(layer, 2));
    }
    return aligned(out);
  }

  /** Flips components so that each layer's scores correlate positively with the layer before. */
  static List<Pca> aligned(List<Pca> pcas) {
    List<Pca> out = new ArrayList<>();
    for (int l = 0; l < pcas.size(); l++) {
      Pca p = pcas.get(l);
      if (l > 0) {
        Pca before = out.get(l - 1);
        for (int c = 0; c < p.axes().length && c < before.axes().length; c++) {
          double s = 0;
          for (int i = 0; i < p.scores().length; i++) {
            s += p.scores()[i][c] * before.scores()[i][c];
          }
          if (s < 0) {
            p = p.flipped(c);
          }
        }
      }
      out.add(p);
    }
    return out;
  }
}
