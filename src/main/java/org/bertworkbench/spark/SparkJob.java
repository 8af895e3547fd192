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

  /** Refuses a --batch-size below 1 (every job takes one). */
  static void checkBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }
  }

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
      for (java.nio.file.Path p : written) {
        deleteTree(p);
      }
    }
    return 0;
  }

  private static void deleteTree(java.nio.file.Path root) throws IOException {
    try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.walk(root)) {
      for (java.nio.file.Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.deleteIfExists(p);
      }
    }
  }

  /** --ship-model as a value. */
  final ModelRef.Ship ship() {
    try {
      return ModelRef.Ship.valueOf(shipModel.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--ship-model takes auto, yes or no, got \"" + shipModel + "\"");
    }
  }

  /** Folders this job wrote to ship a named model; removed when it ends. */
  private final java.util.List<java.nio.file.Path> written = new java.util.ArrayList<>();

  /** Where the executors find the fine-tuned model named by --model (always a folder). */
  final ModelRef model(SparkSession spark, JavaSparkContext sc, String given) {
    return ModelRef.of(sc, given, ship(), SparkOptions.isLocal(sc.master()));
  }

  /**
   * Where the executors find the base model named by --model, opened here first (so that a bad one
   * is refused before any task runs). A known name that is to be shipped (a cluster, or --ship-model
   * yes) is written by the driver as a model folder (config.json, vocab.txt, model.safetensors) and
   * shipped as a folder is: the executors need not have the name's files.
   */
  final Base baseModel(JavaSparkContext sc, String given) throws Exception {
    boolean local = SparkOptions.isLocal(sc.master());
    ModelRef ref = ModelRef.of(sc, given, ship(), local);
    org.bertworkbench.core.load.LoadedBert loaded = ExecutorModels.base(ref);
    boolean named = ref.shipped() == null && !ModelRef.isUri(given) && !java.nio.file.Files.isDirectory(
        java.nio.file.Path.of(given));
    if (named && ModelRef.sends(ship(), false, local)) {
      java.nio.file.Path parent = java.nio.file.Files.createTempDirectory("bert-workbench-ship-");
      written.add(parent);
      java.nio.file.Path folder = parent.resolve(given.replaceAll("[^A-Za-z0-9._-]", "_"));
      loaded.save(folder);
      ref = ModelRef.shipFolder(sc, given, folder.toUri().toString());
    }
    return new Base(ref, loaded);
  }

  /**
   * A base model for a job.
   *
   * @param ref where the executors find it
   * @param here the driver's copy, opened from what --model said (a known name's pooling is in our catalog)
   */
  record Base(ModelRef ref, org.bertworkbench.core.load.LoadedBert here) {}

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
