package org.bertworkbench.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_from_arrays;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.bertworkbench.core.finetune.ClassPrediction;
import org.bertworkbench.core.finetune.Example;
import org.bertworkbench.core.finetune.FinetuneModel;
import org.bertworkbench.core.finetune.HeadConfig;
import org.bertworkbench.core.finetune.ModelInputs;
import org.bertworkbench.core.finetune.Prediction;
import org.bertworkbench.core.finetune.Predictor;
import org.bertworkbench.core.finetune.SpanPrediction;
import org.bertworkbench.core.finetune.TagPrediction;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A fine-tuned model's predictions over a corpus on Spark, written as Parquet by Spark's own
 * writer: each partition runs the single-machine {@code predict}'s {@link Predictor} over its lines.
 * A pair or QA model needs two columns: a line without the TAB is bad.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Predict with a fine-tuned model over every line (a TAB between text A and text B; qa: the"
        + " question, a TAB, the paragraph), as the single-machine predict does, written to --output as Parquet:"
        + " file, line, text, text_b, then label, confidence, probabilities (classify, pair), answer, start, end,"
        + " score (qa), tokens, tags (tag).",
        "Prints one JSON object: {\"output\", \"rows\", \"bad_lines\", \"task\"}."})
final class SparkPredictCommand extends SparkJob {

  /** Inputs a task predicts at a time. */
  static final int CHUNK = 2048;

  /**
   * The rows as tasks make them: the probabilities as two arrays (labels, values), which {@link
   * #COLUMNS} turns into one map column. A Row's map value must be a Scala map, and Scala's converters
   * differ in binary form between Scala 2.12 and 2.13; Spark's own map_from_arrays does not.
   */
  static final StructType SCHEMA = new StructType()
      .add("file", DataTypes.StringType, false)
      .add("line", DataTypes.LongType, false)
      .add("text", DataTypes.StringType, false)
      .add("text_b", DataTypes.StringType, true)
      .add("label", DataTypes.StringType, true)
      .add("confidence", DataTypes.DoubleType, true)
      .add("probability_labels", DataTypes.createArrayType(DataTypes.StringType, false), true)
      .add("probability_values", DataTypes.createArrayType(DataTypes.DoubleType, false), true)
      .add("answer", DataTypes.StringType, true)
      .add("start", DataTypes.IntegerType, true)
      .add("end", DataTypes.IntegerType, true)
      .add("score", DataTypes.DoubleType, true)
      .add("tokens", DataTypes.createArrayType(DataTypes.StringType, false), true)
      .add("tags", DataTypes.createArrayType(DataTypes.StringType, false), true);

  /** The Parquet columns: {@link #SCHEMA}'s, the probabilities one map {@code label -> probability}. */
  static final Column[] COLUMNS = {col("file"), col("line"), col("text"), col("text_b"), col("label"),
      col("confidence"), map_from_arrays(col("probability_labels"), col("probability_values")).as("probabilities"),
      col("answer"), col("start"), col("end"), col("score"), col("tokens"), col("tags")};

  @Option(names = "--model", required = true, paramLabel = "PATH",
      description = "a fine-tuned model folder (RUN_DIR/model, or one saved by Python's transformers); local, or "
          + "hdfs://... with --ship-model")
  String model;

  @Option(names = "--batch-size", defaultValue = "" + Predictor.BATCH,
      description = "rows per forward pass, shortest first; results do not depend on it (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--feature", paramLabel = "NAME=VALUE", description = "a numeric feature the model reads (repeat for each)")
  Map<String, Double> features;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "the Parquet folder to write (local or hdfs://...); bad lines go to DIR/_bad-lines")
  String output;

  @Override
  String job() {
    return "predict";
  }

  @Override
  void validate() {
    checkBatchSize(batchSize);
  }

  @Override
  void run(SparkSession spark, JavaSparkContext sc, PrintWriter out, PrintWriter err) throws Exception {
    prepareOutput(sc, output);
    ModelRef ref = model(spark, sc, model);
    HeadConfig head = ExecutorModels.finetuned(ref).head();
    double[] featureValues = ModelInputs.featureValues(head, features);
    TaskKind task = head.task();
    boolean pair = task == TaskKind.PAIR || task == TaskKind.QA;
    JavaRDD<InputLine> lines = input.read(sc, pair ? InputLine.Layout.PAIR : InputLine.Layout.OPTIONAL_PAIR)
        .persist(StorageLevel.MEMORY_AND_DISK());
    BadLines bad = BadLines.check(spark, lines, input.maxLineBytes, badLinesDir(output), input.failOnBadLines);
    if (bad.inputs() == 0) {
      throw new BadInputException(Message.of(SparkPredictCommand.class, "Input.noInput",
          String.join(", ", input.inputs)));
    }
    int batch = batchSize;
    JavaRDD<Row> predicted = lines.filter(InputLine::isInput)
        .mapPartitions(it -> predict(ref, featureValues, batch, it));
    spark.createDataFrame(predicted, SCHEMA).select(COLUMNS).write().parquet(output);
    bad.report(spark, lines, input.maxLineBytes, badLinesDir(output), err);
    lines.unpersist();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("output", output);
    doc.put("rows", bad.inputs());
    doc.put("bad_lines", bad.count());
    doc.put("task", task.cliName());
    out.println(SparkAttentionStatsCommand.JSON.toJson(doc));
  }

  /** One partition's rows, CHUNK inputs at a time through the single-machine Predictor. */
  static Iterator<Row> predict(ModelRef ref, double[] features, int batch, Iterator<InputLine> lines)
      throws Exception {
    if (!lines.hasNext()) {
      return Collections.emptyIterator();
    }
    FinetuneModel m = ExecutorModels.finetuned(ref);
    ExecutorModels.forTask();
    Predictor predictor = new Predictor(m, batch);
    HeadConfig head = m.head();
    boolean text = head.task() != TaskKind.QA && head.task() != TaskKind.TAG;
    return Chunks.map(lines, CHUNK, chunk -> {
      List<Example> examples = new ArrayList<>(chunk.size());
      for (InputLine l : chunk) {
        examples.add(ModelInputs.unlabelled(head, (int) l.line(), l.a(), l.b(), text ? features : null));
      }
      List<Prediction> predictions = predictor.predict(examples, Progress.NONE);
      List<Row> out = new ArrayList<>(chunk.size());
      for (int i = 0; i < chunk.size(); i++) {
        out.add(row(chunk.get(i), predictions.get(i)));
      }
      return out;
    });
  }

  static Row row(InputLine l, Prediction p) {
    Object[] v = new Object[SCHEMA.size()];
    v[0] = l.file();
    v[1] = l.line();
    v[2] = l.a();
    v[3] = l.b();
    if (p instanceof ClassPrediction c) {
      v[4] = c.label();
      v[5] = c.confidence();
      v[6] = c.labels().toArray(String[]::new);
      v[7] = c.probabilities().clone();
    } else if (p instanceof SpanPrediction s) {
      v[8] = s.answer();
      v[9] = s.start();
      v[10] = s.end();
      v[11] = s.score();
    } else if (p instanceof TagPrediction t) {
      v[12] = t.words().toArray(String[]::new);
      v[13] = t.tags().toArray(String[]::new);
    }
    return RowFactory.create(v);
  }

}
