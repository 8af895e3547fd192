package org.bertworkbench.core.pretrain;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bertworkbench.core.checkpoint.Checkpoint;
import org.bertworkbench.core.checkpoint.CheckpointException;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.checkpoint.HfFolderWriter;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.device.DeviceSelection;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.WeightOptions;
import org.bertworkbench.core.run.AtomicFiles;
import org.bertworkbench.core.run.JsonLines;
import org.bertworkbench.core.run.Provenance;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.Vocab;
import org.bertworkbench.core.train.AdamWeightDecay;
import org.bertworkbench.core.train.Seeds;
import org.bertworkbench.core.train.TrainingControl;

/**
 * Pretrains BERT as the paper does (google-research/bert {@code run_pretraining.py}): masked LM and
 * next-sentence prediction on instances from {@link InstanceMaker}, {@link AdamWeightDecay} with
 * linear warm-up and decay, dropout 0.1, gradient clipping 1.0; from scratch or from a model.
 *
 * <p>The run lives in a {@link PretrainRun} directory. Step N's data and dropout depend only on
 * (seed, N), and a checkpoint holds the weights and the optimiser's m and v, so {@link #run} with
 * {@code resume} continues from the last complete checkpoint exactly as if never interrupted:
 * metrics.jsonl and batches.jsonl are cut back to that step first, so no row is lost or repeated.
 *
 * <p>Runs on the calling thread; reports every step to a {@link PretrainListener} and obeys a
 * {@link TrainingControl} (pause, stop) between steps.
 */
public final class Pretrainer {

  /** Salt that separates dropout seeds from data seeds. */
  static final long DROPOUT = 2;

  /**
   * How a run ended.
   *
   * @param firstStep the first step this call trained (1 for a new run)
   * @param lastStep the last step done
   * @param stopped true when stopped by the user before the end
   * @param last the last step's figures, or null if no step ran
   */
  public record Result(Path dir, long firstStep, long lastStep, boolean stopped, StepMetrics last) {}

  private final PretrainParams params;
  private final PretrainRun run;
  private final PretrainListener listener;
  private final TrainingControl control;
  private Vocab vocab;
  private boolean lowerCase;

  private Pretrainer(PretrainParams params, PretrainListener listener, TrainingControl control) {
    this.params = params;
    this.run = new PretrainRun(Path.of(params.out()));
    this.listener = listener;
    this.control = control;
  }

  /**
   * Starts a run in the empty (or absent) directory {@code params.out()}, or resumes the run there.
   * On resume the parameters come from its run.json; {@code params} only names the directory.
   */
  public static Result run(PretrainParams params, boolean resume, PretrainListener listener,
      TrainingControl control) throws IOException, CheckpointException {
    PretrainRun existing = new PretrainRun(Path.of(params.out()));
    if (resume) {
      if (!existing.exists()) {
        throw new BadInputException(
            Message.of(Pretrainer.class, "Pretrainer.noRunToResume", params.out(), PretrainRun.RECORD));
      }
      params = existing.params().withOut(params.out());
    } else if (existing.exists()) {
      throw new BadInputException(Message.of(Pretrainer.class, "Pretrainer.holdsARun", params.out()));
    }
    return new Pretrainer(params, listener, control).train(resume);
  }

  private Result train(boolean resume) throws IOException, CheckpointException {
    say(Message.of(Pretrainer.class, "Pretrainer.readingCorpus", params.corpus()));
    Path corpusPath = Path.of(params.corpus());
    Corpus corpus = CorpusReader.read(corpusPath, params.corpusFormat());
    String corpusHash = Provenance.sha256(corpusPath);
    if (resume) {
      JsonObject record = run.record();
      String recorded = record.getAsJsonObject("corpus").get("sha256").getAsString();
      if (!recorded.equals(corpusHash)) {
        throw new BadInputException(Message.of(Pretrainer.class, "Pretrainer.corpusChanged", params.corpus()));
      }
      vocab = Vocab.load(run.file(PretrainRun.VOCAB));
      lowerCase = record.getAsJsonObject("vocabulary").get("lower_case").getAsBoolean();
    } else {
      chooseVocabulary(corpus);
      AtomicFiles.writeString(run.file(PretrainRun.VOCAB), String.join("\n", vocab.tokens()) + "\n");
    }
    say(Message.of(Pretrainer.class, "Pretrainer.tokenizing", corpus.stats().sentences()));
    TokenizedCorpus tokens = TokenizedCorpus.of(corpus, new BertTokenizer(vocab, lowerCase));
    Path checkpoint = resume ? run.latestCheckpoint() : null;
    long done = checkpoint == null ? 0 : PretrainRun.stepOf(checkpoint);
    try (BertForPreTraining model = checkpoint != null ? load(checkpoint.toString()) : newModel();
        AdamWeightDecay optimizer = new AdamWeightDecay(model.weights().all(), params.optimizer(),
            model.weights().manager())) {
      if (checkpoint != null) {
        say(Message.of(Pretrainer.class, "Pretrainer.resuming", checkpoint));
        optimizer.load(checkpoint.resolve(PretrainRun.OPTIMIZER));
      }
      run.truncateTo(done, PretrainRun.BATCHES);
      if (!resume) {
        run.writeRecord(PretrainRunRecord.of(params, corpus, corpusHash, vocab, lowerCase, model));
      }
      return loop(model, optimizer, new BatchSource(tokens, params.recipe(), params.seed(),
          params.batchSize(), params.steps()), done);
    }
  }

  private Result loop(BertForPreTraining model, AdamWeightDecay optimizer, BatchSource data, long done)
      throws IOException {
    MaskingCounters counters = MaskingCounters.ZERO;
    StepMetrics last = null;
    long saved = done;
    long step = done;
    boolean stopped = false;
    PretrainingStep trainingStep = new PretrainingStep(model, optimizer, vocab.padId());
    try (JsonLines metrics = run.append(PretrainRun.METRICS);
        JsonLines batches = params.dumpBatches() > done ? run.append(PretrainRun.BATCHES) : null) {
      while (step < params.steps()) {
        control.waitWhilePaused();
        if (control.isCancelled()) {
          stopped = true;
          break;
        }
        step++;
        long start = System.nanoTime();
        List<TrainingInstance> batch = data.batch(step);
        double lr = params.optimizer().learningRateAt(step, params.steps());
        PretrainingStep.Result result = trainingStep.run(batch, lr, Seeds.mix(params.seed(), DROPOUT, step));
        StepOutcome outcome = result.outcome();
        if (!Double.isFinite(outcome.mlmLoss() + outcome.nspLoss())) {
          throw new BadInputException(Message.of(Pretrainer.class, "Pretrainer.diverged", step));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long realTokens = batch.stream().mapToLong(TrainingInstance::length).sum();
        last = new StepMetrics(step, outcome.mlmLoss() + outcome.nspLoss(), outcome.mlmLoss(),
            outcome.nspLoss(), outcome.mlmAccuracy(), outcome.nspAccuracy(), lr, realTokens / seconds);
        metrics.write(List.of(last.toJson().toString()));
        if (batches != null && step <= params.dumpBatches()) {
          batches.write(BatchRecords.dumpRows(step, batch, vocab));
        }
        counters = counters.plus(batch);
        listener.step(new StepReport(last, BatchRecords.view(step, batch, outcome, vocab), counters, result.gradientNorm()));
        control.report((double) step / params.steps(), "step " + step + " of " + params.steps());
        if (step % params.checkpointEvery() == 0 || step == params.steps()) {
          saveCheckpoint(model, optimizer, step, lr);
          saved = step;
        }
      }
    }
    if (stopped && saved < step) {
      saveCheckpoint(model, optimizer, step, last.learningRate());
    }
    return new Result(run.dir(), done + 1, step, stopped, last);
  }


  private void saveCheckpoint(BertForPreTraining model, AdamWeightDecay optimizer, long step, double lr)
      throws IOException {
    JsonObject state = new JsonObject();
    state.addProperty("step", step);
    state.addProperty("learning_rate", lr);
    state.addProperty("seed", params.seed());
    Path dir = run.writeCheckpoint(step, tmp -> {
      HfFolderWriter.write(tmp, model.config(), List.of("BertForPreTraining"), null, vocab.tokens(),
          lowerCase, model.weights().toRawTensors());
      optimizer.save(tmp.resolve(PretrainRun.OPTIMIZER));
    }, state);
    listener.checkpoint(step, dir);
  }

  /** A model's vocabulary, or one learnt from the corpus. */
  private void chooseVocabulary(Corpus corpus) throws CheckpointException {
    String model = params.from() != null ? params.from() : params.vocabModel();
    if (model != null) {
      say(Message.of(Pretrainer.class, "Pretrainer.readingVocabulary", model));
      Checkpoint c = CheckpointLoader.open(model);
      vocab = Vocab.load(c.vocabFile());
      lowerCase = c.lowerCase();
    } else {
      say(Message.of(Pretrainer.class, "Pretrainer.learningVocabulary", params.vocabSize()));
      vocab = Vocab.of(WordPieceLearner.learn(corpus, params.vocabSize(), params.lowerCase()));
      lowerCase = params.lowerCase();
    }
  }

  /** The model to start from: a copy of {@code --from}, or BERT's random initialisation. */
  private BertForPreTraining newModel() throws CheckpointException {
    if (params.from() != null) {
      BertForPreTraining model = load(params.from());
      model.initialised().forEach(
          name -> say(Message.of(Pretrainer.class, "Pretrainer.initialisedFresh", name, params.from())));
      return model;
    }
    say(Message.of(Pretrainer.class, "Pretrainer.newModel"));
    return BertForPreTraining.random(params.shape().config(vocab.size(), params.dropout()),
        DeviceSelection.device(params.device()), params.seed());
  }

  private BertForPreTraining load(String model) throws CheckpointException {
    Checkpoint c = CheckpointLoader.open(model);
    if (c.config().vocabSize() != vocab.size()) {
      throw new BadInputException(Message.of(Pretrainer.class, "Pretrainer.vocabularyMismatch", model,
          c.config().vocabSize(), vocab.size()));
    }
    return BertForPreTraining.fromTensors(c.tensors(), c.config(), DeviceSelection.device(params.device()),
        WeightOptions.forTraining());
  }

  /** A status line: to the listener in either language, to the control (and the command line) in English. */
  private void say(Message text) {
    listener.message(text);
    control.report(-1, text.english());
  }
}
