package org.bertworkbench.core.analysis;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;

/**
 * Sentence embeddings as sentence-transformers makes them: each sentence encoded alone (truncated to
 * the pooling's limit), run through the model, its last hidden states pooled ({@link
 * SentencePooling.Mode}) and, when the model says so, divided by their L2 norm.
 *
 * <p>Sentences run in batches for speed: sorted by length so that a batch pads little, padded with
 * [PAD] under an attention mask of 0, which the pooling leaves out as the attention does, so a
 * sentence's vector is the one it gets alone (to float rounding).
 */
public final class SentenceEmbedding {

  /** Sentences per forward pass unless asked otherwise. */
  public static final int DEFAULT_BATCH = 32;

  /** What torch.nn.functional.normalize divides by at least, as sentence-transformers' Normalize does. */
  static final double NORM_EPSILON = 1e-12;

  /**
   * One sentence's vector.
   *
   * @param tokens the word pieces the model saw, [CLS] and [SEP] included
   * @param vector the sentence embedding (hidden-size values)
   * @param truncated whether pieces past the limit were cut off
   * @param removedPieces how many were
   */
  public record Embedded(List<String> tokens, float[] vector, boolean truncated, int removedPieces) {
  }

  private SentenceEmbedding() {}

  /**
   * The embeddings of {@code texts}, in their order.
   *
   * @param limit the longest input in word pieces ({@link SentencePooling#limit})
   * @param batchSize sentences per forward pass, at least 1
   * @param options the forward options (a head mask, or {@link ForwardOptions#INFERENCE})
   */
  public static List<Embedded> embed(LoadedBert model, List<String> texts, SentencePooling pooling, int limit,
      int batchSize, ForwardOptions options, Progress progress) {
    if (batchSize < 1 || limit < 2) {
      throw new IllegalArgumentException("batch size " + batchSize + " and limit " + limit
          + " must be at least 1 and 2");
    }
    Encoding[] encodings = new Encoding[texts.size()];
    for (int i = 0; i < encodings.length; i++) {
      encodings[i] = model.encode(texts.get(i), null, limit);
    }
    Integer[] order = new Integer[encodings.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> encodings[i].length()));
    Embedded[] out = new Embedded[encodings.length];
    for (int start = 0; start < order.length; start += batchSize) {
      progress.checkCancelled();
      progress.report((double) start / order.length, "Embedding sentence " + (start + 1) + " of " + order.length);
      int[] batch = new int[Math.min(batchSize, order.length - start)];
      for (int b = 0; b < batch.length; b++) {
        batch[b] = order[start + b];
      }
      runBatch(model, encodings, batch, pooling, options, out);
    }
    progress.report(1, "Embedded " + order.length + " sentences");
    return List.of(out);
  }

  /** Pads the batch's encodings to its longest, runs them, pools each row into {@code out}. */
  private static void runBatch(LoadedBert model, Encoding[] encodings, int[] batch, SentencePooling pooling,
      ForwardOptions options, Embedded[] out) {
    int length = 0;
    for (int i : batch) {
      length = Math.max(length, encodings[i].length());
    }
    int pad = model.vocab().padId();
    int[][] ids = new int[batch.length][length];
    int[][] types = new int[batch.length][length];
    int[][] mask = new int[batch.length][length];
    for (int b = 0; b < batch.length; b++) {
      Encoding e = encodings[batch[b]];
      Arrays.fill(ids[b], pad);
      System.arraycopy(e.inputIds(), 0, ids[b], 0, e.length());
      System.arraycopy(e.tokenTypeIds(), 0, types[b], 0, e.length());
      System.arraycopy(e.attentionMask(), 0, mask[b], 0, e.length());
    }
    float[] hidden;
    try (NDManager scope = model.model().newScope()) {
      hidden = model.model().forward(BertInput.of(scope, ids, types, mask), options).sequenceOutput()
          .toType(DataType.FLOAT32, false).toFloatArray();
    }
    int size = model.model().config().hiddenSize();
    for (int b = 0; b < batch.length; b++) {
      Encoding e = encodings[batch[b]];
      float[] v = pool(hidden, b * length * size, length, size, mask[b], pooling.mode(), pooling.normalize());
      out[batch[b]] = new Embedded(e.tokens(), v, e.truncated(), e.removedPieces());
    }
  }

  /**
   * Pools one sentence's token vectors, as sentence-transformers' Pooling (and Normalize) modules do.
   *
   * @param tokens [T][H] hidden states
   * @param mask T values, 1 for a token the pooling takes, 0 for padding
   */
  public static float[] pool(float[][] tokens, int[] mask, SentencePooling.Mode mode, boolean normalize) {
    if (tokens.length == 0 || tokens.length != mask.length) {
      throw new IllegalArgumentException(tokens.length + " token vectors and " + mask.length + " mask values");
    }
    int h = tokens[0].length;
    float[] flat = new float[tokens.length * h];
    for (int t = 0; t < tokens.length; t++) {
      System.arraycopy(tokens[t], 0, flat, t * h, h);
    }
    return pool(flat, 0, tokens.length, h, mask, mode, normalize);
  }

  /** As {@link #pool(float[][], int[], SentencePooling.Mode, boolean)}, over {@code flat[offset..]}, row-major. */
  static float[] pool(float[] flat, int offset, int length, int hidden, int[] mask, SentencePooling.Mode mode,
      boolean normalize) {
    double[] acc = new double[hidden];
    switch (mode) {
      case CLS -> {
        for (int d = 0; d < hidden; d++) {
          acc[d] = flat[offset + d];
        }
      }
      case MEAN -> {
        int count = 0;
        for (int t = 0; t < length; t++) {
          if (mask[t] != 0) {
            count++;
            for (int d = 0; d < hidden; d++) {
              acc[d] += flat[offset + t * hidden + d];
            }
          }
        }
        for (int d = 0; d < hidden; d++) {
          acc[d] /= Math.max(count, 1e-9);
        }
      }
      case MAX -> {
        Arrays.fill(acc, Double.NEGATIVE_INFINITY);
        for (int t = 0; t < length; t++) {
          if (mask[t] != 0) {
            for (int d = 0; d < hidden; d++) {
              acc[d] = Math.max(acc[d], flat[offset + t * hidden + d]);
            }
          }
        }
      }
      default -> throw new IllegalStateException(String.valueOf(mode));
    }
    double scale = 1;
    if (normalize) {
      double sq = 0;
      for (double v : acc) {
        sq += v * v;
      }
      scale = 1 / Math.max(Math.sqrt(sq), NORM_EPSILON);
    }
    float[] out = new float[hidden];
    for (int d = 0; d < hidden; d++) {
      out[d] = (float) (acc[d] * scale);
    }
    return out;
  }

  /** The cosine similarity of two vectors of one length (0 when either is all zeros). */
  public static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " values");
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }

  /** The note for a sentence cut to {@code limit} pieces: which input, the limit, how many pieces went. */
  public static Message truncationNotice(int input, int limit, Embedded e) {
    return Message.of(SentenceEmbedding.class, "SentenceEmbedding.truncated", input, limit, e.removedPieces());
  }
}
