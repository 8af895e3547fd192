package org.bertworkbench.core.lesson;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.analysis.Inspection;
import org.bertworkbench.core.checkpoint.TensorSchema;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * The checks on what BERT does to one input: tokenizer, embeddings, encoder outputs,
 * bidirectionality, masked-word guesses, and the model's size. Each recomputes the claim from the
 * model's own trace (T = tokens, H = hidden, L = layers).
 */
final class InputChecks {

  private InputChecks() {}

  static Encoding encode(LoadedBert bert, LessonStep s) {
    return bert.encode(s.textA(), s.textB(), 512);
  }

  /** [CLS] first; [SEP] after A and after B (last); segment 0 up to the first [SEP], 1 after it. */
  static Outcome clsSep(LoadedBert bert, LessonStep s) {
    Encoding e = encode(bert, s);
    List<String> t = e.tokens();
    List<Integer> seps = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      if (t.get(i).equals(Vocab.SEP)) {
        seps.add(i);
      }
    }
    int expectedSeps = s.textB() == null ? 1 : 2;
    boolean ok = t.get(0).equals(Vocab.CLS) && seps.size() == expectedSeps && seps.get(seps.size() - 1) == t.size() - 1;
    int zeros = 0;
    for (int i = 0; i < t.size(); i++) {
      int expected = seps.isEmpty() || i <= seps.get(0) ? 0 : 1;
      ok &= e.tokenTypeIds()[i] == expected;
      zeros += e.tokenTypeIds()[i] == 0 ? 1 : 0;
    }
    return new Outcome(ok, String.join(" ", t), seps.toString(), zeros, t.size() - zeros);
  }

  /** sum == token + segment + position exactly, and the encoder's input is LayerNorm(sum). */
  static Outcome embeddingSum(LoadedBert bert, LessonStep s) {
    Encoding e = encode(bert, s);
    Inspection x = Inspection.of(bert.model(), e, ForwardOptions.TRACE);
    float[] gamma = bert.model().weights().all().get("bert.embeddings.LayerNorm.weight").toFloatArray(); // (H)
    float[] beta = bert.model().weights().all().get("bert.embeddings.LayerNorm.bias").toFloatArray(); // (H)
    double eps = bert.model().config().layerNormEps();
    double sumDiff = 0;
    double normDiff = 0;
    for (int t = 0; t < e.length(); t++) {
      float[] sum = x.embeddingSum()[t]; // (H)
      double mean = 0;
      double var = 0;
      for (int d = 0; d < sum.length; d++) {
        float parts = x.tokenEmbeddings()[t][d] + x.segmentEmbeddings()[t][d] + x.positionEmbeddings()[t][d];
        sumDiff = Math.max(sumDiff, Math.abs(parts - sum[d]));
        mean += sum[d];
      }
      mean /= sum.length;
      for (float v : sum) {
        var += (v - mean) * (v - mean);
      }
      var /= sum.length;
      for (int d = 0; d < sum.length; d++) {
        double norm = (sum[d] - mean) / Math.sqrt(var + eps) * gamma[d] + beta[d];
        normDiff = Math.max(normDiff, Math.abs(norm - x.normalized()[t][d]));
      }
    }
    return new Outcome(sumDiff == 0 && normDiff < 1e-4, Outcome.number(sumDiff, 1), e.length(),
        bert.model().config().hiddenSize(), Outcome.number(normDiff, 6));
  }

  /** A pair has exactly two segment vectors (A's and B's); every position its own vector. */
  static Outcome segmentEmbeddings(LoadedBert bert, LessonStep s) {
    Encoding e = encode(bert, s);
    Inspection x = Inspection.of(bert.model(), e, ForwardOptions.TRACE);
    List<float[]> segments = distinct(x.segmentEmbeddings());
    int positions = distinct(x.positionEmbeddings()).size();
    int inB = (int) Arrays.stream(e.tokenTypeIds()).filter(v -> v == 1).count();
    double apart = segments.size() == 2 ? distance(segments.get(0), segments.get(1)) : 0;
    return new Outcome(segments.size() == 2 && positions == e.length(), segments.size(), e.length() - inB, inB,
        positions, e.length(), Outcome.number(apart, 3));
  }

  /** n tokens in: every layer's output is n vectors of H; L layers plus the embedding output. */
  static Outcome encoderOutputs(LoadedBert bert, LessonStep s) {
    Encoding e = encode(bert, s);
    Inspection x = Inspection.of(bert.model(), e, ForwardOptions.TRACE);
    BertConfig c = bert.model().config();
    boolean ok = x.hiddenStates().length == c.numHiddenLayers() + 1;
    for (float[][] layer : x.hiddenStates()) {
      ok &= layer.length == e.length();
      for (float[] v : layer) {
        ok &= v.length == c.hiddenSize();
      }
    }
    return new Outcome(ok, e.length(), x.hiddenStates().length - 1, c.hiddenSize());
  }

  /**
   * Change a token after position i and measure how far layer L's vector at i moves: BERT's moves
   * (every token attends both ways); with the left-to-right mask a GPT-style model uses, it cannot.
   */
  static Outcome bidirectional(LoadedBert bert, LessonStep s) {
    Encoding e = encode(bert, s);
    int n = e.length();
    int position = s.intParameter("position");
    int at = s.parameter("at").equals("last") ? n - 2 : s.intParameter("at"); // n - 2: the last before [SEP]
    int layers = bert.model().config().numHiddenLayers();
    int layer = s.parameter("layer").equals("last") ? layers : s.intParameter("layer");
    String with = s.parameter("with");
    if (position < 1 || at <= position || at >= n - 1 || layer < 1 || layer > layers) {
      throw new BadInputException(Message.of(InputChecks.class, "InputChecks.bidirectionalRange", n - 1, layers,
          position, at, layer, e.tokens()));
    }
    if (!bert.vocab().contains(with)) {
      throw new BadInputException(Message.of(InputChecks.class, "InputChecks.notInVocabulary", with));
    }
    List<String> tokens = new ArrayList<>(e.tokens());
    String before = tokens.set(at, with);
    int[] ids = e.inputIds().clone();
    ids[at] = bert.vocab().id(with);
    Encoding changed = new Encoding(tokens, ids, e.tokenTypeIds(), e.attentionMask(), e.charStarts(), e.charEnds(),
        e.wordIds(), e.truncated(), e.removedPieces());
    double both = moved(bert, e, changed, ForwardOptions.TRACE, layer, position);
    double leftToRight = moved(bert, e, changed, ForwardOptions.TRACE.withCausal(true), layer, position);
    return new Outcome(both > 1e-3 && leftToRight < 1e-5, before, at, with, position, e.tokens().get(position), layer,
        Outcome.number(both, 3), Outcome.number(leftToRight, 3));
  }

  private static double moved(LoadedBert bert, Encoding a, Encoding b, ForwardOptions options, int layer, int i) {
    float[] va = Inspection.of(bert.model(), a, options).hiddenStates()[layer][i]; // (H)
    float[] vb = Inspection.of(bert.model(), b, options).hiddenStates()[layer][i]; // (H)
    return distance(va, vb);
  }

  /** The model's guesses for the first [MASK]; passes when {@code expect} (if given) is among the top k. */
  static Outcome fillMask(LoadedBert bert, LessonStep s) {
    if (!bert.model().hasMlmHead()) {
      throw new BadInputException(FillMask.noMlmHead());
    }
    Encoding e = encode(bert, s);
    List<FillMask.MaskPredictions> masks =
        FillMask.predict(bert.model(), bert.vocab(), e, s.intParameter("top"), ForwardOptions.INFERENCE);
    List<String> shown = new ArrayList<>();
    boolean found = false;
    for (FillMask.Prediction p : masks.get(0).predictions()) {
      shown.add(p.token() + " " + Outcome.number(p.score(), 3));
      found |= p.token().equals(s.parameter("expect"));
    }
    return new Outcome(s.parameter("expect").isEmpty() || found, String.join(", ", shown), s.parameter("expect"));
  }

  /** BERT-Large / BERT-Base counted from the two configs, and the Base count against this model's weights. */
  static Outcome sizeRatio(LoadedBert bert, LessonStep s) {
    BertConfig c = bert.model().config();
    TensorSchema.SizeRatio r = TensorSchema.largeVersusBase(c.vocabSize());
    long here = bert.model().parameterCounts().get("bert");
    boolean ok = here == r.baseParameters() && r.exactRatio() > 3.0 && r.exactRatio() < 3.1
        && Math.abs(r.paperRatio() - 3.09) < 0.005;
    return new Outcome(ok, Outcome.count(r.baseParameters()), Outcome.count(here), Outcome.count(r.largeParameters()),
        Outcome.number(r.exactRatio(), 2), Outcome.number(r.paperRatio(), 2));
  }

  private static List<float[]> distinct(float[][] rows) {
    List<float[]> out = new ArrayList<>();
    for (float[] r : rows) {
      if (out.stream().noneMatch(o -> Arrays.equals(o, r))) {
        out.add(r);
      }
    }
    return out;
  }

  private static double distance(float[] a, float[] b) {
    double s = 0;
    for (int d = 0; d < a.length; d++) {
      s += (a[d] - b[d]) * (double) (a[d] - b[d]);
    }
    return Math.sqrt(s);
  }
}
