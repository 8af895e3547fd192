package org.bertworkbench.core.lesson;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.checkpoint.Checkpoint;
import org.bertworkbench.core.finetune.Batch;
import org.bertworkbench.core.finetune.DataColumns.FeatureMode;
import org.bertworkbench.core.finetune.EncodedInput;
import org.bertworkbench.core.finetune.Example;
import org.bertworkbench.core.finetune.FeatureTemplate;
import org.bertworkbench.core.finetune.FinetuneModel;
import org.bertworkbench.core.finetune.HeadConfig;
import org.bertworkbench.core.finetune.Predictor;
import org.bertworkbench.core.finetune.QaExample;
import org.bertworkbench.core.finetune.SpanPrediction;
import org.bertworkbench.core.finetune.TagExample;
import org.bertworkbench.core.finetune.TagPrediction;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.core.finetune.TextExample;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tensor.Engines;

/**
 * The fine-tuning checks: a new head of each kind on the lesson's pretrained model (made by
 * {@link FinetuneModel#create} exactly as a fine-tuning run makes it, untrained), run on the step's
 * input, and its scores recomputed from only what the article says the head reads — the [CLS]
 * vector, every token's vector, or T_start/T_end against each paragraph token. The head is
 * untrained, so what it predicts is arbitrary; what is proven is where it reads and what it
 * produces. B = 1, T = tokens, H = hidden, C = labels, F = features.
 */
final class HeadChecks {

  /** The head's initialisation seed (any would do: the check recomputes what the head gave). */
  static final long SEED = 1;

  private HeadChecks() {}

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
  }

  /** Single-sentence (or pair) classification: scores = classifier(tanh(pooler(h[CLS]))). */
  static Outcome classify(Checkpoint base, LessonStep s, boolean pair) {
    HeadConfig head = new HeadConfig(pair ? TaskKind.PAIR : TaskKind.CLASSIFY, list(s.parameter("labels")),
        FeatureMode.NONE, List.of(), null, null, null, 128, base.name());
    try (FinetuneModel fm = FinetuneModel.create(base, head, Device.cpu(), SEED)) {
      Example ex = new TextExample(1, s.textA(), pair ? s.textB() : null, null, new double[0]);
      Reading r = read(fm, ex);
      float[] fromCls = fromCls(fm, r.scope, r.hidden, null);
      double diff = maxDiff(r.logits, fromCls);
      int segmentB = (int) Arrays.stream(r.row.tokenTypeIds()).filter(t -> t == 1).count();
      boolean ok = r.logits.length == head.labels().size() && diff < 1e-4 && (pair == segmentB > 0);
      r.close();
      return new Outcome(ok, r.row.length(), head.labels().size(), scores(head.labels(), fromCls),
          Outcome.number(diff, 6), segmentB);
    }
  }

  /** QA: start score_t = T_start · h_t + b, end score_t = T_end · h_t + b; the best span lies in the paragraph. */
  static Outcome questionAnswering(Checkpoint base, LessonStep s) {
    HeadConfig head = new HeadConfig(TaskKind.QA, List.of(), FeatureMode.NONE, List.of(), null, null, null, 384,
        base.name());
    try (FinetuneModel fm = FinetuneModel.create(base, head, Device.cpu(), SEED)) {
      QaExample ex = new QaExample(1, "q1", s.textA(), s.textB(), List.of());
      Reading r = read(fm, ex);
      NDArray w = fm.parameters().get("qa_outputs.weight"); // (2, H): T_start, T_end
      NDArray b = fm.parameters().get("qa_outputs.bias"); // (2)
      float[] own = r.hidden.get(0).matMul(w.transpose()).add(b).toFloatArray(); // (T, H) x (H, 2) = (T, 2)
      double diff = maxDiff(r.logits, own);
      SpanPrediction span = (SpanPrediction) new Predictor(fm).predict(List.of(ex), Progress.NONE).get(0);
      boolean ok = diff < 1e-4 && r.logits.length == 2 * r.row.length() && span.start() < span.end()
          && s.textB().substring(span.start(), span.end()).equals(span.answer()) && !span.answer().isBlank();
      r.close();
      return new Outcome(ok, r.row.length(), Outcome.number(diff, 6), span.answer(), span.tokens().size(),
          Outcome.number(span.score(), 4), fm.config().hiddenSize());
    }
  }

  /** Tagging: a score vector per token, classifier(h_t); one tag per word, read at its first piece. */
  static Outcome tagging(Checkpoint base, LessonStep s) {
    HeadConfig head = new HeadConfig(TaskKind.TAG, list(s.parameter("labels")), FeatureMode.NONE, List.of(), null,
        null, null, 128, base.name());
    try (FinetuneModel fm = FinetuneModel.create(base, head, Device.cpu(), SEED)) {
      List<String> words = Arrays.asList(s.textA().strip().split("\\s+"));
      TagExample ex = new TagExample(1, words, List.of());
      Reading r = read(fm, ex);
      NDArray w = fm.parameters().get("classifier.weight"); // (C, H)
      NDArray b = fm.parameters().get("classifier.bias"); // (C)
      float[] own = r.hidden.get(0).matMul(w.transpose()).add(b).toFloatArray(); // (T, C)
      double diff = maxDiff(r.logits, own);
      TagPrediction tags = (TagPrediction) new Predictor(fm).predict(List.of(ex), Progress.NONE).get(0);
      boolean ok = diff < 1e-4 && r.logits.length == r.row.length() * head.labels().size()
          && tags.tags().size() == words.size();
      r.close();
      List<String> shown = new ArrayList<>();
      for (int i = 0; i < words.size(); i++) {
        shown.add(words.get(i) + "/" + tags.tags().get(i));
      }
      return new Outcome(ok, words.size(), r.row.length(), head.labels().size(), Outcome.number(diff, 6),
          String.join(" ", shown));
    }
  }

  /** Strategy 1: the features written into the text; the model reads them as word pieces of segment B. */
  static Outcome featuresAsText(Checkpoint base, LessonStep s) {
    Map<String, Double> values = values(s.parameter("values"));
    List<String> columns = List.copyOf(values.keySet());
    double[] v = values.values().stream().mapToDouble(Double::doubleValue).toArray();
    HeadConfig head = new HeadConfig(TaskKind.CLASSIFY, List.of("no", "yes"), FeatureMode.TEXT_TEMPLATE, columns,
        null, null, s.parameter("template"), 128, base.name());
    try (FinetuneModel fm = FinetuneModel.create(base, head, Device.cpu(), SEED)) {
      TextExample ex = new TextExample(1, s.textA(), null, null, v);
      List<String> pieces = fm.encoder().pieces(ex).get(0);
      String rendered = FeatureTemplate.render(s.parameter("template"), columns, v);
      int sep = pieces.indexOf("[SEP]");
      String segmentB = String.join(" ", pieces.subList(sep + 1, pieces.size() - 1));
      boolean ok = sep > 0 && pieces.get(pieces.size() - 1).equals("[SEP]");
      for (double x : v) {
        ok &= segmentB.replace(" ##", "").contains(FeatureTemplate.format(x));
      }
      return new Outcome(ok, rendered, segmentB, pieces.size());
    }
  }

  /** Strategy 2: [pooled; z] into a classifier of H + F inputs; scores recomputed from that concatenation. */
  static Outcome featuresConcatenated(Checkpoint base, LessonStep s) {
    Map<String, Double> values = values(s.parameter("values"));
    List<String> columns = List.copyOf(values.keySet());
    double[] v = values.values().stream().mapToDouble(Double::doubleValue).toArray();
    double[] mean = new double[v.length];
    double[] std = new double[v.length];
    Arrays.fill(std, 1); // standardisation with mean 0 and deviation 1: z is the value itself
    HeadConfig head = new HeadConfig(TaskKind.CLASSIFY, list(s.parameter("labels")), FeatureMode.CLS_CONCAT, columns,
        mean, std, null, 128, base.name());
    try (FinetuneModel fm = FinetuneModel.create(base, head, Device.cpu(), SEED)) {
      Reading r = read(fm, new TextExample(1, s.textA(), null, null, v));
      float[] own = fromCls(fm, r.scope, r.hidden, r.batch.features());
      double diff = maxDiff(r.logits, own);
      long width = fm.parameters().get("classifier.weight").getShape().get(1)
          + fm.parameters().get(HeadConfig.FEATURE_WEIGHT).getShape().get(1);
      boolean ok = diff < 1e-4 && width == fm.config().hiddenSize() + v.length;
      r.close();
      return new Outcome(ok, fm.config().hiddenSize(), v.length, width, scores(head.labels(), own),
          Outcome.number(diff, 6), s.parameter("values"));
    }
  }

  /** {@code age=34;visits=3} in order. */
  static Map<String, Double> values(String text) {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (String kv : text.split(";")) {
      String[] p = kv.split("=");
      if (p.length != 2) {
        throw new BadInputException(Message.of(HeadChecks.class, "HeadChecks.values", text));
      }
      out.put(p[0].strip(), Double.parseDouble(p[1].strip()));
    }
    return out;
  }

  /** One example through the head: its row, the head's scores flattened, the last hidden states. */
  private record Reading(NDManager scope, EncodedInput row, Batch batch, float[] logits, NDArray hidden) {
    void close() {
      scope.close();
    }
  }

  private static Reading read(FinetuneModel fm, Example ex) {
    Engines.disableGradientRecording();
    EncodedInput row = fm.encoder().encode(List.of(ex), false).inputs().get(0);
    NDManager scope = fm.newScope();
    Batch batch = Batch.of(scope, List.of(row), fm.tokenizer().vocab().padId());
    FinetuneModel.Output out = fm.forward(batch, ForwardOptions.TRACE);
    List<NDArray> hs = out.trace().hiddenStates();
    return new Reading(scope, row, batch, out.logits().toFloatArray(), hs.get(hs.size() - 1)); // (1, T, H)
  }

  /** classifier(tanh(W_p h[CLS] + b_p)) (+ W_f z), from the [CLS] vector alone. */
  private static float[] fromCls(FinetuneModel fm, NDManager scope, NDArray hidden, NDArray features) {
    Map<String, NDArray> p = fm.parameters();
    NDArray cls = hidden.get("0, 0:1, :").reshape(1, -1); // (1, H): position 0 only
    NDArray pooled = cls.matMul(p.get("bert.pooler.dense.weight").transpose()).add(p.get("bert.pooler.dense.bias"))
        .tanh(); // (1, H)
    NDArray logits = pooled.matMul(p.get("classifier.weight").transpose()).add(p.get("classifier.bias")); // (1, C)
    if (features != null) {
      logits = logits.add(features.matMul(p.get(HeadConfig.FEATURE_WEIGHT).transpose())); // (1, F) x (F, C)
    }
    return logits.toFloatArray();
  }

  private static double maxDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      return Double.POSITIVE_INFINITY;
    }
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
    }
    return d;
  }

  private static String scores(List<String> labels, float[] s) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      out.add(labels.get(i) + " " + Outcome.number(s[i], 3));
    }
    return String.join(", ", out);
  }
}
