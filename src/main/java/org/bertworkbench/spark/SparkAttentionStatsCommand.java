package org.bertworkbench.spark;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.bertworkbench.core.analysis.HeadStatistics;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Clark et al.'s head statistics over a corpus on Spark: each partition runs {@link
 * HeadStatistics#accumulate} (the single-machine command's code, batched the same way) into its own
 * sums and counts, and the driver merges them in partition order and divides once, so the result
 * is the single-machine command's, not a mean of the partitions' means.
 */
@Command(name = "attention-stats", mixinStandardHelpOptions = true,
    description = {"Per layer and head: the entropy of attention and the share of attention to [CLS], [SEP],"
        + " punctuation, the token itself, the previous and the next token (Clark et al. 2019), pooled over every"
        + " token of every input line, as the single-machine attention-stats computes them.",
        "With --json: {\"layers\", \"heads\", \"stats\": {...}, \"bad_lines\": n}, each statistic a [layers][heads]"
            + " array."})
final class SparkAttentionStatsCommand extends SparkJob {

  /** Lines a task encodes and runs at a time (sorted by length inside, as the single-machine command sorts). */
  static final int CHUNK = 2048;

  static final Gson JSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

  @Option(names = "--model", defaultValue = "bert-base-uncased",
      description = "a known model name or a model folder (local, or hdfs://... with --ship-model) "
          + "(default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--max-length", defaultValue = "512",
      description = "longest input in word pieces, [CLS] and [SEP] included (default: ${DEFAULT-VALUE})")
  int maxLength;

  @Option(names = "--batch-size", defaultValue = "" + HeadStatistics.DEFAULT_BATCH,
      description = "inputs per forward pass, shortest first; results do not depend on it (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--pairs", description = "every line is sentence A, a TAB and sentence B: a line without a TAB is bad")
  boolean pairs;

  @Option(names = "--json", description = "print the statistics as one JSON object")
  boolean json;

  @Option(names = "--output", paramLabel = "DIR",
      description = "also write DIR/attention-stats.json (and DIR/_bad-lines); local or hdfs://...")
  String output;

  @Override
  String job() {
    return "attention-stats";
  }

  @Override
  void validate() {
    checkBatchSize(batchSize);
    if (maxLength < 3) {
      throw new IllegalArgumentException("--max-length must be at least 3 ([CLS], one piece, [SEP]), got " + maxLength);
    }
  }

  @Override
  void run(SparkSession spark, JavaSparkContext sc, PrintWriter out, PrintWriter err) throws Exception {
    if (output != null) {
      prepareOutput(sc, output);
    }
    ModelRef ref = baseModel(sc, model).ref();
    JavaRDD<InputLine> lines = input.read(sc, pairs ? InputLine.Layout.PAIR : InputLine.Layout.OPTIONAL_PAIR)
        .persist(StorageLevel.MEMORY_AND_DISK());
    BadLines bad = BadLines.check(spark, lines, input.maxLineBytes, badLinesDir(output), input.failOnBadLines);
    if (bad.inputs() == 0) {
      throw new BadInputException(Message.of(SparkAttentionStatsCommand.class, "Input.noInput",
          String.join(", ", input.inputs)));
    }
    int max = maxLength;
    int batch = batchSize;
    LongAccumulator truncated = sc.sc().longAccumulator("truncated");
    List<HeadStatistics.Accumulator> parts = lines.filter(InputLine::isInput)
        .mapPartitions(it -> List.of(statistics(ref, it, max, batch, truncated)).iterator()).collect();
    HeadStatistics.Accumulator total = new HeadStatistics.Accumulator();
    parts.forEach(total::merge); // in partition order: the same sums on every run
    if (total.isEmpty()) {
      throw new BadInputException(Message.of(HeadStatistics.class, "HeadStatistics.noInputs"));
    }
    if (truncated.value() > 0) {
      err.println("note: " + Message.of(SparkAttentionStatsCommand.class, "Truncated.count", truncated.value(), max)
          .english());
    }
    HeadStatistics stats = total.result();
    String doc = JSON.toJson(document(stats, bad.count()));
    if (output != null) {
      Path file = new Path(output, "attention-stats.json");
      FileSystem fs = file.getFileSystem(sc.hadoopConfiguration());
      try (OutputStream o = fs.create(file, true)) {
        o.write((doc + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    bad.report(spark, lines, input.maxLineBytes, badLinesDir(output), err);
    lines.unpersist();
    if (json) {
      out.println(doc);
    } else {
      table(stats, bad.count(), out);
    }
  }

  /** One partition's sums and counts, its lines run CHUNK at a time through the single-machine code. */
  static HeadStatistics.Accumulator statistics(ModelRef ref, Iterator<InputLine> lines, int maxLength, int batch,
      LongAccumulator truncated) throws Exception {
    HeadStatistics.Accumulator acc = new HeadStatistics.Accumulator();
    if (!lines.hasNext()) {
      return acc;
    }
    LoadedBert loaded = ExecutorModels.base(ref);
    ExecutorModels.forTask();
    List<Encoding> chunk = new ArrayList<>();
    while (lines.hasNext()) {
      InputLine l = lines.next();
      Encoding e = loaded.encode(l.a(), l.b(), maxLength);
      if (e.truncated()) {
        truncated.add(1);
      }
      chunk.add(e);
      if (chunk.size() == CHUNK || !lines.hasNext()) {
        HeadStatistics.accumulate(loaded.model(), chunk, ForwardOptions.INFERENCE, batch, Progress.NONE, acc);
        chunk.clear();
      }
    }
    return acc;
  }

  /** What the single-machine {@code attention-stats --json} prints, with the count of bad lines after it. */
  static Map<String, Object> document(HeadStatistics stats, long badLines) {
    Map<String, Object> doc = stats.document();
    doc.put("bad_lines", badLines);
    return doc;
  }

  /** The single-machine command's table. */
  static void table(HeadStatistics stats, long badLines, PrintWriter out) {
    out.printf("%d inputs, %d tokens, %d bad lines skipped%n", stats.inputs(), stats.tokens(), badLines);
    stats.tableLines().forEach(out::println);
  }
}
