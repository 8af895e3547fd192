package org.bertworkbench.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.bertworkbench.core.analysis.SentenceEmbedding;
import org.bertworkbench.core.analysis.SentencePooling;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sentence embeddings of a corpus on Spark, written as Parquet by Spark's own writer: each
 * partition runs {@link SentenceEmbedding#embed} (the single-machine {@code embed}'s code, batched
 * the same way) over its lines. One row per sentence: {@code file}, {@code line}, {@code text},
 * {@code tokens}, {@code embedding} (float array), {@code truncated}, {@code removed_pieces}.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = {"Sentence embeddings of every line (the whole line is the sentence), pooled as the model says, as"
        + " the single-machine embed computes them, written to --output as Parquet (Spark's writer): columns file,"
        + " line, text, tokens, embedding, truncated, removed_pieces.",
        "Prints one JSON object: {\"output\", \"rows\", \"bad_lines\", \"pooling\", \"pooling_from\", \"unit_length\"}."})
final class SparkEmbedCommand extends SparkJob {

  /** Sentences a task embeds at a time. */
  static final int CHUNK = 2048;

  static final StructType SCHEMA = new StructType()
      .add("file", DataTypes.StringType, false)
      .add("line", DataTypes.LongType, false)
      .add("text", DataTypes.StringType, false)
      .add("tokens", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false)
      .add("truncated", DataTypes.BooleanType, false)
      .add("removed_pieces", DataTypes.IntegerType, false);

  @Option(names = "--model", defaultValue = "all-minilm-l6-v2",
      description = "a known model name or a model folder (local, or hdfs://... with --ship-model) "
          + "(default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--pooling", paramLabel = "MODE",
      description = "mean, cls or max instead of the model's own pooling (its normalisation stays)")
  String pooling;

  @Option(names = "--max-length", paramLabel = "N",
      description = "longest input in word pieces, [CLS] and [SEP] included (default: the model's "
          + "max_seq_length, else its position limit)")
  Integer maxLength;

  @Option(names = "--batch-size", defaultValue = "" + SentenceEmbedding.DEFAULT_BATCH,
      description = "sentences per forward pass; results do not depend on it (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "the Parquet folder to write (local or hdfs://...); bad lines go to DIR/_bad-lines")
  String output;

  @Override
  String job() {
    return "embed";
  }

  @Override
  void validate() {
    checkBatchSize(batchSize);
  }

  @Override
  void run(SparkSession spark, JavaSparkContext sc, PrintWriter out, PrintWriter err) throws Exception {
    SentencePooling.Mode override = pooling == null ? null : SentencePooling.Mode.parse(pooling);
    prepareOutput(sc, output);
    Base base = baseModel(sc, model);
    ModelRef ref = base.ref();
    LoadedBert loaded = base.here();
    SentencePooling said = SentencePooling.of(loaded);
    SentencePooling used = override == null ? said : said.withMode(override);
    int limit = used.limit(loaded, maxLength);
    JavaRDD<InputLine> lines = input.read(sc, InputLine.Layout.SENTENCE).persist(StorageLevel.MEMORY_AND_DISK());
    BadLines bad = BadLines.check(spark, lines, input.maxLineBytes, badLinesDir(output), input.failOnBadLines);
    if (bad.inputs() == 0) {
      throw new BadInputException(Message.of(SparkEmbedCommand.class, "Input.noInput",
          String.join(", ", input.inputs)));
    }
    int batch = batchSize;
    SentencePooling.Mode mode = used.mode();
    boolean normalize = used.normalize();
    int maxSeq = used.maxSeqLength();
    String source = used.source();
    LongAccumulator rows = sc.sc().longAccumulator("rows");
    LongAccumulator truncated = sc.sc().longAccumulator("truncated");
    JavaRDD<Row> embedded = lines.filter(InputLine::isInput).mapPartitions(it -> embed(ref,
        new SentencePooling(mode, normalize, maxSeq, source), limit, batch, it, rows, truncated));
    spark.createDataFrame(embedded, SCHEMA).write().parquet(output);
    bad.report(spark, lines, input.maxLineBytes, badLinesDir(output), err);
    lines.unpersist();
    if (truncated.value() > 0) {
      err.println("note: " + Message.of(SparkEmbedCommand.class, "Truncated.count", truncated.value(), limit)
          .english());
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("output", output);
    doc.put("rows", bad.inputs());
    doc.put("bad_lines", bad.count());
    doc.put("pooling", used.mode().cliName());
    doc.put("pooling_from", used.source());
    doc.put("unit_length", used.normalize());
    out.println(SparkAttentionStatsCommand.JSON.toJson(doc));
  }

  /** One partition's rows, CHUNK sentences at a time through the single-machine code. */
  static Iterator<Row> embed(ModelRef ref, SentencePooling pooling, int limit, int batch, Iterator<InputLine> lines,
      LongAccumulator rows, LongAccumulator truncated) throws Exception {
    if (!lines.hasNext()) {
      return java.util.Collections.emptyIterator();
    }
    LoadedBert loaded = ExecutorModels.base(ref);
    ExecutorModels.forTask();
    return Chunks.map(lines, CHUNK, chunk -> {
      List<SentenceEmbedding.Embedded> vectors = SentenceEmbedding.embed(loaded,
          chunk.stream().map(InputLine::a).toList(), pooling, limit, batch, ForwardOptions.INFERENCE, Progress.NONE);
      List<Row> out = new ArrayList<>(chunk.size());
      for (int i = 0; i < chunk.size(); i++) {
        InputLine l = chunk.get(i);
        SentenceEmbedding.Embedded e = vectors.get(i);
        out.add(RowFactory.create(l.file(), l.line(), l.a(), e.tokens().toArray(String[]::new), e.vector(),
            e.truncated(), e.removedPieces()));
        truncated.add(e.truncated() ? 1 : 0);
      }
      rows.add(chunk.size());
      return out;
    });
  }

}
