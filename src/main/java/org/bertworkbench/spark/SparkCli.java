package org.bertworkbench.spark;

import java.io.PrintWriter;
import org.bertworkbench.core.job.UserMessages;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The Spark jar's command line: the corpus jobs, with the single-machine commands' one-line errors. */
@Command(name = "bert-workbench-spark",
    mixinStandardHelpOptions = true,
    version = "BERT Workbench 0.1.0 (Apache Spark)",
    description = "The corpus jobs of BERT Workbench as Apache Spark jobs: attention-stats, embed and predict over "
        + "files (local paths, hdfs://, any Hadoop file system). Run with java -jar (--master local[N]) or "
        + "spark-submit --class org.bertworkbench.spark.SparkMain.",
    subcommands = {SparkAttentionStatsCommand.class, SparkEmbedCommand.class, SparkPredictCommand.class})
public final class SparkCli {

  private SparkCli() {}

  /** Runs the command line and returns the process exit code; never lets a stack trace through. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new SparkCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("error: " + UserMessages.of(cause(e)));
      commandLine.getErr().flush();
      return 1;
    });
    cli.setParameterExceptionHandler((e, args2) -> {
      CommandLine c = e.getCommandLine();
      c.getErr().println("error: " + e.getMessage() + " (try: " + c.getCommandSpec().qualifiedName() + " --help)");
      c.getErr().flush();
      return 2;
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Entry point for {@link SparkMain}. */
  public static int run(String[] args) {
    return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
  }

  /**
   * What failed, under Spark's wrappers: a task's exception reaches the driver inside a {@code
   * SparkException} ("Job aborted due to stage failure: ... most recent failure: ..."), whose first
   * line says nothing a user can act on; its cause is our own one-line refusal.
   */
  static Throwable cause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t && t.getClass().getName().startsWith("org.apache.spark.")) {
      t = t.getCause();
    }
    return t;
  }
}
