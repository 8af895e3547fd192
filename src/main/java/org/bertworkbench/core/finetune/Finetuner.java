package org.bertworkbench.core.finetune;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.checkpoint.Checkpoint;
import org.bertworkbench.core.checkpoint.CheckpointException;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.device.DevicePlan;
import org.bertworkbench.core.device.DeviceProbe;
import org.bertworkbench.core.device.DeviceSelection;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.model.WeightOptions;
import org.bertworkbench.core.run.AtomicFiles;
import org.bertworkbench.core.run.JsonLines;
import org.bertworkbench.core.run.RunDirectory;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.core.train.AdamWeightDecay;
import org.bertworkbench.core.train.LossScale;
import org.bertworkbench.core.train.OptimizerSettings;
import org.bertworkbench.core.train.Seeds;
import org.bertworkbench.core.train.TrainingControl;

/**
 * Fine-tunes BERT on a task as the paper's section 4 does: a fresh head on a pretrained model,
 * every weight trained (or the lower layers frozen), Google's AdamWeightDecay with linear warm-up
 * over a share of the steps and linear decay to 0, gradient clipping at 1.0, dropout 0.1.
 *
 * <p>The run lives in a {@link FinetuneRun} directory. Step N's batch (a shuffle per epoch) and its
 * dropout depend only on (seed, N), and a checkpoint holds the weights and the optimiser's state,
 * so a run resumed after a crash or {@code kill -9} continues exactly as if never interrupted:
 * metrics.jsonl is first cut back to the checkpoint's step, so no row is lost or repeated. A loss
 * that turns NaN or infinite stops the run with a message; the last good checkpoint stays.
 *
 * <p>Runs on the calling thread; reports to a {@link FinetuneListener} and obeys a
 * {@link TrainingControl} (pause, stop) between steps.
 */
public final class Finetuner {

  /** Salt that separates dropout seeds from data seeds. */
  static final long DROPOUT = 2;

  /**
   * How a run ended.
   *
   * @param dir the run directory
   * @param firstStep the first step this call trained
   * @param lastStep the last step done
   * @param totalSteps the run's steps
   * @param stopped true when stopped by the user before the end
   * @param last the last step's figures, or null if this call trained none
   * @param lastEvaluation the last dev evaluation, or null
   * @param model the fine-tuned model folder, or null when the run did not finish
   */
  public record Result(Path dir, long firstStep, long lastStep, long totalSteps, boolean stopped, TrainStepMetrics last,
      DevEvaluation lastEvaluation, Path model) {}

  private final FinetuneSpec spec;
  private final FinetuneData data;
  private final DevicePlan plan;
  private final FinetuneRun run;
  private final FinetuneListener listener;
  private final TrainingControl control;

  private Finetuner(FinetuneSpec spec, FinetuneData data, DevicePlan plan, FinetuneListener listener,
      TrainingControl control) {
    this.spec = spec;
    this.data = data;
    this.plan = plan;
    this.run = new FinetuneRun(Path.of(spec.out()));
    this.listener = listener;
    this.control = control;
  }

  /**
   * Starts a run in the empty (or absent) directory {@code spec.out()}, or resumes the run there
   * (then {@code spec} only names the directory: the run's own spec.json decides everything).
   * Reads the data files, checks them, chooses the devices.
   */
  public static Result run(FinetuneSpec spec, boolean resume, FinetuneListener listener, TrainingControl control)
      throws IOException, CheckpointException {
    FinetuneSpec s = resolve(spec, resume);
    listener.message(s.dev() == null ? Message.of(Finetuner.class, "Finetuner.reading", s.train())
        : Message.of(Finetuner.class, "Finetuner.readingBoth", s.train(), s.dev()));
    FinetuneData data = FinetuneDataFiles.load(s, listener::message);
    return run(s, data, resume, DeviceSelection.select(s.device(), s.precision(), DeviceProbe.system()), listener,
        control);
  }

  /** As {@link #run(FinetuneSpec, boolean, FinetuneListener, TrainingControl)} with data already read and devices chosen. */
  public static Result run(FinetuneSpec spec, FinetuneData data, boolean resume, DevicePlan plan,
      FinetuneListener listener, TrainingControl control) throws IOException, CheckpointException {
    FinetuneSpec s = resolve(spec, resume);
    FinetuneData.requireUsable(data.train(), s.skipBadRows());
    FinetuneData.requireUsable(data.dev(), s.skipBadRows());
    Finetuner f = new Finetuner(s, data, plan, listener, control);
    try {
      return f.train(resume);
    } catch (IOException | CheckpointException | RuntimeException e) {
      if (f.run.exists()) {
        f.run.writeStatus(FinetuneRun.State.FAILED, -1, 0, org.bertworkbench.core.job.UserMessages.of(e));
      }
      throw e;
    }
  }

  /** The spec to run: the given one for a new run, the run directory's own for a resume. */
  private static FinetuneSpec resolve(FinetuneSpec spec, boolean resume) throws IOException {
    FinetuneRun existing = new FinetuneRun(Path.of(spec.out()));
    if (resume) {
      if (!existing.exists()) {
        throw new BadInputException(Message.of(Finetuner.class, "Finetuner.noRun", spec.out(), FinetuneRun.SPEC));
      }
      return existing.spec().withOut(spec.out());
    }
    if (existing.exists()) {
      throw new BadInputException(Message.of(Finetuner.class, "Finetuner.exists", spec.out()));
    }
    return spec;
  }

  private Result train(boolean resume) throws IOException, CheckpointException {
    HeadConfig head = head();
    Path checkpoint = resume ? run.latestCheckpoint() : null;
    long done = checkpoint == null ? 0 : RunDirectory.stepOf(checkpoint);
    if (resume) {
      checkSameData();
    }
    say(checkpoint != null ? Message.of(Finetuner.class, "Finetuner.resuming", checkpoint, plan.describe())
        : Message.of(Finetuner.class, "Finetuner.loading", spec.model(), plan.describe()));
    if (plan.mixedPrecision()) {
      say(Message.of(Finetuner.class, "Finetuner.precision", plan.precisionNote()));
    }
    // The base model is opened before the run directory is made: a wrong name leaves nothing behind.
    // Held only until the models are made (cleared below), so that its mapped file can be unmapped while training.
    java.util.concurrent.atomic.AtomicReference<Checkpoint> base =
        new java.util.concurrent.atomic.AtomicReference<>(checkpoint == null ? CheckpointLoader.open(spec.model()) : null);
    if (!resume) {
      Files.createDirectories(run.dir());
      spec.save(run.file(FinetuneRun.SPEC));
    }
    run.writeStatus(FinetuneRun.State.RUNNING, done, 0, "starting");
    DataType dataType = plan.precision().dataType();
    Replicas.Factory factory = device -> checkpoint == null
        ? FinetuneModel.create(base.get(), head, device, spec.seed(), dataType)
        : FinetuneModel.open(checkpoint.toString(), device, WeightOptions.forTraining().computingIn(dataType));
    try (Replicas models = new Replicas(plan.djlDevices(), factory, spec.frozenLayers())) {
      base.set(null);
      // Unmaps it now (BERT-Base: 440 MB resident while mapped), not at some later old-generation
      // collection: the window's fine-tuning peaked 420 MB higher with it still mapped (issue 12).
      System.gc();
      FinetuneModel main = models.main();
      if (!main.head().equals(head)) {
        throw new BadInputException(Message.of(Finetuner.class, "Finetuner.headChanged"));
      }
      TaskEncoder.Encoded encoded = main.encoder().encode(data.train().examples(), true);
      encoded.messages(spec.task()).forEach(this::say);
      DataOrder order = new DataOrder(encoded.inputs().size(), spec.batchSize(), spec.seed());
      long total = (long) spec.epochs() * order.stepsPerEpoch();
      OptimizerSettings settings = new OptimizerSettings(spec.learningRate(),
          Math.round(spec.warmupFraction() * total), spec.weightDecay(), 0.9, 0.999, 1e-6, 1.0);
      try (AdamWeightDecay optimizer = optimizer(main, settings)) {
        if (checkpoint != null) {
          optimizer.load(checkpoint.resolve(RunDirectory.OPTIMIZER));
        }
        run.truncateTo(done);
        if (!resume) {
          run.writeRecord(FinetuneRunRecord.of(spec, data, head, main, plan, encoded, order.stepsPerEpoch(), total,
              settings));
        }
        return new Loop(models, optimizer, settings, encoded.inputs(), order, total).run(done);
      }
    }
  }

  /** AdamWeightDecay over the trainable weights; in mixed precision over their float32 masters, with a loss scale. */
  private AdamWeightDecay optimizer(FinetuneModel main, OptimizerSettings settings) {
    var trainable = main.trainableParameters(spec.frozenLayers());
    var manager = main.weights().manager();
    return plan.mixedPrecision()
        ? AdamWeightDecay.mixed(trainable, main.masters(), new LossScale(LossScale.DEFAULT_INITIAL), settings, manager)
        : new AdamWeightDecay(trainable, settings, manager);
  }

  /** The head the data asks for: its labels, the features' means and deviations, the maximum length. */
  private HeadConfig head() {
    DataColumns c = spec.columns();
    double[][] stats = c.featureMode() == DataColumns.FeatureMode.CLS_CONCAT
        ? FeatureStatistics.of(data.train().examples(), c.features().size()) : new double[][] {null, null};
    return new HeadConfig(spec.task(), data.labels(), c.featureMode(), c.features(), stats[0], stats[1],
        c.featureTemplate(), spec.maxLength(), spec.model());
  }

  private void checkSameData() throws IOException {
    JsonObject record = run.record();
    String recorded = FinetuneRunRecord.trainSha256(record);
    if (recorded != null && data.trainSha256() != null && !recorded.equals(data.trainSha256())) {
      throw new BadInputException(Message.of(Finetuner.class, "Finetuner.trainChanged", spec.train()));
    }
  }

  private void say(Message text) {
    listener.message(text);
    control.report(-1, text.english());
  }

  /** The steps of one call, from the step after the last checkpoint to the end or a stop. */
  private final class Loop {
    private final Replicas models;
    private final AdamWeightDecay optimizer;
    private final OptimizerSettings settings;
    private final List<EncodedInput> rows;
    private final DataOrder order;
    private final long total;
    private final int padId;
    private final long started = System.nanoTime();
    private TrainStepMetrics last;
    private DevEvaluation lastEvaluation;
    private List<Prediction> lastPredictions;

    Loop(Replicas models, AdamWeightDecay optimizer, OptimizerSettings settings, List<EncodedInput> rows,
        DataOrder order, long total) {
      this.models = models;
      this.optimizer = optimizer;
      this.settings = settings;
      this.rows = rows;
      this.order = order;
      this.total = total;
      this.padId = models.main().tokenizer().vocab().padId();
    }

    Result run(long done) throws IOException {
      long step = done;
      long saved = done;
      boolean stopped = false;
      try (JsonLines metrics = run.append(FinetuneRun.METRICS)) {
        while (step < total) {
          control.waitWhilePaused();
          if (control.isCancelled()) {
            stopped = true;
            break;
          }
          step++;
          last = trainStep(step, done);
          metrics.write(List.of(last.toJson().toString()));
          listener.step(last);
          control.report(last.fraction(), String.format("step %d of %d, epoch %.2f, loss %.4f, %s left", step,
              total, last.epoch(), last.loss(), eta(last.etaSeconds())));
          if (due(step, spec.evalEvery())) {
            lastEvaluation = evaluate(step);
            metrics.write(List.of(lastEvaluation.toJson().toString()));
            listener.evaluation(lastEvaluation);
          }
          if (due(step, spec.checkpointEvery())) {
            saveCheckpoint(step);
            saved = step;
          }
          run.writeStatus(FinetuneRun.State.RUNNING, step, total, "training");
        }
      }
      if (stopped) {
        if (saved < step) {
          saveCheckpoint(step);
        }
        run.writeStatus(FinetuneRun.State.STOPPED, step, total, "stopped at step " + step + ": resume to go on");
        return new Result(run.dir(), done + 1, step, total, true, last, lastEvaluation, null);
      }
      finish(step);
      return new Result(run.dir(), done + 1, step, total, false, last, lastEvaluation, run.modelDir());
    }

    private boolean due(long step, long every) {
      return step == total || (every > 0 ? step % every == 0 : step % order.stepsPerEpoch() == 0);
    }

    private TrainStepMetrics trainStep(long step, long done) {
      long start = System.nanoTime();
      List<EncodedInput> batch = new ArrayList<>();
      for (int i : order.batch(step)) {
        batch.add(rows.get(i));
      }
      double lr = settings.learningRateAt(step, total);
      Engines.pytorch().setRandomSeed((int) Seeds.mix(spec.seed(), DROPOUT, step));
      long items = Math.max(1, FinetuneLoss.items(spec.task(), batch));
      FinetuneLoss.Outcome outcome = new FinetuneLoss.Outcome(0, 0, 0);
      List<List<EncodedInput>> shares = models.split(batch);
      LossScale lossScale = optimizer.lossScale();
      float scale = lossScale == null ? 1f : lossScale.value();
      for (int k = 0; k < models.size(); k++) {
        if (shares.get(k).isEmpty()) {
          continue;
        }
        try (NDManager scope = models.get(k).newScope()) {
          outcome = outcome.plus(FinetuneLoss.forwardBackward(models.get(k), scope, shares.get(k), items, padId,
              scale));
        }
      }
      if (!Double.isFinite(outcome.loss())) {
        Path good = latestCheckpointQuietly();
        Object became = Double.isNaN(outcome.loss()) ? "NaN" : Message.of(Finetuner.class, "Finetuner.infinite");
        throw new TrainingDivergedException(good == null
            ? Message.of(Finetuner.class, "Finetuner.diverged", became, step)
            : Message.of(Finetuner.class, "Finetuner.divergedAfter", became, step, good));
      }
      try (NDManager scope = models.main().newScope()) {
        models.reduceGradients(scope);
        optimizer.step(scope, lr);
        models.broadcastWeights(scope);
      }
      if (optimizer.skipped()) {
        say(Message.of(Finetuner.class, "Finetuner.overflow", step, String.format("%.0f", scale),
            String.format("%.0f", lossScale.value())));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double elapsed = (System.nanoTime() - started) / 1e9;
      double eta = elapsed / (step - done) * (total - step);
      return new TrainStepMetrics(step, total, (double) step / order.stepsPerEpoch(), outcome.loss(),
          outcome.items() == 0 ? 0 : (double) outcome.correct() / outcome.items(), lr, batch.size() / seconds,
          elapsed, eta, lossScale == null ? 0 : scale, optimizer.skipped());
    }

    private DevEvaluation evaluate(long step) {
      say(Message.of(Finetuner.class, "Finetuner.evaluating", data.dev().examples().size()));
      long start = System.nanoTime();
      List<Example> dev = data.dev().examples();
      lastPredictions = new Predictor(models.main()).predict(dev, org.bertworkbench.core.job.Progress.NONE);
      Evaluation.Result r = Evaluation.of(spec.task(), dev, lastPredictions);
      return new DevEvaluation(step, (double) step / order.stepsPerEpoch(), r.examples(), r.metrics(),
          (System.nanoTime() - start) / 1e9);
    }

    private void saveCheckpoint(long step) throws IOException {
      JsonObject state = new JsonObject();
      state.addProperty("step", step);
      state.addProperty("total_steps", total);
      state.addProperty("epoch", (double) step / order.stepsPerEpoch());
      state.addProperty("learning_rate", settings.learningRateAt(step, total));
      state.addProperty("seed", spec.seed());
      state.addProperty("precision", plan.precision().label());
      if (optimizer.lossScale() != null) {
        state.addProperty("loss_scale", optimizer.lossScale().value());
      }
      Path dir = run.writeCheckpoint(step, tmp -> {
        models.main().save(tmp);
        optimizer.save(tmp.resolve(RunDirectory.OPTIMIZER));
      }, state);
      listener.checkpoint(step, dir);
    }

    /** The model folder, the dev predictions, the status. */
    private void finish(long step) throws IOException {
      Path model = run.modelDir();
      if (!Files.isRegularFile(model.resolve("config.json")) || last != null) {
        run.writeModel(tmp -> models.main().save(tmp));
        say(Message.of(Finetuner.class, "Finetuner.saved", model));
      }
      if (lastPredictions != null) {
        List<Example> dev = data.dev().examples();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dev.size(); i++) {
          sb.append(PredictionJson.of(dev.get(i), lastPredictions.get(i))).append('\n');
        }
        AtomicFiles.writeString(run.file(FinetuneRun.DEV_PREDICTIONS), sb.toString());
      }
      String summary = lastEvaluation == null ? "finished" : "finished: dev " + lastEvaluation.metrics();
      run.writeStatus(FinetuneRun.State.FINISHED, step, total, summary);
    }

    private Path latestCheckpointQuietly() {
      try {
        return run.latestCheckpoint();
      } catch (IOException e) {
        return null;
      }
    }
  }

  /** "1 h 02 min", "3 min 20 s", "12 s". */
  static String eta(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format("%d h %02d min", s / 3600, (s % 3600) / 60);
    }
    return s >= 60 ? String.format("%d min %02d s", s / 60, s % 60) : s + " s";
  }
}
