package org.bertworkbench.core.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.bertworkbench.core.finetune.TagExample;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.BertTrace;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * The frozen model's hidden states at each word's first word piece, at every layer: each sentence
 * is {@code [CLS]}, its words' pieces, {@code [SEP]}, cut at the model's length limit (the words
 * whose first piece no longer fits are dropped and counted); sentences run in batches sorted by
 * length, padded under an attention mask of 0, without dropout.
 */
final class ProbeFeatures {

  /**
   * The vectors of the words kept.
   *
   * @param layers (layers + 1) arrays of {@code words * hidden} values, row-major; 0 = the embeddings' output
   * @param words the words kept, in file order
   * @param tags their tags, in the same order
   * @param cutSentences sentences that were longer than the limit
   * @param cutWords words dropped from them
   */
  record Extracted(float[][] layers, int hidden, List<String> words, List<String> tags, int cutSentences,
      int cutWords) {

    int size() {
      return words.size();
    }
  }

  private ProbeFeatures() {}

  /**
   * Runs {@code sentences} through the model.
   *
   * @param maxLength the longest input in pieces, [CLS] and [SEP] included (the model's own limit applies too)
   * @param from the progress fraction to report from
   * @param to the progress fraction reached at the end
   */
  static Extracted extract(LoadedBert model, List<TagExample> sentences, int maxLength, int batchSize,
      ForwardOptions options, Progress progress, double from, double to) {
    int limit = Math.min(maxLength, model.model().config().maxPositionEmbeddings());
    Vocab vocab = model.vocab();
    List<int[]> ids = new ArrayList<>();
    List<int[]> firsts = new ArrayList<>();
    int cutSentences = 0;
    int cutWords = 0;
    for (TagExample s : sentences) {
      List<Integer> row = new ArrayList<>();
      row.add(vocab.clsId());
      List<Integer> first = new ArrayList<>();
      int dropped = 0;
      for (String word : s.words()) {
        List<String> pieces = model.tokenizer().tokenize(word);
        if (pieces.isEmpty()) {
          pieces = List.of(vocab.token(vocab.unkId()));
        }
        if (row.size() + 1 >= limit) { // the first piece and the closing [SEP] must fit
          dropped++;
          continue;
        }
        first.add(row.size());
        for (String p : pieces) {
          if (row.size() + 1 < limit) {
            row.add(vocab.id(p));
          }
        }
      }
      row.add(vocab.sepId());
      if (dropped > 0) {
        cutSentences++;
        cutWords += dropped;
      }
      ids.add(row.stream().mapToInt(Integer::intValue).toArray());
      firsts.add(first.stream().mapToInt(Integer::intValue).toArray());
    }
    int[] offset = new int[sentences.size() + 1];
    for (int i = 0; i < firsts.size(); i++) {
      offset[i + 1] = offset[i] + firsts.get(i).length;
    }
    int words = offset[sentences.size()];
    int hidden = model.model().config().hiddenSize();
    int depth = model.model().config().numHiddenLayers() + 1;
    float[][] layers = new float[depth][(int) Math.min(Integer.MAX_VALUE, (long) words * hidden)];
    Integer[] order = new Integer[sentences.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> ids.get(i).length));
    ForwardOptions traced = options.withTrace(true).withTraining(false);
    for (int start = 0; start < order.length; start += batchSize) {
      progress.checkCancelled();
      progress.report(from + (to - from) * start / Math.max(1, order.length),
          Message.of(ProbeFeatures.class, "LayerProbe.running", start + 1, order.length));
      int[] batch = new int[Math.min(batchSize, order.length - start)];
      for (int b = 0; b < batch.length; b++) {
        batch[b] = order[start + b];
      }
      runBatch(model, ids, firsts, offset, batch, traced, layers, hidden);
    }
    List<String> keptWords = new ArrayList<>(words);
    List<String> keptTags = new ArrayList<>(words);
    for (int i = 0; i < sentences.size(); i++) {
      TagExample s = sentences.get(i);
      int n = firsts.get(i).length;
      keptWords.addAll(s.words().subList(0, n));
      keptTags.addAll(s.tags().subList(0, n));
    }
    return new Extracted(layers, hidden, keptWords, keptTags, cutSentences, cutWords);
  }

  private static void runBatch(LoadedBert model, List<int[]> ids, List<int[]> firsts, int[] offset, int[] batch,
      ForwardOptions options, float[][] layers, int hidden) {
    int length = 0;
    for (int i : batch) {
      length = Math.max(length, ids.get(i).length);
    }
    int pad = model.vocab().padId();
    int[][] in = new int[batch.length][length];
    int[][] types = new int[batch.length][length];
    int[][] mask = new int[batch.length][length];
    for (int b = 0; b < batch.length; b++) {
      int[] row = ids.get(batch[b]);
      Arrays.fill(in[b], pad);
      System.arraycopy(row, 0, in[b], 0, row.length);
      Arrays.fill(mask[b], 0, row.length, 1);
    }
    try (NDManager scope = model.model().newScope()) {
      BertTrace trace = model.model().forward(BertInput.of(scope, in, types, mask), options).trace();
      List<NDArray> states = trace.hiddenStates();
      for (int l = 0; l < states.size(); l++) {
        float[] h = states.get(l).toType(DataType.FLOAT32, false).toFloatArray();
        for (int b = 0; b < batch.length; b++) {
          int[] first = firsts.get(batch[b]);
          for (int w = 0; w < first.length; w++) {
            System.arraycopy(h, (b * length + first[w]) * hidden, layers[l], (offset[batch[b]] + w) * hidden, hidden);
          }
        }
      }
    }
  }
}
