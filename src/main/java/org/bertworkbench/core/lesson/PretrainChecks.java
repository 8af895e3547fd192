package org.bertworkbench.core.lesson;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.pretrain.BatchSource;
import org.bertworkbench.core.pretrain.Corpus;
import org.bertworkbench.core.pretrain.CorpusReader;
import org.bertworkbench.core.pretrain.InstanceRecipe;
import org.bertworkbench.core.pretrain.MaskingCounters;
import org.bertworkbench.core.pretrain.ModelShape;
import org.bertworkbench.core.pretrain.PretrainEvaluation;
import org.bertworkbench.core.pretrain.PretrainParams;
import org.bertworkbench.core.pretrain.SampledBatch;
import org.bertworkbench.core.pretrain.TokenizedCorpus;
import org.bertworkbench.core.pretrain.TrainingInstance;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.core.train.OptimizerSettings;

/**
 * The checks on pretraining: a batch drawn by the same sampler a run uses ({@link BatchSource} over
 * the lesson's corpus, tokenized by the lesson's model), the defaults a run starts from, and the
 * loss. B = batch, T = tokens, M = selected positions, V = vocabulary.
 */
final class PretrainChecks {

  /** The paper's run, for reading the warm-up the defaults give it: 1,000,000 steps. */
  static final long PAPER_STEPS = 1_000_000;

  private PretrainChecks() {}

  static Corpus corpus(Lesson lesson) throws java.io.IOException {
    return CorpusReader.fromText(lesson.source() + " corpus " + lesson.corpus(), Lessons.corpusText(lesson),
        CorpusReader.Format.AUTO);
  }

  static InstanceRecipe recipe(LessonStep s) {
    return InstanceRecipe.paper(s.intParameter("length"));
  }

  static List<TrainingInstance> batch(LoadedBert bert, Corpus corpus, LessonStep s) {
    TokenizedCorpus tokens = TokenizedCorpus.of(corpus, bert.tokenizer());
    return new BatchSource(tokens, recipe(s), s.intParameter("seed"), s.intParameter("batch"), 1).batch(1);
  }

  /** Of a real batch: selected ≈ 15% of the candidates; of the selected 80% [MASK], 10% random, 10% kept. */
  static Outcome masking(LoadedBert bert, Corpus corpus, LessonStep s) {
    SampledBatch drawn = SampledBatch.of(batch(bert, corpus, s), bert.vocab());
    MaskingCounters c = drawn.counters();
    double tol = s.doubleParameter("tolerance");
    boolean ok = Math.abs(c.selectedFraction() - 0.15) <= tol && Math.abs(c.maskFraction() - 0.8) <= tol
        && Math.abs(c.randomFraction() - 0.1) <= tol && Math.abs(c.keptFraction() - 0.1) <= tol;
    return new Outcome(ok, drawn, Outcome.percent(c.selectedFraction()), Outcome.count(c.candidates()),
        Outcome.percent(c.maskFraction()), Outcome.percent(c.randomFraction()), Outcome.percent(c.keptFraction()),
        Outcome.count(c.selected()), Outcome.number(tol * 100, 1));
  }

  /** Of a real batch: half the pairs are B really following A. */
  static Outcome pairs(LoadedBert bert, Corpus corpus, LessonStep s) {
    List<TrainingInstance> batch = batch(bert, corpus, s);
    long isNext = batch.stream().filter(TrainingInstance::isNext).count();
    double share = (double) isNext / batch.size();
    return new Outcome(Math.abs(share - 0.5) <= s.doubleParameter("tolerance"),
        SampledBatch.of(batch, bert.vocab()), isNext, batch.size(),
        Outcome.percent(share), batch.size() - isNext, Outcome.number(s.doubleParameter("tolerance") * 100, 1));
  }

  /** The defaults a pretraining run starts from, read from the code, against the article's numbers. */
  static Outcome defaults(LoadedBert bert, LessonStep s) {
    OptimizerSettings o = OptimizerSettings.paper(PAPER_STEPS);
    PretrainParams p = PretrainParams.defaults("corpus.txt", "run", "base", 30522, PAPER_STEPS, 256, 128, 1);
    String act = ModelShape.preset("base").config(30522, p.dropout()).hiddenAct();
    double peak = o.learningRateAt(o.warmupSteps() + 1, PAPER_STEPS); // the first step after warm-up
    boolean ok = o.learningRate() == 1e-4 && o.beta1() == 0.9 && o.beta2() == 0.999 && o.epsilon() == 1e-6
        && o.weightDecay() == 0.01 && o.warmupSteps() == 10_000 && p.dropout() == 0.1 && act.equals("gelu")
        && Math.abs(peak - 1e-4) < 1e-6 && p.recipe().maskedLmProb() == 0.15;
    return new Outcome(ok, fmt(o.learningRate()), fmt(o.beta1()), fmt(o.beta2()), fmt(o.epsilon()),
        fmt(o.weightDecay()), Outcome.count(o.warmupSteps()), Outcome.count(PAPER_STEPS), fmt(p.dropout()), act,
        fmt(new java.math.BigDecimal(peak).round(new java.math.MathContext(3)).doubleValue()));
  }

  /**
   * The two terms of the pretraining loss on a real batch, as the workbench's own evaluation
   * computes them ({@link PretrainEvaluation}, the pass a training step backpropagates through,
   * MLM + NSP), each recomputed here from the model's logits: mean cross-entropy over the selected
   * positions against the original tokens, and over the pairs against IsNext/NotNext.
   */
  static Outcome loss(LoadedBert bert, Corpus corpus, LessonStep s) {
    int batchSize = s.intParameter("batch");
    PretrainEvaluation.Figures f = PretrainEvaluation.evaluate(bert, corpus, recipe(s), s.intParameter("seed"), 1,
        batchSize, Progress.NONE);
    List<TrainingInstance> batch = batch(bert, corpus, s);
    double[] own = crossEntropies(bert.model(), batch, bert.vocab().padId());
    boolean ok = close(f.mlmLoss(), own[0]) && close(f.nspLoss(), own[1]) && Double.isFinite(f.mlmLoss());
    return new Outcome(ok, Outcome.number(f.mlmLoss(), 3), Outcome.number(own[0], 3), Outcome.number(f.nspLoss(), 3),
        Outcome.number(own[1], 3), Outcome.number(f.mlmLoss() + f.nspLoss(), 3), f.predictions(), f.instances());
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-3 * (1 + Math.abs(b));
  }

  /** {mean MLM cross-entropy, mean NSP cross-entropy} from the logits, computed in double. */
  static double[] crossEntropies(BertForPreTraining model, List<TrainingInstance> batch, int padId) {
    Engines.disableGradientRecording();
    int b = batch.size();
    int t = batch.stream().mapToInt(TrainingInstance::length).max().orElseThrow();
    int[][] ids = new int[b][t];
    int[][] types = new int[b][t];
    int[][] mask = new int[b][t];
    int m = batch.stream().mapToInt(in -> in.maskedPositions().length).sum();
    long[] positions = new long[m];
    int[] labels = new int[m];
    int k = 0;
    for (int i = 0; i < b; i++) {
      TrainingInstance in = batch.get(i);
      Arrays.fill(ids[i], padId);
      System.arraycopy(in.tokens(), 0, ids[i], 0, in.length());
      System.arraycopy(in.segmentIds(), 0, types[i], 0, in.length());
      Arrays.fill(mask[i], 0, in.length(), 1);
      for (int j = 0; j < in.maskedPositions().length; j++) {
        positions[k] = (long) i * t + in.maskedPositions()[j];
        labels[k++] = in.original()[in.maskedPositions()[j]]; // what was there before masking
      }
    }
    try (NDManager scope = model.newScope()) {
      BertForPreTraining.PreTrainingOutput out =
          model.forward(BertInput.of(scope, ids, types, mask), ForwardOptions.INFERENCE, positions);
      float[] mlm = out.mlmLogits().toFloatArray(); // (M, V)
      float[] nsp = out.nspLogits().toFloatArray(); // (B, 2)
      int v = mlm.length / m;
      double mlmLoss = 0;
      for (int r = 0; r < m; r++) {
        mlmLoss += logSumExp(mlm, r * v, v) - mlm[r * v + labels[r]];
      }
      double nspLoss = 0;
      for (int i = 0; i < b; i++) {
        int truth = batch.get(i).randomNext() ? 1 : 0; // 0 = IsNext
        nspLoss += logSumExp(nsp, 2 * i, 2) - nsp[2 * i + truth];
      }
      return new double[] {mlmLoss / m, nspLoss / b};
    }
  }

  private static double logSumExp(float[] a, int from, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = from; i < from + n; i++) {
      max = Math.max(max, a[i]);
    }
    double s = 0;
    for (int i = from; i < from + n; i++) {
      s += Math.exp(a[i] - max);
    }
    return max + Math.log(s);
  }

  private static String fmt(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
