package org.bertworkbench.gui.finetune;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.bertworkbench.core.finetune.DevEvaluation;
import org.bertworkbench.core.finetune.FinetuneRun;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.bertworkbench.core.finetune.TrainStepMetrics;
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.LatestWork;

/**
 * The Fine-tuning tab's runs without the window: every run folder under the runs folder with its
 * status, the run being trained (one at a time; a grid's runs wait in a queue), its live curves
 * pulled by {@link #poll()} a few times a second, pause / resume / cancel, resuming an interrupted
 * run, and comparing runs.
 */
public final class RunsViewModel {

  private static final Texts T = Texts.of(RunsViewModel.class);
  private static final Preferences PREFS = Preferences.userNodeForPackage(RunsViewModel.class);

  private final ObjectProperty<Path> runsFolder = new SimpleObjectProperty<>();
  private final ObservableList<FinetuneRun.Summary> runs = FXCollections.observableArrayList();
  private final ObjectProperty<Path> shown = new SimpleObjectProperty<>();
  private final RunCurves curves = new RunCurves();
  private final RunCurves compared = new RunCurves();
  private final ObservableList<FinetuneRun.Summary> comparedRuns = FXCollections.observableArrayList();
  private final StringProperty status = new SimpleStringProperty(T.get("RunsViewModel.noRun"));
  private final StringProperty error = new SimpleStringProperty("");
  private final DoubleProperty progress = new SimpleDoubleProperty(0);
  private final StringProperty progressText = new SimpleStringProperty("");
  private final BooleanProperty running = new SimpleBooleanProperty(false);
  private final BooleanProperty paused = new SimpleBooleanProperty(false);
  private final ObjectProperty<Path> finishedModel = new SimpleObjectProperty<>();
  private final LatestWork listWork = new LatestWork("finetune-runs");
  private final LatestWork curveWork = new LatestWork("finetune-curves");
  private final LatestWork overlayWork = new LatestWork("finetune-overlays");
  private final Deque<FinetuneSpec> queue = new ArrayDeque<>();
  private final Consumer<Path> onModel;
  private volatile RunJob job;
  private int queued;
  private boolean listing;
  private boolean stopping;

  /**
   * @param folder where runs go; null: the folder used last time, else ~/bert-workbench/runs
   * @param onModel told of each fine-tuned model folder (finished runs), to add it to the window's model list
   */
  public RunsViewModel(Path folder, Consumer<Path> onModel) {
    this.onModel = onModel;
    runsFolder.set(folder != null ? folder
        : Path.of(PREFS.get("runsFolder", Path.of(System.getProperty("user.home"), "bert-workbench", "runs").toString())));
    runsFolder.addListener((o, was, now) -> {
      if (folder == null && now != null) {
        PREFS.put("runsFolder", now.toString());
      }
      refresh();
    });
    shown.addListener((o, was, now) -> showRun(now));
    refresh();
  }

  /** Reads the run folders again (in the background). */
  public void refresh() {
    Path root = runsFolder.get();
    listWork.submit(() -> FinetuneRun.list(root), list -> {
      Path keep = shown.get();
      listing = true;
      try {
        runs.setAll(list);
      } finally {
        listing = false;
      }
      for (FinetuneRun.Summary s : list) {
        if (s.hasModel()) {
          onModel.accept(new FinetuneRun(s.dir()).modelDir());
        }
      }
      if (keep != null && shown.get() == null) {
        shown.set(keep);
      }
    }, message -> error.set(T.format("RunsViewModel.cannotList", String.valueOf(root), message)));
  }

  /** Queues the runs the wizard made and starts the first when nothing is training. */
  public void launch(List<FinetuneSpec> specs) {
    queue.addAll(specs);
    queued = queue.size();
    error.set("");
    startNext();
  }

  /** Continues a stopped or interrupted run from its last checkpoint; false with the error set if it cannot. */
  public boolean resume(Path dir) {
    if (job != null) {
      error.set(T.get("RunsViewModel.busy"));
      return false;
    }
    try {
      FinetuneRun run = new FinetuneRun(dir);
      if (!run.exists()) {
        throw new IllegalArgumentException(T.format("RunsViewModel.noRunIn", String.valueOf(dir), FinetuneRun.SPEC));
      }
      FinetuneRun.State state = run.status().state();
      if (state == FinetuneRun.State.FINISHED) {
        throw new IllegalArgumentException(T.format("RunsViewModel.finished", String.valueOf(dir.getFileName())));
      }
      start(run.spec().withOut(dir.toString()), true);
      return true;
    } catch (Exception e) {
      error.set(T.format("RunsViewModel.cannotResume", Texts.failure(e)));
      return false;
    }
  }

  private void startNext() {
    if (job != null || queue.isEmpty()) {
      return;
    }
    start(queue.poll(), false);
  }

  private void start(FinetuneSpec spec, boolean resume) {
    RunJob j = new RunJob(spec, resume);
    job = j;
    running.set(true);
    paused.set(false);
    stopping = false;
    progress.set(-1);
    progressText.set("");
    int n = queued - queue.size();
    status.set(resume ? T.format("RunsViewModel.resuming", label(j.dir()))
        : queued > 1 ? T.format("RunsViewModel.startingOf", label(j.dir()), n, queued)
        : T.format("RunsViewModel.starting", label(j.dir())));
    curves.showRun(List.of(), List.of());
    if (resume) {
      try {
        FinetuneRun.Metrics m = new FinetuneRun(j.dir()).metrics();
        long back = lastCheckpointStep(j.dir());
        curves.showRun(m.steps().stream().filter(s -> s.step() <= back).toList(),
            m.evaluations().stream().filter(e -> e.step() <= back).toList());
      } catch (Exception e) {
        // the curves start empty; the run itself reports what is wrong
      }
    }
    curvesLive = true;
    shown.set(j.dir());
    j.start();
    refresh();
  }

  private static long lastCheckpointStep(Path dir) throws java.io.IOException {
    Path latest = new FinetuneRun(dir).latestCheckpoint();
    return latest == null ? 0 : org.bertworkbench.core.run.RunDirectory.stepOf(latest);
  }

  /** True when the curves hold the training run's rows and the timer adds to them. */
  private boolean curvesLive;

  private void showRun(Path dir) {
    if (dir == null) {
      return;
    }
    RunJob j = job;
    boolean live = j != null && dir.equals(j.dir());
    if (live && curvesLive) {
      return;
    }
    curvesLive = false;
    loadCurves(dir, live);
  }

  /**
   * Shows a run's rows from its metrics.jsonl. For the training run, the rows its monitor reported
   * meanwhile are added after the last row read, so that no row is lost or drawn twice.
   */
  private void loadCurves(Path dir, boolean live) {
    curveWork.submit(() -> new FinetuneRun(dir).metrics(), m -> {
      if (!dir.equals(shown.get())) {
        return;
      }
      curves.showRun(m.steps(), m.evaluations());
      RunJob j = job;
      if (live && j != null && dir.equals(j.dir())) {
        long lastStep = m.steps().isEmpty() ? 0 : m.steps().get(m.steps().size() - 1).step();
        long lastEvaluation = m.evaluations().isEmpty() ? 0 : m.evaluations().get(m.evaluations().size() - 1).step();
        curves.add(j.monitor().drainSteps().stream().filter(s -> s.step() > lastStep).toList(),
            j.monitor().drainEvaluations().stream().filter(e -> e.step() > lastEvaluation).toList());
        curvesLive = true;
      }
    }, message -> error.set(T.format("RunsViewModel.cannotRead", String.valueOf(dir.getFileName()), message)));
  }

  /**
   * The timer's pull (FX thread): the live run's new steps and evaluations into the curves in one
   * batch, progress with ETA, and the end of the run (then the next queued run starts).
   */
  public void poll() {
    RunJob j = job;
    if (j == null) {
      return;
    }
    boolean liveShown = curvesLive && j.dir().equals(shown.get());
    if (liveShown) {
      curves.add(j.monitor().drainSteps(), j.monitor().drainEvaluations());
    }
    TrainStepMetrics last = j.monitor().latest();
    if (last != null) {
      progress.set(last.fraction());
      progressText.set(progressLine(j, last, stopping ? T.get("RunsViewModel.stoppingAfterStep")
          : paused.get() ? T.get("RunsViewModel.pausedState") : T.format("RunsViewModel.left",
              RunFormat.duration(last.etaSeconds()))));
    }
    if (j.done()) {
      if (liveShown) {
        curves.add(j.monitor().drainSteps(), j.monitor().drainEvaluations());
      }
      job = null;
      curvesLive = false;
      running.set(false);
      paused.set(false);
      // The time left was the running run's: once it ends, the line says how it ended instead.
      String end = j.failed() ? T.get("RunsViewModel.endFailed") : j.model() != null ? T.get("RunsViewModel.endFinished")
          : stopping ? T.get("RunsViewModel.endCancelled") : T.get("RunsViewModel.endStopped");
      stopping = false;
      progressText.set(last == null ? end : progressLine(j, last, end));
      if (j.failed()) {
        error.set(j.dir().getFileName() + ": " + j.outcome());
        status.set(T.format("RunsViewModel.failed", String.valueOf(j.dir().getFileName())));
      } else {
        status.set(label(j.dir()) + ": " + j.outcome());
        progress.set(j.model() != null ? 1 : progress.get());
      }
      if (j.model() != null) {
        onModel.accept(j.model());
        finishedModel.set(j.model());
      }
      refresh();
      startNext();
      return;
    }
    if (paused.get()) {
      status.set(T.format("RunsViewModel.paused", label(j.dir())));
    } else if (last == null) {
      String m = j.monitor().message(Language.current().locale());
      status.set(j.dir().getFileName() + (m == null || m.isEmpty() ? "" : ": " + m));
    } else {
      status.set(T.format("RunsViewModel.training", label(j.dir())));
    }
  }

  /** "step 20 of 30 · epoch 2.00 · loss 0.0028 · 27 s left · dev accuracy 100.0%": {@code state} after the loss. */
  private static String progressLine(RunJob j, TrainStepMetrics last, String state) {
    DevEvaluation e = j.monitor().latestEvaluation();
    String step = String.format(Locale.ROOT, "%,d", last.step());
    String total = String.format(Locale.ROOT, "%,d", last.totalSteps());
    String epoch = String.format(Locale.ROOT, "%.2f", last.epoch());
    String loss = String.format(Locale.ROOT, "%.4f", last.loss());
    return e == null ? T.format("RunsViewModel.progress", step, total, epoch, loss, state)
        : T.format("RunsViewModel.progressDev", step, total, epoch, loss, state, RunFormat.metrics(e.metrics()));
  }

  /**
   * A run's state as the runs list writes it: "running 19/30", or "paused 19/30" for the run held
   * here (its status.json still says running: the pause is this window's).
   */
  public String statusText(FinetuneRun.Summary s) {
    RunJob j = job;
    if (j != null && s.dir().equals(j.dir())) {
      TrainStepMetrics last = j.monitor().latest();
      String state = stopping ? T.get("RunsViewModel.stopping") : paused.get() ? T.get("RunsViewModel.pausedState")
          : T.get("RunsViewModel.running");
      return last == null ? state : T.format("RunsViewModel.steps", state, String.valueOf(last.step()),
          String.valueOf(last.totalSteps()));
    }
    return RunsTable.status(s);
  }

  /** A run as the monitor names it: "run-7 · classify · from bert-base-uncased" (its folder name until it is listed). */
  public String label(Path dir) {
    RunJob j = job;
    if (j != null && dir.equals(j.dir())) {
      return RunsTable.label(dir, j.spec());
    }
    return runs.stream().filter(s -> s.dir().equals(dir)).findFirst().map(RunsTable::label)
        .orElse(String.valueOf(dir.getFileName()));
  }

  /** Runs waiting behind the training one. */
  public int queuedCount() {
    return queue.size();
  }

  /** True while the list is being replaced (its table's selection then moves by itself, not by the user). */
  public boolean listing() {
    return listing;
  }

  public void pause() {
    RunJob j = job;
    if (j != null) {
      j.control().pause();
      paused.set(true);
    }
  }

  public void resumePaused() {
    RunJob j = job;
    if (j != null) {
      j.control().resume();
      paused.set(false);
    }
  }

  /** Stops the training run after its current step (it writes a checkpoint: it can be resumed) and drops the queue. */
  public void cancel() {
    RunJob j = job;
    queue.clear();
    if (j != null) {
      j.control().stop();
      stopping = true;
      status.set(T.format("RunsViewModel.stoppingStatus", String.valueOf(j.dir().getFileName())));
    }
  }

  /** Draws the chosen runs in grey behind the monitor's run (in the background); the shown run itself is left out. */
  public void overlay(List<FinetuneRun.Summary> chosen) {
    List<FinetuneRun.Summary> list = chosen.stream().filter(s -> !s.dir().equals(shown.get())).toList();
    overlayWork.submit(() -> {
      Map<String, FinetuneRun.Metrics> read = new LinkedHashMap<>();
      for (FinetuneRun.Summary s : list) {
        read.put(s.dir().getFileName().toString(), new FinetuneRun(s.dir()).metrics());
      }
      return read;
    }, read -> read.forEach((label, m) -> curves.overlay(label, m.steps(), m.evaluations())),
        message -> error.set(T.format("RunsViewModel.cannotOverlay", message)));
  }

  /** Draws the chosen runs over each other and fills the comparison table (in the background). */
  public void compare(List<FinetuneRun.Summary> chosen) {
    List<FinetuneRun.Summary> list = List.copyOf(chosen);
    curveWork.submit(() -> {
      Map<String, List<TrainStepMetrics>> steps = new LinkedHashMap<>();
      Map<String, List<DevEvaluation>> evaluations = new LinkedHashMap<>();
      for (FinetuneRun.Summary s : list) {
        FinetuneRun.Metrics m = new FinetuneRun(s.dir()).metrics();
        String label = s.dir().getFileName().toString();
        steps.put(label, m.steps());
        evaluations.put(label, m.evaluations());
      }
      return new Object[] {steps, evaluations};
    }, r -> {
      @SuppressWarnings("unchecked")
      Map<String, List<TrainStepMetrics>> steps = (Map<String, List<TrainStepMetrics>>) r[0];
      @SuppressWarnings("unchecked")
      Map<String, List<DevEvaluation>> evaluations = (Map<String, List<DevEvaluation>>) r[1];
      compared.compare(steps, evaluations);
      comparedRuns.setAll(list);
    }, message -> error.set(T.format("RunsViewModel.cannotCompare", message)));
  }

  /** Stops a training run and waits for it (window closing, tests). */
  public void shutdown() {
    queue.clear();
    RunJob j = job;
    if (j != null) {
      j.stopAndWait(60_000);
    }
  }

  /** True while the list or curves are being read (tests wait on it). */
  public boolean busy() {
    return listWork.busy() || curveWork.busy() || overlayWork.busy();
  }

  /** True while the training run waits, paused, between steps (tests wait on it). */
  boolean holding() {
    RunJob j = job;
    return j != null && j.control().isHolding();
  }

  /** The newest step the training run reported, or 0 (tests compare it with what the charts pulled). */
  long reportedStep() {
    RunJob j = job;
    org.bertworkbench.core.finetune.TrainStepMetrics s = j == null ? null : j.monitor().latest();
    return s == null ? 0 : s.step();
  }

  /** The run folder being trained, or null. */
  public Path training() {
    RunJob j = job;
    return j == null ? null : j.dir();
  }

  /** True when a run can be resumed: stopped, interrupted or failed, and nothing is training. */
  public boolean resumable(FinetuneRun.Summary s) {
    return s != null && job == null && s.status().state() != FinetuneRun.State.FINISHED
        && s.status().state() != FinetuneRun.State.RUNNING
        && Files.isDirectory(s.dir().resolve(org.bertworkbench.core.run.RunDirectory.CHECKPOINTS));
  }

  public ObjectProperty<Path> runsFolderProperty() {
    return runsFolder;
  }

  public ObservableList<FinetuneRun.Summary> runs() {
    return runs;
  }

  /** The run whose curves the monitor shows. */
  public ObjectProperty<Path> shownProperty() {
    return shown;
  }

  public RunCurves curves() {
    return curves;
  }

  public RunCurves comparedCurves() {
    return compared;
  }

  public ObservableList<FinetuneRun.Summary> comparedRuns() {
    return comparedRuns;
  }

  public StringProperty statusProperty() {
    return status;
  }

  public StringProperty errorProperty() {
    return error;
  }

  /** Fraction of the training run done; negative while unknown. */
  public DoubleProperty progressProperty() {
    return progress;
  }

  /** "step 120 of 400 · epoch 0.90 · loss 0.4312 · 2 min 10 s left · dev accuracy 81.0%". */
  public StringProperty progressTextProperty() {
    return progressText;
  }

  public BooleanProperty runningProperty() {
    return running;
  }

  public BooleanProperty pausedProperty() {
    return paused;
  }

  /** The model folder of the newest run that finished here. */
  public ObjectProperty<Path> finishedModelProperty() {
    return finishedModel;
  }
}
