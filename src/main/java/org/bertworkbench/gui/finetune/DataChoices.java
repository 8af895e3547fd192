package org.bertworkbench.gui.finetune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.bertworkbench.core.finetune.DataColumns;
import org.bertworkbench.core.finetune.DataColumns.FeatureMode;
import org.bertworkbench.core.finetune.Dataset;
import org.bertworkbench.core.finetune.Datasets;
import org.bertworkbench.core.finetune.Preview;
import org.bertworkbench.core.finetune.Split;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.LatestWork;

/**
 * The data page without the page: the training file and its preview, the columns picked from it,
 * a dev file or a seeded split, and what reading the files found (examples, labels, class
 * balance, bad rows with their line numbers). Files are read in the background, newest choice
 * wins; {@link #problem()} says what still keeps the user from going on.
 */
public final class DataChoices {

  private static final Texts T = Texts.of(DataChoices.class);

  static final int PREVIEW_ROWS = 20;
  private static final java.util.prefs.Preferences PREFS = java.util.prefs.Preferences.userNodeForPackage(DataChoices.class);
  static final String LAST_FOLDER = "lastDataFolder";

  /**
   * What reading the chosen files found.
   *
   * @param train the training file as read (bad rows included in its report)
   * @param dev the dev file as read, or null when the dev set is split off
   * @param split the seeded split of the training file when there is no dev file, else null
   */
  public record Report(Dataset train, Dataset dev, Split split) {

    /** Examples trained on (after a split). */
    public int trainExamples() {
      return split != null ? split.train().examples().size() : train.examples().size();
    }

    /** Examples evaluated on. */
    public int devExamples() {
      return split != null ? split.dev().examples().size() : dev == null ? 0 : dev.examples().size();
    }

    /** The bad rows of both files, the dev file's marked as such, in the window's language. */
    public List<String> badRows() {
      Locale locale = Language.current().locale();
      List<String> out = new ArrayList<>();
      train.badRows().forEach(b -> out.add(train.source().getFileName() + " " + b.say(locale)));
      if (dev != null) {
        dev.badRows().forEach(b -> out.add(dev.source().getFileName() + " " + b.say(locale)));
      }
      return out;
    }
  }

  private final Supplier<TaskChoice> task;
  private final Supplier<FeatureMode> featureMode;
  private final LatestWork previewWork = new LatestWork("finetune-preview");
  private final LatestWork readWork = new LatestWork("finetune-read");

  private final StringProperty trainFile = new SimpleStringProperty("");
  private final StringProperty devFile = new SimpleStringProperty("");
  private final BooleanProperty useDevFile = new SimpleBooleanProperty(false);
  private final StringProperty devFraction = new SimpleStringProperty("10%");
  private final StringProperty splitSeed = new SimpleStringProperty("42");
  private final StringProperty textA = new SimpleStringProperty();
  private final StringProperty textB = new SimpleStringProperty();
  private final StringProperty label = new SimpleStringProperty();
  private final ObservableList<String> features = FXCollections.observableArrayList();
  private final StringProperty template = new SimpleStringProperty("");
  private final BooleanProperty skipBadRows = new SimpleBooleanProperty(false);

  private final ObjectProperty<Preview> preview = new SimpleObjectProperty<>();
  private final ObjectProperty<Report> report = new SimpleObjectProperty<>();
  private final StringProperty readError = new SimpleStringProperty("");
  private final BooleanProperty reading = new SimpleBooleanProperty(false);

  /**
   * @param task the task page's choice
   * @param featureMode the task page's numeric-feature strategy
   */
  DataChoices(Supplier<TaskChoice> task, Supplier<FeatureMode> featureMode) {
    this.task = task;
    this.featureMode = featureMode;
    trainFile.addListener((o, was, now) -> previewTrain());
    for (Observable o : List.<Observable>of(devFile, useDevFile, devFraction, splitSeed, textA, textB, label, features,
        template)) {
      o.addListener(x -> read());
    }
  }

  /**
   * The folder of the data file read last, in this window or an earlier one (the user's
   * preferences), where the file choosers open; null before the first.
   */
  public Path lastFolder() {
    String f = PREFS.get(LAST_FOLDER, "");
    Path p = f.isEmpty() ? null : Path.of(f);
    return p != null && java.nio.file.Files.isDirectory(p) ? p : null;
  }

  private static void rememberFolder(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      PREFS.put(LAST_FOLDER, parent.toString());
    }
  }

  /** Reads the first rows of the training file; picks likely columns when none are picked. */
  void previewTrain() {
    String file = trimmed(trainFile);
    preview.set(null);
    report.set(null);
    if (file.isEmpty()) {
      readError.set("");
      previewWork.cancel();
      return;
    }
    reading.set(true);
    previewWork.submit(() -> Datasets.preview(Path.of(file), PREVIEW_ROWS), p -> {
      rememberFolder(Path.of(file));
      preview.set(p);
      guessColumns(p);
      read();
    }, message -> {
      reading.set(false);
      readError.set(message);
    });
  }

  private void guessColumns(Preview p) {
    TaskChoice t = task.get();
    if (!t.tabular()) {
      return;
    }
    boolean fits = textA.get() != null && p.columns().contains(textA.get())
        && label.get() != null && p.columns().contains(label.get())
        && (t.kind() != TaskKind.PAIR || textB.get() != null && p.columns().contains(textB.get()));
    if (fits) {
      return;
    }
    DataColumns guess = Datasets.guessColumns(p.columns(), t.kind());
    features.clear();
    textB.set(guess.textB());
    label.set(guess.label());
    textA.set(guess.textA());
  }

  /** The task page changed: picks likely columns again if the picked ones do not suit it, and reads again. */
  void taskChanged() {
    Preview p = preview.get();
    if (p != null) {
      guessColumns(p);
    }
    read();
  }

  /** Reads the chosen files in the background with the chosen columns (task or column changed). */
  public void read() {
    Preview p = preview.get();
    String file = trimmed(trainFile);
    if (p == null || file.isEmpty()) {
      return;
    }
    TaskKind kind = kind();
    DataColumns columns;
    double fraction;
    long seed;
    try {
      columns = columns();
      fraction = useDevFile.get() ? 0 : Fields.number(devFraction.get(), T.get("DataChoices.devShare"), 0.01, 0.5);
      seed = Fields.seed(splitSeed.get(), T.get("DataChoices.splitSeed"));
      if (useDevFile.get() && trimmed(devFile).isEmpty()) {
        throw new IllegalArgumentException(T.get("DataChoices.chooseDev"));
      }
    } catch (IllegalArgumentException e) {
      readWork.cancel();
      reading.set(false);
      report.set(null);
      readError.set(Texts.failure(e));
      return;
    }
    String dev = useDevFile.get() ? trimmed(devFile) : null;
    reading.set(true);
    readWork.submit(() -> {
      Dataset train = Datasets.read(Path.of(file), kind, columns, null);
      if (dev != null) {
        return new Report(train, Datasets.read(Path.of(dev), kind, columns, train.labels()), null);
      }
      return new Report(train, null, train.examples().size() < 2 ? null : Split.of(train, fraction, seed));
    }, r -> {
      reading.set(false);
      readError.set("");
      report.set(r);
    }, message -> {
      reading.set(false);
      report.set(null);
      readError.set(message);
    });
  }

  /** The task family the files are read for: numeric features with a second text read as pairs. */
  TaskKind kind() {
    TaskChoice t = task.get();
    if (t == TaskChoice.NUMERIC) {
      return blank(textB) ? TaskKind.CLASSIFY : TaskKind.PAIR;
    }
    return t.kind();
  }

  /** The columns as picked; throws when a needed one is missing. */
  DataColumns columns() {
    TaskChoice t = task.get();
    TaskKind kind = kind();
    if (!t.tabular()) {
      return DataColumns.defaults(kind);
    }
    if (blank(textA)) {
      throw new IllegalArgumentException(T.get("DataChoices.pickText"));
    }
    if (kind == TaskKind.PAIR && blank(textB)) {
      throw new IllegalArgumentException(T.get("DataChoices.pickSecond"));
    }
    if (blank(label)) {
      throw new IllegalArgumentException(T.get("DataChoices.pickLabel"));
    }
    if (t != TaskChoice.NUMERIC) {
      return new DataColumns(textA.get(), kind == TaskKind.PAIR ? textB.get() : null, label.get(), List.of(),
          FeatureMode.NONE, null);
    }
    if (features.isEmpty()) {
      throw new IllegalArgumentException(T.get("DataChoices.tickFeature"));
    }
    FeatureMode mode = featureMode.get();
    return new DataColumns(textA.get(), blank(textB) ? null : textB.get(), label.get(), List.copyOf(features), mode,
        mode == FeatureMode.TEXT_TEMPLATE ? template.get() : null);
  }

  /** What keeps the user on this page, or null when the data can be trained on. */
  public String problem() {
    if (trimmed(trainFile).isEmpty()) {
      return T.get("DataChoices.chooseTrain");
    }
    if (!readError.get().isEmpty()) {
      return readError.get();
    }
    Report r = report.get();
    if (reading.get() || r == null) {
      return T.get("DataChoices.reading");
    }
    if (r.train().examples().isEmpty()) {
      return noExample(r.train(), r);
    }
    if (kind() != TaskKind.QA && r.train().labels().size() < 2) {
      return T.format("DataChoices.oneLabel", String.join(", ", r.train().labels()));
    }
    if (r.dev() != null && r.dev().examples().isEmpty()) {
      return noExample(r.dev(), r);
    }
    if (!r.badRows().isEmpty() && !skipBadRows.get()) {
      return T.format("DataChoices.badRows", r.badRows().size());
    }
    return null;
  }

  private static String noExample(Dataset d, Report r) {
    String file = String.valueOf(d.source().getFileName());
    return r.badRows().isEmpty() ? T.format("DataChoices.noExample", file)
        : T.format("DataChoices.noExampleBad", file, r.badRows().size());
  }

  /** The feature columns the preview offers: every column but the texts and the label. */
  public List<String> featureCandidates() {
    Preview p = preview.get();
    if (p == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(p.columns());
    out.remove(textA.get());
    out.remove(textB.get());
    out.remove(label.get());
    return out;
  }

  /** A template naming every ticked feature: "price {price} stars {stars}". */
  public String defaultTemplate() {
    List<String> parts = new ArrayList<>();
    for (String f : features) {
      parts.add(f + " {" + f + "}");
    }
    return String.join(" ", parts);
  }

  /** The dev share as a fraction (0.1), for the spec; 0.1 when it cannot be read. */
  double devFractionValue() {
    try {
      return Fields.number(devFraction.get(), T.get("DataChoices.devShare"), 0.01, 0.5);
    } catch (IllegalArgumentException e) {
      return 0.1;
    }
  }

  /** True while a preview or a read is under way (tests wait on it). */
  public boolean busy() {
    return previewWork.busy() || readWork.busy();
  }

  private static boolean blank(StringProperty p) {
    return p.get() == null || p.get().isBlank();
  }

  private static String trimmed(StringProperty p) {
    return p.get() == null ? "" : p.get().trim();
  }

  public StringProperty trainFileProperty() {
    return trainFile;
  }

  public StringProperty devFileProperty() {
    return devFile;
  }

  /** True: a separate dev file; false: a seeded split of the training file. */
  public BooleanProperty useDevFileProperty() {
    return useDevFile;
  }

  /** The share of the training file held out when splitting ("10%" or "0.1"). */
  public StringProperty devFractionProperty() {
    return devFraction;
  }

  public StringProperty splitSeedProperty() {
    return splitSeed;
  }

  public StringProperty textAProperty() {
    return textA;
  }

  public StringProperty textBProperty() {
    return textB;
  }

  public StringProperty labelProperty() {
    return label;
  }

  /** The ticked numeric feature columns. */
  public ObservableList<String> features() {
    return features;
  }

  public StringProperty templateProperty() {
    return template;
  }

  public BooleanProperty skipBadRowsProperty() {
    return skipBadRows;
  }

  public ObjectProperty<Preview> previewProperty() {
    return preview;
  }

  public ObjectProperty<Report> reportProperty() {
    return report;
  }

  /** Why the files cannot be read (one line), or empty. */
  public StringProperty readErrorProperty() {
    return readError;
  }

  public BooleanProperty readingProperty() {
    return reading;
  }
}
