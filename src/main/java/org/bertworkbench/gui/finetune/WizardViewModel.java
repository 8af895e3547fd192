package org.bertworkbench.gui.finetune;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.checkpoint.ModelCatalog;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.device.DevicePlan;
import org.bertworkbench.core.device.DeviceProbe;
import org.bertworkbench.core.device.DeviceSelection;
import org.bertworkbench.core.device.Precision;
import org.bertworkbench.core.finetune.DataColumns.FeatureMode;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.LatestWork;

/**
 * The fine-tuning wizard without the window: every choice of every page, each page's check before
 * "Next" ({@link #problem(Page)}: null when the page is complete, else the one line that says what
 * is missing), and the run specifications the choices make — the same {@link FinetuneSpec} the
 * command line reads with {@code --spec}.
 */
public final class WizardViewModel {

  /** The wizard's pages, in order. */
  public enum Page {
    TASK, DATA, MODEL, HYPERPARAMETERS, DEVICE, REVIEW;

    /** The page's title in the window's language. */
    public String title() {
      return switch (this) {
        case TASK -> T.get("WizardViewModel.page.task");
        case DATA -> T.get("WizardViewModel.page.data");
        case MODEL -> T.get("WizardViewModel.page.model");
        case HYPERPARAMETERS -> T.get("WizardViewModel.page.hyperparameters");
        case DEVICE -> T.get("WizardViewModel.page.device");
        case REVIEW -> T.get("WizardViewModel.page.review");
      };
    }
  }

  private static final Texts T = Texts.of(WizardViewModel.class);

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  private final ObjectProperty<TaskChoice> task = new SimpleObjectProperty<>(TaskChoice.CLASSIFY);
  private final ObjectProperty<FeatureMode> featureMode = new SimpleObjectProperty<>(FeatureMode.CLS_CONCAT);
  private final DataChoices data = new DataChoices(task::get, featureMode::get);
  private final HyperChoices hyper = new HyperChoices();

  private final ObservableList<BaseModels.BaseModel> models = FXCollections.observableArrayList();
  private final StringProperty model = new SimpleStringProperty("");
  private final ObjectProperty<BertConfig> modelConfig = new SimpleObjectProperty<>();
  private final StringProperty modelInfo = new SimpleStringProperty("");
  private final LatestWork modelWork = new LatestWork("finetune-model-info");
  /** The base model could not be read: {@link #modelInfo} says why (and is the page's problem). */
  private boolean modelFailed;

  private final DeviceProbe probe;
  private final ObservableList<String> devices = FXCollections.observableArrayList("cpu");
  private final StringProperty device = new SimpleStringProperty("cpu");
  private final StringProperty deviceReport = new SimpleStringProperty(T.get("WizardViewModel.lookingForGpus"));
  private final StringProperty precision = new SimpleStringProperty(Precision.AUTO);
  private final StringProperty precisionNote = new SimpleStringProperty("");
  private final LatestWork deviceWork = new LatestWork("finetune-devices");

  private final javafx.beans.property.DoubleProperty speed = new javafx.beans.property.SimpleDoubleProperty(Double.NaN);
  private final LatestWork speedWork = new LatestWork("finetune-speed");
  /** The engine's measured speed on the CPU, once per process (FLOP/s), or NaN. */
  private static volatile double cpuSpeed = Double.NaN;
  private String speedProblem = "";

  private final StringProperty runsFolder = new SimpleStringProperty("");
  private final StringProperty runName = new SimpleStringProperty("");
  /** Goes up on every change of any choice; the pages' checks are recomputed from it. */
  private final IntegerProperty revision = new SimpleIntegerProperty();

  /**
   * @param windowModels the window's model list (names and folders opened there)
   * @param runsFolder where runs go (and where models made here are found)
   * @param probe what the machine offers (the real one, or a fake in tests)
   */
  public WizardViewModel(List<String> windowModels, Path runsFolder, DeviceProbe probe) {
    this.probe = probe;
    this.runsFolder.set(runsFolder == null ? "" : runsFolder.toString());
    models.setAll(BaseModels.list(windowModels, runsFolder));
    models.stream().filter(BaseModels.BaseModel::usable).findFirst().ifPresent(m -> model.set(m.reference()));
    model.addListener((o, was, now) -> describeModel());
    task.addListener((o, was, now) -> {
      data.taskChanged();
      runName.set(defaultRunName());
    });
    featureMode.addListener((o, was, now) -> data.read());
    data.features().addListener((javafx.collections.ListChangeListener<String>) c -> {
      if (featureMode.get() == FeatureMode.TEXT_TEMPLATE) {
        data.templateProperty().set(data.defaultTemplate());
      }
    });
    data.trainFileProperty().addListener((o, was, now) -> runName.set(defaultRunName()));
    List<Observable> all = new ArrayList<>(List.<Observable>of(task, featureMode, model, modelConfig, device,
        precision, deviceReport, this.runsFolder, runName, data.trainFileProperty(), data.devFileProperty(), data.useDevFileProperty(),
        data.devFractionProperty(), data.splitSeedProperty(), data.textAProperty(), data.textBProperty(),
        data.labelProperty(), data.features(), data.templateProperty(), data.skipBadRowsProperty(),
        data.previewProperty(), data.reportProperty(), data.readErrorProperty(), data.readingProperty(),
        hyper.learningRateProperty(), hyper.batchSizeProperty(), hyper.epochsProperty(), hyper.warmupProperty(),
        hyper.weightDecayProperty(), hyper.maxLengthProperty(), hyper.seedProperty(), hyper.frozenLayersProperty(),
        hyper.gridProperty(), hyper.gridRates(), hyper.gridBatches(), hyper.gridEpochs(), speed));
    all.forEach(o -> o.addListener(x -> revision.set(revision.get() + 1)));
    runName.set(defaultRunName());
    device.addListener((o, was, now) -> describePrecision());
    precision.addListener((o, was, now) -> describePrecision());
    describePrecision();
    describeModel();
    probeDevices();
  }

  /** The precision the device page's choice comes to, and why (e.g. float32 on the CPU). */
  private void describePrecision() {
    try {
      DevicePlan plan = DeviceSelection.select(device.get(), precision.get(), probe);
      precisionNote.set(T.format("WizardViewModel.precision", plan.precision().label(),
          capitalised(plan.precisionNote(Language.current().locale()))));
    } catch (IllegalArgumentException e) {
      precisionNote.set("");
    }
  }

  /** A run folder name from the task, the data file and the time: "classify-train-20261126-093000". */
  String defaultRunName() {
    String file = data.trainFileProperty().get() == null ? "" : data.trainFileProperty().get().trim();
    // While a path is typed it passes through "/" and "C:" (no file name) and may not be a path at all yet.
    String name = file.replaceFirst("[/\\\\]+$", "");
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    String stem = name.replaceFirst("\\.[^.]*$", "");
    stem = stem.replaceAll("[^A-Za-z0-9_-]+", "-");
    return task.get().kind().cliName() + (task.get() == TaskChoice.NUMERIC ? "-numeric" : "")
        + (stem.isEmpty() ? "" : "-" + stem) + "-" + LocalDateTime.now().format(STAMP);
  }

  private void describeModel() {
    String ref = model.get() == null ? "" : model.get().trim();
    modelConfig.set(null);
    modelFailed = false;
    if (ref.isEmpty()) {
      modelInfo.set(T.get("WizardViewModel.chooseModel"));
      modelWork.cancel();
      return;
    }
    var known = ModelCatalog.find(ref);
    if (known.isPresent()) {
      modelConfig.set(known.get().config());
      modelInfo.set(describe(known.get().config(), known.get().lowerCase())
          + (known.get().available() ? "" : "\n" + T.format("WizardViewModel.notLocal", known.get().mavenCoordinates())));
      return;
    }
    modelInfo.set(T.format("WizardViewModel.reading", ref));
    modelWork.submit(() -> CheckpointLoader.open(ref), c -> {
      modelConfig.set(c.config());
      String head = c.extraConfig().getOrDefault("finetuning_task", "");
      modelInfo.set(describe(c.config(), c.lowerCase()) + (head.isEmpty() ? ""
          : "\n" + T.format("WizardViewModel.fineTuned", head.replace("\"", ""))));
    }, message -> {
      modelFailed = true;
      modelInfo.set(T.format("WizardViewModel.cannotUse", message));
    });
  }

  static String describe(BertConfig c, boolean lowerCase) {
    return T.format("WizardViewModel.shape", c.numHiddenLayers(), c.hiddenSize(), c.numAttentionHeads(), c.vocabSize(),
        lowerCase ? T.get("WizardViewModel.uncased") : T.get("WizardViewModel.cased"), c.maxPositionEmbeddings());
  }

  private void probeDevices() {
    deviceWork.submit(() -> {
      List<String> choices = DeviceSelection.choices(probe);
      StringBuilder s = new StringBuilder(T.format("WizardViewModel.cpu", Runtime.getRuntime().availableProcessors()))
          .append('\n');
      if (probe.gpus().isEmpty()) {
        s.append(T.format("WizardViewModel.noGpu", probe.unavailableMessage().in(Language.current().locale())));
      } else {
        for (DeviceProbe.Gpu g : probe.gpus()) {
          String capability = g.computeCapability().isEmpty() ? T.get("WizardViewModel.unknown") : g.computeCapability();
          s.append(g.memoryBytes() > 0 ? T.format("WizardViewModel.gpuMemory", g.name(), capability,
              String.format(Locale.ROOT, "%.1f", g.memoryBytes() / 1e9)) : T.format("WizardViewModel.gpu", g.name(),
              capability)).append('\n');
        }
        if (probe.gpus().size() > 1) {
          s.append(T.get("WizardViewModel.allGpus"));
        }
      }
      return new Object[] {choices, s.toString().strip()};
    }, r -> {
      @SuppressWarnings("unchecked")
      List<String> choices = (List<String>) r[0];
      devices.setAll(choices);
      deviceReport.set((String) r[1]);
    }, message -> deviceReport.set(T.format("WizardViewModel.gpuLookFailed", message)));
  }

  /**
   * Measures this machine's speed for the review page's time estimate (in the background, once
   * per process on the CPU): a short matrix product of BERT-Base's shape.
   */
  public void measureSpeed() {
    boolean cpu = "cpu".equals(device.get());
    if (cpu && !Double.isNaN(cpuSpeed)) {
      speed.set(cpuSpeed);
      return;
    }
    String name = device.get();
    speedWork.submit(() -> org.bertworkbench.core.finetune.TrainingEstimate.measureFlops(
        cpu ? ai.djl.Device.cpu() : ai.djl.Device.fromName(name.replaceAll("[^0-9]", "").isEmpty() ? "gpu0"
            : "gpu" + name.replaceAll("[^0-9]", ""))), f -> {
              if (cpu) {
                cpuSpeed = f;
              }
              speed.set(f);
            }, message -> {
              speedProblem = message;
              speed.set(0);
            });
  }

  /** The measured speed (FLOP/s) for the estimate, NaN until measured. */
  public javafx.beans.value.ObservableDoubleValue speedProperty() {
    return speed;
  }

  /** "About 25 min for 1,250 steps …": the estimate for the launch, or why there is none yet. */
  String estimate() {
    BertConfig c = modelConfig.get();
    DataChoices.Report r = data.reportProperty().get();
    if (c == null || r == null) {
      return "";
    }
    if (Double.isNaN(speed.get())) {
      return T.get("WizardViewModel.measuring");
    }
    if (speed.get() <= 0) {
      return T.format("WizardViewModel.noEstimate", speedProblem);
    }
    double seconds = 0;
    long steps = 0;
    int length = 0;
    for (FinetuneSpec f : specs()) {
      length = org.bertworkbench.core.finetune.TrainingEstimate.typicalLength(r.train().examples(), f.maxLength());
      var e = org.bertworkbench.core.finetune.TrainingEstimate.of(c, r.trainExamples(), f.epochs(), f.batchSize(),
          length, speed.get());
      seconds += e.seconds();
      steps += e.steps();
    }
    return T.format("WizardViewModel.estimate", RunFormat.duration(seconds), steps, length,
        String.format(Locale.ROOT, "%.1f", speed.get() / 1e9));
  }

  /** What keeps the user on this page, or null when "Next" may go on. */
  public String problem(Page page) {
    try {
      return switch (page) {
        case TASK -> task.get() == null ? T.get("WizardViewModel.chooseTask") : null;
        case DATA -> data.problem();
        case MODEL -> modelProblem();
        case HYPERPARAMETERS -> {
          BertConfig c = modelConfig.get();
          hyper.values(c == null ? 24 : c.numHiddenLayers(), c == null ? 512 : c.maxPositionEmbeddings());
          yield null;
        }
        case DEVICE -> {
          DeviceSelection.select(device.get(), precision.get(), probe);
          yield null;
        }
        case REVIEW -> reviewProblem();
      };
    } catch (IllegalArgumentException e) {
      return capitalised(Texts.failure(e));
    }
  }

  /** The page's check as a binding for the view (recomputed on every change). */
  public StringBinding problemBinding(Page page) {
    return Bindings.createStringBinding(() -> problem(page), revision);
  }

  private String modelProblem() {
    String ref = model.get() == null ? "" : model.get().trim();
    if (ref.isEmpty()) {
      return T.get("WizardViewModel.chooseModel");
    }
    var known = ModelCatalog.find(ref);
    if (known.isPresent() && !known.get().available()) {
      return T.format("WizardViewModel.notLocalProblem", ref, known.get().mavenCoordinates());
    }
    if (modelConfig.get() == null) {
      return modelFailed ? modelInfo.get() : T.get("WizardViewModel.readingModel");
    }
    return null;
  }

  private String reviewProblem() {
    for (Page p : List.of(Page.TASK, Page.DATA, Page.MODEL, Page.HYPERPARAMETERS, Page.DEVICE)) {
      String problem = problem(p);
      if (problem != null) {
        return p.title() + ": " + problem;
      }
    }
    Path dir = runDir();
    if (Files.exists(dir)) {
      return T.format("WizardViewModel.exists", dir);
    }
    specs();
    return null;
  }

  /** The run folder: runs folder / run name. */
  public Path runDir() {
    String folder = runsFolder.get() == null ? "" : runsFolder.get().trim();
    String name = runName.get() == null ? "" : runName.get().trim();
    if (folder.isEmpty()) {
      throw new IllegalArgumentException(T.get("WizardViewModel.chooseFolder"));
    }
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      throw new IllegalArgumentException(T.format("WizardViewModel.plainName", name));
    }
    return Path.of(folder).resolve(name);
  }

  /** The run specifications the choices make: one, or one per grid cell (each in its own folder). */
  public List<FinetuneSpec> specs() {
    BertConfig c = modelConfig.get();
    HyperChoices.Values v = hyper.values(c == null ? 24 : c.numHiddenLayers(), c == null ? 512 : c.maxPositionEmbeddings());
    boolean devFile = data.useDevFileProperty().get();
    FinetuneSpec spec = new FinetuneSpec(data.kind(), data.trainFileProperty().get().trim(),
        devFile ? data.devFileProperty().get().trim() : null, devFile ? FinetuneSpec.DEFAULT_DEV_FRACTION
            : data.devFractionValue(), data.columns(), model.get().trim(), runDir().toString(), v.epochs(),
        v.batchSize(), v.learningRate(), v.warmup(), v.weightDecay(), v.maxLength(), v.seed(), v.frozenLayers(),
        device.get(), precision.get(), data.skipBadRowsProperty().get(), 0, 0);
    return hyper.gridProperty().get() ? spec.grid(hyper.rates(), hyper.batches(), hyper.epochCounts()) : List.of(spec);
  }

  /**
   * The checked specifications to launch. The trainer writes each into its run folder as spec.json
   * when the run starts (the file the command line's --spec reads).
   */
  public List<FinetuneSpec> launchSpecs() {
    String problem = problem(Page.REVIEW);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return specs();
  }

  /** The name of the specification file in a run folder. */
  public static final String SPEC_FILE = org.bertworkbench.core.finetune.FinetuneRun.SPEC;

  /** The review page's text: every choice in words. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    String title = task.get().title();
    s.append(task.get() != TaskChoice.NUMERIC ? T.format("WizardViewModel.task", title)
        : featureMode.get() == FeatureMode.TEXT_TEMPLATE ? T.format("WizardViewModel.taskTemplate", title)
        : T.format("WizardViewModel.taskCls", title));
    s.append('\n');
    s.append(T.format("WizardViewModel.trainFile", data.trainFileProperty().get())).append('\n');
    DataChoices.Report r = data.reportProperty().get();
    if (data.useDevFileProperty().get()) {
      s.append(T.format("WizardViewModel.devFile", data.devFileProperty().get())).append('\n');
    } else {
      s.append(T.format("WizardViewModel.devSet", data.devFractionProperty().get(), data.splitSeedProperty().get()))
          .append('\n');
    }
    if (r != null) {
      s.append(T.format("WizardViewModel.examples", r.trainExamples(), r.devExamples()));
      if (!r.train().labels().isEmpty()) {
        s.append(T.format("WizardViewModel.labels", String.join(", ", r.train().labels())));
      }
      if (!r.badRows().isEmpty()) {
        s.append(T.format("WizardViewModel.badRows", r.badRows().size()));
      }
      s.append('\n');
    }
    s.append(T.format("WizardViewModel.baseModel", model.get())).append('\n');
    try {
      List<FinetuneSpec> specs = specs();
      FinetuneSpec f = specs.get(0);
      if (specs.size() > 1) {
        s.append(T.format("WizardViewModel.grid", specs.size(), String.valueOf(hyper.rates().stream().map(Fields::rate)
            .toList()), String.valueOf(hyper.batches()), String.valueOf(hyper.epochCounts()))).append('\n');
      } else {
        s.append(T.format("WizardViewModel.hyper", Fields.rate(f.learningRate()), f.batchSize(), f.epochs()))
            .append(System.lineSeparator());
      }
      s.append(T.format("WizardViewModel.rest", String.format(Locale.ROOT, "%.0f", 100 * f.warmupFraction()),
          String.valueOf(f.weightDecay()), f.maxLength(), f.seed(), f.frozenLayers())).append(System.lineSeparator());
      DevicePlan plan = DeviceSelection.select(f.device(), f.precision(), probe);
      Locale locale = Language.current().locale();
      s.append(T.format("WizardViewModel.device", plan.describe(locale), plan.precisionNote(locale))).append('\n');
      String estimate = estimate();
      if (!estimate.isEmpty()) {
        s.append(estimate).append('\n');
      }
      s.append(specs.size() > 1 ? T.format("WizardViewModel.runFolders", runDir())
          : T.format("WizardViewModel.runFolder", runDir())).append('\n');
    } catch (IllegalArgumentException e) {
      s.append("(").append(Texts.failure(e)).append(")\n");
    }
    return s.toString();
  }

  private static String capitalised(String s) {
    return s == null || s.isEmpty() ? T.get("WizardViewModel.somethingWrong") : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  public ObjectProperty<TaskChoice> taskProperty() {
    return task;
  }

  /** The numeric-feature strategy (task "classification with numeric features"). */
  public ObjectProperty<FeatureMode> featureModeProperty() {
    return featureMode;
  }

  public DataChoices data() {
    return data;
  }

  public HyperChoices hyper() {
    return hyper;
  }

  public ObservableList<BaseModels.BaseModel> models() {
    return models;
  }

  /** The base model: a known name or a folder. */
  public StringProperty modelProperty() {
    return model;
  }

  /** The base model's shape once read, else null. */
  public ObjectProperty<BertConfig> modelConfigProperty() {
    return modelConfig;
  }

  public StringProperty modelInfoProperty() {
    return modelInfo;
  }

  public ObservableList<String> devices() {
    return devices;
  }

  public StringProperty deviceProperty() {
    return device;
  }

  /** What was detected, and why a GPU cannot be used. */
  public StringProperty deviceReportProperty() {
    return deviceReport;
  }

  /** "auto", "float32" or "float16". */
  public StringProperty precisionProperty() {
    return precision;
  }

  /** The precision the device and precision choices come to, and why. */
  public StringProperty precisionNoteProperty() {
    return precisionNote;
  }

  public StringProperty runsFolderProperty() {
    return runsFolder;
  }

  public StringProperty runNameProperty() {
    return runName;
  }

  /** True while the model, the devices or the data are being read (tests wait on it). */
  public boolean busy() {
    return modelWork.busy() || deviceWork.busy() || data.busy() || speedWork.busy();
  }
}
