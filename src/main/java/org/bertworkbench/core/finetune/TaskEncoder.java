package org.bertworkbench.core.finetune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bertworkbench.core.finetune.DataColumns.FeatureMode;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * Turns examples into model rows ({@link EncodedInput}) as the paper's figure 4 packs them:
 * <ul>
 *   <li>classification: {@code [CLS] A [SEP]} or {@code [CLS] A [SEP] B [SEP]}, cut to the maximum
 *       length longest-sentence-first; features written from a template become (the end of)
 *       sentence B; features appended to {@code [CLS]} are standardised with the head's means;</li>
 *   <li>tagging: each word split into pieces on its own, so every word keeps its pieces; the tag sits
 *       on the word's first piece and {@code [CLS]}, {@code [SEP]} and {@code ##} pieces carry none;
 *       a sentence too long for one row is split into several rows at word boundaries;</li>
 *   <li>QA: {@code [CLS] question [SEP] paragraph-window [SEP]}; a paragraph longer than the row is
 *       cut into overlapping windows (a doc stride, as Google's {@code run_squad.py}); the answer's
 *       characters are mapped to its first and last piece. For training, only windows holding the
 *       whole answer are kept, and an example whose answer is in no window is skipped and counted.</li>
 * </ul>
 */
public final class TaskEncoder {

  /**
   * The rows of a list of examples and what happened on the way.
   *
   * @param inputs the rows, in example order
   * @param examples how many examples were given
   * @param truncated examples cut to the maximum length (classification) or split into several rows
   *     (tagging, QA)
   * @param answersOutside QA training: examples skipped because their answer fits in no window
   */
  public record Encoded(List<EncodedInput> inputs, int examples, int truncated, int answersOutside) {

    /** Notes for the user about cutting and skipping, in English; empty when nothing happened. */
    public List<String> notes(TaskKind task) {
      return messages(task).stream().map(Message::english).toList();
    }

    /** The same notes, to be said in either language. */
    public List<Message> messages(TaskKind task) {
      List<Message> notes = new ArrayList<>();
      if (truncated > 0) {
        notes.add(task.isClassification() ? Message.of(TaskEncoder.class, "TaskEncoder.cut", truncated, examples)
            : Message.of(TaskEncoder.class, "TaskEncoder.windows", truncated, examples));
      }
      if (answersOutside > 0) {
        notes.add(Message.of(TaskEncoder.class, "TaskEncoder.outside", answersOutside, examples));
      }
      return notes;
    }
  }

  private final BertTokenizer tokenizer;
  private final HeadConfig head;
  private final Vocab vocab;

  public TaskEncoder(BertTokenizer tokenizer, HeadConfig head) {
    this.tokenizer = tokenizer;
    this.head = head;
    this.vocab = tokenizer.vocab();
  }

  /**
   * Encodes examples of the head's task.
   *
   * @param training gold labels are required (an unknown label is refused) and QA keeps only the
   *     windows holding the answer
   */
  public Encoded encode(List<? extends Example> examples, boolean training) {
    List<EncodedInput> rows = new ArrayList<>();
    int truncated = 0;
    int outside = 0;
    for (int i = 0; i < examples.size(); i++) {
      Example e = examples.get(i);
      int before = rows.size();
      boolean cut;
      if (e instanceof TextExample t) {
        cut = classification(i, t, training, rows);
      } else if (e instanceof TagExample t) {
        cut = tagging(i, t, training, rows);
      } else {
        cut = questionAnswering(i, (QaExample) e, training, rows);
      }
      truncated += cut ? 1 : 0;
      if (e instanceof QaExample && training && rows.size() == before) {
        outside++;
      }
    }
    return new Encoded(rows, examples.size(), truncated, outside);
  }

  /**
   * The word pieces the model reads for one example, as it reads them: [CLS], the first text, [SEP],
   * the second text, [SEP], cut to the head's maximum length; one list per window (a long QA
   * paragraph or tagging sentence makes several).
   */
  public List<List<String>> pieces(Example e) {
    List<List<String>> out = new ArrayList<>();
    for (EncodedInput row : encode(List.of(e), false).inputs()) {
      List<String> pieces = new ArrayList<>();
      for (int id : row.inputIds()) {
        pieces.add(vocab.token(id));
      }
      out.add(pieces);
    }
    return out;
  }

  /** The head's template with an example's features written in ({@link FeatureTemplate}). */
  public String fillTemplate(double[] features) {
    return FeatureTemplate.render(head.featureTemplate(), head.featureColumns(), features);
  }

  private boolean classification(int index, TextExample t, boolean training, List<EncodedInput> rows) {
    if (!head.task().isClassification()) {
      throw wrongKind(t, "a text example");
    }
    String b = t.textB();
    if (head.featureMode() == FeatureMode.TEXT_TEMPLATE) {
      String filled = fillTemplate(t.features());
      b = b == null ? filled : b + " " + filled;
    }
    Encoding enc = tokenizer.encode(t.textA(), b, head.maxLength(), false);
    int label = labelOf(t.label(), t.line(), training);
    rows.add(new EncodedInput(index, enc.inputIds(), enc.tokenTypeIds(), standardised(t), label, null, null, -1, -1,
        null, null));
    return enc.truncated();
  }

  private float[] standardised(TextExample t) {
    int n = head.appendedFeatures();
    if (n == 0) {
      return new float[0];
    }
    if (t.features().length != n) {
      throw new IllegalArgumentException("line " + t.line() + ": " + t.features().length + " numeric features, the model reads "
          + n + " (" + String.join(", ", head.featureColumns()) + ")");
    }
    float[] z = new float[n];
    for (int c = 0; c < n; c++) {
      z[c] = (float) ((t.features()[c] - head.featureMean()[c]) / head.featureStd()[c]);
    }
    return z;
  }

  private int labelOf(String label, int line, boolean training) {
    if (label == null) {
      if (training) {
        throw new IllegalArgumentException("line " + line + ": no label to train on");
      }
      return -1;
    }
    int id = head.labelId(label);
    if (id < 0 && training) {
      throw new IllegalArgumentException("line " + line + ": unknown label '" + label + "' (the model knows "
          + String.join(", ", head.labels()) + ")");
    }
    return id;
  }

  private boolean tagging(int index, TagExample t, boolean training, List<EncodedInput> rows) {
    if (head.task() != TaskKind.TAG) {
      throw wrongKind(t, "a tagging example");
    }
    List<int[]> pieces = new ArrayList<>();
    for (String word : t.words()) {
      List<String> tokens = tokenizer.tokenize(word);
      int[] ids = tokens.isEmpty() ? new int[] {vocab.unkId()} : tokens.stream().mapToInt(vocab::id).toArray();
      pieces.add(ids);
    }
    int budget = head.maxLength() - 2;
    int first = 0;
    int windows = 0;
    while (first < pieces.size() || (first == 0 && windows == 0)) {
      int last = first;
      int used = 0;
      while (last < pieces.size() && (last == first || used + pieces.get(last).length <= budget)) {
        used += Math.min(pieces.get(last).length, budget);
        last++;
      }
      rows.add(tagRow(index, t, pieces, first, last, budget, training));
      windows++;
      first = last;
    }
    return windows > 1;
  }

  /** [CLS] pieces of words [first, last) [SEP], each word's tag on its first piece. */
  private EncodedInput tagRow(int index, TagExample t, List<int[]> pieces, int first, int last, int budget,
      boolean training) {
    List<Integer> ids = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<Integer> words = new ArrayList<>();
    ids.add(vocab.clsId());
    labels.add(-1);
    words.add(-1);
    for (int w = first; w < last; w++) {
      int[] p = pieces.get(w);
      int n = Math.min(p.length, budget); // a single word longer than a row keeps its first pieces
      for (int k = 0; k < n; k++) {
        ids.add(p[k]);
        boolean firstPiece = k == 0;
        labels.add(firstPiece && !t.tags().isEmpty() ? tagOf(t, w, training) : -1);
        words.add(firstPiece ? w : -1);
      }
    }
    ids.add(vocab.sepId());
    labels.add(-1);
    words.add(-1);
    int[] idArray = ids.stream().mapToInt(Integer::intValue).toArray();
    return new EncodedInput(index, idArray, new int[idArray.length], new float[0], -1,
        labels.stream().mapToInt(Integer::intValue).toArray(), words.stream().mapToInt(Integer::intValue).toArray(),
        -1, -1, null, null);
  }

  private int tagOf(TagExample t, int word, boolean training) {
    String tag = t.tags().get(word);
    int id = head.labelId(tag);
    if (id < 0 && training) {
      throw new IllegalArgumentException("line " + t.line() + ": unknown tag '" + tag + "' (the model knows "
          + String.join(", ", head.labels()) + ")");
    }
    return id;
  }

  private boolean questionAnswering(int index, QaExample q, boolean training, List<EncodedInput> rows) {
    if (head.task() != TaskKind.QA) {
      throw wrongKind(q, "a question");
    }
    int queryMax = Math.min(HeadConfig.MAX_QUERY_LENGTH, (head.maxLength() - 3) / 2);
    int[] query = inner(tokenizer.encode(q.question(), null, Integer.MAX_VALUE, false).inputIds());
    query = Arrays.copyOf(query, Math.min(query.length, queryMax));
    Encoding para = tokenizer.encode(q.context(), null, Integer.MAX_VALUE, false);
    int[] ctx = inner(para.inputIds());
    int[] starts = inner(para.charStarts());
    int[] ends = inner(para.charEnds());
    int room = head.maxLength() - query.length - 3;
    int stride = Math.max(1, Math.min(128, room / 2));
    int[] answer = answerTokens(q, starts, ends);
    int windows = 0;
    for (int start = 0; ; start += Math.min(room, stride)) {
      int len = Math.min(room, ctx.length - start);
      boolean holds = answer != null && answer[0] >= start && answer[1] < start + len;
      if (holds || !training) {
        rows.add(qaRow(index, query, ctx, starts, ends, start, len, holds ? answer : null));
      }
      windows++;
      if (start + len >= ctx.length) {
        break;
      }
    }
    return windows > 1;
  }

  /** The first and last paragraph piece of the first gold answer, or null when none is given or found. */
  private static int[] answerTokens(QaExample q, int[] starts, int[] ends) {
    if (q.answers().isEmpty()) {
      return null;
    }
    QaAnswer a = q.answers().get(0);
    int first = -1;
    int last = -1;
    for (int i = 0; i < starts.length; i++) {
      if (ends[i] > a.start() && starts[i] < a.end()) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    return first < 0 ? null : new int[] {first, last};
  }

  /** [CLS] query [SEP] ctx[start, start + len) [SEP]. */
  private EncodedInput qaRow(int index, int[] query, int[] ctx, int[] starts, int[] ends, int start, int len,
      int[] answer) {
    int t = query.length + len + 3;
    int[] ids = new int[t];
    int[] types = new int[t];
    int[] charStarts = new int[t];
    int[] charEnds = new int[t];
    Arrays.fill(charStarts, -1);
    Arrays.fill(charEnds, -1);
    ids[0] = vocab.clsId();
    System.arraycopy(query, 0, ids, 1, query.length);
    ids[query.length + 1] = vocab.sepId();
    int offset = query.length + 2;
    for (int k = 0; k < len; k++) {
      ids[offset + k] = ctx[start + k];
      types[offset + k] = 1;
      charStarts[offset + k] = starts[start + k];
      charEnds[offset + k] = ends[start + k];
    }
    ids[t - 1] = vocab.sepId();
    types[t - 1] = 1;
    int s = answer == null ? -1 : offset + answer[0] - start;
    int e = answer == null ? -1 : offset + answer[1] - start;
    return new EncodedInput(index, ids, types, new float[0], -1, null, null, s, e, charStarts, charEnds);
  }

  /** The array without its first and last entry ([CLS] and [SEP] of a single-sentence encoding). */
  private static int[] inner(int[] a) {
    return Arrays.copyOfRange(a, 1, a.length - 1);
  }

  private IllegalArgumentException wrongKind(Example e, String what) {
    return new IllegalArgumentException("line " + e.line() + ": " + what + " cannot train or feed a "
        + head.task().cliName() + " model");
  }
}
