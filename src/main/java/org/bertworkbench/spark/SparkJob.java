package org.bertworkbench.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A corpus job on Spark: opens a session ({@link SparkOptions}), reads and checks the input
 * ({@link CorpusInput}), runs, and stops the session and closes this JVM's models at the end.
 */
abstract class SparkJob implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  SparkOptions sparkOptions;

  @Mixin
  CorpusInput input;

  @Option(names = "--ship-model", paramLabel = "WHEN", defaultValue = "auto",
      description = "send the model folder to the executors with SparkContext.addFile: auto (when the master is "
          + "not local, or the folder is a URI such as hdfs://...), yes, no (the path is on every node) "
          + "(default: ${DEFAULT-VALUE})")
  String shipModel;

  @Option(names = "--overwrite", description = "replace --output when it exists")
  boolean overwrite;

  /** The job's name, as Spark's application name says it. */
  abstract String job();

  /** Checks the command's own options before Spark starts. */
  void validate() {}

  /** Does the job. */
  abstract void run(SparkSession spark, JavaSparkContext sc, PrintWriter out, PrintWriter err) throws Exception;

  @Override
  public final Integer call() throws Exception {
    validate();
    ship();
    SparkSession spark = sparkOptions.open(job());
    try {
      run(spark, JavaSparkContext.fromSparkContext(spark.sparkContext()), spec.commandLine().getOut(),
          spec.commandLine().getErr());
    } finally {
      ExecutorModels.closeAll();
      spark.stop();
    }
    return 0;
  }

  /** --ship-model as a value. */
  final ModelRef.Ship ship() {
    try {
      return ModelRef.Ship.valueOf(shipModel.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--ship-model takes auto, yes or no, got \"" + shipModel + "\"");
    }
  }

  /** Where the executors find the model named by --model. */
  final ModelRef model(SparkSession spark, JavaSparkContext sc, String given) {
    return ModelRef.of(sc, given, ship(), SparkOptions.isLocal(sc.master()));
  }

  /** --bad-lines, else OUTPUT/_bad-lines (a name Spark's readers skip), else none. */
  final String badLinesDir(String output) {
    if (input.badLines != null) {
      return input.badLines;
    }
    return output == null ? null : output.replaceAll("/+$", "") + "/_bad-lines";
  }

  /** Refuses an existing output folder unless --overwrite; removes it with --overwrite. */
  final void prepareOutput(JavaSparkContext sc, String output) {
    Path path = new Path(output);
    try {
      FileSystem fs = path.getFileSystem(sc.hadoopConfiguration());
      if (fs.exists(path)) {
        if (!overwrite) {
          throw new BadInputException(Message.of(SparkJob.class, "Output.exists", output));
        }
        fs.delete(path, true);
      }
    } catch (IOException e) {
      throw new BadInputException(Message.of(SparkJob.class, "Output.cannotWrite", output,
          Message.verbatim(e.getMessage())), e);
    }
  }
}
