package org.bertworkbench.core.finetune;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.run.JsonLines;

/**
 * A finished run's {@code dev-predictions.jsonl} read back: each row joined by line number with
 * the example of the file it came from, and the prediction it holds. Scored by
 * {@link Evaluation}, as {@code evaluate} scores a model, so that a window shows the same figures.
 */
public final class DevPredictions {

  /**
   * One dev example and what the model said.
   *
   * @param example the example as read from its file
   * @param json the row of dev-predictions.jsonl
   * @param prediction that row as a prediction (without what the file does not keep: QA span
   *     probabilities, tag confidences)
   */
  public record Row(Example example, JsonObject json, Prediction prediction) {

    /** Right label; every tag right; or the answer equal to a gold one after SQuAD's normalisation. */
    public boolean correct() {
      return PredictionJson.correct(example, prediction);
    }
  }

  private final TaskKind task;
  private final List<Row> rows;

  private DevPredictions(TaskKind task, List<Row> rows) {
    this.task = task;
    this.rows = List.copyOf(rows);
  }

  /**
   * Reads the predictions of {@code run} and the examples of its dev file (or of its training
   * file, when the dev set was split from it).
   *
   * @throws BadInputException when the run has not finished, or a row's line is not in the file
   */
  public static DevPredictions read(FinetuneRun run) throws IOException {
    Path file = run.file(FinetuneRun.DEV_PREDICTIONS);
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(Message.of(DevPredictions.class, "DevPredictions.notFinished",
          run.status().state().name().toLowerCase()));
    }
    FinetuneSpec spec = run.spec();
    Dataset source = Datasets.read(Path.of(spec.dev() != null ? spec.dev() : spec.train()), spec.task(), spec.columns(),
        null);
    Map<Integer, Example> byLine = new HashMap<>();
    source.examples().forEach(e -> byLine.put(e.line(), e));
    List<Row> rows = new ArrayList<>();
    for (JsonObject o : JsonLines.read(file)) {
      Example e = byLine.get(o.get("line").getAsInt());
      if (e == null) {
        throw new BadInputException(Message.of(DevPredictions.class, "DevPredictions.lineMissing", o.get("line"),
            source.source().getFileName()));
      }
      rows.add(new Row(e, o, prediction(rows.size(), e, o)));
    }
    return new DevPredictions(spec.task(), rows);
  }

  /**
   * Predictions of labelled examples made now (a test file evaluated in a window), as if read back
   * from a run's file: each row holds the JSON {@link PredictionJson#of} writes.
   */
  public static DevPredictions of(TaskKind task, List<? extends Example> examples, List<Prediction> predictions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      rows.add(new Row(examples.get(i), PredictionJson.of(examples.get(i), predictions.get(i)), predictions.get(i)));
    }
    return new DevPredictions(task, rows);
  }

  public TaskKind task() {
    return task;
  }

  /** In the file's order. */
  public List<Row> rows() {
    return rows;
  }

  /** The task's metrics over every row. */
  public Evaluation.Result evaluate() {
    return Evaluation.of(task, rows.stream().map(Row::example).toList(), rows.stream().map(Row::prediction).toList());
  }

  /** A row of the file as the prediction it was written from ({@link PredictionJson#of}). */
  static Prediction prediction(int index, Example e, JsonObject o) {
    if (e instanceof TextExample) {
      JsonObject probs = o.getAsJsonObject("probabilities");
      List<String> labels = new ArrayList<>(probs.keySet());
      double[] p = new double[labels.size()];
      for (int i = 0; i < p.length; i++) {
        p[i] = probs.get(labels.get(i)).getAsDouble();
      }
      return new ClassPrediction(index, o.get("label").getAsString(), labels, p);
    }
    if (e instanceof TagExample) {
      List<String> tags = strings(o.get("tags"));
      double[] unknown = new double[tags.size()];
      java.util.Arrays.fill(unknown, Double.NaN);
      return new TagPrediction(index, strings(o.get("tokens")), tags, unknown);
    }
    return new SpanPrediction(index, o.get("answer").getAsString(), o.get("start").getAsInt(), o.get("end").getAsInt(),
        o.get("score").getAsDouble(), List.of());
  }

  /** A JSON array of strings. */
  public static List<String> strings(JsonElement array) {
    List<String> out = new ArrayList<>();
    array.getAsJsonArray().forEach(x -> out.add(x.getAsString()));
    return out;
  }
}
