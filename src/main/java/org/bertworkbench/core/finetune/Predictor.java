package org.bertworkbench.core.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.tensor.Engines;

/**
 * Runs a fine-tuned model over examples and decodes what its head says: a label with class
 * probabilities, an answer span (the best start/end pair over every window of the paragraph, end
 * not before start, at most {@value HeadConfig#MAX_ANSWER_LENGTH} pieces, scored by log P(start) +
 * log P(end) within its window — Google's {@code run_squad.py} sums the logits, which orders the
 * spans of one window the same way), or one tag per word read at its first piece.
 * Shapes: B = rows, T = tokens, C = labels.
 */
public final class Predictor {

  /** Rows per forward pass unless asked otherwise. */
  public static final int BATCH = 32;

  private final FinetuneModel model;
  private final int batchSize;

  public Predictor(FinetuneModel model) {
    this(model, BATCH);
  }

  /**
   * A predictor that runs {@code batchSize} rows per forward pass (sorted by length, padded with
   * [PAD] under an attention mask of 0); the predictions do not depend on it, to float rounding.
   */
  public Predictor(FinetuneModel model, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize + " must be at least 1");
    }
    this.model = model;
    this.batchSize = batchSize;
  }

  public FinetuneModel model() {
    return model;
  }

  /** One prediction per example, in order; reports progress and stops when cancelled. */
  public List<Prediction> predict(List<? extends Example> examples, Progress progress) {
    TaskEncoder.Encoded encoded = model.encoder().encode(examples, false);
    List<EncodedInput> rows = encoded.inputs();
    float[][] outputs = run(rows, progress);
    List<List<Integer>> rowsOf = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      rowsOf.add(new ArrayList<>());
    }
    for (int r = 0; r < rows.size(); r++) {
      rowsOf.get(rows.get(r).example()).add(r);
    }
    List<Prediction> out = new ArrayList<>(examples.size());
    for (int i = 0; i < examples.size(); i++) {
      Example e = examples.get(i);
      List<Integer> mine = rowsOf.get(i);
      if (e instanceof TextExample) {
        out.add(classification(i, outputs[mine.get(0)]));
      } else if (e instanceof TagExample t) {
        out.add(tagging(i, t, rows, outputs, mine));
      } else {
        out.add(span(i, (QaExample) e, rows, outputs, mine));
      }
    }
    return out;
  }

  /** Forward passes over the rows, shortest first (less padding); per row its head output, flattened. */
  private float[][] run(List<EncodedInput> rows, Progress progress) {
    Engines.disableGradientRecording();
    Integer[] order = new Integer[rows.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingInt(i -> rows.get(i).length()));
    float[][] outputs = new float[rows.size()][];
    int padId = model.tokenizer().vocab().padId();
    for (int from = 0; from < order.length; from += batchSize) {
      progress.checkCancelled();
      progress.report((double) from / order.length, Message.of(Predictor.class, "progress.predicting", from,
          order.length));
      List<EncodedInput> batchRows = new ArrayList<>();
      int to = Math.min(order.length, from + batchSize);
      for (int k = from; k < to; k++) {
        batchRows.add(rows.get(order[k]));
      }
      try (NDManager scope = model.newScope()) {
        Batch batch = Batch.of(scope, batchRows, padId, model.dataType());
        float[][] perRow = headOutputs(batch);
        for (int k = from; k < to; k++) {
          outputs[order[k]] = perRow[k - from];
        }
      }
    }
    return outputs;
  }

  /**
   * Per row: classification (C) probabilities; tagging (T, C) probabilities; QA (2, T) log-probabilities
   * of start and end over the paragraph (T = the batch's padded length).
   */
  private float[][] headOutputs(Batch batch) {
    NDArray logits = model.logits(batch, false);
    int b = batch.size();
    int t = batch.length();
    TaskKind task = model.head().task();
    float[] flat;
    int per;
    if (task.isClassification()) {
      flat = logits.softmax(1).toFloatArray(); // (B, C)
      per = (int) logits.getShape().get(1);
    } else if (task == TaskKind.TAG) {
      flat = logits.softmax(2).toFloatArray(); // (B, T, C)
      per = t * (int) logits.getShape().get(2);
    } else {
      NDArray start = logits.get(":, :, 0").add(batch.paragraphBias()).logSoftmax(1); // (B, T)
      NDArray end = logits.get(":, :, 1").add(batch.paragraphBias()).logSoftmax(1); // (B, T)
      flat = start.stack(end, 1).toFloatArray(); // (B, 2, T)
      per = 2 * t;
    }
    float[][] rows = new float[b][];
    for (int i = 0; i < b; i++) {
      rows[i] = Arrays.copyOfRange(flat, i * per, (i + 1) * per);
    }
    return rows;
  }

  private ClassPrediction classification(int example, float[] probs) {
    List<String> labels = model.head().labels();
    double[] p = new double[probs.length];
    int best = 0;
    for (int c = 0; c < probs.length; c++) {
      p[c] = probs[c];
      best = probs[c] > probs[best] ? c : best;
    }
    return new ClassPrediction(example, labels.get(best), labels, p);
  }

  private TagPrediction tagging(int example, TagExample t, List<EncodedInput> rows, float[][] outputs,
      List<Integer> mine) {
    List<String> labels = model.head().labels();
    int c = labels.size();
    String[] tags = new String[t.words().size()];
    double[] confidence = new double[tags.length];
    Arrays.fill(tags, labels.get(0));
    for (int r : mine) {
      int[] words = rows.get(r).wordIds();
      float[] probs = outputs[r];
      for (int k = 0; k < words.length; k++) {
        if (words[k] < 0) {
          continue;
        }
        int best = 0;
        for (int j = 1; j < c; j++) {
          best = probs[k * c + j] > probs[k * c + best] ? j : best;
        }
        tags[words[k]] = labels.get(best);
        confidence[words[k]] = probs[k * c + best];
      }
    }
    return new TagPrediction(example, t.words(), List.of(tags), confidence);
  }

  private SpanPrediction span(int example, QaExample q, List<EncodedInput> rows, float[][] outputs,
      List<Integer> mine) {
    double bestScore = Double.NEGATIVE_INFINITY;
    int bestRow = -1;
    int bestStart = -1;
    int bestEnd = -1;
    for (int r : mine) {
      EncodedInput row = rows.get(r);
      float[] out = outputs[r];
      int t = out.length / 2;
      int[] starts = row.charStarts();
      for (int s = 0; s < starts.length; s++) {
        if (starts[s] < 0) {
          continue;
        }
        for (int e = s; e < Math.min(starts.length, s + HeadConfig.MAX_ANSWER_LENGTH); e++) {
          if (starts[e] < 0) {
            break;
          }
          // Log-probabilities differ from the logits by one constant per window; within a window the
          // order is the logits' order, and across windows this compares calibrated scores.
          double score = out[s] + out[t + e];
          if (score > bestScore) {
            bestScore = score;
            bestRow = r;
            bestStart = s;
            bestEnd = e;
          }
        }
      }
    }
    if (bestRow < 0) {
      return new SpanPrediction(example, "", 0, 0, 0, List.of());
    }
    EncodedInput row = rows.get(bestRow);
    float[] out = outputs[bestRow];
    int t = out.length / 2;
    List<SpanPrediction.SpanToken> tokens = new ArrayList<>();
    for (int k = 0; k < row.length(); k++) {
      if (row.charStarts()[k] >= 0) {
        tokens.add(new SpanPrediction.SpanToken(row.charStarts()[k], row.charEnds()[k], Math.exp(out[k]),
            Math.exp(out[t + k])));
      }
    }
    int start = row.charStarts()[bestStart];
    int end = row.charEnds()[bestEnd];
    return new SpanPrediction(example, q.context().substring(start, end), start, end, Math.exp(bestScore), tokens);
  }
}
