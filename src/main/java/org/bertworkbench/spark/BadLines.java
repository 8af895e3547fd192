package org.bertworkbench.spark;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * The bad lines of a job's input: counted (by problem), the first few said on standard error, all
 * of them listed as JSON lines ({@code {"file", "line", "problem", "message"}}, sorted by file and
 * line) in a folder, or the job stopped when {@code --fail-on-bad-lines} asks.
 */
final class BadLines {

  private static final String INPUT = "input";
  private static final String BLANK = "blank";

  /** How many bad lines standard error names one by one. */
  static final int SHOWN = 10;

  /** The listing's columns. */
  static final StructType SCHEMA = new StructType()
      .add("file", DataTypes.StringType, false)
      .add("line", DataTypes.LongType, false)
      .add("problem", DataTypes.StringType, false)
      .add("message", DataTypes.StringType, false);

  private final long count;
  private final long inputs;
  private final Map<InputLine.Problem, Long> byProblem;

  private BadLines(long count, long inputs, Map<InputLine.Problem, Long> byProblem) {
    this.count = count;
    this.inputs = inputs;
    this.byProblem = byProblem;
  }

  /** How many lines are bad. */
  long count() {
    return count;
  }

  /** How many lines are inputs (neither bad nor blank). */
  long inputs() {
    return inputs;
  }

  /**
   * Counts the bad lines (a pass over the input that runs no model); with {@code fail}, lists them
   * in {@code dir} (none when null) and stops the job when there is one.
   *
   * @throws BadInputException with --fail-on-bad-lines and a bad line, naming the first
   */
  static BadLines check(SparkSession spark, JavaRDD<InputLine> lines, int maxBytes, String dir, boolean fail) {
    Map<String, Long> counted = lines.map(l -> l.isBad() ? l.problem().name() : l.isInput() ? INPUT : BLANK)
        .countByValue();
    Map<InputLine.Problem, Long> byProblem = new EnumMap<>(InputLine.Problem.class);
    counted.forEach((k, v) -> {
      if (!k.equals(INPUT) && !k.equals(BLANK)) {
        byProblem.put(InputLine.Problem.valueOf(k), v);
      }
    });
    long count = byProblem.values().stream().mapToLong(Long::longValue).sum();
    BadLines result = new BadLines(count, counted.getOrDefault(INPUT, 0L), byProblem);
    if (count > 0 && fail) {
      InputLine l = result.first(lines).get(0);
      result.write(spark, lines, maxBytes, dir);
      throw new BadInputException(Message.of(BadLines.class, "BadLines.fail", count, l.file(), l.line(),
          l.problemMessage(maxBytes), where(dir)));
    }
    return result;
  }

  /**
   * Lists the bad lines in {@code dir} (none when null) and says so on {@code err}, the first
   * {@value #SHOWN} one by one. Called after the job has written its output, since the default
   * {@code dir} is inside it.
   */
  void report(SparkSession spark, JavaRDD<InputLine> lines, int maxBytes, String dir, PrintWriter err) {
    if (count == 0) {
      return;
    }
    write(spark, lines, maxBytes, dir);
    err.println("note: " + Message.of(BadLines.class, "BadLines.skipped", count, summary(), where(dir)).english());
    List<InputLine> first = first(lines);
    for (InputLine l : first) {
      err.println("  " + l.file() + ":" + l.line() + ": " + l.problemMessage(maxBytes).english());
    }
    if (count > first.size()) {
      err.println("  " + Message.of(BadLines.class, "BadLines.more", count - first.size()).english());
    }
    err.flush();
  }

  private static Message where(String dir) {
    return dir == null ? Message.of(BadLines.class, "BadLines.notListed")
        : Message.of(BadLines.class, "BadLines.listedIn", dir);
  }

  /** The first bad lines by file and line. */
  private List<InputLine> first(JavaRDD<InputLine> lines) {
    JavaRDD<InputLine> bad = lines.filter(InputLine::isBad);
    return bad.sortBy(l -> l.file() + "\u0000" + String.format("%020d", l.line()), true, bad.getNumPartitions())
        .take(SHOWN);
  }

  /** Every bad line as a JSON line in {@code dir}, one file sorted by file and line (nothing when null). */
  private void write(SparkSession spark, JavaRDD<InputLine> lines, int maxBytes, String dir) {
    if (dir == null) {
      return;
    }
    JavaRDD<Row> rows = lines.filter(InputLine::isBad).map(l -> RowFactory.create(l.file(), l.line(),
        l.problem().key(), l.problemMessage(maxBytes).english()));
    spark.createDataFrame(rows, SCHEMA).orderBy("file", "line").coalesce(1).write().mode(SaveMode.Overwrite)
        .json(dir);
  }

  /** "2 not UTF-8, 1 too long" */
  String summary() {
    return byProblem.entrySet().stream()
        .map(e -> e.getValue() + " " + Message.of(BadLines.class, "BadLines.kind." + e.getKey().key()).english())
        .collect(Collectors.joining(", "));
  }
}
