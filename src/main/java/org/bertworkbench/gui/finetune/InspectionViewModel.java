package org.bertworkbench.gui.finetune;

import ai.djl.Device;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.bertworkbench.core.finetune.ClassificationMetrics;
import org.bertworkbench.core.finetune.DataColumns;
import org.bertworkbench.core.finetune.Dataset;
import org.bertworkbench.core.finetune.ModelInputs;
import org.bertworkbench.core.finetune.ClassPrediction;
import org.bertworkbench.core.finetune.DevPredictions;
import org.bertworkbench.core.finetune.EntityMetrics;
import org.bertworkbench.core.finetune.Evaluation;
import org.bertworkbench.core.finetune.Example;
import org.bertworkbench.core.finetune.FinetuneModel;
import org.bertworkbench.core.finetune.FinetuneRun;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.bertworkbench.core.finetune.Prediction;
import org.bertworkbench.core.finetune.Predictor;
import org.bertworkbench.core.finetune.QaAnswer;
import org.bertworkbench.core.finetune.QaExample;
import org.bertworkbench.core.finetune.SpanPrediction;
import org.bertworkbench.core.finetune.TagExample;
import org.bertworkbench.core.finetune.TagPrediction;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.core.finetune.TextExample;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.gui.shell.ExplainRequest;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.Latest;
import org.bertworkbench.gui.work.LatestWork;
import org.bertworkbench.gui.export.Drawing;

/**
 * Evaluation and predictions of a finished run, without the window: the run's dev predictions
 * (its {@code dev-predictions.jsonl}, joined by line number with the examples of the file they
 * came from) scored with the task's metrics, listed errors first; the picture of the chosen one
 * (class probabilities; for QA the start and end probabilities over the paragraph, computed by the
 * model on demand; for tagging the entities in colour); and predictions for typed input.
 */
public final class InspectionViewModel {

  private static final Texts T = Texts.of(InspectionViewModel.class);

  /**
   * One dev example and what the model said.
   *
   * @param example the example as read from its file
   * @param text the input in one line (text, "text ‖ text b", question, or words)
   * @param gold the gold answer in words
   * @param predicted the model's answer in words
   * @param correct whether it is right (label; every tag; exact match after SQuAD's normalisation)
   * @param confidence the predicted label's probability, the span's score, or the mean tag confidence; NaN when unknown
   * @param json the row of dev-predictions.jsonl
   */
  public record Row(Example example, String text, String gold, String predicted, boolean correct, double confidence,
      JsonObject json) {}

  /**
   * A run inspected.
   *
   * @param run the run folder
   * @param task its task
   * @param labels the model's labels (classification) or tags; empty for QA
   * @param rows errors first (the most confident errors first), then the right ones
   * @param metrics the task's headline metrics, by name, in [0, 1]
   * @param classes classification scores with the confusion matrix, else null
   * @param entities tagging scores per entity type, else null
   * @param featureColumns the numeric feature columns the model reads (empty for most runs)
   */
  public record Inspection(Path run, TaskKind task, List<String> labels, List<Row> rows, Map<String, Double> metrics,
      ClassificationMetrics classes, EntityMetrics entities, List<String> featureColumns) {

    public long errors() {
      return rows.stream().filter(r -> !r.correct()).count();
    }
  }

  private final LatestWork read = new LatestWork("finetune-inspect");
  private final LatestWork predict = new LatestWork("finetune-predict");
  private final ObjectProperty<Inspection> inspection = new SimpleObjectProperty<>();
  private java.util.function.Consumer<ExplainRequest> onExplain;
  private final ObjectProperty<Drawing> drawing = new SimpleObjectProperty<>();
  private final StringProperty message = new SimpleStringProperty(T.get("InspectionViewModel.chooseRun"));
  private final StringProperty answer = new SimpleStringProperty("");
  private final StringProperty pieces = new SimpleStringProperty("");
  /** Used only on the predict thread. */
  private FinetuneModel model;
  private Path modelRun;

  /** Reads a finished run's dev predictions and scores them (in the background); null clears. */
  public void open(Path runDir) {
    clear(T.get("InspectionViewModel.chooseRun"));
    if (runDir == null) {
      return;
    }
    String name = String.valueOf(runDir.getFileName());
    message.set(T.format("InspectionViewModel.reading", name));
    read.submit(() -> inspect(runDir), i -> {
      inspection.set(i);
      message.set(T.format("InspectionViewModel.summary", name, i.rows().size(), i.errors(),
          RunFormat.metrics(i.metrics())));
    }, m -> message.set(T.format("InspectionViewModel.cannotInspect", name, m)));
  }

  /** Shows other examples: the picture and the pieces of the one chosen before go. */
  private void shown(Inspection i) {
    drawing.set(null);
    pieces.set("");
    answer.set("");
    inspection.set(i);
  }

  /** Shows nothing, and says why. */
  public void clear(String why) {
    read.cancel();
    inspection.set(null);
    drawing.set(null);
    answer.set("");
    pieces.set("");
    message.set(why);
  }

  static Inspection inspect(Path dir) throws Exception {
    FinetuneRun run = new FinetuneRun(dir);
    FinetuneSpec spec = run.spec();
    return inspection(dir, spec.task(), DevPredictions.read(run), spec.columns().features());
  }

  private static Inspection inspection(Path dir, TaskKind task, DevPredictions predictions, List<String> features) {
    List<Row> rows = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (DevPredictions.Row r : predictions.rows()) {
      rows.add(row(r, labels));
    }
    rows.sort(Comparator.comparing(Row::correct).thenComparing(r -> -(Double.isNaN(r.confidence()) ? 0 : r.confidence())));
    Evaluation.Result scored = predictions.evaluate();
    return new Inspection(dir, task, labels, rows, scored.metrics(), scored.classes(), scored.entities(), features);
  }

  /**
   * Evaluates the run's model on a new labelled file (a test set), as {@code evaluate} does: the
   * evaluation and predictions views then show that file's scores and examples, errors first.
   */
  public void evaluateFile(Path file) {
    Inspection i = inspection.get();
    if (i == null || file == null) {
      message.set(T.get("InspectionViewModel.chooseFirst"));
      return;
    }
    Path run = i.run();
    String runName = String.valueOf(run.getFileName());
    String fileName = String.valueOf(file.getFileName());
    message.set(T.format("InspectionViewModel.evaluating", runName, fileName));
    predict.submitReporting(progress -> {
      FinetuneModel m = model(run);
      DataColumns columns = ModelInputs.columns(m.head(), null, null, null);
      Dataset d = ModelInputs.labelled(m.head(), file, columns);
      List<Prediction> p = new Predictor(m).predict(d.examples(), progress);
      return new Object[] {inspection(run, ModelInputs.task(m.head(), columns), DevPredictions.of(
          ModelInputs.task(m.head(), columns), d.examples(), p), m.head().featureColumns()), d.badRows().size()};
    }, r -> {
      Inspection done = (Inspection) r[0];
      shown(done);
      int bad = (int) r[1];
      message.set(bad == 0 ? T.format("InspectionViewModel.evaluated", runName, fileName, done.rows().size(),
          done.errors(), RunFormat.metrics(done.metrics())) : T.format("InspectionViewModel.evaluatedBad", runName,
          fileName, done.rows().size(), done.errors(), RunFormat.metrics(done.metrics()), bad));
    }, m -> message.set(T.format("InspectionViewModel.cannotEvaluate", fileName, m)));
  }

  /**
   * Predicts every line of a file (a text, or "text TAB second text", as {@code predict --input}
   * reads) with the run's model, writes them as JSON lines to {@code out}, and lists them.
   */
  public void predictFile(Path file, Path out) {
    Inspection i = inspection.get();
    if (i == null || file == null) {
      message.set(T.get("InspectionViewModel.chooseFirst"));
      return;
    }
    Path run = i.run();
    String fileName = String.valueOf(file.getFileName());
    message.set(T.format("InspectionViewModel.predicting", fileName));
    predict.submitReporting(progress -> {
      FinetuneModel m = model(run);
      List<org.bertworkbench.core.analysis.CorpusFile.Line> lines = org.bertworkbench.core.analysis.CorpusFile.read(file);
      List<Example> examples = new ArrayList<>();
      for (int k = 0; k < lines.size(); k++) {
        examples.add(ModelInputs.unlabelled(m.head(), k + 1, lines.get(k).a(), lines.get(k).b(), new double[0]));
      }
      List<Prediction> p = new Predictor(m).predict(examples, progress);
      List<Row> rows = new ArrayList<>();
      StringBuilder jsonl = new StringBuilder();
      for (int k = 0; k < examples.size(); k++) {
        JsonObject o = org.bertworkbench.core.finetune.PredictionJson.of(null, p.get(k));
        o.addProperty("text", lines.get(k).a());
        jsonl.append(o).append('\n');
        Row row = row(new DevPredictions.Row(examples.get(k), o, p.get(k)), new ArrayList<>());
        rows.add(new Row(row.example(), row.text(), "", row.predicted(), true, row.confidence(), o));
      }
      java.nio.file.Files.writeString(out, jsonl);
      return new Inspection(run, i.task(), i.labels(), rows, Map.of(), null, null, i.featureColumns());
    }, done -> {
      shown(done);
      message.set(T.format("InspectionViewModel.predicted", done.rows().size(), fileName,
          String.valueOf(run.getFileName()), String.valueOf(out)));
    }, m -> message.set(T.format("InspectionViewModel.cannotPredictFile", fileName, m)));
  }

  private static Row row(DevPredictions.Row r, List<String> labels) {
    Example e = r.example();
    JsonObject o = r.json();
    if (e instanceof TextExample t) {
      ClassPrediction p = (ClassPrediction) r.prediction();
      if (labels.isEmpty()) {
        labels.addAll(p.labels());
      }
      return new Row(e, t.textB() == null ? t.textA() : t.textA() + "  ‖  " + t.textB(), t.label(), p.label(),
          r.correct(), o.get("confidence").getAsDouble(), o);
    }
    if (e instanceof TagExample t) {
      TagPrediction p = (TagPrediction) r.prediction();
      if (labels.isEmpty()) {
        labels.addAll(new java.util.LinkedHashSet<>(t.tags()));
      }
      return new Row(e, String.join(" ", t.words()), String.join(" ", t.tags()), String.join(" ", p.tags()),
          r.correct(), Double.NaN, o);
    }
    QaExample q = (QaExample) e;
    SpanPrediction p = (SpanPrediction) r.prediction();
    return new Row(e, q.question(), String.join(" | ", q.answers().stream().map(QaAnswer::text).toList()), p.answer(),
        r.correct(), p.score(), o);
  }

  private static List<String> strings(JsonElement array) {
    return DevPredictions.strings(array);
  }

  /** Where "explain this prediction" goes (the window's Explain view); nothing happens until one is set. */
  public void setOnExplain(java.util.function.Consumer<ExplainRequest> onExplain) {
    this.onExplain = onExplain;
  }

  /** Hands {@code row}'s input and its model to the Explain view; false when there is nothing to explain. */
  public boolean explain(Row row) {
    Inspection i = inspection.get();
    if (row == null || i == null || onExplain == null) {
      return false;
    }
    onExplain.accept(new ExplainRequest(new FinetuneRun(i.run()).modelDir(), row.example(), row.predicted()));
    return true;
  }

  /** Shows one dev example: its probabilities, its entities, or (QA) its span probabilities from the model. */
  public void choose(Row row) {
    Inspection i = inspection.get();
    if (row == null || i == null) {
      drawing.set(null);
      return;
    }
    tokenize(i.run(), row.example());
    if (row.example() instanceof TextExample t) {
      Map<String, Double> p = new LinkedHashMap<>();
      row.json().getAsJsonObject("probabilities").entrySet().forEach(x -> p.put(x.getKey(), x.getValue().getAsDouble()));
      drawing.set(BarsDrawing.probabilities(p, t.label()));
    } else if (row.example() instanceof TagExample t) {
      drawing.set(new EntityDrawing(t.words(), strings(row.json().get("tags")), t.tags()));
    } else {
      runModel(i.run(), row.example());
    }
  }

  /**
   * Predicts a typed input with the run's model: for classification sentence A (and B); for QA the
   * question (A) and the paragraph (B); for tagging the words of A. Numeric features: comma-separated.
   */
  public void predictTyped(String a, String b, String features) {
    Inspection i = inspection.get();
    if (i == null) {
      answer.set(T.get("InspectionViewModel.chooseFirst"));
      return;
    }
    if (a == null || a.isBlank()) {
      answer.set(i.task() == TaskKind.QA ? T.get("InspectionViewModel.typeQuestion")
          : T.get("InspectionViewModel.typeText"));
      return;
    }
    Example e = switch (i.task()) {
      case CLASSIFY, PAIR -> new TextExample(0, a.strip(), b == null || b.isBlank() ? null : b.strip(), null,
          numbers(features));
      case QA -> new QaExample(0, "typed", a.strip(), b == null ? "" : b.strip(), List.of());
      case TAG -> new TagExample(0, List.of(a.strip().split("\\s+")), List.of());
    };
    if (i.task() == TaskKind.QA && (b == null || b.isBlank())) {
      answer.set(T.get("InspectionViewModel.typeParagraph"));
      return;
    }
    runModel(i.run(), e);
  }

  private static double[] numbers(String text) {
    if (text == null || text.isBlank()) {
      return new double[0];
    }
    String[] parts = text.split("[,;\\s]+");
    double[] out = new double[parts.length];
    for (int k = 0; k < parts.length; k++) {
      try {
        out[k] = Double.parseDouble(parts[k]);
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException(T.format("InspectionViewModel.notANumber", k + 1, parts[k]));
      }
    }
    return out;
  }

  private void runModel(Path run, Example e) {
    answer.set(T.get("InspectionViewModel.predictingOne"));
    predict.submit(() -> {
      FinetuneModel m = model(run);
      Prediction p = new Predictor(m).predict(List.of(e), Progress.NONE).get(0);
      return new Object[] {p, describe(p, m), piecesOf(m, e)};
    }, r -> {
      Prediction p = (Prediction) r[0];
      answer.set((String) r[1]);
      pieces.set((String) r[2]);
      drawing.set(drawingOf(e, p));
    }, m -> answer.set(T.format("InspectionViewModel.cannotPredict", m)));
  }

  /** Shows how the model's tokenizer cut an example (the example's prediction is already known). */
  private void tokenize(Path run, Example e) {
    if (e instanceof QaExample) {
      return; // the model runs for QA's picture anyway, and says the pieces then
    }
    pieces.set("");
    predict.submit(() -> piecesOf(model(run), e), pieces::set, m -> pieces.set(T.format("InspectionViewModel.cannotTokenize", m)));
  }

  /** "[CLS] the sea ##s [SEP]": the pieces the model read, each window on its own line. */
  static String piecesOf(FinetuneModel m, Example e) {
    List<List<String>> windows = new org.bertworkbench.core.finetune.TaskEncoder(m.tokenizer(), m.head()).pieces(e);
    List<String> lines = new ArrayList<>();
    for (List<String> w : windows) {
      String line = w.size() >= m.head().maxLength()
          ? T.format("InspectionViewModel.piecesCut", String.join(" ", w), w.size(), m.head().maxLength())
          : T.format("InspectionViewModel.pieces", String.join(" ", w), w.size());
      lines.add(windows.size() > 1 ? T.format("InspectionViewModel.window", lines.size() + 1, line) : line);
    }
    return String.join("\n", lines);
  }

  /** How the chosen example or typed input was tokenized: its word pieces. */
  public StringProperty piecesProperty() {
    return pieces;
  }

  /** The run's model, opened once (predict thread only). */
  private FinetuneModel model(Path run) throws Exception {
    if (model == null || !run.equals(modelRun)) {
      if (model != null) {
        model.close();
      }
      model = null;
      model = FinetuneModel.open(new FinetuneRun(run).modelDir().toString(), Device.cpu());
      modelRun = run;
    }
    return model;
  }

  private static String describe(Prediction p, FinetuneModel m) {
    if (p instanceof ClassPrediction c) {
      return T.format("InspectionViewModel.classAnswer", c.label(), String.format("%.3f", c.confidence()));
    }
    if (p instanceof SpanPrediction s) {
      return T.format("InspectionViewModel.spanAnswer", s.answer(), String.valueOf(s.start()), String.valueOf(s.end()),
          String.format("%.3f", s.score()));
    }
    TagPrediction t = (TagPrediction) p;
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < t.words().size(); k++) {
      parts.add(t.words().get(k) + "/" + t.tags().get(k));
    }
    return String.join(" ", parts);
  }

  static Drawing drawingOf(Example e, Prediction p) {
    if (p instanceof ClassPrediction c) {
      Map<String, Double> probs = new LinkedHashMap<>();
      for (int k = 0; k < c.labels().size(); k++) {
        probs.put(c.labels().get(k), c.probabilities()[k]);
      }
      return BarsDrawing.probabilities(probs, e instanceof TextExample t ? t.label() : null);
    }
    if (p instanceof TagPrediction t) {
      return new EntityDrawing(t.words(), t.tags(), e instanceof TagExample g ? g.tags() : List.of());
    }
    SpanPrediction s = (SpanPrediction) p;
    QaExample q = (QaExample) e;
    List<SpanDrawing.Piece> pieces = s.tokens().stream()
        .map(k -> new SpanDrawing.Piece(k.start(), k.end(), k.startProbability(), k.endProbability())).toList();
    List<int[]> gold = q.answers().stream().map(a -> new int[] {a.start(), a.end()}).toList();
    return new SpanDrawing(q.question(), q.context(), pieces, s.start(), s.end(), gold);
  }

  /**
   * Closes the model (window closing) on the predict thread after the work in flight; from any
   * thread, since it touches no property the window's progress bar is bound to.
   */
  public void shutdown() {
    predict.latest().after(() -> {
      if (model != null) {
        model.close();
        model = null;
      }
    });
  }

  /** True while reading or predicting (tests wait on it). */
  public boolean busy() {
    return read.busy() || predict.busy();
  }

  public ObjectProperty<Inspection> inspectionProperty() {
    return inspection;
  }

  /** The picture of the chosen example or typed input. */
  public ObjectProperty<Drawing> drawingProperty() {
    return drawing;
  }

  /** What is shown, or why nothing is. */
  /** The runner of predictions: over a file it reports progress (for a bar and its status line). */
  public Latest predictWork() {
    return predict.latest();
  }

  public StringProperty messageProperty() {
    return message;
  }

  /** The model's answer to the chosen example or typed input, in words. */
  public StringProperty answerProperty() {
    return answer;
  }
}
