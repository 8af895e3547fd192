package org.bertworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bertworkbench.core.device.DeviceSelection;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.pretrain.Corpus;
import org.bertworkbench.core.pretrain.CorpusReader;
import org.bertworkbench.core.pretrain.InstanceRecipe;
import org.bertworkbench.core.pretrain.ModelShape;
import org.bertworkbench.core.pretrain.PretrainEvaluation;
import org.bertworkbench.core.pretrain.PretrainListener;
import org.bertworkbench.core.pretrain.PretrainParams;
import org.bertworkbench.core.pretrain.Pretrainer;
import org.bertworkbench.core.pretrain.StepMetrics;
import org.bertworkbench.core.pretrain.StepReport;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.core.train.OptimizerSettings;
import org.bertworkbench.core.train.TrainingControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Pretrains BERT on a corpus, MLM + NSP as the paper does; a thin layer over {@link Pretrainer}. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
    description = {"Pretrain BERT on your corpus (masked LM + next-sentence prediction, as the paper).",
        "The corpus: UTF-8 text, one sentence per line, a blank line between documents (or prose)."})
final class PretrainCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--corpus", paramLabel = "PATH", description = "text file or folder of .txt files")
  Path corpus;

  @Option(names = "--out", paramLabel = "RUN_DIR", description = "the run directory (required unless --preview)")
  Path out;

  @Option(names = "--preview", description = "only read the corpus and show its counts and first sentences")
  boolean preview;

  @Option(names = "--evaluate", paramLabel = "MODEL",
      description = "only score MODEL on --corpus: masked-LM and next-sentence loss and accuracy, no dropout, "
          + "no update (instances as for training, from --seed; use another seed than the run's)")
  String evaluate;

  @Option(names = "--batches", defaultValue = "50", paramLabel = "N",
      description = "with --evaluate: batches to score (default: ${DEFAULT-VALUE})")
  int batches;

  @Option(names = "--first", defaultValue = "5", paramLabel = "N",
      description = "with --preview: sentences to show (default: ${DEFAULT-VALUE})")
  int first;

  @Option(names = "--preset", paramLabel = "P",
      description = "tiny (L2/H128/A2), mini (L4/H256/A4), small (L4/H512/A8) or base (L12/H768/A12); default tiny")
  String preset;

  @Option(names = "--layers", description = "override the preset's layer count")
  Integer layers;

  @Option(names = "--hidden", description = "override the preset's hidden size (feed-forward becomes 4x)")
  Integer hidden;

  @Option(names = "--heads", description = "override the preset's attention heads")
  Integer heads;

  @Option(names = "--from", paramLabel = "MODEL", description = "continue pretraining this model (name or folder)")
  String from;

  @Option(names = "--vocab", paramLabel = "MODEL", description = "use this model's vocabulary")
  String vocab;

  @Option(names = "--vocab-size", paramLabel = "N", description = "learn a WordPiece vocabulary of N pieces (default 8000)")
  Integer vocabSize;

  @Option(names = "--cased", description = "keep case and accents in a learned vocabulary")
  boolean cased;

  @Option(names = "--steps", defaultValue = "1000", description = "optimiser steps (default: ${DEFAULT-VALUE})")
  long steps;

  @Option(names = "--batch-size", defaultValue = "32", description = "sequences per step (default: ${DEFAULT-VALUE}; the paper: 256)")
  int batchSize;

  @Option(names = "--max-length", defaultValue = "128", description = "sequence length (default: ${DEFAULT-VALUE})")
  int maxLength;

  @Option(names = "--long-fraction", defaultValue = "0",
      description = "fraction of final steps at 512 tokens; the paper: 0.1 (default: ${DEFAULT-VALUE})")
  double longFraction;

  @Option(names = "--whole-word-masking", description = "mask all pieces of a word together")
  boolean wholeWord;

  @Option(names = "--learning-rate", defaultValue = "1e-4", description = "peak learning rate (default: ${DEFAULT-VALUE})")
  double learningRate;

  @Option(names = "--warmup-steps", paramLabel = "W", description = "linear warm-up (default: 1% of the steps, as the paper)")
  Long warmupSteps;

  @Option(names = "--seed", defaultValue = "12345", description = "seed of everything random (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--checkpoint-every", paramLabel = "K", description = "checkpoint interval (default: a tenth of the steps)")
  Long checkpointEvery;

  @Option(names = "--dump-batches", paramLabel = "K", defaultValue = "0",
      description = "write the first K batches to batches.jsonl")
  long dumpBatches;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpuN (default: ${DEFAULT-VALUE})")
  String device;

  @Option(names = "--threads", paramLabel = "N",
      description = "intra-op threads of the engine (default: the engine's choice, one per core)")
  Integer threads;

  @Option(names = "--log-every", defaultValue = "10", description = "print every N steps (default: ${DEFAULT-VALUE})")
  long logEvery;

  @Option(names = "--resume", description = "continue the run in --out from its last checkpoint")
  boolean resume;

  @Option(names = "--json", description = "one JSON object per logged step on standard output")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (logEvery < 1) {
      throw new IllegalArgumentException("--log-every must be at least 1, got " + logEvery);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    if (preview) {
      return preview(stdout);
    }
    if (evaluate != null) {
      return evaluate(stdout);
    }
    if (out == null) {
      throw new IllegalArgumentException("--out RUN_DIR is required (or --preview to only look at the corpus)");
    }
    PretrainParams params = params();
    if (threads != null) {
      Engines.setThreads(threads);
    }
    PretrainListener listener = new PretrainListener() {
      @Override
      public void step(StepReport r) {
        StepMetrics m = r.metrics();
        if (m.step() % logEvery == 0 || m.step() == params.steps()) {
          stdout.println(json ? m.toJson().toString() : String.format(
              "step %d/%d  loss %.4f  mlm %.4f  nsp %.4f  mlm-acc %.3f  nsp-acc %.3f  lr %.3g  %.0f tok/s",
              m.step(), params.steps(), m.loss(), m.mlmLoss(), m.nspLoss(), m.mlmAccuracy(), m.nspAccuracy(),
              m.learningRate(), m.tokensPerSecond()));
          stdout.flush();
        }
      }

      @Override
      public void message(String text) {
        if (!json) { // progress for a person; standard error stays for the one-line error
          stdout.println(text);
          stdout.flush();
        }
      }
    };
    Pretrainer.Result result = Pretrainer.run(params, resume, listener, new TrainingControl());
    if (!json) {
      stdout.println("trained steps " + result.firstStep() + "-" + result.lastStep() + (result.stopped() ? " (stopped)" : "")
          + "; run in " + result.dir());
    }
    return 0;
  }

  /** The corpus's counts and first sentences, or the one-line reason it cannot be used. */
  private int preview(PrintWriter stdout) {
    if (corpus == null) {
      throw new IllegalArgumentException("--preview needs --corpus PATH");
    }
    if (first < 0) {
      throw new IllegalArgumentException("--first must not be negative, got " + first);
    }
    Corpus c = CorpusReader.read(corpus);
    Corpus.Stats stats = c.stats();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("corpus", corpus.toString());
    doc.put("format", c.prose() ? "prose" : "bert");
    doc.put("documents", stats.documents());
    doc.put("sentences", stats.sentences());
    doc.put("words", stats.words());
    doc.put("characters", stats.characters());
    doc.put("first_sentences", c.firstSentences(first));
    if (json) {
      stdout.println(Json.of(doc));
      return 0;
    }
    stdout.printf("%s (%s)%n", corpus, c.prose() ? "prose, cut into sentences" : "one sentence per line");
    stdout.printf("%,d documents, %,d sentences, %,d words, %,d characters%n", stats.documents(),
        stats.sentences(), stats.words(), stats.characters());
    List<String> sentences = c.firstSentences(first);
    for (int i = 0; i < sentences.size(); i++) {
      stdout.printf("%3d  %s%n", i + 1, sentences.get(i));
    }
    return 0;
  }

  /** Masked-LM and next-sentence figures of a model on the corpus. */
  private int evaluate(PrintWriter stdout) throws Exception {
    if (corpus == null) {
      throw new IllegalArgumentException("--evaluate needs --corpus PATH");
    }
    if (threads != null) {
      Engines.setThreads(threads);
    }
    Corpus c = CorpusReader.read(corpus);
    PretrainEvaluation.Figures f;
    try (LoadedBert loaded = LoadedBert.open(evaluate, DeviceSelection.device(device), Progress.NONE)) {
      int length = Math.min(maxLength, loaded.model().config().maxPositionEmbeddings());
      f = PretrainEvaluation.evaluate(loaded, c, new InstanceRecipe(length, 512, 0, 0.1, 0.15, 20, wholeWord), seed,
          batches, batchSize, Progress.NONE);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("model", evaluate);
    doc.put("corpus", corpus.toString());
    doc.put("seed", seed);
    doc.put("max_length", maxLength);
    doc.put("instances", f.instances());
    doc.put("predictions", f.predictions());
    doc.put("mlm_loss", f.mlmLoss());
    doc.put("mlm_accuracy", f.mlmAccuracy());
    doc.put("nsp_loss", f.nspLoss());
    doc.put("nsp_accuracy", f.nspAccuracy());
    if (json) {
      stdout.println(Json.of(doc));
    } else {
      stdout.printf("%s on %s: %,d instances (seed %d, max length %d)%n", evaluate, corpus, f.instances(), seed,
          maxLength);
      stdout.printf("masked LM: loss %.4f, accuracy %.3f over %,d positions%n", f.mlmLoss(), f.mlmAccuracy(),
          f.predictions());
      stdout.printf("next sentence: loss %.4f, accuracy %.3f (chance 0.5)%n", f.nspLoss(), f.nspAccuracy());
    }
    return 0;
  }

  private PretrainParams params() {
    if (resume) {
      // The run's own record decides everything; only the directory is needed.
      return PretrainParams.defaults(corpus == null ? "-" : corpus.toString(), out.toString(), "tiny", 64, 1, 1, 128, seed);
    }
    if (corpus == null) {
      throw new IllegalArgumentException("--corpus is required (unless --resume)");
    }
    if (vocab != null && vocabSize != null) {
      throw new IllegalArgumentException("give --vocab MODEL or --vocab-size N, not both");
    }
    if (from != null && (preset != null || layers != null || hidden != null || heads != null)) {
      throw new IllegalArgumentException("--from defines the model's size: drop --preset/--layers/--hidden/--heads");
    }
    if (from != null && vocabSize != null) {
      throw new IllegalArgumentException("--from uses the model's vocabulary: drop --vocab-size");
    }
    ModelShape shape = null;
    if (from == null) {
      ModelShape p = ModelShape.preset(preset == null ? "tiny" : preset);
      shape = ModelShape.of(layers != null ? layers : p.layers(), hidden != null ? hidden : p.hidden(),
          heads != null ? heads : p.heads());
    }
    OptimizerSettings optimizer = OptimizerSettings.paper(steps).withLearningRate(learningRate);
    if (warmupSteps != null) {
      optimizer = optimizer.withWarmupSteps(warmupSteps);
    }
    InstanceRecipe recipe = new InstanceRecipe(maxLength, 512, longFraction, 0.1, 0.15, 20, wholeWord);
    return new PretrainParams(corpus.toString(), CorpusReader.Format.AUTO, out.toString(), from, vocab,
        vocabSize == null ? 8000 : vocabSize, !cased, shape, 0.1, steps, batchSize, recipe, optimizer, seed,
        checkpointEvery != null ? checkpointEvery : Math.max(1, steps / 10), dumpBatches, device);
  }
}
