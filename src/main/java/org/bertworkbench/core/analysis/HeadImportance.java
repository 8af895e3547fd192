package org.bertworkbench.core.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * Heads ranked by how much switching each one off alone changes the model's output, after Michel
 * et al. 2019 ("Are sixteen heads really better than one?"): one pass with every head, then one
 * pass per head with only that head masked (its attention output zeroed), over a set of sentences
 * (L = layers, N = heads, B = batch, T = tokens, H = hidden, M = [MASK] positions, V = vocabulary).
 *
 * @param measure what was compared
 * @param sentences how many sentences
 * @param units over how many [MASK] positions (or tokens, for {@link Measure#HIDDEN_STATES}) the
 *     scores are means
 * @param scores [L][N] the mean change when that head alone is masked; 0 for a head the options
 *     already switched off
 * @param ranking every head, the largest change first
 */
public record HeadImportance(Measure measure, int sentences, long units, double[][] scores, List<Ranked> ranking) {

  /** How the masked output is compared with the full one. */
  public enum Measure {
    /** KL(full || masked) of the fill-mask distributions, mean over every [MASK] position. */
    KL_AT_MASKS("kl"),
    /** Total variation 1/2 sum |p - q| of the fill-mask distributions, mean over [MASK] positions. */
    TOTAL_VARIATION_AT_MASKS("tv"),
    /** Euclidean distance of the final hidden states, mean over every real token. */
    HIDDEN_STATES("hidden");

    private final String key;

    Measure(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    boolean atMasks() {
      return this != HIDDEN_STATES;
    }
  }

  /** One head and its score. */
  public record Ranked(int layer, int head, double score) {}

  /** Sentences per forward pass unless asked otherwise. */
  public static final int BATCH = 8;

  /** As {@link #rank(BertForPreTraining, List, Measure, ForwardOptions, int, Progress)}, {@value #BATCH} a batch. */
  public static HeadImportance rank(BertForPreTraining model, List<Encoding> sentences, Measure measure,
      ForwardOptions options, Progress progress) {
    return rank(model, sentences, measure, options, BATCH, progress);
  }

  /**
   * Ranks every head; reports progress after each pass and stops with
   * {@link org.bertworkbench.core.job.CancelledException} when asked. The sentences run in batches of
   * up to {@code batchSize}, sorted by length so that a batch pads little, padded under an attention
   * mask of 0; the scores are sums over real tokens (or [MASK]s), so they do not depend on the batch.
   *
   * @param options the passes' settings (causal, heads already off); trace and dropout are ignored
   * @throws IllegalArgumentException when a measure at [MASK] finds no [MASK] in any sentence
   */
  public static HeadImportance rank(BertForPreTraining model, List<Encoding> sentences, Measure measure,
      ForwardOptions options, int batchSize, Progress progress) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize + " must be at least 1");
    }
    int layers = model.config().numHiddenLayers();
    int heads = model.config().numAttentionHeads();
    float[][] base = startingMask(options.headMask(), layers, heads);
    ForwardOptions plain = options.withTrace(false).withTraining(false);
    List<Encoding> byLength = new ArrayList<>(sentences);
    byLength.sort(Comparator.comparingInt(e -> Inspection.realLength(e.attentionMask())));
    List<Batch> batches = new ArrayList<>();
    long units = 0;
    for (int from = 0; from < byLength.size(); from += batchSize) {
      Batch b = Batch.of(byLength.subList(from, Math.min(byLength.size(), from + batchSize)));
      units += measure.atMasks() ? b.maskPositions.length : b.realTokens;
      batches.add(b);
    }
    if (units == 0) {
      throw new BadInputException(sentences.isEmpty() ? Message.of(HeadImportance.class, "HeadImportance.noSentences")
          : Message.of(HeadImportance.class, "HeadImportance.noMask", Vocab.MASK));
    }
    double[][] totals = new double[layers][heads];
    int passes = batches.size() * (layers * heads + 1);
    int done = 0;
    for (Batch batch : batches) {
      try (NDManager scope = model.newScope()) {
        NDArray reference = batch.output(model, plain.withHeadMask(base), measure, scope);
        NDArray referenceProbs = measure.atMasks() ? reference.exp() : null; // (M, V)
        progress.report(++done / (double) passes, Message.of(HeadImportance.class, "progress.masking", done, passes));
        for (int l = 0; l < layers; l++) {
          for (int h = 0; h < heads; h++) {
            progress.checkCancelled();
            if (base[l][h] != 0) {
              float[][] mask = copy(base);
              mask[l][h] = 0;
              try (NDManager pass = scope.newSubManager()) {
                NDArray masked = batch.output(model, plain.withHeadMask(mask), measure, pass);
                totals[l][h] += batch.change(reference, referenceProbs, masked, measure);
              }
            }
            progress.report(++done / (double) passes, Message.of(HeadImportance.class, "progress.masking", done, passes));
          }
        }
      }
    }
    List<Ranked> ranking = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      for (int h = 0; h < heads; h++) {
        totals[l][h] /= units;
        ranking.add(new Ranked(l, h, totals[l][h]));
      }
    }
    ranking.sort(Comparator.comparingDouble(Ranked::score).reversed());
    return new HeadImportance(measure, sentences.size(), units, totals, List.copyOf(ranking));
  }

  private static float[][] startingMask(float[][] given, int layers, int heads) {
    float[][] mask = new float[layers][heads];
    for (int l = 0; l < layers; l++) {
      for (int h = 0; h < heads; h++) {
        mask[l][h] = given == null || l >= given.length || given[l] == null ? 1 : given[l][h];
      }
    }
    return mask;
  }

  private static float[][] copy(float[][] mask) {
    float[][] out = new float[mask.length][];
    for (int l = 0; l < mask.length; l++) {
      out[l] = mask[l].clone();
    }
    return out;
  }

  /** A few sentences padded to one length, with where their [MASK]s are. */
  private record Batch(int[][] ids, int[][] types, int[][] mask, long[] maskPositions, long realTokens) {

    static Batch of(List<Encoding> sentences) {
      int t = sentences.stream().mapToInt(e -> Inspection.realLength(e.attentionMask())).max().orElse(0);
      int n = sentences.size();
      int[][] ids = new int[n][t];
      int[][] types = new int[n][t];
      int[][] mask = new int[n][t];
      List<Long> masks = new ArrayList<>();
      long real = 0;
      for (int b = 0; b < n; b++) {
        Encoding e = sentences.get(b);
        int len = Inspection.realLength(e.attentionMask());
        System.arraycopy(e.inputIds(), 0, ids[b], 0, len);
        System.arraycopy(e.tokenTypeIds(), 0, types[b], 0, len);
        System.arraycopy(e.attentionMask(), 0, mask[b], 0, len);
        real += len;
        for (int i = 0; i < len; i++) {
          if (e.tokens().get(i).equals(Vocab.MASK)) {
            masks.add((long) b * t + i);
          }
        }
      }
      return new Batch(ids, types, mask, masks.stream().mapToLong(Long::longValue).toArray(), real);
    }

    /** (M, V) log-probabilities at the [MASK]s, or (B, T, H) final hidden states; in {@code manager}. */
    NDArray output(BertForPreTraining model, ForwardOptions options, Measure measure, NDManager manager) {
      NDArray sequence = model.forward(BertInput.of(manager, ids, types, mask), options).sequenceOutput(); // (B, T, H)
      if (!measure.atMasks()) {
        return sequence;
      }
      long h = sequence.getShape().get(2);
      NDArray rows = sequence.reshape(-1, h).get(manager.create(maskPositions)); // (M, H)
      return model.heads().mlmLogits(rows).logSoftmax(-1); // (M, V)
    }

    /**
     * The summed change over this batch's [MASK]s or real tokens. Every array made here starts from
     * {@code masked}, so it belongs to that pass's manager and is freed with it.
     */
    double change(NDArray reference, NDArray referenceProbs, NDArray masked, Measure measure) {
      switch (measure) {
        case KL_AT_MASKS: // sum p (log p - log q)
          return -masked.sub(reference).mul(referenceProbs).sum().getFloat();
        case TOTAL_VARIATION_AT_MASKS:
          return 0.5 * masked.exp().sub(referenceProbs).abs().sum().getFloat();
        default:
          NDArray distance = masked.sub(reference).norm(new int[] {-1}); // (B, T)
          float[] d = distance.toFloatArray();
          double sum = 0;
          int t = mask[0].length;
          for (int i = 0; i < d.length; i++) {
            sum += mask[i / t][i % t] * (double) d[i];
          }
          return sum;
      }
    }
  }
}
