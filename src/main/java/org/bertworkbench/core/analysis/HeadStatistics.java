package org.bertworkbench.core.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.tokenize.CharClasses;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * What each head looks at, after Clark et al. 2019 ("What does BERT look at?"): per layer and head,
 * the entropy of its attention and the share of attention to [CLS], to [SEP], to punctuation, to the
 * token itself, to the previous and to the next token (L = layers, N = heads).
 *
 * <p>Every number is a mean over attending (query) tokens, pooled over all inputs: each real token
 * of each input counts once, padding rows are left out. {@link Metric#TO_PREV} averages over the
 * tokens that have a previous token (all but [CLS]), {@link Metric#TO_NEXT} over those that have a
 * next one (all but the last [SEP]). The entropy is in nats. Sentence pairs have two [SEP]s: the
 * share to [SEP] is to both.
 *
 * @param layers L
 * @param heads N
 * @param inputs how many inputs were pooled
 * @param tokens how many attending tokens were pooled
 * @param values each metric as [L][N]
 */
public record HeadStatistics(int layers, int heads, int inputs, long tokens, Map<Metric, double[][]> values) {

  /** One statistic; {@code key} is its JSON name, {@code label} a column header. */
  public enum Metric {
    ENTROPY("entropy", "entropy (nats)"),
    TO_CLS("to_cls", "to [CLS]"),
    TO_SEP("to_sep", "to [SEP]"),
    TO_PUNCT("to_punct", "to punctuation"),
    TO_SELF("to_self", "to itself"),
    TO_PREV("to_prev", "to previous"),
    TO_NEXT("to_next", "to next");

    private final String key;
    private final String label;

    Metric(String key, String label) {
      this.key = key;
      this.label = label;
    }

    public String key() {
      return key;
    }

    public String label() {
      return label;
    }
  }

  /** One head's line of the table. */
  public record Row(int layer, int head, double entropy, double toCls, double toSep, double toPunct,
      double toSelf, double toPrev, double toNext) {

    public double value(Metric m) {
      switch (m) {
        case ENTROPY: return entropy;
        case TO_CLS: return toCls;
        case TO_SEP: return toSep;
        case TO_PUNCT: return toPunct;
        case TO_SELF: return toSelf;
        case TO_PREV: return toPrev;
        default: return toNext;
      }
    }

    /** Ascending by a metric; {@code .reversed()} for the largest first. */
    public static Comparator<Row> by(Metric m) {
      return Comparator.comparingDouble(r -> r.value(m));
    }
  }

  /** Makes the map unmodifiable and ordered as {@link Metric}. */
  public HeadStatistics {
    values = Collections.unmodifiableMap(new EnumMap<>(values));
  }

  /** A metric as [L][N], for a layer x head heatmap. */
  public double[][] of(Metric m) {
    return values.get(m);
  }

  /** Head (layer, head). */
  public Row row(int layer, int head) {
    double[] v = new double[Metric.values().length];
    for (Metric m : Metric.values()) {
      v[m.ordinal()] = values.get(m)[layer][head];
    }
    return new Row(layer, head, v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
  }

  /** Every head, layer by layer, for a sortable table. */
  public List<Row> rows() {
    List<Row> rows = new ArrayList<>(layers * heads);
    for (int l = 0; l < layers; l++) {
      for (int h = 0; h < heads; h++) {
        rows.add(row(l, h));
      }
    }
    return rows;
  }

  /**
   * The statistics as the corpus commands print them in JSON (single machine and Spark alike):
   * {@code layers}, {@code heads} and {@code stats}, each metric's key to its [L][N] values.
   */
  public Map<String, Object> document() {
    Map<String, Object> stats = new LinkedHashMap<>();
    for (Metric m : Metric.values()) {
      stats.put(m.key(), of(m));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("layers", layers);
    doc.put("heads", heads);
    doc.put("stats", stats);
    return doc;
  }

  /** The statistics as the corpus commands print them as text: a header line, then one line per head. */
  public List<String> tableLines() {
    List<String> lines = new ArrayList<>(layers * heads + 1);
    StringBuilder header = new StringBuilder("layer head");
    for (Metric m : Metric.values()) {
      header.append(String.format(" %9s", m.key()));
    }
    lines.add(header.toString());
    for (Row r : rows()) {
      StringBuilder line = new StringBuilder(String.format("%5d %4d", r.layer(), r.head()));
      for (Metric m : Metric.values()) {
        line.append(String.format(" %9.4f", r.value(m)));
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** The statistics of one input's attention [L][N][T][T] (every token real). */
  public static HeadStatistics of(float[][][][] attentions, List<String> tokens) {
    Accumulator acc = new Accumulator();
    acc.add(attentions, tokens, null);
    return acc.result();
  }

  /** Inputs per forward pass unless asked otherwise. */
  public static final int DEFAULT_BATCH = 32;

  /**
   * The most attention probabilities (B x L x N x T x T floats) one batch may hold: a batch of long
   * inputs is cut shorter than the batch size so that BERT-Base at 512 tokens still fits in memory.
   */
  static final long MAX_BATCH_PROBABILITIES = 48L << 20;

  /** As {@link #compute(BertForPreTraining, List, ForwardOptions, int, Progress)}, {@value #DEFAULT_BATCH} a batch. */
  public static HeadStatistics compute(BertForPreTraining model, List<Encoding> inputs, ForwardOptions options,
      Progress progress) {
    return compute(model, inputs, options, DEFAULT_BATCH, progress);
  }

  /**
   * Runs the model on every input and pools their statistics. Inputs run in batches of up to
   * {@code batchSize}: sorted by length so that a batch pads little, padded with [PAD] under an
   * attention mask of 0 (padded keys get no attention), and only each input's own T x T block of
   * real queries and keys enters the sums, so the result is the one of batch 1 (to float rounding).
   * Reports progress after each batch and stops with {@link org.bertworkbench.core.job.CancelledException}
   * when asked.
   */
  public static HeadStatistics compute(BertForPreTraining model, List<Encoding> inputs, ForwardOptions options,
      int batchSize, Progress progress) {
    if (inputs.isEmpty()) {
      throw new BadInputException(Message.of(HeadStatistics.class, "HeadStatistics.noInputs"));
    }
    Accumulator acc = new Accumulator();
    accumulate(model, inputs, options, batchSize, progress, acc);
    return acc.result();
  }

  /**
   * As {@link #compute(BertForPreTraining, List, ForwardOptions, int, Progress)}, adding the inputs'
   * sums and counts to {@code acc} rather than dividing: a part of a corpus (a Spark partition) adds
   * into its own accumulator, and {@link Accumulator#merge} combines the parts exactly. No input adds
   * nothing.
   */
  public static void accumulate(BertForPreTraining model, List<Encoding> inputs, ForwardOptions options,
      int batchSize, Progress progress, Accumulator acc) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize + " must be at least 1");
    }
    int[] lengths = inputs.stream().mapToInt(e -> Inspection.realLength(e.attentionMask())).toArray();
    Integer[] order = new Integer[lengths.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingInt(i -> lengths[i]));
    long perToken = (long) model.config().numHiddenLayers() * model.config().numAttentionHeads();
    int from = 0;
    while (from < order.length) {
      progress.checkCancelled();
      int to = from + 1;
      while (to < order.length && to - from < batchSize) {
        long t = lengths[order[to]];
        if ((to - from + 1) * perToken * t * t > MAX_BATCH_PROBABILITIES) {
          break;
        }
        to++;
      }
      int[] batch = new int[to - from];
      for (int b = 0; b < batch.length; b++) {
        batch[b] = order[from + b];
      }
      addBatch(model, inputs, lengths, batch, options, acc);
      from = to;
      progress.report((double) from / order.length, Message.of(HeadStatistics.class, "progress.statistics", from,
          order.length));
    }
  }

  /** Runs one batch padded to its longest input and adds each input's real block of attention. */
  private static void addBatch(BertForPreTraining model, List<Encoding> inputs, int[] lengths, int[] batch,
      ForwardOptions options, Accumulator acc) {
    int length = 0;
    for (int i : batch) {
      length = Math.max(length, lengths[i]);
    }
    int[][] ids = new int[batch.length][length];
    int[][] types = new int[batch.length][length];
    int[][] mask = new int[batch.length][length];
    int pad = padId(inputs, batch);
    for (int b = 0; b < batch.length; b++) {
      Encoding e = inputs.get(batch[b]);
      int t = lengths[batch[b]];
      Arrays.fill(ids[b], pad);
      System.arraycopy(e.inputIds(), 0, ids[b], 0, t);
      System.arraycopy(e.tokenTypeIds(), 0, types[b], 0, t);
      System.arraycopy(e.attentionMask(), 0, mask[b], 0, t);
    }
    int layers = model.config().numHiddenLayers();
    int heads = model.config().numAttentionHeads();
    float[][][][][] perInput = new float[batch.length][layers][heads][][];
    try (NDManager scope = model.newScope()) {
      BertInput input = BertInput.of(scope, ids, types, mask);
      List<NDArray> probs = model.forward(input, options.withTrace(true).withTraining(false)).trace().attentions();
      for (int l = 0; l < layers; l++) {
        float[] flat = probs.get(l).toType(DataType.FLOAT32, false).toFloatArray(); // (B, N, T, T)
        for (int b = 0; b < batch.length; b++) {
          int t = lengths[batch[b]];
          for (int h = 0; h < heads; h++) {
            float[][] block = new float[t][t];
            int base = (b * heads + h) * length * length;
            for (int q = 0; q < t; q++) {
              System.arraycopy(flat, base + q * length, block[q], 0, t);
            }
            perInput[b][l][h] = block;
          }
        }
      }
    }
    for (int b = 0; b < batch.length; b++) {
      Encoding e = inputs.get(batch[b]);
      acc.add(perInput[b], e.tokens().subList(0, lengths[batch[b]]), null);
    }
  }

  /**
   * The id of [PAD] as the batch's encodings use it, or 0 (BERT's [PAD]) when none is padded: the
   * mask gives padded keys no attention whatever their id.
   */
  private static int padId(List<Encoding> inputs, int[] batch) {
    for (int i : batch) {
      Encoding e = inputs.get(i);
      int at = e.tokens().indexOf(Vocab.PAD);
      if (at >= 0) {
        return e.inputIds()[at];
      }
    }
    return 0;
  }

  /**
   * True for a piece made only of punctuation as BERT's tokenizer splits it off: the ASCII symbols
   * and every Unicode punctuation character (P*); never a special token.
   */
  public static boolean isPunctuation(String token) {
    if (token.isEmpty() || Vocab.SPECIAL_TOKENS.contains(token)) {
      return false;
    }
    return token.codePoints().allMatch(CharClasses::isPunctuation);
  }

  /**
   * Sums over inputs; {@link #result()} divides. Serializable and {@link #merge mergeable}, so that
   * parts of a corpus summed apart (on Spark's executors) give the sums and counts of the whole: the
   * mean of the whole, not a mean of the parts' means. Not thread-safe.
   */
  public static final class Accumulator implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private double[][][] sums; // [metric][L][N]
    private long rows;
    private long rowsWithPrev;
    private long rowsWithNext;
    private int inputs;

    /**
     * Adds one input.
     *
     * @param attentions [L][N][T][T]
     * @param tokens [T] the pieces, to find [CLS], [SEP] and punctuation
     * @param attentionMask [T] 1 for a real token, 0 for padding; null when every token is real
     */
    public void add(float[][][][] attentions, List<String> tokens, int[] attentionMask) {
      int layers = attentions.length;
      int heads = attentions[0].length;
      int t = tokens.size();
      if (sums == null) {
        sums = new double[Metric.values().length][layers][heads];
      } else if (sums[0].length != layers || sums[0][0].length != heads) {
        throw new IllegalArgumentException("attention of " + layers + " x " + heads + " heads cannot be pooled with "
            + sums[0].length + " x " + sums[0][0].length);
      }
      boolean[] real = new boolean[t];
      boolean[] cls = new boolean[t];
      boolean[] sep = new boolean[t];
      boolean[] punct = new boolean[t];
      for (int j = 0; j < t; j++) {
        real[j] = attentionMask == null || attentionMask[j] != 0;
        cls[j] = tokens.get(j).equals(Vocab.CLS);
        sep[j] = tokens.get(j).equals(Vocab.SEP);
        punct[j] = isPunctuation(tokens.get(j));
      }
      for (int i = 0; i < t; i++) {
        if (!real[i]) {
          continue;
        }
        boolean hasPrev = i > 0 && real[i - 1];
        boolean hasNext = i + 1 < t && real[i + 1];
        rows++;
        rowsWithPrev += hasPrev ? 1 : 0;
        rowsWithNext += hasNext ? 1 : 0;
        for (int l = 0; l < layers; l++) {
          for (int h = 0; h < heads; h++) {
            float[] row = attentions[l][h][i];
            double entropy = 0;
            double toCls = 0;
            double toSep = 0;
            double toPunct = 0;
            for (int j = 0; j < t; j++) {
              double p = row[j];
              if (p > 0) {
                entropy -= p * Math.log(p);
              }
              toCls += cls[j] ? p : 0;
              toSep += sep[j] ? p : 0;
              toPunct += punct[j] ? p : 0;
            }
            sums[Metric.ENTROPY.ordinal()][l][h] += entropy;
            sums[Metric.TO_CLS.ordinal()][l][h] += toCls;
            sums[Metric.TO_SEP.ordinal()][l][h] += toSep;
            sums[Metric.TO_PUNCT.ordinal()][l][h] += toPunct;
            sums[Metric.TO_SELF.ordinal()][l][h] += row[i];
            sums[Metric.TO_PREV.ordinal()][l][h] += hasPrev ? row[i - 1] : 0;
            sums[Metric.TO_NEXT.ordinal()][l][h] += hasNext ? row[i + 1] : 0;
          }
        }
      }
      inputs++;
    }

    /**
     * Adds another accumulator's sums and counts to this one's (either may be empty: an accumulator
     * that saw no input adds nothing) and returns this one.
     *
     * @throws IllegalArgumentException when the two pooled models of different shapes
     */
    public Accumulator merge(Accumulator other) {
      if (other.sums == null) {
        return this;
      }
      if (sums == null) {
        sums = new double[other.sums.length][other.sums[0].length][other.sums[0][0].length];
      } else if (sums[0].length != other.sums[0].length || sums[0][0].length != other.sums[0][0].length) {
        throw new IllegalArgumentException("attention of " + other.sums[0].length + " x " + other.sums[0][0].length
            + " heads cannot be pooled with " + sums[0].length + " x " + sums[0][0].length);
      }
      for (int m = 0; m < sums.length; m++) {
        for (int l = 0; l < sums[m].length; l++) {
          for (int h = 0; h < sums[m][l].length; h++) {
            sums[m][l][h] += other.sums[m][l][h];
          }
        }
      }
      rows += other.rows;
      rowsWithPrev += other.rowsWithPrev;
      rowsWithNext += other.rowsWithNext;
      inputs += other.inputs;
      return this;
    }

    /** Whether no input has been added (nor merged in). */
    public boolean isEmpty() {
      return sums == null;
    }

    /** The means so far. */
    public HeadStatistics result() {
      if (sums == null) {
        throw new IllegalStateException("no input added");
      }
      Map<Metric, double[][]> values = new EnumMap<>(Metric.class);
      for (Metric m : Metric.values()) {
        long n = m == Metric.TO_PREV ? rowsWithPrev : m == Metric.TO_NEXT ? rowsWithNext : rows;
        double[][] mean = new double[sums[0].length][];
        for (int l = 0; l < mean.length; l++) {
          mean[l] = Arrays.stream(sums[m.ordinal()][l]).map(s -> n == 0 ? 0 : s / n).toArray();
        }
        values.put(m, mean);
      }
      return new HeadStatistics(sums[0].length, sums[0][0].length, inputs, rows, values);
    }
  }
}
